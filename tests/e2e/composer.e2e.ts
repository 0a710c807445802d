import { rmSync } from 'node:fs'
import { writePng } from '../fakes/png'
import { tempDir } from '../fakes/ports'
import { expect, openApp, test, type Page, type RelinkHarness } from './fixtures'
import { sandboxUser } from './sandbox-sign-in'

// The demo starts on Monday 5 January 2026, 09:00 UTC (10:00 in Berlin), hours or months away from
// the wall clock: the composer's suggested time must come from main's clock, not the browser's.
test.use({ demo: { seedDemo: true }, locale: 'en-GB', timezoneId: 'Europe/Berlin' })

const DAY = 86_400_000
const DEMO_START = Date.UTC(2026, 0, 5, 9)

const composer = (page: Page, title = 'New post') => page.getByRole('dialog', { name: title })
const postText = (page: Page, title?: string) => composer(page, title).getByRole('textbox', { name: 'Post text' })
const scheduleButton = (page: Page, title?: string) => composer(page, title).getByRole('button', { name: 'Schedule', exact: true })

/** A channel's checkbox, inside its network's group (several networks have a "Harbor Books"). */
const channel = (page: Page, network: string, name: string, title?: string) =>
  composer(page, title).getByRole('group', { name: network, exact: true }).getByRole('checkbox', { name, exact: true })

/** The list row of a channel, where its problems are written. */
const channelRow = (page: Page, network: string, name: string, title?: string) =>
  composer(page, title).getByRole('group', { name: network, exact: true }).getByRole('listitem').filter({ has: page.getByRole('checkbox', { name, exact: true }) })

async function newPost(page: Page): Promise<void> {
  await openApp(page, '#/schedule')
  await page.getByRole('button', { name: 'New post', exact: true }).click()
  await expect(composer(page)).toBeVisible()
  await expect(postText(page)).toBeFocused()
}

async function deliveries(relink: RelinkHarness) {
  return relink.core.handlers['schedule:list-deliveries']({ from: DEMO_START - DAY, to: DEMO_START + 30 * DAY })
}

const drafts = (relink: RelinkHarness) => relink.core.handlers['schedule:list-drafts'](undefined)

/** Writes a new post for one channel and saves it as a draft, as a person would. */
async function saveNewDraft(page: Page, text: string, network: string, name: string): Promise<void> {
  await newPost(page)
  await postText(page).fill(text)
  await channel(page, network, name).check()
  await composer(page).getByRole('button', { name: 'Save draft' }).click()
  await expect(composer(page)).toBeHidden()
}

test('a post too long for X and an Instagram post without an image cannot be scheduled, and each channel says why', async ({ page }) => {
  await newPost(page)
  await postText(page).fill('a'.repeat(300))
  await expect(composer(page).getByText('300 characters', { exact: true })).toBeVisible()
  await channel(page, 'X', 'Maya Chen').check()

  await expect(channelRow(page, 'X', 'Maya Chen')).toContainText('X counts this post as 300 characters')
  // The counter counts as X does, against what X allows less Relink's tracking tag.
  await expect(composer(page).getByText('X 300 of 280 (20 over)', { exact: true })).toBeVisible()
  await expect(scheduleButton(page)).toBeDisabled()
  await expect(composer(page).getByText(/Maya Chen \(X\) needs changes before the post can be scheduled/)).toBeVisible()
  await expect(channel(page, 'X', 'Maya Chen')).toHaveAttribute('aria-invalid', 'true')
  // The preview of the channel repeats the problem.
  // The previews' panel: the text's own tabs come first.
  const preview = composer(page).getByRole('tabpanel').last()
  await expect(preview).toContainText('Maya Chen')
  await expect(preview).toContainText('X counts this post as 300 characters')

  // X weighs an emoji as 2 and any link as 23, as the check does.
  await postText(page).fill('Fresh beans ☕ https://relink.example/beans/a-long-path-to-the-spring-roast')
  await expect(composer(page).getByText('X 38 of 280', { exact: true })).toBeVisible()

  // Short enough for X: Schedule comes back.
  await postText(page).fill('Fresh beans on Monday.')
  await expect(channelRow(page, 'X', 'Maya Chen')).not.toContainText('X counts this post')
  await expect(scheduleButton(page)).toBeEnabled()

  // Instagram takes no post without an image; its tab in the preview says so too.
  await channel(page, 'Instagram', 'Northwind Coffee').check()
  await expect(channelRow(page, 'Instagram', 'Northwind Coffee')).toContainText('Instagram posts need an image')
  await expect(scheduleButton(page)).toBeDisabled()
  await expect(composer(page).getByText(/Northwind Coffee \(Instagram\) needs changes/)).toBeVisible()
  await composer(page).getByRole('tab', { name: /Northwind Coffee on Instagram, needs changes/ }).click()
  await expect(preview).toContainText('Instagram posts need an image')
  await expect(composer(page).getByRole('tab', { name: /Maya Chen on X$/ })).toBeVisible()

  await channel(page, 'Instagram', 'Northwind Coffee').uncheck()
  await expect(scheduleButton(page)).toBeEnabled()
})

