import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FACEBOOK_SEED } from '../../src/main/sandbox/dialects/facebook'
import type { Locator } from '@playwright/test'
import { expect, openApp, test, type Page, type RelinkHarness } from './fixtures'
import { firstReadsDone } from './harbor-books'

// A fixed locale and zone, so dates read the same on every machine. The demo starts on Monday 5 January 2026, 09:00.
test.use({ demo: { seedDemo: true }, locale: 'en-GB', timezoneId: 'UTC' })

async function openInbox(page: Page): Promise<void> {
  await openApp(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Inbox/ }).click()
  await expect(page.getByTestId('inbox-list')).toBeVisible()
}

/** A visitor's comment on the newest Northwind Coffee post, read into the inbox. */
async function visitorComment(relink: RelinkHarness, id: number, text: string, authorName = 'Zoë Martín'): Promise<void> {
  const world = relink.sandbox?.world
  if (!world) throw new Error('no sandbox')
  const post = [...world.posts.values()].filter((p) => p.channelId === FACEBOOK_SEED.pages.coffee.id).sort((a, b) => b.createdAt - a.createdAt)[0]
  if (!post) throw new Error('no Northwind Coffee post')
  const local = post.id.split('_')[1] ?? post.id
  world.addComment({ id: `${local}_${id}`, network: 'facebook', postId: post.id, parentId: null, authorName, authorHandle: `10009000000${id}`, text, createdAt: relink.ports.clock.now() - 60_000, viaApi: false })
  // A sync already under way joins Sync now when the test clock has not moved since it began, and
  // it may have read the post before the comment was added: read until the comment is in.
  await expect
    .poll(async () => {
      await relink.core.sync.syncNow({ streams: ['comments', 'mentions'] })
      return (await relink.core.handlers['inbox:list']({ search: text })).items.length
    })
    .toBe(1)
}

/** Replies on the sandbox network carrying this text. */
const onNetwork = (relink: RelinkHarness, text: string): number => [...(relink.sandbox?.world.comments.values() ?? [])].filter((c) => c.text === text).length

async function openComment(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search comments' }).fill(text)
  const row = page.getByTestId('inbox-row').filter({ hasText: text })
  await expect(row).toHaveCount(1)
  await row.click()
  await expect(page.locator('section.thread')).toBeVisible()
}

/** Opens Saved replies (empty, so its form is open) and saves one; answers the dialog. */
async function firstSavedReply(page: Page, name: string, text: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Saved replies' }).first().click()
  const dialog = page.getByRole('dialog', { name: 'Saved replies' })
  await dialog.getByLabel('Name').fill(name)
  await dialog.getByLabel('Reply').fill(text)
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog.getByRole('list', { name: 'Saved replies' })).toContainText(name)
  return dialog
}

test('reply offline, then online: the reply waits in the queue and goes out once when the connection is back', async ({ page, relink }, testInfo) => {
  test.slow()
  await visitorComment(relink, 801, 'Is the Kungsholmen shop open on Sunday mornings?')
  await openInbox(page)
  await openComment(page, 'Kungsholmen')

  await relink.core.handlers['sandbox:apply-control']({ control: 'go_offline', network: 'facebook' })
  // R goes to the reply box; Ctrl+Enter sends.
  await page.locator('body').click({ position: { x: 5, y: 5 } })
  await page.keyboard.press('r')
  const reply = page.getByRole('textbox', { name: /Reply as Northwind Coffee/ })
  await expect(reply).toBeFocused()
  const text = 'Yes, from 8 until noon. See you Sunday!'
  await reply.fill(text)
  await reply.press('Control+Enter')
  const actions = page.getByRole('list', { name: 'Replies and moderation from Relink' })
  await expect(actions).toContainText('Reply queued')
  await expect(actions).toContainText('Relink cannot reach the network right now. It will be sent as soon as the connection is back.')
  await expect(reply).toHaveValue('')
  expect(onNetwork(relink, text)).toBe(0)
  await page.screenshot({ path: testInfo.outputPath('inbox-reply-queued-1280.png') })
  await page.setViewportSize({ width: 900, height: 600 })
  await page.getByRole('textbox', { name: /Reply as Northwind Coffee/ }).scrollIntoViewIfNeeded()
  // In a small window the thread is read from its start to the reply box without scrolling.
  await expect(page.getByRole('list', { name: 'Messages in this thread' }).getByRole('listitem').first()).toBeInViewport({ ratio: 1 })
  await expect(page.getByRole('textbox', { name: /Reply as Northwind Coffee/ })).toBeInViewport({ ratio: 1 })
  await page.screenshot({ path: testInfo.outputPath('inbox-reply-queued-900.png') })
  await page.setViewportSize({ width: 1280, height: 800 })

  await relink.core.handlers['sandbox:apply-control']({ control: 'go_online', network: 'facebook' })
  await expect(actions).toContainText('Reply sent', { timeout: 15_000 })
  await expect(page.getByRole('list', { name: 'Messages in this thread' })).toContainText(text)
  expect(onNetwork(relink, text)).toBe(1)
  await page.screenshot({ path: testInfo.outputPath('inbox-reply-sent-1280.png') })

  // Back in a small window, the list's empty state is whole.
  await page.setViewportSize({ width: 900, height: 600 })
  await page.getByRole('button', { name: /All comments/ }).click()
  await expect(page.getByRole('heading', { name: 'Nothing matches' })).toBeInViewport({ ratio: 1 })
  await expect(page.getByRole('button', { name: 'Clear filters' })).toBeInViewport({ ratio: 1 })
  await expect(page.locator('.empty-state__glyph')).toBeInViewport({ ratio: 1 })
  await page.screenshot({ path: testInfo.outputPath('inbox-reply-sent-list-900.png') })
  await page.setViewportSize({ width: 1280, height: 800 })
})

