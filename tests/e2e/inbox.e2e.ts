import { FACEBOOK_SEED } from '../../src/main/sandbox/dialects/facebook'
import { expect, openApp, test, type Page, type RelinkHarness } from './fixtures'
import { disconnectHarborBooks, firstReadsDone, goTo, reconnectHarborBooks } from './harbor-books'

// A fixed locale and zone, so dates read the same on every machine. The demo starts on Monday 5 January 2026, 09:00.
test.use({ demo: { seedDemo: true }, locale: 'en-GB', timezoneId: 'UTC' })

async function openInbox(page: Page): Promise<void> {
  await openApp(page)
  await goTo(page, /^Inbox/)
  await expect(page.getByTestId('inbox-list')).toBeVisible()
}

/** Adds a comment to a Northwind Coffee post on the sandbox, as a visitor would write it. */
function visitorComments(relink: RelinkHarness, texts: string[]): void {
  const world = relink.sandbox?.world
  if (!world) throw new Error('no sandbox')
  const post = [...world.posts.values()].filter((p) => p.channelId === FACEBOOK_SEED.pages.coffee.id).sort((a, b) => b.createdAt - a.createdAt)[0]
  if (!post) throw new Error('no Northwind Coffee post')
  const local = post.id.split('_')[1] ?? post.id
  texts.forEach((text, i) =>
    world.addComment({
      id: `${local}_${900 + i}`,
      network: 'facebook',
      postId: post.id,
      parentId: null,
      authorName: 'Zoë Martín',
      authorHandle: `1000900000000${10 + i}`,
      text,
      createdAt: relink.ports.clock.now() - (i + 1) * 60_000,
      viaApi: false,
    }),
  )
}