test('scheduling to two channels at a time in another zone creates one delivery per channel at that instant', async ({ page, relink }) => {
  await newPost(page)
  const dialog = composer(page)
  // An hour after main's 10:00 in Berlin, on main's date; the wall clock is elsewhere.
  await expect(dialog.getByLabel('Date')).toHaveValue('05/01/2026')
  await expect(dialog.getByLabel('Time', { exact: true })).toHaveValue('11:00')
  await expect(dialog.getByRole('combobox', { name: 'Time zone' })).toHaveValue('Berlin (Europe)')

  await postText(page).fill('Our winter blend is back.')
  await channel(page, 'Facebook', 'Northwind Coffee').check()
  await channel(page, 'LinkedIn', 'Northwind Traders').check()
  await dialog.getByLabel('Date').fill('06/01/2026')
  await dialog.getByLabel('Time', { exact: true }).fill('10:30')
  await dialog.getByRole('combobox', { name: 'Time zone' }).fill('new york')
  await dialog.getByRole('option', { name: /New York \(America\)/ }).click()
  // The wall time stays; the summary shows it on this computer's clock too.
  await expect(dialog.getByLabel('Time', { exact: true })).toHaveValue('10:30')
  await expect(dialog.getByText(/Goes out Tue,? 6 Jan 2026, 10:30 .*which is Tue,? 6 Jan 2026, 16:30 in Europe\/Berlin/)).toBeVisible()

  await scheduleButton(page).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByText(/^Scheduled for Tue,? 6 Jan 2026, 10:30 on 2 channels\.$/)).toBeVisible()

  const planned = await deliveries(relink)
  expect(planned.map((d) => [d.channelName, d.network, d.state, d.dueAt]).sort()).toEqual([
    ['Northwind Coffee', 'facebook', 'scheduled', Date.UTC(2026, 0, 6, 15, 30)],
    ['Northwind Traders', 'linkedin', 'scheduled', Date.UTC(2026, 0, 6, 15, 30)],
  ])
  const post = await relink.core.handlers['schedule:get-post']({ postId: planned[0]?.postId ?? '' })
  expect(post).toMatchObject({ status: 'scheduled', text: 'Our winter blend is back.', timeZone: 'America/New_York', link: null, image: null })
})

test('the date and time are written and read in the system regional format (British: day first, 24 hours)', async ({ page }, testInfo) => {
  await newPost(page)
  const dialog = composer(page)
  const date = dialog.getByLabel('Date')
  await expect(date).toHaveValue('05/01/2026')
  await expect(dialog.getByLabel('Time', { exact: true })).toHaveValue('11:00')
  await page.screenshot({ path: testInfo.outputPath('composer-when-en-GB-1280.png') })
  await page.setViewportSize({ width: 900, height: 600 })
  await page.screenshot({ path: testInfo.outputPath('composer-when-en-GB-900.png') })
  await page.setViewportSize({ width: 1280, height: 800 })
  // Typed short, read day first, written out in full once the field is left.
  await date.fill('6/1/26')
  await dialog.getByLabel('Time', { exact: true }).fill('2:30 pm')
  await expect(dialog.getByText(/Goes out Tue,? 6 Jan 2026, 14:30/)).toBeVisible()
  await date.blur()
  await expect(date).toHaveValue('06/01/2026')
  // An American date is no British date: said at the field, and nothing can be scheduled.
  await date.fill('01/31/2026')
  await expect(dialog.getByText('Not a date: write it as dd/mm/yyyy.')).toBeVisible()
  await expect(date).toHaveAttribute('aria-invalid', 'true')
  await channel(page, 'Mastodon', 'Relink Demo').check()
  await postText(page).fill('Winter opening hours')
  await expect(scheduleButton(page)).toBeDisabled()
})

