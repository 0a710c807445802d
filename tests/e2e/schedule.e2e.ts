import type { ChannelSummary } from '../../src/shared/domain/entities'
import type { Locator } from '@playwright/test'
import { expect, openApp, test, type Page, type RelinkHarness } from './fixtures'
import { X_SNOWFLAKE_EPOCH_MS } from '../../src/main/providers/x/config'
import { X_SEED } from '../../src/main/sandbox/dialects/x'
import { firstReadsDone, goTo } from './harbor-books'
import { sandboxUser } from './sandbox-sign-in'

// A fixed locale and zone, so dates read the same on every machine. The demo starts on Monday 5 January 2026, 09:00 UTC.
test.use({ demo: { seedDemo: true }, locale: 'en-GB', timezoneId: 'UTC' })

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const main = (page: Page) => page.getByRole('main')
const needsYou = (page: Page) => main(page).getByRole('region', { name: /^Needs you/ })
const drawer = (page: Page, channel: string) => page.getByRole('dialog', { name: channel })
const rangeHeading = (page: Page) => main(page).getByRole('heading', { level: 2 }).filter({ hasText: /\d{4}/ }).first()
/** One delivery in whatever view is showing, found by the first line of its post. */
const item = (page: Page, text: string) => main(page).getByRole('listitem').filter({ hasText: text })

async function channel(relink: RelinkHarness, pick: (c: ChannelSummary) => boolean): Promise<ChannelSummary> {
  const found = (await relink.core.handlers['channels:list'](undefined)).find(pick)
  if (!found) throw new Error('No such channel in the demo workspace')
  return found
}

const named = (network: string, name: string) => (c: ChannelSummary) => c.network === network && c.name === name

/** Schedules a post through the same handler IPC uses; returns the post and its first delivery. */
async function schedule(relink: RelinkHarness, text: string, channelIds: string[], publishAt: number) {
  const { post, problems } = await relink.core.handlers['schedule:create-post']({ text, channelIds, publishAt, timeZone: 'UTC' })
  expect(problems).toEqual([])
  const delivery = post?.deliveries[0]
  if (!post || !delivery) throw new Error('The post was not scheduled')
  return { post, delivery }
}

async function stored(relink: RelinkHarness, postId: string) {
  return (await relink.core.handlers['schedule:get-post']({ postId })).deliveries
}

/** Lets the scheduler run everything due by now plus `ms`. */
async function runFor(relink: RelinkHarness, ms: number): Promise<void> {
  relink.ports.clock.advance(ms)
  await relink.core.scheduler.whenIdle()
}

/** A day's accessible name as the window's own Intl writes it. */
function dayName(page: Page, ms: number): Promise<string> {
  return page.evaluate((at) => new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(at), ms)
}

test.describe('in New York', () => {
  test.use({ timezoneId: 'America/New_York' })

  test('week, month and list show a post on its day and time in the user’s time zone, and the view is remembered', async ({ page, relink }) => {
    const mastodon = await channel(relink, (c) => c.network === 'mastodon')
    // 03:30 UTC on Wednesday 7 January is 22:30 on Tuesday 6 January in New York.
    const at = Date.UTC(2026, 0, 7, 3, 30)
    await schedule(relink, 'Late-night launch notes', [mastodon.id], at)
    await openApp(page, '#/schedule')

    const tuesday = main(page).getByRole('region', { name: await dayName(page, Date.UTC(2026, 0, 6, 12)) })
    const wednesday = main(page).getByRole('region', { name: await dayName(page, Date.UTC(2026, 0, 7, 12)) })
    await expect(page.getByRole('radio', { name: 'Week' })).toBeChecked()
    await expect(rangeHeading(page)).toHaveText(/^5\s*–\s*11 Jan 2026$/)
    const inWeek = tuesday.getByRole('listitem').filter({ hasText: 'Late-night launch notes' })
    await expect(inWeek).toContainText('22:30')
    await expect(inWeek).toContainText(mastodon.name)
    await expect(inWeek).toContainText('Scheduled')
    await expect(wednesday.getByRole('listitem')).toHaveCount(0)

    await page.getByRole('radio', { name: 'Month' }).check()
    await expect(rangeHeading(page)).toHaveText('January 2026')
    await expect(tuesday.getByRole('listitem').filter({ hasText: 'Late-night launch notes' })).toContainText('22:30')
    await expect(wednesday.getByRole('listitem')).toHaveCount(0)

    await page.getByRole('radio', { name: 'List' }).check()
    const list = main(page).getByRole('list', { name: `Posts on ${await dayName(page, Date.UTC(2026, 0, 6, 12))}` })
    await expect(list.getByRole('listitem')).toHaveCount(1)
    await expect(list).toContainText('22:30')
    await expect(list).toContainText('Late-night launch notes')

    // The choice survives a reload.
    await page.reload()
    await expect(page.getByRole('radio', { name: 'List' })).toBeChecked()
    await expect(item(page, 'Late-night launch notes')).toBeVisible()
  })
})

test('previous, next and today move through weeks and months, by button and by key', async ({ page, relink }) => {
  const mastodon = await channel(relink, (c) => c.network === 'mastodon')
  await schedule(relink, 'Next week’s teaser', [mastodon.id], relink.ports.clock.now() + 7 * DAY)
  await openApp(page, '#/schedule')
  await expect(rangeHeading(page)).toHaveText(/^5\s*–\s*11 Jan 2026$/)
  await expect(item(page, 'Next week’s teaser')).toHaveCount(0)
  await expect(main(page).getByRole('status')).toContainText('Nothing scheduled this week')

  await main(page).getByRole('button', { name: 'Next week' }).click()
  await expect(rangeHeading(page)).toHaveText(/^12\s*–\s*18 Jan 2026$/)
  await expect(item(page, 'Next week’s teaser')).toContainText('09:00')

  await main(page).getByRole('button', { name: 'Today' }).click()
  await expect(rangeHeading(page)).toHaveText(/^5\s*–\s*11 Jan 2026$/)

  await page.keyboard.press('ArrowRight')
  await expect(rangeHeading(page)).toHaveText(/^12\s*–\s*18 Jan 2026$/)
  await page.keyboard.press('t')
  await expect(rangeHeading(page)).toHaveText(/^5\s*–\s*11 Jan 2026$/)
  await page.keyboard.press('m')
  await expect(page.getByRole('radio', { name: 'Month' })).toBeChecked()
  await page.keyboard.press('ArrowLeft')
  await expect(rangeHeading(page)).toHaveText('December 2025')
  await main(page).getByRole('button', { name: 'Next month' }).click()
  await main(page).getByRole('button', { name: 'Next month' }).click()
  await expect(rangeHeading(page)).toHaveText('February 2026')
})