test('triage with the keyboard: J/K to move, E done, L label, A assign, Ctrl+A and bulk done, unread count in the navigation', async ({ page, relink }, testInfo) => {
  test.slow()
  await firstReadsDone(relink)
  const unread = (await relink.core.handlers['inbox:get-counts'](undefined)).unread
  expect(unread).toBeGreaterThan(10)
  // The team comes from Settings → Inbox.
  await openApp(page)
  await goTo(page, 'Settings')
  for (const name of ['Ana Lima', 'Sam Lee']) {
    await page.getByLabel('Team member’s name').fill(name)
    await page.getByRole('button', { name: 'Add team member' }).click()
    await expect(page.getByRole('list', { name: 'Team members' })).toContainText(name)
  }
  await goTo(page, /^Inbox/)
  await expect(page.getByTestId('inbox-list')).toBeVisible()
  const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Inbox/ })
  await expect(nav).toContainText(String(unread))
  // Under the pointer the count stays in view, with the shortcut beside it (not in its place).
  await nav.hover()
  await expect(nav.locator('.nav-item__count')).toBeVisible()
  await expect(nav.locator('.nav-item__shortcut')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('inbox-light.png') })

  const rows = page.getByTestId('inbox-row')
  await page.keyboard.press('j')
  const thread = page.getByRole('region', { name: /on / }).or(page.locator('section.thread'))
  await expect(thread.first()).toBeVisible()
  await expect(rows.first()).toHaveAttribute('aria-selected', 'true')
  const firstAuthor = (await page.locator('#thread-title').textContent()) ?? ''
  await page.keyboard.press('j')
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('k')
  await expect(page.locator('#thread-title')).toHaveText(firstAuthor)
  // Opening marks read: the navigation counts what is still unread (the background sync may add more meanwhile).
  await expect
    .poll(async () => {
      const now = (await relink.core.handlers['inbox:get-counts'](undefined)).unread
      return (await nav.textContent())?.includes(`${now} unread`) && now <= unread - 2
    })
    .toBe(true)

  // L: label it.
  await page.keyboard.press('l')
  await expect(page.getByLabel('Add a label')).toBeFocused()
  await page.keyboard.type('praise')
  await page.keyboard.press('Enter')
  await expect(page.locator('section.thread').getByRole('button', { name: 'Remove the label praise' })).toBeVisible()
  await page.keyboard.press('Escape')

  // A: assign it to a teammate.
  await page.keyboard.press('a')
  await expect(page.locator('section.thread').getByLabel(/Assigned to/)).toBeFocused()
  await page.locator('section.thread').getByLabel(/Assigned to/).selectOption('Ana Lima')
  await expect(rows.first()).toContainText('Ana Lima')
  await page.getByTestId('inbox-list').focus()

  // E: done, and the next one opens in its place.
  const before = await rows.count()
  await page.keyboard.press('e')
  await expect.poll(async () => (await relink.core.handlers['inbox:get-counts'](undefined)).byState.done).toBeGreaterThan(0)
  await expect(page.locator('#thread-title')).not.toHaveText(firstAuthor)
  await page.screenshot({ path: testInfo.outputPath('inbox-thread-light.png') })

  // The Done tab has it, with its label.
  await page.getByRole('button', { name: 'Done', exact: true }).click()
  await expect(rows.filter({ hasText: 'praise' })).toHaveCount(1)
  await page.getByRole('group', { name: 'State' }).getByRole('button', { name: 'Open', exact: true }).click()
  await expect.poll(() => rows.count()).toBeLessThanOrEqual(before)

  // Esc closes the thread; Ctrl+A selects everything listed; bulk done empties the open list.
  await page.keyboard.press('Escape')
  await expect(page.locator('section.thread')).toHaveCount(0)
  await page.getByTestId('inbox-list').focus()
  await page.keyboard.press('Control+a')
  await expect(page.getByRole('region', { name: 'Selected comments' })).toContainText(/\d+ selected/)
  await page.getByRole('region', { name: 'Selected comments' }).getByRole('button', { name: 'Mark done' }).click()
  await expect(page.getByText(/\d+ marked done\./)).toBeVisible()

  await page.getByRole('button', { name: 'All', exact: true }).click()
  await page.keyboard.press('j')
  await expect(page.locator('section.thread')).toBeVisible()
  await page.setViewportSize({ width: 900, height: 600 })
  // A small window: the thread has the page, led by the way back; the keys work the same.
  const back = page.getByRole('button', { name: /All comments/ })
  await expect(back).toBeInViewport({ ratio: 1 })
  await expect(page.getByTestId('inbox-list')).toBeHidden()
  await expect(page.getByRole('list', { name: 'Messages in this thread' }).getByRole('listitem').first()).toBeInViewport({ ratio: 1 })
  await page.screenshot({ path: testInfo.outputPath('inbox-thread-900.png') })
  const smallFirst = (await page.locator('#thread-title').textContent()) ?? ''
  await page.keyboard.press('j')
  await expect(page.locator('#thread-title')).not.toHaveText(smallFirst)
  await page.keyboard.press('k')
  await expect(page.locator('#thread-title')).toHaveText(smallFirst)
  // Further down than the list shows in a small window: back in the list, that one is in view.
  const activeRow = page.locator('[data-testid="inbox-row"][aria-selected="true"]')
  for (let i = 0; i < 5; i++) {
    const from = await activeRow.getAttribute('id')
    await page.keyboard.press('j')
    await expect(activeRow).not.toHaveAttribute('id', from ?? '')
  }
  await page.keyboard.press('a')
  await expect(page.locator('section.thread').getByLabel(/Assigned to/)).toBeFocused()
  await page.keyboard.press('Escape')
  await page.keyboard.press('l')
  await expect(page.getByLabel('Add a label')).toBeFocused()
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
  await expect(page.locator('section.thread')).toHaveCount(0)
  await expect(page.getByTestId('inbox-list')).toBeVisible()
  // (All but a fraction of a pixel of its border, under the list's own.)
  await expect(activeRow).toBeInViewport({ ratio: 0.95 })
  await page.screenshot({ path: testInfo.outputPath('inbox-list-900.png') })
  // R opens the thread at its reply box; / from there goes back to the list and its search.
  await page.keyboard.press('r')
  await expect(page.getByRole('textbox', { name: /Reply as/ })).toBeFocused()
  await expect(page.getByRole('textbox', { name: /Reply as/ })).toBeInViewport({ ratio: 1 })
  await page.keyboard.press('Escape')
  await page.keyboard.press('/')
  await expect(page.getByRole('searchbox', { name: 'Search comments' })).toBeFocused()
  await expect(page.locator('section.thread')).toHaveCount(0)
  // E marks done and opens the next one, still over the list.
  await page.keyboard.press('Escape')
  await page.keyboard.press('j')
  const done = (await page.locator('#thread-title').textContent()) ?? ''
  await page.keyboard.press('e')
  await expect(page.locator('#thread-title')).not.toHaveText(done)
  await expect(back).toBeInViewport({ ratio: 1 })
})

test('Sync now reads a new comment at once and says how many came in; a double click reads once', async ({ page, relink }, testInfo) => {
  test.slow()
  await firstReadsDone(relink)
  const coffee = (await relink.core.handlers['channels:list'](undefined)).find((c) => c.network === 'facebook' && c.name === 'Northwind Coffee')
  const runs: string[] = []
  relink.core.sync.onReport((r) => {
    if (r.trigger === 'now' && r.channelId === coffee?.id && r.stream === 'comments') runs.push(r.mode)
  })
  await openInbox(page)
  visitorComments(relink, ['Do you ship to Norway?'])
  const sync = page.getByRole('button', { name: 'Sync now' })
  await sync.dblclick()
  await expect(page.getByText('1 new comment or mention read.')).toBeVisible()
  await expect(page.getByTestId('inbox-row').filter({ hasText: 'Do you ship to Norway?' })).toHaveCount(1)
  expect(runs).toEqual(['poll'])
  await page.screenshot({ path: testInfo.outputPath('inbox-sync-now-light.png') })
  await page.setViewportSize({ width: 900, height: 600 })
  await page.screenshot({ path: testInfo.outputPath('inbox-sync-now-900.png') })

  await sync.click()
  await expect(page.getByText('Up to date: no new comments or mentions.')).toBeVisible()
  expect(runs).toEqual(['poll', 'poll'])
})

