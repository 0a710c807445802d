import { expect, openApp, test, type Page } from './fixtures'
import { AGENCY, seedChannels } from './seed'

const groupHeadings = (page: Page) => page.getByRole('main').getByRole('heading', { level: 2 })
const badge = (page: Page) => page.getByRole('banner').getByRole('status')

test('channels are listed by brand with network, handle and health, and filter by brand', async ({ page, relink }) => {
  await seedChannels(relink, AGENCY)
  await openApp(page)

  await expect(badge(page)).toHaveText('2 need attention')
  await expect(groupHeadings(page)).toHaveText([/^Harbor Labs\s*2 channels$/, /^Northwind\s*4 channels$/, /^Not in a brand\s*1 channel$/])
  await expect(page.getByText('6 channels')).toBeVisible()

  const northwind = page.getByRole('region', { name: /^Northwind/ })
  const xRow = northwind.getByRole('listitem').filter({ hasText: '@northwind' }).filter({ hasText: 'X · Account' })
  await expect(xRow).toContainText('Disconnected')
  const facebookRow = northwind.getByRole('listitem').filter({ hasText: 'facebook.com/northwindcoffee' })
  await expect(facebookRow).toContainText('Facebook · Page')
  await expect(facebookRow).toContainText('Backup in use')
  // A channel in two brands shows the other brand as a chip.
  await expect(northwind.getByRole('listitem').filter({ hasText: 'LinkedIn' })).toContainText(/Also in\s*Harbor Labs/)

  await page.getByRole('combobox', { name: 'Brand' }).selectOption({ label: 'Harbor Labs' })
  await expect(groupHeadings(page)).toHaveText([/^Harbor Labs\s*2 channels$/])
  await expect(page.getByRole('main').getByRole('listitem')).toHaveCount(2)

  await page.getByRole('combobox', { name: 'Brand' }).selectOption({ label: 'All brands' })
  await expect(groupHeadings(page)).toHaveCount(3)
})

test('the header badge follows health changes pushed from main', async ({ page, relink }) => {
  await seedChannels(relink, {
    profiles: [{ id: 'p-1', network: 'linkedin', displayName: 'Ana', health: 'active' }],
    channels: [{ id: 'c-1', network: 'linkedin', name: 'Harbor Labs', handle: 'harbor', kind: 'organization', via: ['p-1'], brands: [] }],
  })
  await openApp(page, '#/schedule')
  await expect(badge(page)).toHaveText('All channels healthy')

  // What a background probe does when LinkedIn reports the refresh token dead.
  await relink.core.database.db.updateTable('profiles').set({ health: 'refresh_token_dead' }).where('id', '=', 'p-1').execute()
  relink.core.events.emit('channels:did-change', { channelIds: ['c-1'] })
  await expect(badge(page)).toHaveText('1 needs attention')
})

test('screenshots of Channels and Settings in both themes', async ({ page, relink }, testInfo) => {
  await seedChannels(relink, AGENCY)
  await openApp(page)
  await expect(badge(page)).toHaveText('2 need attention')
  await page.screenshot({ path: testInfo.outputPath('channels-light.png') })

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByText('Database schema')).toBeVisible()
  await page.setViewportSize({ width: 1280, height: 1800 })
  await page.mouse.move(1200, 700)
  await page.screenshot({ path: testInfo.outputPath('settings-light.png') })

  await page.getByRole('radio', { name: 'Dark' }).check()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.screenshot({ path: testInfo.outputPath('settings-dark.png') })
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.keyboard.press('Alt+1')
  await expect(badge(page)).toHaveText('2 need attention')
  await page.screenshot({ path: testInfo.outputPath('channels-dark.png') })
})

const rowsOf = (page: Page, group: RegExp) => page.getByRole('region', { name: group }).getByRole('listitem')

test('problems come first in each brand, and a row opens the channel drawer where its brands change', async ({ page, relink }) => {
  await seedChannels(relink, AGENCY)
  // Outside the demo the window reads the wall clock; main's test clock is earlier, so this is in the future for both.
  const publishAt = Math.max(Date.now(), relink.ports.clock.now()) + 2 * 86_400_000
  const { problems } = await relink.core.handlers['schedule:create-post']({ text: 'Latte art Thursday', channelIds: ['c-nw-fb'], publishAt, timeZone: 'UTC' })
  expect(problems).toEqual([])
  await openApp(page)

  // Disconnected, then degraded, then the healthy ones by name.
  const northwind = rowsOf(page, /^Northwind/)
  await expect(northwind.first()).toContainText('@northwind')
  await expect(northwind.first()).toContainText('Disconnected')
  await expect(northwind.nth(1)).toContainText('Backup in use')

  await northwind.filter({ hasText: 'facebook.com/northwindcoffee' }).getByRole('button', { name: /Northwind Coffee/ }).click()
  const drawer = page.getByRole('dialog', { name: 'Northwind Coffee' })
  await expect(drawer).toContainText('Facebook · Page · facebook.com/northwindcoffee')
  // Still publishing through Ana; Ben's password change is the broken link.
  await expect(drawer.getByRole('region', { name: 'Health' })).toContainText('Working: Ana Ruiz’s sign-in')
  await expect(drawer.getByRole('region', { name: 'Health' })).toContainText('Ben Okafor')
  await expect(drawer.getByRole('list', { name: 'Queued posts' })).toContainText('Latte art Thursday')

  const brands = drawer.getByRole('region', { name: 'Brands' })
  await expect(brands.getByRole('checkbox', { name: 'Northwind' })).toBeChecked()
  await brands.getByRole('checkbox', { name: 'Harbor Labs' }).check()
  await expect(brands.getByRole('status')).toHaveText('Saved')
  await brands.getByRole('checkbox', { name: 'Northwind' }).uncheck()
  await expect(brands.getByRole('status')).toHaveText('Saved')
  const stored = (await relink.core.handlers['channels:list'](undefined)).find((c) => c.id === 'c-nw-fb')
  const brandNames = new Map((await relink.core.handlers['brands:list'](undefined)).map((b) => [b.id, b.name]))
  expect(stored?.brandIds.map((id) => brandNames.get(id))).toEqual(['Harbor Labs'])

  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()
  await expect(groupHeadings(page)).toHaveText([/^Harbor Labs\s*3 channels$/, /^Northwind\s*3 channels$/, /^Not in a brand\s*1 channel$/])
})