test('brand and channel filters narrow the schedule', async ({ page, relink }) => {
  const brands = await relink.core.handlers['brands:list'](undefined)
  const coffee = brands.find((b) => b.name === 'Northwind Coffee')
  const studio = brands.find((b) => b.name === 'Lumen Studio')
  if (!coffee || !studio) throw new Error('The demo brands are missing')
  // Channels in one brand only, on networks that take text alone.
  const only = (brandId: string) => (c: ChannelSummary) => c.network !== 'instagram' && c.brandIds.length === 1 && c.brandIds[0] === brandId
  const coffeeChannel = await channel(relink, only(coffee.id))
  const studioChannel = await channel(relink, only(studio.id))
  const at = relink.ports.clock.now() + DAY
  await schedule(relink, 'Coffee tasting on Saturday', [coffeeChannel.id], at)
  await schedule(relink, 'Studio open day', [studioChannel.id], at + HOUR)
  await openApp(page, '#/schedule')
  await expect(item(page, 'Coffee tasting on Saturday')).toBeVisible()
  await expect(item(page, 'Studio open day')).toBeVisible()

  const filters = main(page).getByRole('group', { name: 'Filters' })
  await filters.getByRole('button', { name: 'Brands: All' }).click()
  await filters.getByRole('checkbox', { name: 'Northwind Coffee' }).check()
  await expect(item(page, 'Studio open day')).toHaveCount(0)
  await expect(item(page, 'Coffee tasting on Saturday')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(filters.getByRole('button', { name: 'Brands: Northwind Coffee' })).toBeFocused()

  await filters.getByRole('button', { name: 'Clear filters' }).click()
  await expect(item(page, 'Studio open day')).toBeVisible()
  await filters.getByRole('button', { name: 'Channels: All' }).click()
  await filters.getByRole('checkbox', { name: new RegExp(`^${studioChannel.name} · `) }).check()
  await expect(item(page, 'Coffee tasting on Saturday')).toHaveCount(0)
  await expect(item(page, 'Studio open day')).toBeVisible()
  await page.keyboard.press('Escape')

  // A state nothing is in empties the view, and says so.
  await filters.getByRole('button', { name: 'States: All' }).click()
  await filters.getByRole('checkbox', { name: 'Published' }).check()
  await expect(item(page, 'Studio open day')).toHaveCount(0)
  await expect(main(page).getByRole('status')).toContainText('No posts match these filters this week')
})

test('a due post publishes and shows Published with a link to the live post', async ({ page, relink }) => {
  const mastodon = await channel(relink, (c) => c.network === 'mastodon')
  const { post } = await schedule(relink, 'Doors open at ten', [mastodon.id], relink.ports.clock.now() + 10 * MINUTE)
  await openApp(page, '#/schedule')
  const entry = item(page, 'Doors open at ten')
  await expect(entry).toContainText('Scheduled')
  await expect(entry.getByRole('link', { name: 'View post' })).toHaveCount(0)

  await runFor(relink, 10 * MINUTE)
  const [published] = await stored(relink, post.id)
  expect(published?.state).toBe('published')
  expect(published?.url).toMatch(/^https?:\/\//)
  await expect(entry).toContainText('Published')
  const link = entry.getByRole('link', { name: 'View post' })
  await expect(link).toHaveAttribute('href', published?.url ?? '')
  await expect(link).toHaveAttribute('target', '_blank')
  await expect(link).toHaveAttribute('rel', 'noreferrer')

  await entry.getByRole('button').first().click()
  const details = drawer(page, mastodon.name)
  await expect(details.getByRole('group', { name: 'Status' })).toContainText('Live on the network.')
  await expect(details.getByRole('link', { name: 'View post' })).toHaveAttribute('href', published?.url ?? '')
  await expect(details).toContainText('1 attempt')
})

test('missed posts wait under Needs you; rescheduling puts one back on the calendar and skipping ends the other', async ({ page, relink }) => {
  const mastodon = await channel(relink, (c) => c.network === 'mastodon')
  const first = await schedule(relink, 'Breakfast menu is live', [mastodon.id], relink.ports.clock.now() + 5 * MINUTE)
  const second = await schedule(relink, 'Lunch menu is live', [mastodon.id], relink.ports.clock.now() + 6 * MINUTE)
  // The computer slept through both, well past the 15-minute grace window.
  await runFor(relink, HOUR)
  expect((await stored(relink, first.post.id))[0]?.state).toBe('missed')

  await openApp(page, '#/schedule')
  await expect(needsYou(page).getByRole('heading')).toHaveText('Needs you (2)')
  await needsYou(page).getByRole('listitem').filter({ hasText: 'Breakfast menu is live' }).getByRole('button').first().click()

  const details = drawer(page, mastodon.name)
  await expect(details.getByRole('group', { name: 'Status' })).toContainText('Missed')
  await expect(details).toContainText('Its time passed while Relink was closed or the computer was asleep.')
  const tomorrow = new Date(Date.UTC(2026, 0, 6, 14, 15))
  await details.getByLabel('New date').fill('06/01/2026')
  await details.getByLabel('New time').fill('14:15')
  await details.getByRole('button', { name: 'Reschedule' }).click()
  await expect(page.getByText(`Rescheduled for Tue 6 Jan, 14:15 on ${mastodon.name}.`)).toBeVisible()
  await expect(details.getByRole('group', { name: 'Status' })).toContainText('Scheduled')
  expect((await stored(relink, first.post.id))[0]).toMatchObject({ state: 'scheduled', dueAt: tomorrow.getTime() })
  await page.keyboard.press('Escape')

  await expect(needsYou(page).getByRole('heading')).toHaveText('Needs you (1)')
  const tuesday = main(page).getByRole('region', { name: await dayName(page, tomorrow.getTime()) })
  await expect(tuesday.getByRole('listitem').filter({ hasText: 'Breakfast menu is live' })).toContainText('14:15')

  await needsYou(page).getByRole('listitem').filter({ hasText: 'Lunch menu is live' }).getByRole('button').first().click()
  await drawer(page, mastodon.name).getByRole('button', { name: 'Skip' }).click()
  await expect(page.getByText(`Skipped: it will not go out on ${mastodon.name}.`)).toBeVisible()
  await expect(drawer(page, mastodon.name).getByRole('group', { name: 'Status' })).toContainText('Skipped')
  await page.keyboard.press('Escape')
  await expect(needsYou(page)).toHaveCount(0)
  expect((await stored(relink, second.post.id))[0]?.state).toBe('skipped')
  await expect(item(page, 'Lunch menu is live')).toContainText('Skipped')
})

test('a refused post shows Failed with its reason; a notification click opens it, and it can be marked as published', async ({ page, relink }) => {
  const x = await channel(relink, named('x', 'Relink Coffee'))
  const { post, delivery } = await schedule(relink, 'Prices go up on Monday', [x.id], relink.ports.clock.now() + 5 * MINUTE)
  // The first background read of every channel's metrics finishes first: the fault is meant for the publish.
  await firstReadsDone(relink)
  // X answers the publish with a 400: a refusal that retrying cannot fix.
  relink.sandbox?.controls.failNext('x', 1, 400)
  await runFor(relink, 5 * MINUTE)
  const [failed] = await stored(relink, post.id)
  expect(failed?.state).toBe('failed')

  await openApp(page, '#/channels')
  relink.core.events.emit('app:did-request-open', { kind: 'delivery', id: String(delivery.id) })
  await expect(page).toHaveURL(/#\/schedule$/)
  const details = drawer(page, x.name)
  const status = details.getByRole('group', { name: 'Status' })
  await expect(status).toContainText('Failed')
  // Said once, in words; the network's raw answer one click away; trying again is not the main way out.
  await expect(status).toContainText('X refused this post.')
  await expect(status.getByText('Refused by the network')).toHaveCount(0)
  await expect(status).not.toContainText('HTTP 400')
  await status.getByRole('button', { name: 'Show the network’s answer' }).click()
  await expect(status.getByRole('note', { name: 'Raw network error' })).toContainText(failed?.failureDetail ?? '')
  await expect(details.getByRole('button', { name: 'Try again now' })).toBeVisible()
  await expect(details.getByRole('button', { name: 'Edit post' })).toHaveClass(/button--primary/)

  await details.getByLabel('Link to the live post (optional)').fill('https://x.example/relinkcoffee/status/1')
  await details.getByRole('button', { name: 'Mark as published' }).click()
  await expect(page.getByText(`Marked as published on ${x.name}.`)).toBeVisible()
  await expect(details.getByRole('link', { name: 'View post' })).toHaveAttribute('href', 'https://x.example/relinkcoffee/status/1')
  expect((await stored(relink, post.id))[0]).toMatchObject({ state: 'published', url: 'https://x.example/relinkcoffee/status/1' })
  // A published post can no longer be edited or cancelled, only duplicated.
  await expect(details.getByRole('button', { name: 'Edit post' })).toHaveCount(0)
  await expect(details.getByRole('button', { name: 'Cancel post' })).toHaveCount(0)
  await expect(details.getByRole('button', { name: 'Duplicate' })).toBeVisible()
})

test('a post X already shows twice waits for a person with both posts listed; picking one records it as published, nothing is sent again', async ({ page, relink }, testInfo) => {
  const x = await channel(relink, named('x', 'Relink Coffee'))
  const text = 'Cupping session on Thursday at 4'
  const { post, delivery } = await schedule(relink, text, [x.id], relink.ports.clock.now() + 5 * MINUTE)
  await firstReadsDone(relink)
  // Someone on the team posted the same words on X by hand, twice, a moment later.
  const now = relink.ports.clock.now()
  const ids = [1, 2].map((i) => {
    const id = ((BigInt(now + i * 1000 - X_SNOWFLAKE_EPOCH_MS) << 22n) | (1n << 18n)).toString()
    relink.sandbox?.world.addPost({ id, network: 'x', channelId: X_SEED.channels.brand, authorUserId: X_SEED.channels.brand, text, createdAt: now + i * 1000 })
    return id
  })
  // X refuses the copy; the lookup finds two posts with its content: which is this one, a person says.
  await runFor(relink, 5 * MINUTE)
  const [review] = await stored(relink, post.id)
  expect(review?.state).toBe('needs_review')
  expect(review?.reviewCandidates.map((c) => c.networkPostId).sort()).toEqual([...ids].sort())

  await openApp(page, '#/channels')
  relink.core.events.emit('app:did-request-open', { kind: 'delivery', id: String(delivery.id) })
  const details = drawer(page, x.name)
  await expect(details.getByRole('group', { name: 'Status' })).toContainText('More than one post could be it.')
  const candidates = details.getByRole('region', { name: 'Posts on X that may be this one' })
  await expect(candidates.getByRole('listitem')).toHaveCount(2)
  await expect(candidates.getByRole('link', { name: 'View post' }).first()).toHaveAttribute('href', /x\.com/)
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.screenshot({ path: testInfo.outputPath('needs-review-candidates-1280.png') })
  await page.setViewportSize({ width: 900, height: 600 })
  await page.screenshot({ path: testInfo.outputPath('needs-review-candidates-900.png') })
  await page.setViewportSize({ width: 1280, height: 800 })

  const second = review?.reviewCandidates[1]
  await candidates.getByRole('button', { name: 'Post 2 is this post' }).click()
  await expect(page.getByText(`Marked as published on ${x.name}.`)).toBeVisible()
  await expect(candidates).toHaveCount(0)
  expect((await stored(relink, post.id))[0]).toMatchObject({ state: 'published', networkPostId: second?.networkPostId, url: second?.url })
  expect([...(relink.sandbox?.world.posts.values() ?? [])].filter((p) => p.text === text)).toHaveLength(2)
})

test('a post on a broken connection is flagged at risk, and once held shows Refresh connection as the fix', async ({ page, relink }) => {
  const ava = sandboxUser(relink, 'ava-lindqvist')
  const linkedin = await channel(relink, named('linkedin', 'Ava Lindqvist'))
  const soon = await schedule(relink, 'Hiring update', [linkedin.id], relink.ports.clock.now() + 5 * MINUTE)
  await schedule(relink, 'Team offsite recap', [linkedin.id], relink.ports.clock.now() + DAY)
  await relink.core.handlers['sandbox:apply-control']({ control: 'remove_app', network: 'linkedin', userId: ava.id })
  await runFor(relink, 6 * MINUTE)
  expect((await stored(relink, soon.post.id))[0]?.state).toBe('held')

  await openApp(page, '#/schedule')
  const later = item(page, 'Team offsite recap')
  await expect(later).toContainText('At risk: LinkedIn connection is broken')
  await expect(later.getByRole('button').first()).toHaveAccessibleDescription(/At risk: LinkedIn connection is broken/)

  const held = needsYou(page).getByRole('listitem').filter({ hasText: 'Hiring update' })
  await expect(held).toContainText('Held: Sign-in needed')
  await held.getByRole('button').first().click()
  const details = drawer(page, linkedin.name)
  await expect(details.getByRole('group', { name: 'Status' })).toContainText('The post waits, safe, until you refresh the connection')
  const fix = details.getByRole('region', { name: 'Fix the connection' })
  await expect(fix).toContainText('Ava Lindqvist on LinkedIn: Access removed')
  await expect(fix.getByRole('button', { name: 'Refresh connection: Ava Lindqvist (LinkedIn)' })).toBeEnabled()
  // Publishing before the fix would only hold it again; skipping or a new time are offered.
  await expect(details.getByRole('button', { name: 'Publish now' })).toHaveCount(0)
  await expect(details.getByRole('button', { name: 'Skip' })).toBeVisible()
  await fix.getByRole('button', { name: 'Connection details' }).click()
  // The profile's own drawer opens over the post's (both are named after Ava).
  await expect(page.getByRole('dialog', { name: 'Ava Lindqvist' }).getByRole('heading', { name: 'Token event log' })).toBeVisible()
})

test('details offer Edit, Duplicate and Cancel post; the composer opens from New post, N and an empty day', async ({ page, relink }) => {
  const mastodon = await channel(relink, (c) => c.network === 'mastodon')
  const { post } = await schedule(relink, 'Winter sale starts Friday', [mastodon.id], relink.ports.clock.now() + DAY)
  await openApp(page, '#/schedule')

  const open = item(page, 'Winter sale starts Friday').getByRole('button').first()
  await open.press('Enter')
  const details = drawer(page, mastodon.name)
  await details.getByRole('button', { name: 'Edit post' }).click()
  await expect(details).toBeHidden()
  const editing = page.getByRole('dialog', { name: 'Edit scheduled post' })
  await expect(editing.getByRole('textbox', { name: 'Post text' })).toHaveValue('Winter sale starts Friday')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)

  await open.click()
  await details.getByRole('button', { name: 'Duplicate' }).click()
  await expect(page.getByText('Duplicated as a draft.')).toBeVisible()
  const drafts = main(page).getByRole('region', { name: /^Drafts/ })
  await expect(drafts.getByRole('listitem').filter({ hasText: 'Winter sale starts Friday' })).toBeVisible()

  await details.getByRole('button', { name: 'Cancel post' }).click()
  const confirm = page.getByRole('alertdialog', { name: 'Cancel this post?' })
  await expect(confirm.getByRole('button', { name: 'Cancel', exact: true })).toBeFocused()
  await confirm.getByRole('button', { name: 'Cancel post' }).click()
  await expect(page.getByText('Post cancelled. Channels where it already went out keep it.')).toBeVisible()
  await expect(details.getByRole('group', { name: 'Status' })).toContainText('Skipped')
  await expect(details.getByRole('button', { name: 'Edit post' })).toHaveCount(0)
  expect((await relink.core.handlers['schedule:get-post']({ postId: post.id })).status).toBe('cancelled')
  await page.keyboard.press('Escape')
  await expect(item(page, 'Winter sale starts Friday').first()).toContainText('Skipped')

  const composer = page.getByRole('dialog', { name: 'New post' })
  await main(page).getByRole('button', { name: 'New post' }).click()
  await expect(composer.getByRole('textbox', { name: 'Post text' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)

  await main(page).getByRole('heading', { level: 2 }).first().click()
  await page.keyboard.press('n')
  await expect(composer).toBeVisible()
  await page.keyboard.press('Escape')

  // A day's + starts the post at 09:00 that day; today's at the next full hour.
  const thursday = main(page).getByRole('region', { name: await dayName(page, Date.UTC(2026, 0, 8, 12)) })
  await thursday.getByRole('button', { name: /^Add a post on/ }).click()
  await expect(composer.getByLabel('Date', { exact: true })).toHaveValue('08/01/2026')
  await expect(composer.getByLabel('Time', { exact: true })).toHaveValue('09:00')
  await page.keyboard.press('Escape')
  const monday = main(page).getByRole('region', { name: await dayName(page, Date.UTC(2026, 0, 5, 12)) })
  await monday.getByRole('button', { name: /^Add a post on/ }).click()
  await expect(composer.getByLabel('Date', { exact: true })).toHaveValue('05/01/2026')
  await expect(composer.getByLabel('Time', { exact: true })).toHaveValue('10:00')
  await page.keyboard.press('Escape')

  // In the month, a click on a day's empty space does the same; past days offer no slot.
  await page.getByRole('radio', { name: 'Month' }).check()
  const friday = main(page).getByRole('region', { name: await dayName(page, Date.UTC(2026, 0, 16, 12)) })
  await friday.click({ position: { x: 40, y: 80 } })
  await expect(composer.getByLabel('Date', { exact: true })).toHaveValue('16/01/2026')
  await expect(composer.getByLabel('Time', { exact: true })).toHaveValue('09:00')
  await page.keyboard.press('Escape')
  const sunday = main(page).getByRole('region', { name: await dayName(page, Date.UTC(2026, 0, 4, 12)) })
  await expect(sunday.getByRole('button', { name: /^Add a post on/ })).toHaveCount(0)
  await sunday.click({ position: { x: 40, y: 80 } })
  await expect(page.getByRole('dialog')).toHaveCount(0)
})

test.describe('without channels', () => {
  test.use({ demo: false })

  test('the page says to connect channels first and leads to Channels', async ({ page }) => {
    await openApp(page, '#/schedule')
    await expect(main(page).getByRole('heading', { name: 'Nothing scheduled yet' })).toBeVisible()
    await expect(main(page)).toContainText('No channels are connected')
    await expect(main(page).getByRole('button', { name: 'New post' })).toHaveCount(0)
    await main(page).getByRole('button', { name: 'View channels' }).click()
    await expect(page).toHaveURL(/#\/channels$/)
  })
})

test('a post dragged in the week lands at the time under the pointer, in the month on the same time another day, with Undo', async ({ page, relink }) => {
  const mastodon = await channel(relink, (c) => c.network === 'mastodon')
  // Tuesday 6 January 2026, 10:00 UTC; the demo's today is Monday the 5th, 09:00.
  const tuesday = Date.UTC(2026, 0, 6, 10, 0)
  const { post } = await schedule(relink, 'Roastery tour signups', [mastodon.id], tuesday)
  await openApp(page, '#/schedule')
  await page.getByRole('radio', { name: 'Week' }).check()

  // The week's grid starts at 07:00 with 48 pixels an hour: 14:00 is 7 hours down Thursday's column.
  const thursday = main(page).getByRole('region', { name: await dayName(page, Date.UTC(2026, 0, 8, 12)) })
  const card = item(page, 'Roastery tour signups')
  await card.dragTo(thursday.locator('.week-day__body'), { targetPosition: { x: 40, y: 7 * 48 + 6 } })
  await expect(page.getByText('Moved “Roastery tour signups” to Thu 8 Jan, 14:00.')).toBeVisible()
  await expect(thursday.getByRole('listitem').filter({ hasText: 'Roastery tour signups' })).toContainText('14:00')
  expect((await stored(relink, post.id))[0]?.dueAt).toBe(Date.UTC(2026, 0, 8, 14, 0))

  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(page.getByText('“Roastery tour signups” is back on Tue 6 Jan, 10:00.')).toBeVisible()
  const tuesdayRegion = main(page).getByRole('region', { name: await dayName(page, tuesday) })
  await expect(tuesdayRegion.getByRole('listitem').filter({ hasText: 'Roastery tour signups' })).toBeVisible()
  expect((await stored(relink, post.id))[0]?.dueAt).toBe(tuesday)

  // In the month a post keeps its clock time on the day it is dropped on.
  await page.getByRole('radio', { name: 'Month' }).check()
  const friday = main(page).getByRole('region', { name: await dayName(page, Date.UTC(2026, 0, 9, 12)) })
  await item(page, 'Roastery tour signups').dragTo(friday.locator('.calendar-day__body'))
  await expect(page.getByText('Moved “Roastery tour signups” to Fri 9 Jan, 10:00.')).toBeVisible()
  expect((await stored(relink, post.id))[0]?.dueAt).toBe(Date.UTC(2026, 0, 9, 10, 0))

  // A past day takes no drop: the post stays where it was.
  const lastWeek = main(page).getByRole('region', { name: await dayName(page, Date.UTC(2026, 0, 2, 12)) })
  await item(page, 'Roastery tour signups').dragTo(lastWeek.locator('.calendar-day__body'))
  expect((await stored(relink, post.id))[0]?.dueAt).toBe(Date.UTC(2026, 0, 9, 10, 0))
})

/**
 * A card's channels as drawn: the marks shown, the "+N" after them, and whether all of it lies
 * within the card's first line (the line clips what runs past its edge).
 */
function channelStackOf(card: Locator): Promise<{ marks: number; rest: number; inside: boolean }> {
  // The page's elements, typed as far as this reads them (the tests compile without the DOM library).
  interface Drawn {
    getBoundingClientRect(): { right: number; width: number }
    classList: { contains(name: string): boolean }
    textContent: string | null
    querySelectorAll(selector: string): Iterable<Drawn>
  }
  return card.locator('.post-card__line').evaluate((node) => {
    const line = node as unknown as Drawn
    const style = globalThis as unknown as { getComputedStyle(el: Drawn, pseudo: string): { content: string } }
    const right = line.getBoundingClientRect().right
    const drawn = [...line.querySelectorAll('.post-card__marks > *')].filter((el) => el.getBoundingClientRect().width > 0)
    const count = drawn.find((el) => el.classList.contains('post-card__more'))
    // The count is drawn from a data attribute by the stylesheet; it was the element's text before.
    const text = count ? style.getComputedStyle(count, '::after').content.replace(/^"|"$|^none$/g, '') || count.textContent || '' : '+0'
    return {
      marks: drawn.length - (count ? 1 : 0),
      rest: Number(text.replace('+', '')),
      inside: drawn.every((el) => el.getBoundingClientRect().right <= right + 0.5),
    }
  })
}

test('screenshots of the week and month at 1280×800 and 900×600', async ({ page, relink }, testInfo) => {
  const all = await relink.core.handlers['channels:list'](undefined)
  const now = relink.ports.clock.now()
  const texts = ['Spring menu is here: oat flat whites all week', 'Behind the scenes at the roastery', 'Weekend opening hours', 'Hiring baristas', 'Latte art class Thursday']
  for (const [i, text] of texts.entries()) {
    const ids = all.filter((c) => c.network !== 'instagram').slice(0, 1 + (i % 4)).map((c) => c.id)
    await relink.core.handlers['schedule:create-post']({ text, channelIds: ids, publishAt: now + (i + 1) * 7 * HOUR, timeZone: 'UTC' })
  }
  await openApp(page, '#/schedule')
  await page.getByRole('radio', { name: 'Week' }).check()
  await expect(item(page, 'Hiring baristas')).toBeVisible()
  // The week opens an hour above now with that hour's label whole, not cut in half by the day headers.
  const headers = await main(page).locator('.week-day__header').first().boundingBox()
  const opening = await main(page).locator('.week-view__hour').filter({ hasText: '08:00' }).boundingBox()
  expect(opening?.y ?? 0).toBeGreaterThanOrEqual((headers?.y ?? 0) + (headers?.height ?? 0))
  // Four channels: a day's width in a large window shows three marks and "+1", all of it in the card.
  expect(await channelStackOf(item(page, 'Hiring baristas'))).toEqual({ marks: 3, rest: 1, inside: true })
  await page.screenshot({ path: testInfo.outputPath('schedule-week-1280.png') })
  await page.getByRole('radio', { name: 'Month' }).check()
  // A month cell has room after the time for one mark, and counts the other three.
  expect(await channelStackOf(item(page, 'Hiring baristas'))).toEqual({ marks: 1, rest: 3, inside: true })
  await page.screenshot({ path: testInfo.outputPath('schedule-month-1280.png') })
  // The whole month fits one screen at 1280×800.
  const grid = await main(page).locator('.month-grid').boundingBox()
  expect((grid?.y ?? 0) + (grid?.height ?? 0)).toBeLessThanOrEqual(800)
  await page.setViewportSize({ width: 900, height: 600 })
  await page.screenshot({ path: testInfo.outputPath('schedule-month-900.png') })
  // In a smaller window a day keeps its "+N more" inside its cell: the month grows and scrolls instead.
  const day = main(page).locator('.calendar-day--month').filter({ has: page.locator('.calendar-day__more') }).first()
  await expect(day.locator('.calendar-day__more')).toBeVisible()
  const cell = await day.boundingBox()
  const link = await day.locator('.calendar-day__more').boundingBox()
  expect((link?.y ?? 0) + (link?.height ?? 0)).toBeLessThanOrEqual((cell?.y ?? 0) + (cell?.height ?? 0))
  // Narrower still, a month cell keeps the time and the first words: its channels are in the tooltip.
  expect(await channelStackOf(item(page, 'Hiring baristas'))).toEqual({ marks: 0, rest: 0, inside: true })
  await page.getByRole('radio', { name: 'Week' }).check()
  // A day's width in a small window: one mark and "+3".
  expect(await channelStackOf(item(page, 'Hiring baristas'))).toEqual({ marks: 1, rest: 3, inside: true })
  await page.screenshot({ path: testInfo.outputPath('schedule-week-900.png') })
})

test('the week behind the composer is not rendered again while the composer opens and closes', async ({ page, relink }) => {
  const mastodon = await channel(relink, (c) => c.network === 'mastodon')
  await schedule(relink, 'Cold brew is back', [mastodon.id], relink.ports.clock.now() + 3 * HOUR)
  await openApp(page, '#/schedule')
  await page.getByRole('radio', { name: 'Week' }).check()
  await expect(item(page, 'Cold brew is back')).toBeVisible()
  // React gives an element a new props object each time its component renders: a day column
  // keeping the same one was not rendered again. The window's clock ticks every 30 s and rightly
  // renders the week, so one of three rounds must pass untouched.
  const columnProps = (): Promise<boolean> =>
    page.evaluate(`(() => {
      const column = document.querySelector('.week-day')
      const key = column ? Object.keys(column).find((k) => k.startsWith('__reactProps$')) : undefined
      const same = key !== undefined && column[key] === window.__columnProps
      window.__columnProps = key ? column[key] : undefined
      return same
    })()`)
  let untouched = false
  for (let round = 0; round < 3 && !untouched; round++) {
    await columnProps()
    await main(page).getByRole('button', { name: 'New post' }).click()
    const composer = page.getByRole('dialog', { name: 'New post' })
    await expect(composer.getByRole('textbox', { name: 'Post text' })).toBeVisible()
    await composer.getByRole('button', { name: 'Close' }).click()
    await expect(composer).toHaveCount(0)
    untouched = await columnProps()
  }
  expect(untouched).toBe(true)
})

test('a week card is few boxes: a channel mark is one element, and the states it describes are not drawn', async ({ page, relink }) => {
  const channels = await relink.core.handlers['channels:list'](undefined)
  // X's mark is a drawn glyph; those without a picture show their marks on the card too. (Instagram asks for an image.)
  const pictured = new Set((await relink.core.handlers['channels:list-pictures'](undefined)).map((p) => p.channelId))
  const usable = channels.filter((c) => c.network !== 'instagram' && c.health === 'healthy')
  const ranked = [...usable.filter((c) => c.network === 'x').slice(0, 1), ...usable.filter((c) => c.network !== 'x' && !pictured.has(c.id)), ...usable.filter((c) => c.network !== 'x' && pictured.has(c.id))]
  const ids = ranked.slice(0, 3).map((c) => c.id)
  expect(ids).toHaveLength(3)
  await schedule(relink, 'Three networks at once', ids, relink.ports.clock.now() + 3 * HOUR)
  await openApp(page, '#/schedule')
  await page.getByRole('radio', { name: 'Week' }).check()
  const card = item(page, 'Three networks at once')
  await expect(card).toBeVisible()
  // A busy agency week draws hundreds of cards, and every element of one is styled and laid out
  // as the week fills in: an inline SVG per glyph was three boxes a mark.
  const marks = card.locator('.post-card__marks > :not(.post-card__more)')
  await expect(marks).toHaveCount(3)
  // A mark is one element, a picture two (its ring and the image).
  expect(await marks.evaluateAll((els) => els.map((el) => el.querySelectorAll('*').length - (el.classList.contains('network-mark') ? 0 : 1)))).toEqual([0, 0, 0])
  // The state's icon is one element drawn by the stylesheet, not an inline SVG of two.
  await expect(card.locator('svg')).toHaveCount(0)
  const state = card.locator('.post-card__state')
  expect(await state.evaluate((el) => [el.childElementCount, (globalThis as unknown as { getComputedStyle(e: unknown): { maskImage: string } }).getComputedStyle(el).maskImage.startsWith('url(')])).toEqual([0, true])
  // The states are the card's description though hidden, as aria-describedby allows.
  await expect(card.locator('[id]').filter({ hasText: /Scheduled/ })).toBeHidden()
  await expect(card.getByRole('button').first()).toHaveAccessibleDescription(/: Scheduled.*: Scheduled.*: Scheduled/)
  // In the list every row's picture carries its network's mark, X's among them.
  await page.getByRole('radio', { name: 'List' }).check()
  const rowMarks = item(page, 'Three networks at once').locator('.network-mark')
  await expect(rowMarks).toHaveCount(3)
  await expect(rowMarks.and(page.locator('.network-mark--x'))).toHaveCount(1)
  expect(await rowMarks.evaluateAll((els) => els.map((el) => el.childElementCount))).toEqual([0, 0, 0])
})

test('a busy week fills in a few hours of days a frame, what a scroll shows first, until every hour’s post is there', async ({ page, relink }, testInfo) => {
  // 140 posts to schedule: more than a light journey's time on a busy machine.
  test.setTimeout(90_000)
  const mastodon = await channel(relink, (c) => c.network === 'mastodon')
  // Next week, a post every hour from 00:30 to 19:30 each day: 140 cards, more than a week draws at once.
  const monday = Date.UTC(2026, 0, 12)
  for (let d = 0; d < 7; d++) for (let h = 0; h < 20; h++) await schedule(relink, `Busy week ${d}-${h}`, [mastodon.id], monday + d * DAY + h * HOUR + 30 * MINUTE)
  // Monday 05:00 has four posts: its card shows one and a "+3 more".
  for (let i = 1; i <= 3; i++) await schedule(relink, `Busy week 0-5 also ${i}`, [mastodon.id], monday + 5 * HOUR + 30 * MINUTE)
  await openApp(page, '#/schedule')
  await page.getByRole('radio', { name: 'Week' }).check()
  await expect(rangeHeading(page)).toHaveText(/^5\s*–\s*11 Jan 2026$/)
  // The page's animation frames run when the test says, so each frame's rows can be counted.
  await page.evaluate(`(() => {
    const [request, cancel] = [window.requestAnimationFrame.bind(window), window.cancelAnimationFrame.bind(window)]
    let queue = new Map()
    let id = 0
    window.requestAnimationFrame = (callback) => (queue.set(++id, callback), id)
    window.cancelAnimationFrame = (frame) => queue.delete(frame)
    window.__nextFrame = () => {
      const due = [...queue.values()]
      queue = new Map()
      for (const callback of due) callback(performance.now())
    }
    // Frames as the browser has them again, from the next one.
    window.__resumeFrames = () => {
      window.requestAnimationFrame = request
      window.cancelAnimationFrame = cancel
      request(() => window.__nextFrame())
    }
  })()`)
  await main(page).getByRole('button', { name: 'Next week' }).click()
  const busy = main(page).getByRole('listitem').filter({ hasText: 'Busy week' })
  /** The hours whose cards are in the document, each with how many days' cards it has. */
  const hours = async (): Promise<Record<string, number>> => {
    const texts = await busy.allTextContents()
    const out: Record<string, number> = {}
    for (const text of texts) {
      const hour = /Busy week \d-(\d+)/.exec(text)?.[1]
      if (hour) out[hour] = (out[hour] ?? 0) + 1
    }
    return out
  }
  // The week opens on its first hour (the grid starts at midnight), every day's post of it.
  await expect.poll(hours).toEqual({ 0: 7 })
  // Each frame adds four days' hours, the next hour row's days in order.
  await page.evaluate('window.__nextFrame()')
  await expect.poll(hours).toEqual({ 0: 7, 1: 4 })
  await page.evaluate('window.__nextFrame()')
  await expect.poll(hours).toEqual({ 0: 7, 1: 7, 2: 1 })
  // Scrolled to the evening: the next frames bring in the hours in view, from the top of the view,
  // before the hours scrolled past and the row begun above.
  const view = main(page).locator('.week-view')
  await view.evaluate((el) => el.scrollTo(0, el.scrollHeight))
  const top = await view.evaluate((el) => Math.floor(el.scrollTop / 48))
  expect(top).toBeGreaterThan(4)
  await page.evaluate('window.__nextFrame()')
  await expect.poll(hours).toEqual({ 0: 7, 1: 7, 2: 1, [top]: 4 })
  await page.evaluate('window.__nextFrame()')
  await expect.poll(hours).toEqual({ 0: 7, 1: 7, 2: 1, [top]: 7, [top + 1]: 1 })
  // Frame by frame the grid becomes whole: every hour's post of every day.
  await page.evaluate('window.__resumeFrames()')
  await expect(busy).toHaveCount(140)
  await expect(busy.filter({ hasText: 'Busy week 6-19' })).toBeInViewport()
  // Only the card beside a "+3 more" stops its text short of it; the others have the width to themselves.
  await expect(main(page).getByRole('button', { name: /^3 more posts at 05:00 on Monday/ })).toHaveCount(1)
  const besideMore = main(page).locator('.post-card--beside-more')
  await expect(besideMore).toHaveCount(1)
  await expect(besideMore).toContainText('Busy week 0-5')
  const padding = (text: string) => busy.filter({ hasText: text }).locator('.post-card__preview').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { paddingRight: string } }).getComputedStyle(el).paddingRight)
  expect(await padding('Busy week 0-5')).not.toBe('0px')
  expect(await padding('Busy week 3-12')).toBe('0px')
  await page.screenshot({ path: testInfo.outputPath('schedule-week-busy-1280.png') })
  await page.setViewportSize({ width: 900, height: 600 })
  await view.evaluate((el) => el.scrollTo(0, 3 * 48))
  // In a narrow day the count is "+3" and the card beside it keeps room for its first words.
  const more = await main(page).getByRole('button', { name: /^3 more posts at 05:00 on Monday/ }).boundingBox()
  const words = await besideMore.locator('.post-card__preview').evaluate((el) => {
    const box = (el as unknown as { getBoundingClientRect(): { right: number; width: number } }).getBoundingClientRect()
    const style = (globalThis as unknown as { getComputedStyle(e: unknown): { paddingRight: string } }).getComputedStyle(el)
    return { right: box.right - parseFloat(style.paddingRight), width: box.width - parseFloat(style.paddingRight) }
  })
  expect(words.width).toBeGreaterThan(50)
  expect(more?.x ?? 0).toBeGreaterThanOrEqual(words.right - 1)
  await page.screenshot({ path: testInfo.outputPath('schedule-week-busy-900.png') })
})

test('a month opening draws its first two weeks’ posts, then two weeks more each frame', async ({ page, relink }) => {
  const mastodon = await channel(relink, (c) => c.network === 'mastodon')
  await schedule(relink, 'Early January news', [mastodon.id], Date.UTC(2026, 0, 6, 10))
  await schedule(relink, 'Mid January news', [mastodon.id], Date.UTC(2026, 0, 14, 10))
  await schedule(relink, 'Late January news', [mastodon.id], Date.UTC(2026, 0, 28, 10))
  await openApp(page, '#/schedule')
  await page.getByRole('radio', { name: 'Month' }).check()
  await expect(item(page, 'Late January news')).toBeVisible()
  await page.getByRole('radio', { name: 'Week' }).check()
  await expect(main(page).locator('.week-view')).toBeVisible()
  // Each commit React makes to the grid, as whether its first two weeks, its third and its last have cards.
  const drawn = (await page.evaluate(`new Promise((resolve) => {
    const seen = []
    const count = () => {
      const days = [...document.querySelectorAll('.month-grid .calendar-day')]
      const cards = (from, to) => days.slice(from, to).some((d) => d.querySelector('.post-card'))
      if (days.length) seen.push([cards(0, 14), cards(14, 21), cards(-7)])
    }
    const observer = new MutationObserver(count)
    observer.observe(document.getElementById('main-content'), { childList: true, subtree: true })
    document.querySelector('input[type="radio"][value="month"]').click()
    const frames = (n) => (n === 0 ? (observer.disconnect(), resolve(seen)) : requestAnimationFrame(() => frames(n - 1)))
    setTimeout(() => frames(5), 500)
  })`)) as [boolean, boolean, boolean][]
  expect(drawn.at(-1)).toEqual([true, true, true])
  expect(drawn).toContainEqual([true, false, false])
  expect(drawn).toContainEqual([true, true, false])
})

/**
 * Page-side: the list's rows in the document, and those whose React props object changed since
 * the last call (React gives an element a new one each time its component renders).
 */
const LIST_ROW_PROPS = `(() => {
  const seen = window.__listRows ?? new Map()
  const drawnAgain = []
  let rows = 0
  for (const row of document.querySelectorAll('.schedule-list li.delivery')) {
    const key = Object.keys(row).find((k) => k.startsWith('__reactProps$'))
    if (!key) continue
    rows++
    if (seen.has(row.textContent) && seen.get(row.textContent) !== row[key]) drawnAgain.push(row.textContent)
    seen.set(row.textContent, row[key])
  }
  window.__listRows = seen
  return { rows, drawnAgain }
})()`

test('a busy month in the list is read a page at a time as it scrolls, with every post reachable', async ({ page, relink }, testInfo) => {
  // Fifty posts to schedule and three pages to read: more than a light journey's time on a busy machine.
  test.setTimeout(90_000)
  const targets = (await relink.core.handlers['channels:list'](undefined)).filter((c) => c.network !== 'instagram').map((c) => c.id)
  // About 2.5 pages of deliveries in January, an hour or two apart.
  const posts = Math.ceil(500 / targets.length)
  const first = Date.UTC(2026, 0, 6, 8)
  for (let i = 0; i < posts; i++) await schedule(relink, `Busy month post ${i + 1}`, targets, first + i * Math.floor((24 * DAY) / posts))
  // Each answer the list gets stays a page long; a further page waits while `hold` does.
  const answers: number[] = []
  let hold = Promise.resolve()
  let held = 0
  const handlers = relink.core.handlers
  const listCalendar = handlers['schedule:list-calendar']
  handlers['schedule:list-calendar'] = async (input) => {
    if (input.after) {
      held++
      await hold
    }
    const rows = await listCalendar(input)
    if (input.limit !== undefined) answers.push(rows.length)
    return rows
  }
  await openApp(page, '#/schedule')
  await page.getByRole('radio', { name: 'List' }).check()
  await expect(item(page, 'Busy month post 1').first()).toBeVisible()
  expect(answers).toEqual([200])
  await page.screenshot({ path: testInfo.outputPath('schedule-list-1280.png') })
  // The rows on screen are not drawn again when the next page arrives, though the days are
  // grouped anew and the last block read gains the next page's first rows.
  let release = (): void => undefined
  hold = new Promise((go) => (release = go))
  await page.getByRole('main').evaluate((el) => el.scrollTo(0, el.scrollHeight))
  await expect.poll(() => held).toBe(1)
  const before = (await page.evaluate(LIST_ROW_PROPS)) as { rows: number; drawnAgain: string[] }
  expect(before.rows).toBeGreaterThan(3)
  const height = await main(page).evaluate((el) => el.scrollHeight)
  release()
  await expect.poll(() => main(page).evaluate((el) => el.scrollHeight)).toBeGreaterThan(height)
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))')
  expect(((await page.evaluate(LIST_ROW_PROPS)) as { drawnAgain: string[] }).drawnAgain).toEqual([])
  // Scrolling to the end reads the next pages until the month's last post is there.
  const last = `Busy month post ${posts}`
  await expect(async () => {
    await page.getByRole('main').evaluate((el) => el.scrollTo(0, el.scrollHeight))
    await expect(item(page, last).first()).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 45_000 })
  await expect(main(page).getByRole('status').filter({ hasText: 'Loading more posts' })).toHaveCount(0)
  expect(answers.length).toBeGreaterThanOrEqual(3)
  expect(answers.every((n) => n <= 200)).toBe(true)
  // Only the rows near the screen are in the document: a screen's worth and four blocks of three each way.
  expect(await main(page).getByRole('listitem').count()).toBeLessThan(60)
  await page.setViewportSize({ width: 900, height: 600 })
  await page.screenshot({ path: testInfo.outputPath('schedule-list-900.png') })
})