test.describe('on an American system', () => {
  test.use({ systemLocale: 'en-US' })
  test('the date is month first and the time has AM and PM', async ({ page }) => {
    await newPost(page)
    const dialog = composer(page)
    await expect(dialog.getByLabel('Date')).toHaveValue('01/05/2026')
    await expect(dialog.getByLabel('Time', { exact: true })).toHaveValue(/^11:00\sAM$/)
    await dialog.getByLabel('Date').fill('01/06/2026')
    await expect(dialog.getByText(/Goes out Tue,? Jan 6, 2026/)).toBeVisible()
  })
})

test('a time the clocks skip is explained and moved past the change', async ({ page }) => {
  await newPost(page)
  const dialog = composer(page)
  await dialog.getByLabel('Date').fill('29/03/2026')
  await dialog.getByLabel('Time', { exact: true }).fill('02:30')
  await expect(dialog.getByText(/The clocks in Europe\/Berlin skip 02:30 that day, so it goes out at 03:30/)).toBeVisible()
  await dialog.getByLabel('Date').fill('04/01/2026')
  await expect(dialog.getByText('That time has already passed. Pick a later one.')).toBeVisible()
  await channel(page, 'Mastodon', 'Relink Demo').check()
  await postText(page).fill('Too late')
  await expect(scheduleButton(page)).toBeDisabled()
})

test('a draft is saved, reopened from the drafts, edited in place and then scheduled', async ({ page, relink }) => {
  await saveNewDraft(page, 'Draft about beans', 'Mastodon', 'Relink Demo')
  await expect(page.getByText('Draft saved.', { exact: true })).toBeVisible()
  const [saved] = await drafts(relink)
  expect(saved).toMatchObject({ status: 'draft', text: 'Draft about beans', link: null })

  await page.getByRole('button', { name: 'Edit draft: Draft about beans' }).click()
  const edit = composer(page, 'Edit draft')
  await expect(postText(page, 'Edit draft')).toHaveValue('Draft about beans')
  await expect(channel(page, 'Mastodon', 'Relink Demo', 'Edit draft')).toBeChecked()
  await postText(page, 'Edit draft').fill('Draft about roasted beans')
  await edit.getByRole('textbox', { name: /^Link/ }).fill('https://example.com/beans')
  await channel(page, 'X', 'Relink Coffee', 'Edit draft').check()
  await expect(edit.getByRole('tabpanel').last()).toContainText('https://example.com/beans')
  await edit.getByRole('button', { name: 'Save draft' }).click()
  await expect(edit).toBeHidden()

  const after = await drafts(relink)
  expect(after).toHaveLength(1)
  expect(after[0]).toMatchObject({ id: saved?.id, text: 'Draft about roasted beans', link: 'https://example.com/beans' })
  expect(after[0]?.channelIds.length).toBe(2)

  // Scheduling the draft keeps the same post and plans both channels.
  await page.getByRole('button', { name: 'Edit draft: Draft about roasted beans' }).click()
  await expect(postText(page, 'Edit draft')).toHaveValue('Draft about roasted beans')
  await scheduleButton(page, 'Edit draft').click()
  await expect(composer(page, 'Edit draft')).toBeHidden()
  expect(await drafts(relink)).toEqual([])
  const planned = await deliveries(relink)
  expect(planned.map((d) => [d.postId, d.channelName]).sort()).toEqual([
    [saved?.id, 'Relink Coffee'],
    [saved?.id, 'Relink Demo'],
  ])
})

