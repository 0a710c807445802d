import { FACEBOOK_SEED } from '../../src/main/sandbox/dialects/facebook'
import type { InboxQuery } from '../../src/shared/domain/inbox'
import { expect, openApp, test, type RelinkHarness } from './fixtures'
import { firstReadsDone, goTo } from './harbor-books'

// A fixed locale and zone, so dates read the same on every machine. The demo starts on Monday 5 January 2026, 09:00.
test.use({ demo: { seedDemo: true }, locale: 'en-GB', timezoneId: 'UTC' })

/** Comments enough for several pages, on a Northwind Coffee post, read into the inbox. */
async function manyComments(relink: RelinkHarness, count: number): Promise<void> {
  const world = relink.sandbox?.world
  if (!world) throw new Error('no sandbox')
  const post = [...world.posts.values()].filter((p) => p.channelId === FACEBOOK_SEED.pages.coffee.id).sort((a, b) => b.createdAt - a.createdAt)[0]
  if (!post) throw new Error('no Northwind Coffee post')
  const local = post.id.split('_')[1] ?? post.id
  for (let i = 0; i < count; i++)
    world.addComment({
      id: `${local}_${5000 + i}`,
      network: 'facebook',
      postId: post.id,
      parentId: null,
      authorName: `Visitor ${i}`,
      authorHandle: `1000950000${String(i).padStart(4, '0')}`,
      text: `Comment number ${i} about the new seasonal blend${i % 3 === 0 ? ', and a longer thought that runs on to a second line of the row when the window is narrow enough to wrap it' : ''}`,
      createdAt: relink.ports.clock.now() - (i + 1) * 60_000,
      viaApi: false,
    })
  // A sync already running when the comments were added joins this one without them: read until they are in.
  await expect
    .poll(async () => {
      await relink.core.sync.syncNow({ streams: ['comments', 'mentions'] })
      return (await relink.core.handlers['inbox:get-counts'](undefined)).byState.new
    })
    .toBeGreaterThanOrEqual(count)
}

/**
 * What each row on screen last drew, by comment id: React keeps an element's props on the element,
 * and replaces them only when it draws that row again.
 */
const rowProps = (keep: boolean): string => `(() => {
  const seen = (window.__rowProps ??= new Map())
  const drawnAgain = []
  for (const row of document.querySelectorAll('[data-testid="inbox-row"]')) {
    const key = Object.keys(row).find((k) => k.startsWith('__reactProps$'))
    const props = key ? row[key] : undefined
    if (seen.has(row.id) && seen.get(row.id) !== props) drawnAgain.push(row.id)
    if (${keep}) seen.set(row.id, props)
  }
  return { rows: seen.size, drawnAgain }
})()`
const ROW_PROPS = rowProps(true)

test('scrolling a long inbox: a first page with room below the screen, small pages asked for ahead of the end, the rows on screen not drawn again when a page arrives or the list is read again, a page dropped for a change asked for again', async ({ page, relink }, testInfo) => {
  test.slow()
  await manyComments(relink, 260)
  // Every further page asked for (not the first page, read again as syncs finish), each answered when the test lets it go.
  const asked: InboxQuery[] = []
  let readAgain = 0
  let release = (): void => undefined
  let held = Promise.resolve()
  const handlers = relink.core.handlers
  const list = handlers['inbox:list']
  handlers['inbox:list'] = async (query) => {
    if (query.before || query.offset) {
      asked.push(query)
      await held
    } else readAgain++
    return list(query)
  }
  // The first page holds a screen of rows and the hundred kept loaded below it, so showing it asks
  // for nothing more; scrolling a little asks for the next page, a small one, with the end of what
  // is loaded far below.
  held = new Promise((go) => (release = go))
  await openApp(page)
  await goTo(page, /^Inbox/)
  const inbox = page.getByTestId('inbox-list')
  await expect(inbox.getByTestId('inbox-row').first()).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('inbox-long-1280.png') })
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))')
  expect(asked).toHaveLength(0)
  await inbox.evaluate((el) => (el.scrollTop = 4_000))
  const height = await inbox.evaluate((el) => el.scrollHeight)
  await expect.poll(() => asked.length).toBe(1)
  expect(asked[0]?.limit).toBeLessThanOrEqual(25)
  expect(await inbox.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeGreaterThan(3_000)

  // The rows on screen are not drawn again when the page arrives.
  const before = (await page.evaluate(ROW_PROPS)) as { rows: number; drawnAgain: string[] }
  expect(before.rows).toBeGreaterThan(3)
  release()
  await expect.poll(() => inbox.evaluate((el) => el.scrollHeight)).toBeGreaterThan(height)
  const after = (await page.evaluate(ROW_PROPS)) as { rows: number; drawnAgain: string[] }
  expect(after.rows).toBeGreaterThanOrEqual(before.rows)
  expect(after.drawnAgain).toEqual([])

  // A change heard while a page is on its way reads the list again and drops that answer; the
  // list then asks for the page again, though it has not moved since.
  held = new Promise((go) => (release = go))
  await inbox.evaluate((el) => (el.scrollTop = el.scrollHeight))
  await expect.poll(() => asked.length).toBe(2)
  await page.evaluate(ROW_PROPS)
  const reads = readAgain
  const read = inbox.locator('.inbox-row--unread').last()
  const readId = (await read.getAttribute('id')) ?? ''
  await relink.core.handlers['inbox:mark-read']({ itemIds: [Number(readId.replace('inbox-item-', ''))] })
  await expect.poll(() => readAgain).toBeGreaterThan(reads)
  // Read again, only the row marked read is drawn again.
  await expect.poll(async () => ((await page.evaluate(rowProps(false))) as { drawnAgain: string[] }).drawnAgain).toEqual([readId])
  const loadedHeight = await inbox.evaluate((el) => el.scrollHeight)
  release()
  await expect.poll(() => asked.length).toBeGreaterThanOrEqual(3)
  await expect.poll(() => inbox.evaluate((el) => el.scrollHeight)).toBeGreaterThan(loadedHeight)

  // Jumping on to the end loads the rest (a full page at a time once the list has caught up with what is loaded).
  const open = await list({ states: ['new', 'assigned'], limit: 1_000 })
  expect(open.items.length).toBeGreaterThan(250)
  const oldest = inbox.locator(`#inbox-item-${open.items.at(-1)?.id ?? 0}`)
  await expect
    .poll(
      async () => {
        await inbox.evaluate((el) => (el.scrollTop = el.scrollHeight))
        return oldest.count()
      },
      { timeout: 20_000 },
    )
    .toBe(1)
  expect(asked.length).toBeGreaterThan(2)
  expect(asked.at(-1)?.limit).toBe(100)
  await page.setViewportSize({ width: 900, height: 600 })
  await page.screenshot({ path: testInfo.outputPath('inbox-long-end-900.png') })
})