test('search with diacritics and prefixes, with the matches highlighted', async ({ page, relink }, testInfo) => {
  test.slow()
  visitorComments(relink, ['Le café était délicieux ☕', 'Où est la crème brûlée ?', 'Receipt for order 42 please', '東京 のお店 はどこですか'])
  // The first reads may have passed these posts before the comments were added: read once more.
  await firstReadsDone(relink)
  await relink.core.sync.syncNow({ streams: ['comments', 'mentions'] })
  // Stored and found by main first, so a failure below is the window's.
  await expect.poll(async () => (await relink.core.handlers['inbox:list']({ search: 'cafe deli' })).items.length).toBe(1)
  await openInbox(page)
  const search = page.getByRole('searchbox', { name: 'Search comments' })
  await page.keyboard.press('/')
  await expect(search).toBeFocused()

  // Without accents, in capitals, as word beginnings.
  await page.keyboard.type('CAFE DELI')
  const rows = page.getByTestId('inbox-row')
  await expect(rows).toHaveCount(1)
  await expect(rows.first().locator('mark')).toHaveText(['café', 'délicieux'])
  await page.screenshot({ path: testInfo.outputPath('inbox-search-light.png') })

  await search.fill('creme brul')
  await expect(rows).toHaveCount(1)
  await expect(rows.first().locator('mark')).toHaveText(['crème', 'brûlée'])
  await search.fill('rec')
  await expect(rows.filter({ hasText: 'Receipt for order 42' })).toHaveCount(1)
  await search.fill('東京')
  await expect(rows).toHaveCount(1)
  await search.fill('zzzqx')
  await expect(page.getByRole('heading', { name: 'Nothing matches' })).toBeVisible()
  await expect(page.getByText('No comment contains “zzzqx” with these filters.')).toBeVisible()
  // Esc in the field clears the search.
  await search.press('Escape')
  await expect(search).toHaveValue('')
  await expect(rows.first()).toBeVisible()

  // A LinkedIn member's comments are closed to apps: the list says so rather than "Nothing matches".
  const member = (await relink.core.handlers['channels:list'](undefined)).find((c) => c.network === 'linkedin' && c.kind === 'member')
  if (!member) throw new Error('The demo has a LinkedIn member channel')
  // The channel filter is a field that searches: it offers the network's channels only, and is as
  // wide whatever its channels.
  const channelFilter = page.getByRole('combobox', { name: 'Channel', exact: true })
  await expect(channelFilter).toHaveValue('All channels')
  const width = (await channelFilter.boundingBox())?.width
  const options = page.getByRole('listbox', { name: 'Channels' }).getByRole('option')
  await channelFilter.click()
  const all = await options.count()
  await channelFilter.press('Escape')
  await page.getByLabel('Network').selectOption({ label: 'X' })
  await channelFilter.click()
  await expect(options).not.toHaveCount(all)
  await expect(options.nth(1)).toContainText('(X)')
  await channelFilter.press('Escape')
  expect((await channelFilter.boundingBox())?.width).toBe(width)
  await page.getByLabel('Network').selectOption({ label: 'All networks' })
  await channelFilter.fill(member.handle)
  await options.filter({ hasText: `${member.name} (LinkedIn)` }).first().click()
  await expect(channelFilter).toHaveValue(`${member.name} (LinkedIn)`)
  await expect(page.getByRole('heading', { name: 'LinkedIn keeps these comments to itself' })).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('inbox-linkedin-member.png') })
  await page.getByRole('button', { name: 'Show every channel' }).click()
  await expect(rows.first()).toBeVisible()
})

test('a revoked sign-in shows a gap in the list; Refresh connection backfills it and says how many came back', async ({ page, context, relink }, testInfo) => {
  test.slow()
  await firstReadsDone(relink)
  const sam = await disconnectHarborBooks(relink, 4, () => relink.core.sync.syncNow({ streams: ['comments'] }))

  await openInbox(page)
  await page.getByLabel('Network').selectOption({ label: 'Facebook' })
  const gap = page.getByTestId('inbox-gap').filter({ hasText: 'Harbor Books (Facebook)' })
  await expect(gap).toContainText(/No comments synced from Harbor Books \(Facebook\) since .*: Access removed\. Refresh connection to read them back\./)
  await page.screenshot({ path: testInfo.outputPath('inbox-gap-light.png') })

  const booksId = await reconnectHarborBooks(page, context, relink, sam, 'comments')
  const [closed] = await relink.core.handlers['sync:list-gaps']({ channelIds: [booksId], streams: ['comments'] })

  await goTo(page, /^Inbox/)
  await page.getByLabel('Network').selectOption({ label: 'Facebook' })
  await page.getByRole('button', { name: 'All', exact: true }).click()
  await expect(gap).toContainText(new RegExp(`from .* to .*: Access removed\\. ${closed?.recovered ?? -1} recovered after reconnect\\.`))
  expect(closed?.recovered).toBeGreaterThan(0)
  await page.screenshot({ path: testInfo.outputPath('inbox-backfilled-light.png') })
})
