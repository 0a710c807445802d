import { expect, test, type Page, type RelinkHarness } from './fixtures'
import { openAnalytics } from './harbor-books'

// The demo starts on Monday 5 January 2026, 09:00 UTC; a fixed locale and zone keep days and hours stable.
test.use({ demo: { seedDemo: true }, locale: 'en-GB', timezoneId: 'UTC' })

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Posts go out through the Schedule at 10:00, 13:00 and 18:00 on a Facebook page and an X account; two days later their metrics are read. */
async function publishThreePosts(relink: RelinkHarness): Promise<{ id: string; name: string }[]> {
  const channels = await relink.core.handlers['channels:list'](undefined)
  const picked = ['facebook', 'x'].map((network) => {
    const found = channels.find((c) => c.network === network)
    if (!found) throw new Error(`no ${network} channel in the demo`)
    return found
  })
  const now = relink.ports.clock.now()
  const texts: [string, number][] = [
    ['Morning pour-over guide: 15 g of coffee, 250 g of water', 1],
    ['Cold brew at lunch, on tap all week', 4],
    ['Evening roast notes from the cupping table', 9],
  ]
  for (const [text, hours] of texts) {
    await relink.core.handlers['schedule:create-post']({ text, channelIds: picked.map((c) => c.id), publishAt: now + hours * HOUR, timeZone: 'UTC' })
  }
  // The clock passes each post's time in turn (a jump over them would be a computer asleep: missed posts).
  let passed = 0
  for (const [, hours] of texts) {
    relink.ports.clock.advance((hours - passed) * HOUR)
    passed = hours
    await relink.core.scheduler.whenIdle()
  }
  relink.ports.clock.advance(2 * DAY)
  await relink.core.scheduler.whenIdle()
  await relink.core.sync.syncNow({ streams: ['post_metrics'] })
  return picked
}

/** The numbers in a column of the top-posts table, top to bottom. */
async function column(page: Page, index: number): Promise<number[]> {
  const cells = await page.getByRole('region', { name: /^Top posts/ }).locator(`tbody tr td:nth-child(${index})`).allInnerTexts()
  return cells.map((t) => Number(t.replace(/[^\d]/g, '')))
}

