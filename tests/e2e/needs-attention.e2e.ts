import { expect, openApp, test, type Page, type RelinkHarness } from './fixtures'
import { sandboxUser, signInThroughBrowser } from './sandbox-sign-in'
import { firstReadsDone } from './harbor-books'

// The demo starts on Monday 5 January 2026, 09:00 (UTC here, so times read the same everywhere).
test.use({ demo: { seedDemo: true }, locale: 'en-GB', timezoneId: 'UTC' })

const MINUTE = 60_000
const badge = (page: Page) => page.getByRole('banner').getByRole('status')
const dropdown = (page: Page) => page.getByRole('dialog', { name: 'Needs attention' })

async function channelNamed(relink: RelinkHarness, network: string, name: string) {
  const found = (await relink.core.handlers['channels:list'](undefined)).find((c) => c.network === network && c.name === name)
  if (!found) throw new Error(`No ${network} channel ${name}`)
  return found
}

test('Needs attention lists a broken connection and a failed post together, most urgent first, and each one’s action works', async ({
  page,
  context,
  relink,
}, testInfo) => {
  test.slow()
  const x = await channelNamed(relink, 'x', 'Relink Coffee')
  const text = 'Prices go up on Monday'
  const { post } = await relink.core.handlers['schedule:create-post']({ text, channelIds: [x.id], publishAt: relink.ports.clock.now() + 5 * MINUTE, timeZone: 'UTC' })
  if (!post) throw new Error('The post was not scheduled')
  // The first background read of every channel finishes first: the fault is meant for the publish.
  await firstReadsDone(relink)
  // X answers the publish with a 400: a refusal that retrying cannot fix.
  relink.sandbox?.controls.failNext('x', 1, 400)
  relink.ports.clock.advance(5 * MINUTE)
  await relink.core.scheduler.whenIdle()
  expect((await relink.core.handlers['schedule:get-post']({ postId: post.id })).deliveries[0]?.state).toBe('failed')

  // And a connection breaks: Ana Lima changes her Mastodon password.
  const ana = sandboxUser(relink, 'ana')
  await relink.core.handlers['sandbox:apply-control']({ control: 'change_password', network: 'mastodon', userId: ana.id })
  await relink.core.handlers['connections:check-now'](undefined)

  // The tray follows the same list: red, both counted, the broken connection and the waiting post in its menu.
  await expect.poll(() => relink.ports.trayStates.at(-1)).toMatchObject({ level: 'broken', tooltip: 'Relink: 2 need attention', brokenProfiles: [{ label: 'Ana Lima (Mastodon)' }], waitingPosts: 1 })

  await openApp(page, '#/channels')
  await expect(badge(page)).toHaveText('2 need attention')
  await page.getByRole('button', { name: /^Needs attention/ }).click()
  const list = dropdown(page).getByRole('list', { name: 'Needs attention' }).getByRole('listitem')
  await expect(list).toHaveCount(2)
  // The broken connection first (it holds posts), then the failed post, each with its one action.
  await expect(list.nth(0)).toHaveAccessibleName('Ana Lima, Mastodon')
  // Mastodon says only that the token was revoked.
  await expect(list.nth(0)).toContainText('Access removed')
  await expect(list.nth(0).getByRole('button', { name: /^Refresh connection/ })).toBeVisible()
  await expect(list.nth(1)).toHaveAccessibleName(`Relink Coffee, X: ${text}`)
  await expect(list.nth(1)).toContainText('Failed')
  await expect(list.nth(1)).toContainText('X refused this post.')
  await page.screenshot({ path: testInfo.outputPath('needs-attention-1280.png') })
  await page.setViewportSize({ width: 900, height: 600 })
  await page.screenshot({ path: testInfo.outputPath('needs-attention-900.png') })
  await page.setViewportSize({ width: 1280, height: 800 })

  // Open post: the Schedule opens the post's details, where it is tried again and goes out.
  await list.nth(1).getByRole('button', { name: 'Open post' }).click()
  await expect(dropdown(page)).toBeHidden()
  await expect(page).toHaveURL(/#\/schedule$/)
  const details = page.getByRole('dialog', { name: x.name })
  await expect(details.getByRole('group', { name: 'Status' })).toContainText('Failed')
  await details.getByRole('button', { name: 'Try again now' }).click()
  await relink.core.scheduler.whenIdle()
  await expect(details.getByRole('group', { name: 'Status' })).toContainText('Published')
  await page.keyboard.press('Escape')
  await expect(badge(page)).toHaveText('1 needs attention')

  // Refresh connection: the sign-in page opens, Ana signs in, and nothing needs attention any more.
  await page.getByRole('button', { name: /^Needs attention/ }).click()
  await expect(list).toHaveCount(1)
  await signInThroughBrowser(context, () => list.nth(0).getByRole('button', { name: /^Refresh connection/ }).click(), ana)
  await expect(dropdown(page).getByText('Nothing needs attention')).toBeVisible()
  await expect(badge(page)).toHaveText('All channels healthy')
  await expect.poll(() => relink.ports.trayStates.at(-1)).toMatchObject({ level: 'healthy', brokenProfiles: [], waitingPosts: 0 })
})
