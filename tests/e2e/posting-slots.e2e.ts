import { expect, openApp, test, type Page } from './fixtures'

// The demo starts on Monday 5 January 2026, 09:00 UTC.
test.use({ demo: { seedDemo: true }, locale: 'en-GB', timezoneId: 'UTC' })

const section = (page: Page) => page.getByRole('region', { name: 'Posting slots' })
const composer = (page: Page) => page.getByRole('dialog', { name: 'New post' })

test('posting slots set in Settings are what Next free slot picks from, and the week marks them', async ({ page, relink }, testInfo) => {
  const channels = await relink.core.handlers['channels:list'](undefined)
  const demo = channels.find((c) => c.network === 'mastodon' && c.name === 'Relink Demo')
  const other = channels.find((c) => c.network === 'mastodon' && c.name !== 'Relink Demo')
  if (!demo || !other) throw new Error('The demo workspace has two Mastodon channels')

  await openApp(page, '#/settings')
  const slots = section(page)
  const picker = slots.getByRole('combobox', { name: 'Channel' })
  await picker.fill('relink demo mastodon')
  await slots.getByRole('option', { name: 'Relink Demo (Mastodon) · 0 slots' }).click()
  await expect(picker).toHaveValue('Relink Demo (Mastodon)')
  await expect(slots.getByText('No posting slots yet — add times when this channel usually posts.')).toBeVisible()
  // Monday to Friday to start with; the times are typed as the system writes them.
  for (const d of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) await expect(slots.getByRole('checkbox', { name: d })).toBeChecked()
  await expect(slots.getByRole('checkbox', { name: 'Saturday' })).not.toBeChecked()
  const time = slots.getByLabel('Time', { exact: true })
  await time.fill('17:00')
  await slots.getByRole('button', { name: 'Add time' }).click()
  await expect(slots.getByRole('listitem')).toHaveText(['17:00Mon–FriRemove'])
  await time.fill('9')
  await time.press('Enter')
  // Keyboard only: Saturday on, Monday to Friday off, then the time and Enter.
  await slots.getByRole('checkbox', { name: 'Saturday' }).press('Space')
  for (const d of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) await slots.getByRole('checkbox', { name: d }).press('Space')
  await time.fill('12:30')
  await time.press('Enter')
  await expect(slots.getByRole('listitem')).toHaveText(['09:00Mon–FriRemove', '12:30SatRemove', '17:00Mon–FriRemove'])
  await slots.getByRole('button', { name: 'Remove 12:30 on Sat' }).click()
  await slots.getByRole('checkbox', { name: 'Saturday' }).uncheck()
  for (const d of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) await slots.getByRole('checkbox', { name: d }).check()
  await time.fill('12:30')
  await time.press('Enter')
  await expect(slots.getByRole('listitem')).toHaveText(['09:00Mon–FriRemove', '12:30Mon–FriRemove', '17:00Mon–FriRemove'])
  await page.screenshot({ path: testInfo.outputPath('settings-slots-1280.png') })
  await page.setViewportSize({ width: 900, height: 600 })
  await slots.scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('settings-slots-900.png') })
  await page.setViewportSize({ width: 1280, height: 800 })

  // Copied to another channel, time zone and all.
  await slots.getByRole('button', { name: 'Copy to other channels…' }).click()
  const copy = page.getByRole('dialog', { name: 'Copy the posting slots of Relink Demo' })
  await copy.getByRole('checkbox', { name: new RegExp(`^${other.name}`) }).check()
  await copy.getByRole('button', { name: 'Copy slots' }).click()
  await expect(page.getByText('Copied the posting slots of Relink Demo to 1 channel.')).toBeVisible()
  const stored = await relink.core.handlers['slots:list'](undefined)
  expect(stored.map((s) => [s.channelId, s.timeZone, s.slots.length]).sort()).toEqual([[demo.id, 'UTC', 15], [other.id, 'UTC', 15]].sort())

  // 09:00 today is now; 12:30 has a post already: the next free one is 17:00.
  const taken = await relink.core.handlers['schedule:create-post']({ text: 'Lunch special', channelIds: [demo.id], publishAt: Date.UTC(2026, 0, 5, 12, 30), timeZone: 'UTC' })
  expect(taken.problems).toEqual([])
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Schedule' }).click()
  await page.getByRole('button', { name: 'New post', exact: true }).click()
  const dialog = composer(page)
  await dialog.getByRole('button', { name: 'Next free slot' }).click()
  await expect(dialog.getByText('Choose a channel first: the slots are the channels’ own.')).toBeVisible()
  await dialog.getByRole('group', { name: 'Mastodon', exact: true }).getByRole('checkbox', { name: 'Relink Demo', exact: true }).check()
  await dialog.getByRole('textbox', { name: 'Post text' }).fill('Evening roast notes')
  await dialog.getByRole('button', { name: 'Next free slot' }).click()
  await expect(dialog.getByLabel('Date')).toHaveValue('05/01/2026')
  await expect(dialog.getByLabel('Time', { exact: true })).toHaveValue('17:00')
  await dialog.getByRole('button', { name: 'Schedule', exact: true }).click()
  await expect(page.getByText(/^Scheduled for Mon,? 5 Jan 2026, 17:00 on 1 channel\.$/)).toBeVisible()

  // The week marks the slots, with the posts in them.
  await page.getByRole('radio', { name: 'Week' }).check()
  const monday = page.getByRole('main').getByRole('region', { name: 'Monday, 5 January 2026' })
  await expect(monday.getByTestId('posting-slot')).toHaveCount(3)
  await expect(monday.getByText('Posting slots: 09:00, 12:30, 17:00')).toBeAttached()
  await expect(monday.getByRole('listitem').filter({ hasText: 'Evening roast notes' })).toContainText('17:00')
  await expect(page.getByRole('main').getByRole('region', { name: 'Sunday, 11 January 2026' }).getByTestId('posting-slot')).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('week-slots-1280.png') })
  await page.setViewportSize({ width: 900, height: 600 })
  await page.screenshot({ path: testInfo.outputPath('week-slots-900.png') })

  await page.setViewportSize({ width: 1280, height: 800 })

  // Editing the 12:30 post: its own time is free to it (09:00 is now, too soon).
  const lunch = taken.post?.deliveries[0]
  if (!lunch) throw new Error('The 12:30 post has its delivery')
  relink.core.events.emit('app:did-request-open', { kind: 'delivery', id: String(lunch.id) })
  await page.getByRole('dialog', { name: demo.name }).getByRole('button', { name: 'Edit post' }).click()
  const edit = page.getByRole('dialog', { name: 'Edit scheduled post' })
  await edit.getByRole('button', { name: 'Next free slot' }).click()
  await expect(edit.getByLabel('Time', { exact: true })).toHaveValue('12:30')
})