test('reply with a saved reply, hide and delete (asked first); what a network does not allow says why', async ({ page, relink }, testInfo) => {
  test.slow()
  await visitorComment(relink, 802, 'The Vasastan oat latte was perfect today', 'Ana Sousa')
  await visitorComment(relink, 803, 'Buy cheap followers at spamfollowers.example', 'Spam Bot')
  let savedReads = 0
  const listSaved = relink.core.handlers['inbox:list-saved-replies']
  relink.core.handlers['inbox:list-saved-replies'] = (input) => {
    savedReads++
    return listSaved(input)
  }
  await openInbox(page)
  // Saved replies are read when they are wanted, not on every visit to the Inbox.
  // (Asked with the page's other reads, before the list's answer drew its rows.)
  await expect(page.getByTestId('inbox-row').first()).toBeVisible()
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))')
  expect(savedReads).toBe(0)

  // Saved replies: create one with a variable.
  const dialog = await firstSavedReply(page, 'Thanks', 'Thank you {first_name}, that made our day!')
  await page.screenshot({ path: testInfo.outputPath('inbox-saved-replies-1280.png') })
  await dialog.getByRole('button', { name: 'Edit Thanks' }).click()
  await dialog.getByLabel('Reply').fill('Thank you {first_name}, that made our day! ☕')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog.getByRole('list', { name: 'Saved replies' })).toContainText('☕')
  // Exported as CSV where the save dialog says.
  const csv = join(relink.dataDir, 'saved-replies.csv')
  relink.ports.savePaths.push(csv)
  await dialog.getByRole('button', { name: 'Export as CSV' }).click()
  await expect(page.getByRole('status').filter({ hasText: '1 saved reply exported' })).toBeVisible()
  expect(readFileSync(csv, 'utf8')).toBe('Name,Text\r\nThanks,"Thank you {first_name}, that made our day! ☕"\r\n')
  await dialog.getByRole('button', { name: 'Close' }).last().click()

  await openComment(page, 'Vasastan')
  await page.getByRole('combobox', { name: 'Insert a saved reply' }).selectOption({ label: 'Thanks' })
  const reply = page.getByRole('textbox', { name: /Reply as Northwind Coffee/ })
  await expect(reply).toHaveValue('Thank you Ana, that made our day! ☕')
  // A double click sends once (the second click finds the same reply on its way).
  await page.getByRole('button', { name: /Send reply/ }).dblclick()
  const actions = page.getByRole('list', { name: 'Replies and moderation from Relink' })
  await expect(actions).toContainText('Reply sent')
  expect(onNetwork(relink, 'Thank you Ana, that made our day! ☕')).toBe(1)

  // Hide the spam, then delete it: the network asks nothing, Relink asks first.
  await openComment(page, 'spamfollowers')
  const moderation = page.getByRole('group', { name: 'Moderate on Facebook' })
  await moderation.getByRole('button', { name: 'Hide' }).click()
  await expect(actions).toContainText('Hide sent')
  await expect(moderation.getByRole('button', { name: 'Unhide' })).toBeVisible()
  await expect(page.getByRole('list', { name: 'Messages in this thread' })).toContainText('hidden')
  await page.screenshot({ path: testInfo.outputPath('inbox-moderation-1280.png') })
  await page.setViewportSize({ width: 900, height: 600 })
  await moderation.scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('inbox-moderation-900.png') })
  await page.setViewportSize({ width: 1280, height: 800 })
  await moderation.getByRole('button', { name: 'Delete' }).click()
  const confirm = page.getByRole('alertdialog', { name: 'Delete this comment?' })
  await expect(confirm).toContainText('cannot be undone')
  await confirm.getByRole('button', { name: 'Delete on the network' }).click()
  await expect(page.getByText(/deleted on Facebook; there is nothing left to answer/)).toBeVisible()
  expect([...(relink.sandbox?.world.comments.values() ?? [])].some((c) => c.text.includes('spamfollowers'))).toBe(false)

  // Mastodon has no hide: the action is absent, and says why.
  await page.getByRole('searchbox', { name: 'Search comments' }).fill('')
  await page.getByLabel('Network').selectOption({ label: 'Mastodon' })
  await page.getByTestId('inbox-row').first().click()
  const absent = page.getByLabel(/Hide is not available: Mastodon has no way to hide a reply/)
  await expect(absent).toBeVisible()
  await expect(absent).toHaveAttribute('title', /mute or block the account on Mastodon/)
})