test('an image is attached with a preview and alt text; editing only the description keeps the stored image', async ({ page, relink }) => {
  await newPost(page)
  const dialog = composer(page)
  await postText(page).fill('New bags!')
  await channel(page, 'Mastodon', 'Relink Demo').check()

  // Cancelling the file dialog attaches nothing.
  await dialog.getByRole('button', { name: 'Add image' }).click()
  await expect(dialog.getByRole('button', { name: 'Add image' })).toBeEnabled()
  await expect(dialog.getByRole('img')).toHaveCount(0)

  const file = writePng(tempDir('relink-composer-'), 'beans.png', 4, 3)
  relink.ports.pickedFiles.push(file)
  await dialog.getByRole('button', { name: 'Add image' }).click()
  const thumb = dialog.getByRole('img', { name: 'Preview of beans.png' })
  await expect(thumb).toBeVisible()
  await expect(thumb).toHaveAttribute('src', /^data:image\/png;base64,/)
  await expect(dialog.getByText('4 × 3 px')).toBeVisible()
  await dialog.getByRole('textbox', { name: 'Alt text' }).fill('A paper bag of coffee beans')
  // The channel preview shows the image with the description the network gets.
  await expect(dialog.getByRole('tabpanel').last().getByRole('img', { name: 'A paper bag of coffee beans' })).toBeVisible()

  // Instagram takes JPEG only: the PNG is converted for it, said beside the image, not refused.
  await channel(page, 'Instagram', 'Northwind Coffee').check()
  await expect(dialog.getByTestId('image-conversion')).toHaveText('Instagram takes JPEG only: this PNG is sent to Instagram as a JPEG.')
  await expect(channelRow(page, 'Instagram', 'Northwind Coffee')).not.toContainText('JPEG')
  await channel(page, 'Instagram', 'Northwind Coffee').uncheck()
  await expect(dialog.getByTestId('image-conversion')).toHaveCount(0)

  await dialog.getByRole('button', { name: 'Save draft' }).click()
  await expect(dialog).toBeHidden()
  const [draft] = await drafts(relink)
  expect(draft?.image).toMatchObject({ path: file, mimeType: 'image/png', width: 4, height: 3, altText: 'A paper bag of coffee beans' })

  // Reopened: the stored copy previews, even after the file is gone.
  rmSync(file)
  await page.getByRole('button', { name: 'Edit draft: New bags!' }).click()
  const edit = composer(page, 'Edit draft')
  await expect(edit.getByRole('img', { name: 'Preview of beans.png' })).toHaveAttribute('src', /^data:image\/png;base64,/)
  await expect(edit.getByRole('textbox', { name: 'Alt text' })).toHaveValue('A paper bag of coffee beans')
  await edit.getByRole('textbox', { name: 'Alt text' }).fill('Two paper bags of beans')
  await edit.getByRole('button', { name: 'Save draft' }).click()
  await expect(edit).toBeHidden()
  const [described] = await drafts(relink)
  expect(described?.image).toMatchObject({ path: file, width: 4, height: 3, altText: 'Two paper bags of beans' })

  await page.getByRole('button', { name: 'Edit draft: New bags!' }).click()
  await edit.getByRole('button', { name: 'Remove image' }).click()
  await expect(edit.getByRole('img', { name: 'Preview of beans.png' })).toHaveCount(0)
  await expect(edit.getByRole('button', { name: 'Add image' })).toBeVisible()
  await edit.getByRole('button', { name: 'Save draft' }).click()
  await expect(edit).toBeHidden()
  const [bare] = await drafts(relink)
  expect(bare?.image).toBeNull()
})

test('closing with unsaved changes asks first; closing untouched does not', async ({ page, relink }) => {
  await newPost(page)
  await page.keyboard.press('Escape')
  await expect(composer(page)).toBeHidden()

  await page.getByRole('button', { name: 'New post', exact: true }).click()
  await postText(page).fill('Half a thought')
  await page.keyboard.press('Escape')
  const confirm = page.getByRole('alertdialog', { name: 'Discard your changes?' })
  await expect(confirm).toBeVisible()
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await confirm.getByRole('button', { name: 'Cancel' }).click()
  await expect(confirm).toBeHidden()
  await expect(postText(page)).toHaveValue('Half a thought')

  await composer(page).getByRole('button', { name: 'Close' }).click()
  await confirm.getByRole('button', { name: 'Discard changes' }).click()
  await expect(composer(page)).toBeHidden()
  expect(await drafts(relink)).toEqual([])
  expect(await deliveries(relink)).toEqual([])
})

