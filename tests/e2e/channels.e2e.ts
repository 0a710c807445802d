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