test('moving to another thread keeps the page as it is while it loads, and a saved reply inserted in one thread stays there', async ({ page, relink }) => {
  await visitorComment(relink, 804, 'Do you roast the Östermalm beans yourselves?', 'Ana Sousa')
  await visitorComment(relink, 805, 'Is there parking near the Södermalm shop?', 'Ben Okafor')
  await openInbox(page)
  await firstSavedReply(page, 'Thanks', 'Thank you {first_name}!')
  await page.getByRole('dialog', { name: 'Saved replies' }).getByRole('button', { name: 'Close' }).last().click()
  await openComment(page, 'Östermalm')
  await page.getByRole('button', { name: 'Saved replies' }).last().click()
  await page.getByRole('dialog', { name: 'Saved replies' }).getByRole('button', { name: 'Insert' }).click()
  const reply = page.getByRole('textbox', { name: /Reply as Northwind Coffee/ })
  await expect(reply).toHaveValue('Thank you Ana!')

  // Watched from the page: the thread pane is never gone between one thread and the next.
  await page.evaluate(`(() => {
    window.threadGone = 0
    new MutationObserver(() => { if (!document.querySelector('.inbox-panes__thread')) window.threadGone++ }).observe(document.querySelector('.inbox-panes'), { childList: true })
  })()`)
  await openComment(page, 'Södermalm')
  await expect(page.locator('#thread-title')).toHaveText(/Ben Okafor/)
  await expect(reply).toHaveValue('')
  expect(await page.evaluate('window.threadGone')).toBe(0)
})

