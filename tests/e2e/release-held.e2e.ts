import { expect, openApp, test, type Page, type RelinkHarness } from './fixtures'
import { sandboxUser, signInThroughBrowser } from './sandbox-sign-in'

// A fixed locale and zone, so dates read the same on every machine. The demo starts on Monday 5 January 2026, 09:00.
test.use({ demo: { seedDemo: true }, locale: 'en-GB', timezoneId: 'UTC' })

const MINUTE = 60_000
const DAY = 1_440 * MINUTE

const card = (page: Page, name: string) => page.getByRole('main').getByRole('listitem', { name })
const releaseDialog = (page: Page) => page.getByRole('dialog', { name: 'Release held posts' })
const heldRow = (page: Page, text: string) => releaseDialog(page).getByRole('list', { name: 'Held posts' }).getByRole('listitem').filter({ hasText: text })

async function channelId(relink: RelinkHarness, network: string, name: string): Promise<string> {
  const channel = (await relink.core.handlers['channels:list'](undefined)).find((c) => c.network === network && c.name === name)
  if (!channel) throw new Error(`No ${network} channel ${name}`)
  return channel.id
}

async function profileId(relink: RelinkHarness, network: string, handle: string): Promise<string> {
  const profile = (await relink.core.handlers['connections:list-profiles'](undefined)).find((p) => p.network === network && p.handle === handle)
  if (!profile) throw new Error(`No ${network} profile ${handle}`)
  return profile.id
}

/** Schedules a post and returns its one delivery's id. */
async function schedule(relink: RelinkHarness, text: string, channel: string, inMs: number): Promise<{ postId: string; deliveryId: number }> {
  const { post, problems } = await relink.core.handlers['schedule:create-post']({
    text,
    channelIds: [channel],
    publishAt: relink.ports.clock.now() + inMs,
    timeZone: 'UTC',
  })
  expect(problems).toEqual([])
  const delivery = post?.deliveries[0]
  if (!post || !delivery) throw new Error('The post was not scheduled')
  return { postId: post.id, deliveryId: delivery.id }
}

async function deliveryOf(relink: RelinkHarness, postId: string) {
  const delivery = (await relink.core.handlers['schedule:get-post']({ postId })).deliveries[0]
  if (!delivery) throw new Error('The post has no delivery')
  return delivery
}

/** Lets the scheduler run everything due by now plus `ms`. */
async function runFor(relink: RelinkHarness, ms: number): Promise<void> {
  relink.ports.clock.advance(ms)
  await relink.core.scheduler.whenIdle()
}

async function heldIds(relink: RelinkHarness): Promise<number[]> {
  return (await relink.core.handlers['schedule:list-held'](undefined)).map((d) => d.id).sort((a, b) => a - b)
}

/** Posts on the sandbox network with this text (Relink appends its reconciliation marker after a blank line). */
function postsOnSandbox(relink: RelinkHarness, text: string): number {
  return [...(relink.sandbox?.world.posts.values() ?? [])].filter((p) => p.text.split('\n\n')[0] === text).length
}

