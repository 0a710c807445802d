import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeJpeg } from '../fakes/jpeg'
import { expect, openApp, test, type Page, type RelinkHarness } from './fixtures'
import { sandboxUser, signInThroughBrowser } from './sandbox-sign-in'

// The demo starts on Monday 5 January 2026, 09:00 (UTC here, so times read the same everywhere).
test.use({ demo: { seedDemo: true }, locale: 'en-GB', timezoneId: 'UTC' })

const MINUTE = 60_000

const card = (page: Page, name: string) => page.getByRole('main').getByRole('listitem', { name })
const releaseDialog = (page: Page) => page.getByRole('dialog', { name: 'Release held posts' })

async function channelId(relink: RelinkHarness, network: string, name: string): Promise<string> {
  const channel = (await relink.core.handlers['channels:list'](undefined)).find((c) => c.network === network && c.name === name)
  if (!channel) throw new Error(`No ${network} channel ${name}`)
  return channel.id
}

/** Posts on the sandbox network with this text (Relink appends its reconciliation marker after a blank line). */
function postsOnSandbox(relink: RelinkHarness, text: string): number {
  return [...(relink.sandbox?.world.posts.values() ?? [])].filter((p) => p.text.split('\n\n')[0] === text).length
}

test('a Meta person is one profile: after a password change, one Refresh connection heals every page and Instagram account, and the held posts on both publish once', async ({
  page,
  context,
  relink,
}, testInfo) => {
  test.slow()
  const sam = sandboxUser(relink, 'sam.lee')
  const profiles = await relink.core.handlers['connections:list-profiles'](undefined)
  // One profile for Sam: no separate Instagram sign-in exists to go stale.
  expect(profiles.filter((p) => p.handle === sam.handle).map((p) => p.network)).toEqual(['facebook'])
  const samId = profiles.find((p) => p.handle === sam.handle)?.id ?? ''
  const samChannels = (await relink.core.handlers['connections:get-profile']({ profileId: samId })).channels
  expect(new Set(samChannels.map((c) => c.network))).toEqual(new Set(['facebook', 'instagram']))

  // One post on Harbor Books' page and one on its Instagram account: only Sam reaches them.
  const image = writeJpeg(mkdtempSync(join(tmpdir(), 'relink-meta-')))
  // Relink reads only files picked in its own dialog: pick it as the composer's Add image would.
  relink.ports.pickedFiles.push(image)
  expect(await relink.core.handlers['schedule:pick-image'](undefined)).toMatchObject({ path: image })
  const pageText = 'Harbor Books: poetry night on Friday'
  const igText = 'New arrivals on the front table'
  const at = relink.ports.clock.now() + 5 * MINUTE
  for (const [text, network, extra] of [
    [pageText, 'facebook', {}],
    [igText, 'instagram', { image: { path: image } }],
  ] as const) {
    const { problems } = await relink.core.handlers['schedule:create-post']({ text, channelIds: [await channelId(relink, network, 'Harbor Books')], publishAt: at, timeZone: 'UTC', ...extra })
    expect(problems).toEqual([])
  }

  await openApp(page, '#/settings')
  const controls = page.getByRole('region', { name: 'Sandbox controls' })
  await controls.getByRole('combobox', { name: 'Network' }).selectOption({ label: 'Facebook and Instagram' })
  await controls.getByRole('combobox', { name: 'User' }).selectOption({ label: 'Sam Lee (sam.lee)' })
  await controls.getByRole('button', { name: 'Change password', exact: true }).click()
  await expect(page.getByText(/Relink has checked every connection\./).last()).toBeVisible()
  relink.ports.clock.advance(6 * MINUTE)
  await relink.core.scheduler.whenIdle()
  await expect.poll(async () => (await relink.core.handlers['schedule:list-held'](undefined)).length).toBe(2)
  expect(postsOnSandbox(relink, pageText) + postsOnSandbox(relink, igText)).toBe(0)

  await page.keyboard.press('Alt+2')
  const samCard = card(page, 'Sam Lee, Facebook')
  await expect(samCard).toContainText('Password changed')
  await expect(samCard).toContainText('Facebook and Instagram')
  await signInThroughBrowser(context, () => samCard.getByRole('button', { name: /^Refresh connection/ }).click(), sam)

  // The toast counts what really works now: every page and Instagram account of Sam's.
  await expect(page.getByText(`Reconnected Sam Lee on Facebook and Instagram. All ${samChannels.length} of its channels work in every brand.`)).toBeVisible()
  const dialog = releaseDialog(page)
  await expect(dialog).toBeVisible()
  const rows = dialog.getByRole('list', { name: 'Held posts' }).getByRole('listitem')
  await expect(rows).toHaveCount(2)
  await expect(rows.filter({ hasText: pageText })).toHaveCount(1)
  await expect(rows.filter({ hasText: igText })).toHaveCount(1)
  await page.screenshot({ path: testInfo.outputPath('meta-release-1280.png') })
  await dialog.getByRole('combobox', { name: 'For every post' }).selectOption({ label: 'Publish now' })
  await dialog.getByRole('button', { name: 'Release posts' }).click()
  await expect(dialog).toBeHidden()

  await relink.core.scheduler.whenIdle()
  await expect.poll(() => postsOnSandbox(relink, pageText)).toBe(1)
  await expect.poll(() => postsOnSandbox(relink, igText)).toBe(1)
  const channels = await relink.core.handlers['channels:list'](undefined)
  const ids = new Set(samChannels.map((c) => c.id))
  expect(channels.filter((c) => ids.has(c.id)).map((c) => c.health)).toEqual(samChannels.map(() => 'healthy'))
  // Running on sends neither a second time.
  relink.ports.clock.advance(30 * MINUTE)
  await relink.core.scheduler.whenIdle()
  expect([postsOnSandbox(relink, pageText), postsOnSandbox(relink, igText)]).toEqual([1, 1])

  await expect(samCard).not.toContainText('Password changed')
  await page.screenshot({ path: testInfo.outputPath('meta-health-1280.png') })
  await page.setViewportSize({ width: 900, height: 600 })
  await page.screenshot({ path: testInfo.outputPath('meta-health-900.png') })
})

test('Connect a profile offers Facebook and Instagram as one sign-in', async ({ page }, testInfo) => {
  await openApp(page, '#/health')
  await page.getByRole('main').getByRole('button', { name: 'Connect a profile' }).click()
  const dialog = page.getByRole('dialog', { name: 'Connect a profile' })
  await expect(dialog.getByRole('radio')).toHaveCount(4)
  await expect(dialog.getByRole('radio', { name: 'Facebook and Instagram' })).toBeChecked()
  await expect(dialog).toContainText('The Facebook pages you manage and the Instagram business accounts linked to them, with one sign-in.')
  await page.screenshot({ path: testInfo.outputPath('meta-connect-1280.png') })
  await page.setViewportSize({ width: 900, height: 600 })
  await page.screenshot({ path: testInfo.outputPath('meta-connect-900.png') })
})