test('import saved replies from CSV: a bad line stops the whole file, a good one is shown first, added, and can be undone', async ({ page, relink }, testInfo) => {
  await openInbox(page)
  const dialog = await firstSavedReply(page, 'Thanks', 'Thank you {first_name}!')

  const bad = join(relink.dataDir, 'bad.csv')
  writeFileSync(bad, 'Name,Text\r\nOpening hours,"We open at 8:00,\nSundays at 9:00"\r\n,No name here\r\n')
  const good = join(relink.dataDir, 'replies.csv')
  writeFileSync(good, 'Name,Text\r\nthanks,Thanks a lot!\r\nOpening hours,"We open at 8:00,\nSundays at 9:00"\r\nSorry,"Sorry {first_name}, we are on it."\r\n')
  relink.ports.openPaths.push(bad, good)
  await dialog.getByRole('button', { name: 'Import…' }).click()
  const problems = dialog.getByRole('alert')
  await expect(problems).toContainText('bad.csv was not imported')
  await expect(problems).toContainText('Line 4: Give the saved reply a name.')
  expect(relink.ports.openRequests).toEqual([{ title: 'Import saved replies from CSV', format: 'csv' }])
  await page.screenshot({ path: testInfo.outputPath('inbox-saved-replies-import-invalid-1280.png') })

  await dialog.getByRole('button', { name: 'Choose another file' }).click()
  await expect(dialog.getByRole('heading', { name: 'Add 2 saved replies from replies.csv?' })).toBeVisible()
  await expect(dialog.getByRole('list', { name: 'Saved replies to add' }).getByRole('listitem')).toHaveText([/Opening hours/, /Sorry/])
  await expect(dialog).toContainText('You have saved replies named “Thanks” with a different text. Yours are kept')
  await page.screenshot({ path: testInfo.outputPath('inbox-saved-replies-import-1280.png') })
  await page.setViewportSize({ width: 900, height: 600 })
  await page.screenshot({ path: testInfo.outputPath('inbox-saved-replies-import-900.png') })
  await page.setViewportSize({ width: 1280, height: 800 })
  expect((await relink.core.handlers['inbox:list-saved-replies'](undefined)).map((r) => r.name)).toEqual(['Thanks'])

  await dialog.getByRole('button', { name: 'Add 2 saved replies' }).click()
  const done = dialog.getByRole('status').filter({ hasText: '2 saved replies imported from replies.csv' })
  await expect(done).toBeVisible()
  const list = dialog.getByRole('list', { name: 'Saved replies' })
  await expect(list.getByRole('listitem')).toHaveText([/Opening hours/, /Sorry/, /Thanks/])
  await expect(list).toContainText('Thank you {first_name}!')
  await page.screenshot({ path: testInfo.outputPath('inbox-saved-replies-imported-1280.png') })
  await done.getByRole('button', { name: 'Undo import' }).click()
  await expect(list.getByRole('listitem')).toHaveText([/Thanks/])
  expect((await relink.core.handlers['inbox:list-saved-replies'](undefined)).map((r) => r.name)).toEqual(['Thanks'])

  // Deleting one tells it in a toast whose Undo is within reach while the dialog is still open.
  await list.getByRole('button', { name: 'Delete Thanks' }).click()
  await expect(list.getByRole('listitem')).toHaveCount(0)
  const deleted = dialog.getByRole('status').filter({ hasText: '“Thanks” deleted.' })
  await expect(deleted).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('inbox-saved-replies-deleted-1280.png') })
  await page.setViewportSize({ width: 900, height: 600 })
  await page.screenshot({ path: testInfo.outputPath('inbox-saved-replies-deleted-900.png') })
  await page.setViewportSize({ width: 1280, height: 800 })
  await deleted.getByRole('button', { name: 'Undo' }).click()
  await expect(list.getByRole('listitem')).toHaveText([/Thanks/])
  expect((await relink.core.handlers['inbox:list-saved-replies'](undefined)).map((r) => r.name)).toEqual(['Thanks'])
})

test('brand and date filters narrow the list', async ({ page, relink }) => {
  test.slow()
  await firstReadsDone(relink)
  await openInbox(page)
  await page.getByRole('button', { name: 'All', exact: true }).click()
  const rows = page.getByTestId('inbox-row')
  await expect(rows.first()).toBeVisible()
  const brands = await relink.core.handlers['brands:list'](undefined)
  const lumen = brands.find((b) => b.name === 'Lumen Studio')
  if (!lumen) throw new Error('no Lumen Studio brand')
  const lumenChannels = new Set((await relink.core.handlers['channels:list'](undefined)).filter((c) => c.brandIds.includes(lumen.id)).map((c) => c.name))
  await page.getByLabel('Brand').selectOption({ label: 'Lumen Studio' })
  await expect.poll(async () => [...new Set(await page.getByTestId('inbox-row').locator('.inbox-row__channel').allTextContents())].every((n) => lumenChannels.has(n.replace(/ on [A-Za-z]+$/, '').trim()))).toBe(true)
  // The channel picker lists only the brand's channels.
  const channelFilter = page.getByRole('combobox', { name: 'Channel', exact: true })
  await channelFilter.click()
  const options = await page.getByRole('listbox', { name: 'Channels' }).getByRole('option').allTextContents()
  expect(options[0]).toBe('All channels')
  expect(options.length).toBeGreaterThan(1)
  expect(options.slice(1).every((o) => lumenChannels.has(o.replace(/ \(.*\)$/, '')))).toBe(true)
  await channelFilter.press('Escape')

  // A day before the demo's history began: nothing; today: only today's.
  await page.getByLabel('From date').fill('2025-01-01')
  await page.getByLabel('To date').fill('2025-01-02')
  await expect(page.getByRole('heading', { name: 'Nothing matches' })).toBeVisible()
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(page.getByLabel('Brand')).toHaveValue('')
  await expect(page.getByLabel('From date')).toHaveValue('')
})