test('after Refresh connection heals a broken profile, its held post can be published at once, exactly once', async ({ page, context, relink }) => {
  test.slow()
  const ava = sandboxUser(relink, 'ava-lindqvist')
  const text = 'Spring hiring round opens today'
  const { postId, deliveryId } = await schedule(relink, text, await channelId(relink, 'linkedin', 'Ava Lindqvist'), 5 * MINUTE)

  await relink.core.handlers['sandbox:apply-control']({ control: 'remove_app', network: 'linkedin', userId: ava.id })
  await runFor(relink, 6 * MINUTE)
  expect(await heldIds(relink)).toEqual([deliveryId])
  expect(postsOnSandbox(relink, text)).toBe(0)

  await openApp(page, '#/health')
  const avaCard = card(page, 'Ava Lindqvist, LinkedIn')
  await expect(avaCard).toContainText('Access removed')
  // A broken profile has nothing to release yet.
  await expect(avaCard.getByRole('button', { name: /^Release/ })).toHaveCount(0)
  await signInThroughBrowser(context, () => avaCard.getByRole('button', { name: /^Refresh connection/ }).click(), ava)

  const dialog = releaseDialog(page)
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('Ava Lindqvist’s LinkedIn connection works again.')
  const row = heldRow(page, text)
  await expect(row).toContainText('Ava Lindqvist')
  await expect(row).toContainText('Held: Every connection to Ava Lindqvist needs attention.')
  // Everything held first, then this one post published now: the row's own choice is what counts.
  await dialog.getByRole('combobox', { name: 'For every post' }).selectOption({ label: 'Keep held' })
  await row.getByRole('combobox', { name: /^What to do with the LinkedIn post on Ava Lindqvist/ }).selectOption({ label: 'Publish now' })
  await expect(dialog.getByRole('combobox', { name: 'For every post' })).toHaveValue('publish_now')
  await dialog.getByRole('button', { name: 'Release posts' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByText('1 publishing now.')).toBeVisible()

  await relink.core.scheduler.whenIdle()
  await expect.poll(() => postsOnSandbox(relink, text)).toBe(1)
  expect((await deliveryOf(relink, postId)).state).toBe('published')
  expect(await heldIds(relink)).toEqual([])
  // Nothing is left to release, so the card offers nothing.
  await expect(avaCard).not.toContainText('Access removed')
  await expect(avaCard.getByRole('button', { name: /^Release/ })).toHaveCount(0)
  // Running on does not send it a second time.
  await runFor(relink, 30 * MINUTE)
  expect(postsOnSandbox(relink, text)).toBe(1)
})

test('each held post gets its own choice, a second reconnect joins the open dialog, and Escape keeps posts held', async ({ page, context, relink }, testInfo) => {
  test.slow()
  const ava = sandboxUser(relink, 'ava-lindqvist')
  const ben = sandboxUser(relink, 'ben-okafor')
  const avaChannel = await channelId(relink, 'linkedin', 'Ava Lindqvist')
  const skip = await schedule(relink, 'Team offsite recap', avaChannel, 5 * MINUTE)
  const move = await schedule(relink, 'Customer story: Harbor Books', avaChannel, 6 * MINUTE)
  const keep = await schedule(relink, 'Quarterly numbers are in', avaChannel, 7 * MINUTE)
  const benPost = await schedule(relink, 'Ben’s webinar starts soon', await channelId(relink, 'linkedin', 'Ben Okafor'), 8 * MINUTE)

  await relink.core.handlers['sandbox:apply-control']({ control: 'change_password', network: 'linkedin', userId: ava.id })
  await relink.core.handlers['sandbox:apply-control']({ control: 'remove_app', network: 'linkedin', userId: ben.id })
  await runFor(relink, 10 * MINUTE)
  expect(await heldIds(relink)).toEqual([skip, move, keep, benPost].map((p) => p.deliveryId).sort((a, b) => a - b))

  await openApp(page, '#/health')
  await signInThroughBrowser(context, () => card(page, 'Ava Lindqvist, LinkedIn').getByRole('button', { name: /^Refresh connection/ }).click(), ava)
  const dialog = releaseDialog(page)
  const rows = dialog.getByRole('list', { name: 'Held posts' }).getByRole('listitem')
  await expect(rows).toHaveCount(3)

  // Ben's profile is refreshed elsewhere (the tray) while the dialog is open: his post joins it.
  const benProfile = await profileId(relink, 'linkedin', 'ben-okafor')
  let refreshed: Promise<unknown> = Promise.resolve()
  await signInThroughBrowser(
    context,
    async () => {
      refreshed = relink.core.handlers['connections:refresh-profile']({ profileId: benProfile })
    },
    ben,
  )
  await refreshed
  await expect(rows).toHaveCount(4)
  await expect(dialog).toContainText('The connections work again.')

  await heldRow(page, 'Team offsite recap').getByRole('combobox').selectOption({ label: 'Skip' })
  await heldRow(page, 'Customer story: Harbor Books').getByRole('combobox').selectOption({ label: 'Move to next free slot' })
  await heldRow(page, 'Quarterly numbers are in').getByRole('combobox').selectOption({ label: 'Keep held' })
  await expect(heldRow(page, 'Ben’s webinar starts soon').getByRole('combobox')).toHaveValue('publish_now')
  await expect(dialog.getByRole('combobox', { name: 'For every post' })).toHaveValue('mixed')
  await page.screenshot({ path: testInfo.outputPath('release-dialog.png') })
  await dialog.getByRole('button', { name: 'Release posts' }).click()
  await expect(page.getByText(/^1 publishing now, 1 moved to today at \d\d:\d\d, 1 skipped and 1 kept held\.$/)).toBeVisible()

  const releasedAt = relink.ports.clock.now()
  await relink.core.scheduler.whenIdle()
  expect((await deliveryOf(relink, skip.postId)).state).toBe('skipped')
  const moved = await deliveryOf(relink, move.postId)
  expect(moved.state).toBe('scheduled')
  expect(moved.dueAt).toBeGreaterThan(releasedAt)
  expect((await deliveryOf(relink, keep.postId)).state).toBe('held')
  expect((await deliveryOf(relink, benPost.postId)).state).toBe('published')
  expect(postsOnSandbox(relink, 'Ben’s webinar starts soon')).toBe(1)
  expect(postsOnSandbox(relink, 'Team offsite recap')).toBe(0)

  // The kept post can be released later from the working profile's card; Escape keeps it held.
  const release = card(page, 'Ava Lindqvist, LinkedIn').getByRole('button', { name: 'Release 1 held post: Ava Lindqvist (LinkedIn)' })
  await release.click()
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('Quarterly numbers are in')
  // A stray click beside the dialog decides nothing: it stays open.
  await page.mouse.click(5, 5)
  await expect(dialog).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(page.getByText('The post stays held. Release it any time from Connection health.')).toBeVisible()
  expect((await deliveryOf(relink, keep.postId)).state).toBe('held')
  await expect(release).toBeFocused()

  // The moved post goes out at its new slot, once.
  await runFor(relink, moved.dueAt - relink.ports.clock.now())
  expect((await deliveryOf(relink, move.postId)).state).toBe('published')
  expect(postsOnSandbox(relink, 'Customer story: Harbor Books')).toBe(1)
})

test('Connection health warns on each profile and at the top about scheduled posts its sign-in will not reach', async ({ page, relink }, testInfo) => {
  const harborBooks = await channelId(relink, 'facebook', 'Harbor Books')
  const avaChannel = await channelId(relink, 'linkedin', 'Ava Lindqvist')
  const relinkLabs = await channelId(relink, 'x', 'Relink Labs')
  // Facebook data access ends after 90 days, LinkedIn's renewal after 365; X is broken outright.
  await schedule(relink, 'Summer reading list', harborBooks, 100 * DAY)
  await schedule(relink, 'One year of Relink', avaChannel, 400 * DAY)
  await schedule(relink, 'Release notes 2.0', relinkLabs, DAY)
  await relink.core.handlers['sandbox:apply-control']({ control: 'remove_app', network: 'x', userId: sandboxUser(relink, 'relinklabs').id })

  const now = relink.ports.clock.now()
  const atRisk = await relink.core.handlers['schedule:list-at-risk'](undefined)
  expect(atRisk.first.map((d) => [d.channelName, d.cause, d.lapsesAt === null ? null : (d.lapsesAt - now) / DAY])).toEqual([
    ['Relink Labs', 'broken', null],
    ['Harbor Books', 'data_access_ends', 90],
    ['Ava Lindqvist', 'refresh_ends', 365],
  ])

  await openApp(page, '#/health')
  const summary = page.getByRole('region', { name: '3 scheduled posts at risk' })
  await expect(summary).toBeVisible()
  const items = summary.getByRole('list', { name: 'Posts at risk' }).getByRole('listitem')
  await expect(items).toHaveCount(3)
  await expect(items.nth(0)).toContainText('Relink Labs, due tomorrow at 09:00: connection is broken.')
  await expect(items.nth(1)).toContainText('Harbor Books, due 15 Apr 09:00: data access ends 5 Apr.')
  await expect(items.nth(1).getByRole('button', { name: 'Details: Sam Lee (Facebook)' })).toBeVisible()
  await expect(items.nth(2)).toContainText('Ava Lindqvist, due 9 Feb 2027 09:00: sign-in can no longer be renewed after 5 Jan 2027.')

  await expect(card(page, 'Sam Lee, Facebook')).toContainText('1 post at risk: Facebook data access ends 5 Apr')
  await expect(card(page, 'Relink Labs, X')).toContainText('1 post at risk: X connection is broken')
  const avaLine = '1 post at risk: LinkedIn sign-in can no longer be renewed after 5 Jan 2027'
  await expect(card(page, 'Ava Lindqvist, LinkedIn')).toContainText(avaLine)
  await page.screenshot({ path: testInfo.outputPath('health-at-risk.png'), fullPage: true })
  // Profiles whose posts are safe say nothing about posts.
  await expect(card(page, 'Ben Okafor, LinkedIn')).not.toContainText('at risk')

  // The profile named next to a post opens its details, which carry the same warning.
  await items.nth(2).getByRole('button', { name: 'Details: Ava Lindqvist (LinkedIn)' }).click()
  const drawer = page.getByRole('dialog', { name: 'Ava Lindqvist' })
  await expect(drawer).toContainText(avaLine)
})