test.describe('in a window whose language is American English on a British system', () => {
  test.use({ locale: 'en-US', systemLocale: 'en-GB' })

  test('dates and times follow the system’s regional format, not the window’s language', async ({ page, relink }, testInfo) => {
    const mastodon = await channel(relink, (c) => c.network === 'mastodon')
    await schedule(relink, 'Afternoon tasting', [mastodon.id], Date.UTC(2026, 0, 6, 14, 30))
    await openApp(page, '#/schedule')
    await page.getByRole('radio', { name: 'Week' }).check()
    // en-GB: day before month, a 24-hour clock and Monday first; en-US would read "Jan 5 – 11, 2026" and "2:30 PM".
    await expect(rangeHeading(page)).toHaveText(/^5\s*–\s*11 Jan 2026$/)
    await expect(item(page, 'Afternoon tasting')).toContainText('14:30')
    await page.getByRole('radio', { name: 'List' }).check()
    await expect(main(page).getByRole('heading', { name: 'Tue 6 Jan' })).toBeVisible()

    // A new time for a post, day first and on a 24-hour clock; an American date is said to be none.
    await item(page, 'Afternoon tasting').getByRole('button').first().click()
    const details = drawer(page, mastodon.name)
    await expect(details.getByLabel('New date')).toHaveValue('06/01/2026')
    await expect(details.getByLabel('New time')).toHaveValue('14:30')
    await details.getByLabel('New date').fill('01/07/2026')
    await details.getByLabel('New time').fill('4:45 pm')
    await details.getByRole('button', { name: 'Reschedule' }).click()
    await expect(page.getByText(`Rescheduled for Wed 1 Jul, 16:45 on ${mastodon.name}.`)).toBeVisible()
    await details.getByLabel('New date').fill('07/31/2026')
    await expect(details.getByText('Not a date: write it as dd/mm/yyyy.')).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('reschedule-en-GB-1280.png') })
    await page.keyboard.press('Escape')

    // The analytics' own range.
    await goTo(page, 'Analytics')
    await page.getByRole('radio', { name: 'Custom' }).check()
    await expect(page.getByLabel('From', { exact: true })).toHaveValue(/^\d{2}\/12\/2025$/)
    await expect(page.getByLabel('To', { exact: true })).toHaveValue('04/01/2026')
    await page.getByLabel('From', { exact: true }).fill('01/12/2025')
    await expect(page.getByRole('heading', { name: '1 Dec 2025 – 4 Jan 2026' })).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('analytics-range-en-GB-1280.png') })

    // The inbox's date filter.
    await goTo(page, /^Inbox/)
    await page.getByLabel('From date').fill('02/01/2026')
    await page.getByLabel('From date').blur()
    await expect(page.getByLabel('From date')).toHaveValue('02/01/2026')
    await expect(page.getByLabel('From date')).toHaveAttribute('placeholder', 'dd/mm/yyyy')
    await page.screenshot({ path: testInfo.outputPath('inbox-dates-en-GB-1280.png') })
    await page.setViewportSize({ width: 900, height: 600 })
    await page.screenshot({ path: testInfo.outputPath('inbox-dates-en-GB-900.png') })
  })
})