test('Ctrl+Enter schedules from the text box, and does nothing while scheduling is blocked', async ({ page, relink }) => {
  await newPost(page)
  await postText(page).fill('Typed and sent from the keyboard')
  await postText(page).press('Control+Enter')
  await expect(composer(page).getByText('Choose at least one channel to schedule the post.')).toBeVisible()
  await expect(composer(page)).toBeVisible()
  expect(await deliveries(relink)).toEqual([])

  await channel(page, 'Mastodon', 'Relink Demo').check()
  await postText(page).press('Control+Enter')
  await expect(composer(page)).toBeHidden()
  await expect(page.getByText(/^Scheduled for Mon,? 5 Jan 2026, 11:00 on 1 channel\.$/)).toBeVisible()
  const planned = await deliveries(relink)
  expect(planned.map((d) => [d.channelName, d.dueAt])).toEqual([['Relink Demo', DEMO_START + 60 * 60_000]])
  const post = await relink.core.handlers['schedule:get-post']({ postId: planned[0]?.postId ?? '' })
  expect(post.text).toBe('Typed and sent from the keyboard')
})

test('a disconnected channel is marked but can still be chosen; its post is kept for it', async ({ page, relink }) => {
  await relink.core.handlers['sandbox:apply-control']({ control: 'remove_app', network: 'x', userId: sandboxUser(relink, 'relinklabs').id })
  await newPost(page)
  await expect(channelRow(page, 'X', 'Relink Labs')).toContainText('Disconnected: No working sign-in reaches this channel, so its posts are held.')
  await expect(channelRow(page, 'X', 'Maya Chen')).not.toContainText('Disconnected')
  await postText(page).fill('Held until we reconnect')
  await channel(page, 'X', 'Relink Labs').check()
  await scheduleButton(page).click()
  await expect(composer(page)).toBeHidden()
  expect((await deliveries(relink)).map((d) => d.channelName)).toEqual(['Relink Labs'])
})

test('a draft can be duplicated into a new draft and cancelled after a confirmation', async ({ page, relink }) => {
  await saveNewDraft(page, 'Weekend opening hours', 'Facebook', 'Northwind Outlet')
  const [original] = await drafts(relink)

  await page.getByRole('button', { name: 'Edit draft: Weekend opening hours' }).click()
  const edit = composer(page, 'Edit draft')
  await expect(postText(page, 'Edit draft')).toHaveValue('Weekend opening hours')
  await edit.getByRole('button', { name: 'Duplicate' }).click()
  await expect(page.getByText('Duplicated as a new draft. Pick a time and schedule it.')).toBeVisible()
  await expect.poll(async () => (await drafts(relink)).length).toBe(2)
  const copy = (await drafts(relink)).find((d) => d.id !== original?.id)
  expect(copy).toMatchObject({ text: 'Weekend opening hours', channelIds: original?.channelIds })

  // The composer now edits the duplicate: cancelling it leaves the original alone.
  await expect(postText(page, 'Edit draft')).toHaveValue('Weekend opening hours')
  await edit.getByRole('button', { name: 'Cancel post' }).click()
  const confirm = page.getByRole('alertdialog', { name: 'Cancel this post?' })
  await expect(confirm).toContainText('skips every delivery of this post that has not been published yet')
  await confirm.getByRole('button', { name: 'Cancel post' }).click()
  await expect(edit).toBeHidden()
  expect((await drafts(relink)).map((d) => d.id)).toEqual([original?.id])
  expect((await relink.core.handlers['schedule:get-post']({ postId: copy?.id ?? '' })).status).toBe('cancelled')
})

test('a link that is not a web address is refused at the field and blocks scheduling', async ({ page }) => {
  await newPost(page)
  await postText(page).fill('See the menu')
  await channel(page, 'Facebook', 'Northwind Coffee').check()
  await expect(scheduleButton(page)).toBeEnabled()
  const link = composer(page).getByRole('textbox', { name: /^Link/ })
  await link.fill('northwind.example/menu')
  await expect(composer(page).getByText('Links start with http:// or https://.')).toBeVisible()
  await expect(link).toHaveAttribute('aria-invalid', 'true')
  await expect(scheduleButton(page)).toBeDisabled()
  await link.fill('https://northwind.example/menu')
  await expect(scheduleButton(page)).toBeEnabled()
})

