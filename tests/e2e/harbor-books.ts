import type { BrowserContext, Locator, Page } from '@playwright/test'
import { expect, openApp, type RelinkHarness } from './fixtures'
import { sandboxUser, signInThroughBrowser } from './sandbox-sign-in'

const DAY = 86_400_000

type Stream = 'channel_metrics' | 'comments'

/** Opens one of the main screens from the navigation. */
export async function goTo(page: Page, screen: string | RegExp): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: screen }).click()
}

/**
 * Waits for the reads Relink starts with (every channel's comments, mentions and metrics) to finish.
 * Not "Sync now": that reads again after a read under way, and a second metrics read at once waits
 * for the networks' request allowance, which on the test's standing clock never comes back.
 */
export async function firstReadsDone(relink: RelinkHarness): Promise<void> {
  await relink.core.started
  await relink.core.sync.whenIdle()
}

/** The Inbox once the first reads are in, its list on screen; returns the list. */
export async function openInbox(page: Page, relink: RelinkHarness): Promise<Locator> {
  await firstReadsDone(relink)
  await openApp(page)
  await goTo(page, /^Inbox/)
  const list = page.getByTestId('inbox-list')
  await expect(list).toBeVisible()
  return list
}

export async function openAnalytics(page: Page): Promise<void> {
  await openApp(page)
  await goTo(page, 'Analytics')
}

/**
 * Sam Lee alone reaches Harbor Books (Facebook): removing Relink's access on the network
 * disconnects it. `meanwhile` runs right after the removal (a sync that meets it); the check that
 * finds it comes `days` later. Returns Sam, to sign in again with.
 */
export async function disconnectHarborBooks(relink: RelinkHarness, days: number, meanwhile?: () => Promise<unknown>) {
  const sam = sandboxUser(relink, 'sam.lee')
  await relink.core.handlers['sandbox:apply-control']({ control: 'remove_app', network: 'facebook', userId: sam.id })
  await meanwhile?.()
  relink.ports.clock.advance(days * DAY)
  await relink.core.handlers['connections:check-now'](undefined)
  return sam
}

/**
 * Refresh connection on Sam's card in Connection health, through the browser's sign-in page, then
 * waits until the stream's gap on Harbor Books is read back. Returns the page's channel id.
 */
export async function reconnectHarborBooks(
  page: Page,
  context: BrowserContext,
  relink: RelinkHarness,
  sam: { handle: string; password: string },
  stream: Stream,
): Promise<string> {
  await goTo(page, 'Connection health')
  const samCard = page.getByRole('main').getByRole('listitem', { name: 'Sam Lee, Facebook' })
  await signInThroughBrowser(context, () => samCard.getByRole('button', { name: /^Refresh connection/ }).click(), sam)
  const books = (await relink.core.handlers['channels:list'](undefined)).find((c) => c.network === 'facebook' && c.name === 'Harbor Books')
  if (!books) throw new Error('no Harbor Books page')
  await expect
    .poll(async () => (await relink.core.handlers['sync:list-gaps']({ channelIds: [books.id], streams: [stream] })).map((g) => g.state), { timeout: 15_000 })
    .toEqual(['closed'])
  return books.id
}