test('top posts ranked by any metric either way, with text, channel and links, and the best times to post by that metric', async ({ page, relink }, testInfo) => {
  test.slow()
  const [facebook, x] = await publishThreePosts(relink)
  await openAnalytics(page)
  await page.getByRole('radio', { name: '7 days' }).check()

  // The week holds the demo channels' own posts, published outside Relink, beside the six that
  // went out through the Schedule: the comparison counts each side, and Relink's are marked.
  const week = await relink.core.handlers['analytics:get-posts']({ fromDay: '2025-12-31', toDay: '2026-01-06', sortBy: 'engagements', direction: 'desc', timeZone: 'UTC' })
  const elsewhere = week.totalPosts - 6
  expect(elsewhere).toBeGreaterThan(0)
  const top = page.getByRole('region', { name: /^Top posts/ })
  await expect(top.getByRole('heading')).toContainText(`10 of ${week.totalPosts} by engagements`)
  const origins = page.getByRole('region', { name: /^Through Relink and elsewhere/ })
  await expect(origins.getByRole('row', { name: /^Through Relink/ })).toContainText(/^Through Relink\s*6\s*\d+%\s*[\d,]+\s*[\d,]+$/)
  await expect(origins.getByRole('row', { name: /^Elsewhere/ })).toContainText(new RegExp(`^Elsewhere\\s*${elsewhere}\\s*\\d+%\\s*[\\d,]+\\s*[\\d,]+$`))
  const rows = top.locator('tbody tr')
  await expect(rows).toHaveCount(10)
  const shownThroughRelink = week.posts.filter((p) => p.deliveryId !== null).length
  await expect(rows.filter({ hasText: 'Through Relink' })).toHaveCount(shownThroughRelink)
  await expect(rows.filter({ hasText: 'Elsewhere' })).toHaveCount(10 - shownThroughRelink)
  await origins.scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('analytics-origins-1280.png') })

  // The days the Schedule published on hold those six only: every one went out through Relink.
  await page.getByRole('radio', { name: 'Custom' }).check()
  await page.getByLabel('From').fill('2026-01-05')
  await expect(top.getByRole('heading')).toContainText('6 of 6 by engagements')
  await expect(rows).toHaveCount(6)
  await expect(top.getByRole('row').filter({ hasText: 'Cold brew at lunch' })).toHaveCount(2)
  await expect(top.getByRole('row').filter({ hasText: facebook?.name ?? '' }).first()).toContainText('View on Facebook')
  await expect(top.getByRole('row').filter({ hasText: x?.name ?? '' }).first()).toContainText('View on X')
  await expect(top.getByRole('columnheader', { name: /Engagements/ })).toHaveAttribute('aria-sort', 'descending')
  await expect(rows.filter({ hasText: 'Through Relink' })).toHaveCount(6)
  await expect(origins.getByRole('row', { name: /^Through Relink/ })).toContainText(/^Through Relink\s*6\s*100%\s*[\d,]+\s*[\d,]+$/)
  await expect(origins.getByRole('row', { name: /^Elsewhere/ })).toContainText(/^Elsewhere\s*0\s*0%\s*—\s*—$/)

  // What main stored, ranked by views: the table agrees, then turns it round.
  const byViews = await relink.core.handlers['analytics:get-posts']({ fromDay: '2026-01-05', toDay: '2026-01-06', sortBy: 'views', direction: 'desc', timeZone: 'UTC' })
  expect(byViews.totalPosts).toBe(6)
  const viewsHeader = top.getByRole('columnheader', { name: /Views/ })
  await viewsHeader.getByRole('button').click()
  await expect(viewsHeader).toHaveAttribute('aria-sort', 'descending')
  await expect(rows.first()).toContainText(byViews.posts[0]?.excerpt ?? 'missing')
  const viewsColumn = 2 + byViews.metrics.indexOf('views')
  const down = await column(page, viewsColumn)
  expect(down).toEqual([...down].sort((a, b) => b - a))
  expect(down[0]).toBeGreaterThan(0)
  await viewsHeader.getByRole('button').press('Enter')
  await expect(viewsHeader).toHaveAttribute('aria-sort', 'ascending')
  await expect.poll(() => column(page, viewsColumn)).toEqual([...down].reverse())

  // Best time: every post went out on Monday at 10, 13 or 18 h UTC; those hours are the ones coloured.
  const best = page.getByRole('region', { name: /^Best time to post/ })
  await expect(best.getByRole('heading')).toContainText('average views per post')
  await expect(best).toContainText(/Most views per post: (Mon (10|13|18):00–\d\d:00(, )?){3}\./)
  await expect(best.getByRole('gridcell', { name: /^Monday 10:00–11:00: 2 posts, [\d,]+ views on average\.$/ })).toBeVisible()
  await expect(best.getByRole('gridcell', { name: 'Tuesday 10:00–11:00: no posts published then.' })).toBeVisible()
  // Keyboard: one tab stop, arrows move through the hours and the line below follows.
  const focused = best.locator('[role="gridcell"][tabindex="0"]')
  await focused.focus()
  await page.keyboard.press('ArrowDown')
  await expect(best.locator('.best-time__detail')).toContainText(/^Tuesday (10|13|18):00–\d\d:00: no posts published then\.$/)
  await top.scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('analytics-posts-1280.png') })
  await best.scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('analytics-best-time-1280.png') })
  await page.setViewportSize({ width: 900, height: 600 })
  await top.scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('analytics-posts-900.png') })
  await best.scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('analytics-best-time-900.png') })
  await page.setViewportSize({ width: 1280, height: 800 })

  // Relink's own post opens in the Schedule.
  await rows.first().getByRole('button', { name: 'Open in Relink' }).click()
  await expect(page.getByRole('dialog')).toContainText(byViews.posts.at(-1)?.excerpt.slice(0, 20) ?? 'missing')
})

test('a period without posts says so instead of an empty table', async ({ page }) => {
  await openAnalytics(page)
  // The demo channels' own posts reach back a few weeks; the summer before has none.
  await page.getByRole('radio', { name: 'Custom' }).check()
  await page.getByLabel('From').fill('01/06/2025')
  await page.getByRole('textbox', { name: 'To', exact: true }).fill('30/06/2025')
  await expect(page.getByRole('heading', { name: '1 – 30 Jun 2025' })).toBeVisible()
  await expect(page.getByRole('region', { name: /^Top posts/ })).toContainText('No posts were published on these channels in this period.')
  await expect(page.getByRole('region', { name: /^Best time to post/ })).toContainText('The best times to post show once there are posts in the period.')
  await expect(page.getByRole('region', { name: /^Through Relink and elsewhere/ })).toContainText('compared once there are posts in the period')
})