test('when main refuses the post at scheduling time, each channel shows why and nothing is saved', async ({ page, relink }) => {
  // A check that has not caught up yet: it finds nothing, so only scheduling meets the refusal.
  relink.core.handlers['schedule:check-content'] = async () => []
  await newPost(page)
  await postText(page).fill('b'.repeat(300))
  await channel(page, 'X', 'Maya Chen').check()
  await scheduleButton(page).click()
  await expect(composer(page).getByText('Not scheduled: the channels marked below would refuse the post. Nothing was saved.')).toBeVisible()
  await expect(channelRow(page, 'X', 'Maya Chen')).toContainText('X counts this post as 300 characters')
  await expect(scheduleButton(page)).toBeDisabled()
  expect(await deliveries(relink)).toEqual([])
  expect(await drafts(relink)).toEqual([])

  // The refusal belongs to that content: changing it lets the person try again.
  await postText(page).fill('Short now')
  await expect(channelRow(page, 'X', 'Maya Chen')).not.toContainText('X counts this post')
  await scheduleButton(page).click()
  await expect(composer(page)).toBeHidden()
  expect((await deliveries(relink)).map((d) => d.channelName)).toEqual(['Maya Chen'])
})

test('in a short window the composer body scrolls and its buttons stay in view', async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 620 })
  await openApp(page, '#/schedule')
  await page.getByRole('button', { name: 'New post', exact: true }).click()
  const dialog = composer(page)
  await expect(dialog.getByRole('button', { name: 'Save draft' })).toBeInViewport({ ratio: 1 })
  await expect(scheduleButton(page)).toBeInViewport({ ratio: 1 })
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeInViewport({ ratio: 1 })
})

test('the time zone is found by typing a city, a name such as Pacific, or an offset', async ({ page }, testInfo) => {
  await newPost(page)
  const dialog = composer(page)
  const zone = dialog.getByRole('combobox', { name: 'Time zone' })
  await expect(zone).toHaveValue('Berlin (Europe)')
  await expect(dialog.getByText('GMT+01:00 · Central European Standard Time')).toBeVisible()

  await zone.fill('pacific')
  const list = dialog.getByRole('listbox', { name: 'Time zones' })
  await expect(list.getByRole('option', { name: /Los Angeles \(America\)/ })).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('composer-zone-search-1280.png') })
  await zone.fill('los ang')
  await expect(list.getByRole('option').first()).toHaveAttribute('aria-selected', 'true')
  await zone.press('Enter')
  await expect(list).toBeHidden()
  await expect(zone).toHaveValue('Los Angeles (America)')
  await expect(dialog.getByText('GMT-08:00 · Pacific Standard Time')).toBeVisible()

  // An offset finds India; Escape closes the list and keeps the zone chosen before, and the composer stays open.
  await zone.fill('GMT+05:30')
  await expect(list.getByRole('option', { name: /(Kolkata|Calcutta) \(Asia\)/ })).toBeVisible()
  await zone.press('Escape')
  await expect(list).toBeHidden()
  await expect(zone).toHaveValue('Los Angeles (America)')
  await expect(dialog).toBeVisible()

  await zone.fill('nowhere at all')
  await expect(dialog.getByText('No time zone matches “nowhere at all”.')).toBeVisible()
  await zone.press('Escape')

  // Chromium knows India's zone by its older IANA name, Asia/Calcutta.
  await zone.fill('india')
  await zone.press('ArrowDown')
  await zone.press('Enter')
  await expect(zone).toHaveValue(/(Kolkata|Calcutta) \(Asia\)/)
  await expect(dialog.getByText(/which is .* in Europe\/Berlin/)).toBeVisible()
})

/**
 * How many of the picker's rows were drawn again since the last look: React keeps the props a row
 * was last drawn with on its element, and a row drawn again has new ones.
 */
const PICKER_ROWS = `(() => {
  const seen = (window.__pickerRows ??= new WeakMap())
  let again = 0
  for (const row of document.querySelectorAll('.composer-channels .composer-channel')) {
    const key = Object.keys(row).find((k) => k.startsWith('__reactProps$'))
    const props = key ? row[key] : undefined
    if (seen.has(row) && seen.get(row) !== props) again++
    seen.set(row, props)
  }
  return again
})()`