test('rows are reached with Tab and the arrow keys, and Enter opens one', async ({ page, relink }) => {
  await seedChannels(relink, AGENCY)
  await openApp(page)
  const first = rowsOf(page, /^Harbor Labs/).first().getByRole('button').first()
  await first.focus()
  await page.keyboard.press('ArrowDown')
  const second = rowsOf(page, /^Harbor Labs/).nth(1).getByRole('button').first()
  await expect(second).toBeFocused()
  await page.keyboard.press('ArrowUp')
  await expect(first).toBeFocused()
  await page.keyboard.press('Enter')
  const drawer = page.getByRole('dialog', { name: 'Harbor Labs' })
  await expect(drawer).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()
  await expect(first).toBeFocused()
})

test('search and the network filter narrow the list, and say when nothing matches', async ({ page, relink }) => {
  await seedChannels(relink, AGENCY)
  await openApp(page)
  const search = page.getByRole('searchbox', { name: 'Search channels' })
  await search.fill('harbor')
  await expect(page.getByText('2 channels of 6')).toBeVisible()
  await page.getByRole('combobox', { name: 'Network' }).selectOption({ label: 'Mastodon' })
  await expect(page.getByText('1 channel of 6')).toBeVisible()
  await expect(page.getByRole('main').getByRole('listitem')).toContainText('@harbor@mastodon.social')

  await search.fill('nørthwind café')
  await expect(page.getByText('No channel matches “nørthwind café”.')).toBeVisible()
  await page.getByRole('button', { name: 'Clear the filter' }).click()
  await expect(page.getByText(/^6 channels ·/)).toBeVisible()
  await expect(search).toHaveValue('')
})

test('one channel is removed after a question that says what happens to its queued posts', async ({ page, relink }) => {
  await seedChannels(relink, AGENCY)
  const publishAt = relink.ports.clock.now() + 86_400_000
  await relink.core.handlers['schedule:create-post']({ text: 'Toot toot', channelIds: ['c-hb-md'], publishAt, timeZone: 'UTC' })
  await openApp(page)

  await rowsOf(page, /^Harbor Labs/).filter({ hasText: '@harbor@mastodon.social' }).getByRole('button').first().click()
  const drawer = page.getByRole('dialog', { name: 'Harbor Labs' })
  await drawer.getByRole('button', { name: 'Remove channel' }).click()
  const confirm = page.getByRole('alertdialog', { name: 'Remove Harbor Labs?' })
  await expect(confirm).toContainText('nothing is deleted on Mastodon')
  await confirm.getByRole('button', { name: 'Remove channel' }).click()
  await expect(page.getByText('Harbor Labs was removed from Relink. 1 queued post was cancelled.')).toBeVisible()
  await expect(drawer).toBeHidden()
  await expect(page.getByText(/^5 channels ·/)).toBeVisible()
  const left = await relink.core.handlers['channels:list'](undefined)
  expect(left.map((c) => c.id)).not.toContain('c-hb-md')
})

test('screenshots of Channels and its drawer at 1280×800 and 900×600', async ({ page, relink }, testInfo) => {
  await seedChannels(relink, AGENCY)
  await openApp(page)
  await expect(badge(page)).toHaveText('2 need attention')
  await page.screenshot({ path: testInfo.outputPath('channels-1280.png') })
  await rowsOf(page, /^Northwind/).first().getByRole('button').first().click()
  await expect(page.getByRole('dialog', { name: 'Northwind' })).toContainText('Access removed')
  await page.screenshot({ path: testInfo.outputPath('channel-drawer-1280.png'), animations: 'disabled' })
  await page.keyboard.press('Escape')
  await page.setViewportSize({ width: 900, height: 600 })
  await page.screenshot({ path: testInfo.outputPath('channels-900.png') })
  await rowsOf(page, /^Northwind/).first().getByRole('button').first().click()
  await expect(page.getByRole('dialog', { name: 'Northwind' })).toContainText('Access removed')
  await page.screenshot({ path: testInfo.outputPath('channel-drawer-900.png'), animations: 'disabled' })
})