test('a change heard before the first page arrives reads a whole first page again, so showing it asks for nothing more', async ({ page, relink }) => {
  await manyComments(relink, 260)
  // The reads Relink starts with, finished: each one's change would read the first page again.
  await firstReadsDone(relink)
  const asked: InboxQuery[] = []
  let firstReads = 0
  let release = (): void => undefined
  const held = new Promise<void>((go) => (release = go))
  const handlers = relink.core.handlers
  const list = handlers['inbox:list']
  handlers['inbox:list'] = async (query) => {
    if (query.before || query.offset) asked.push(query)
    else if (++firstReads === 1) await held
    return list(query)
  }
  await openApp(page)
  await goTo(page, /^Inbox/)
  await expect.poll(() => firstReads).toBe(1)
  // A sync finishing while the first page is on its way: the list reads it again and drops the first answer.
  relink.core.events.emit('inbox:did-change', { channelIds: [FACEBOOK_SEED.pages.coffee.id] })
  await expect.poll(() => firstReads).toBe(2)
  release()
  const inbox = page.getByTestId('inbox-list')
  await expect(inbox.getByTestId('inbox-row').first()).toBeVisible()
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))')
  expect(asked).toEqual([])
})

test('scrolling a long inbox: rows drawn as they scroll into view are as tall as estimated, so the list is not placed and drawn again for each, and only a few beyond the screen are drawn', async ({ page, relink }) => {
  test.slow()
  await manyComments(relink, 260)
  // No further page arrives: the list's height then changes only if a row drawn is not the size it was given.
  const list = relink.core.handlers['inbox:list']
  relink.core.handlers['inbox:list'] = (query) => (query.before || query.offset ? new Promise(() => undefined) : list(query))
  await openApp(page)
  await goTo(page, /^Inbox/)
  const inbox = page.getByTestId('inbox-list')
  await expect(inbox.getByTestId('inbox-row').first()).toBeVisible()
  const frames = 'new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))'
  const height = (): Promise<number> => inbox.evaluate((el) => el.scrollHeight)
  // The first screen measured: its short and long rows (one line of text, two) tell the rest.
  let settled = 0
  await expect
    .poll(async () => {
      const before = await height()
      await page.evaluate(frames)
      settled = await height()
      return settled === before
    })
    .toBe(true)
  const heights: number[] = []
  for (let step = 1; step <= 8; step++) {
    await inbox.evaluate((el, top) => (el.scrollTop = top), step * 500)
    await page.evaluate(frames)
    await page.evaluate(frames)
    heights.push(await height())
  }
  expect(await inbox.evaluate((el) => el.scrollTop)).toBe(4_000)
  expect(heights).toEqual(heights.map(() => settled))
  // Only a few rows beyond each edge of the screen are drawn: each one is laid out and painted in every frame of a scroll.
  const drawn = await inbox.evaluate((el) => {
    const box = el.getBoundingClientRect()
    const rows = [...el.querySelectorAll('[data-testid="inbox-row"]')].map((row) => row.getBoundingClientRect())
    return { all: rows.length, onScreen: rows.filter((r) => r.bottom > box.top && r.top < box.bottom).length }
  })
  expect(drawn.onScreen).toBeGreaterThan(3)
  expect(drawn.all - drawn.onScreen).toBeLessThanOrEqual(8)
})