test.describe('in an agency workspace of 120 channels', () => {
  test.use({ demo: false, workspace: { profiles: 30, channels: 120, brands: 5, deliveries: 100, brokenProfiles: 1 } })

  test('the channel picker finds channels by typing and draws only the rows in view', async ({ page, relink }, testInfo) => {
    await openApp(page, '#/schedule')
    await page.getByRole('button', { name: 'New post' }).click()
    const dialog = page.getByRole('dialog', { name: 'New post' })
    const picker = dialog.getByRole('group', { name: 'Channels to publish to' })
    const boxes = picker.getByRole('checkbox')
    await expect(boxes.first()).toBeVisible()
    // 120 channels, far fewer drawn.
    expect(await boxes.count()).toBeLessThan(60)
    await page.screenshot({ path: testInfo.outputPath('composer-agency-1280.png') })

    const all = await relink.core.handlers['channels:list'](undefined)
    // A handle no other one contains, so the search narrows to exactly that channel.
    const target = all.find((c) => c.network === 'mastodon' && all.every((o) => o === c || !o.handle.includes(c.handle)))
    if (!target) throw new Error('The workspace has no Mastodon channel with a distinct handle')
    const search = dialog.getByRole('searchbox', { name: 'Find a channel' })
    await search.fill(target.handle)
    await expect(boxes).toHaveCount(1)
    await picker.getByRole('checkbox', { name: target.name }).check()
    await expect(dialog.getByText('1 chosen')).toBeVisible()
    // Escape clears the search first (the dialog stays), and the choice is kept.
    await search.press('Escape')
    await expect(search).toHaveValue('')
    await expect(dialog).toBeVisible()
    await expect(dialog.getByText('1 chosen')).toBeVisible()
    await search.fill('no such channel anywhere')
    await expect(picker.getByText('No channel matches')).toBeVisible()
    await search.fill('')
    // Scrolling the picker to its end draws the last rows.
    const last = all.filter((c) => c.network === 'mastodon').at(-1)
    await picker.locator('.composer-channels').evaluate((el) => el.scrollTo(0, el.scrollHeight))
    if (last) await expect(picker.getByText(last.name, { exact: true }).last()).toBeVisible()
    await page.setViewportSize({ width: 900, height: 600 })
    await page.screenshot({ path: testInfo.outputPath('composer-agency-900.png') })
  })

  test('the week behind the composer is not drawn while it is open, and is back as it was when it closes, with the focus on New post', async ({ page }, testInfo) => {
    await openApp(page, '#/schedule')
    const week = page.locator('.week-view')
    const day = week.getByRole('region').first()
    await expect(day).toBeVisible()
    const newPost = page.getByRole('button', { name: 'New post', exact: true })
    await newPost.scrollIntoViewIfNeeded()
    await week.evaluate((el) => el.scrollBy(0, 120))
    const scrolled = async () => ({ week: await week.evaluate((el) => el.scrollTop), page: await page.getByRole('main').evaluate((el) => el.scrollTop) })
    const before = await scrolled()
    expect(before.week).toBeGreaterThan(0)

    await newPost.click()
    await expect(postText(page)).toBeFocused()
    // Drawing the week's cards under the dialog on every frame of its scrolling cost more than the list itself.
    await expect(week).toBeHidden()
    await page.screenshot({ path: testInfo.outputPath('composer-over-week-1280.png') })
    await page.keyboard.press('Escape')
    await expect(composer(page)).toBeHidden()
    await expect(day).toBeVisible()
    expect(await scrolled()).toEqual(before)
    await expect(newPost).toBeFocused()
  })

  test('scrolling the channel picker draws only the rows coming into view, on an opaque list the compositor scrolls', async ({ page }) => {
    await openApp(page, '#/schedule')
    await page.getByRole('button', { name: 'New post' }).click()
    const list = composer(page).locator('.composer-channels')
    await expect(list.getByRole('checkbox').first()).toBeVisible()
    // A list that lets the page behind show through is painted again, with the whole window's layers, on every frame.
    expect(await page.evaluate(`getComputedStyle(document.querySelector('.composer-channels')).backgroundColor`)).not.toMatch(/^(transparent|rgba\(.*, 0\))$/)
    await page.evaluate(PICKER_ROWS)
    for (let step = 1; step <= 6; step++) {
      await list.evaluate((el) => el.scrollBy(0, 60))
      await page.evaluate('new Promise(requestAnimationFrame)')
      expect(await page.evaluate(PICKER_ROWS)).toBe(0)
    }
    // Choosing a channel draws its row again, not the others.
    await list.getByRole('checkbox').nth(2).check()
    await expect(composer(page).getByText('1 chosen')).toBeVisible()
    expect(await page.evaluate(PICKER_ROWS)).toBe(1)
  })
})
