import { expect, openApp, test, type Page } from './fixtures'
import { sandboxUser, signInThroughBrowser } from './sandbox-sign-in'

test.use({ demo: { seedDemo: false } })

const badge = (page: Page) => page.getByRole('banner').getByRole('status')
const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' })
const brandGroup = (page: Page, name: string) => page.getByRole('main').getByRole('region', { name: new RegExp(`^${name}`) })
const row = (page: Page, brand: string, channel: string) => brandGroup(page, brand).getByRole('listitem').filter({ hasText: channel })

async function addBrand(page: Page, name: string): Promise<void> {
  const brands = page.getByRole('region', { name: 'Brands' })
  await brands.getByLabel('New brand name').fill(name)
  await brands.getByRole('button', { name: 'Add brand' }).click()
  await expect(brands.getByRole('list', { name: 'Brands' }).getByText(name)).toBeVisible()
}

test('connect a Facebook profile in the browser, pick its pages into two brands, break it, and repair it with Refresh connection', async ({
  page,
  context,
  relink,
}, testInfo) => {
  test.slow()
  const maria = sandboxUser(relink, 'maria.ortega')

  // An empty demo workspace and two brands.
  await openApp(page, '#/settings')
  await addBrand(page, 'Northwind')
  await addBrand(page, 'Harbor')

  // Connect: the sandbox's real consent page opens in a new tab of the browser.
  await nav(page).getByRole('button', { name: 'Channels' }).click()
  await page.getByRole('main').getByRole('button', { name: 'Connect a profile' }).click()
  const connect = page.getByRole('dialog', { name: 'Connect a profile' })
  await connect.getByRole('radio', { name: 'Facebook' }).check()
  await signInThroughBrowser(
    context,
    async () => {
      await connect.getByRole('button', { name: 'Continue in browser' }).click()
      const signingIn = page.getByRole('dialog', { name: 'Sign in to Facebook' })
      await expect(signingIn.getByRole('list', { name: 'Sign-in progress' })).toContainText('Waiting for you to finish signing in')
      await expect(signingIn.getByRole('button', { name: 'Cancel sign-in' })).toBeEnabled()
      await page.screenshot({ path: testInfo.outputPath('signing-in.png') })
    },
    maria,
  )

  // The channel picker: every page Maria manages and the Instagram account linked to one, each
  // with brand chips (one Meta sign-in reaches both).
  const picker = page.getByRole('dialog', { name: 'Pick channels from Maria Ortega' })
  await expect(picker.getByRole('list', { name: 'Channels found' }).getByRole('listitem')).toHaveCount(3)
  await expect(picker.getByRole('checkbox', { name: /Northwind Coffee\s*Facebook/ })).toBeChecked()
  // This journey is about pages: the Instagram account stays out (the Meta journey takes it).
  await picker.getByRole('checkbox', { name: /Northwind Coffee\s*Instagram/ }).uncheck()
  // Adding without a brand is explained next to the channel, not silently accepted.
  await picker.getByRole('button', { name: 'Add channels' }).click()
  await expect(picker.getByRole('alert').first()).toHaveText('Choose at least one brand for Northwind Coffee (Facebook).')
  const coffeeBrands = picker.getByRole('group', { name: 'Brands for Northwind Coffee (Facebook)' })
  await coffeeBrands.getByRole('button', { name: 'Northwind' }).click()
  await coffeeBrands.getByRole('button', { name: 'Harbor' }).click()
  await expect(coffeeBrands.getByRole('button', { name: 'Harbor' })).toHaveAttribute('aria-pressed', 'true')
  await picker.getByRole('group', { name: 'Brands for Northwind Outlet' }).getByRole('button', { name: 'Harbor' }).click()
  await page.screenshot({ path: testInfo.outputPath('picker.png') })
  await picker.getByRole('button', { name: 'Add channels' }).click()
  await expect(picker).toBeHidden()
  await expect(page.getByText('Added 2 channels from Maria Ortega.')).toBeVisible()

  // Healthy on Channels, in both brands.
  await expect(row(page, 'Northwind', 'Northwind Coffee')).toContainText('Healthy')
  await expect(row(page, 'Harbor', 'Northwind Coffee')).toContainText('Healthy')
  await expect(row(page, 'Harbor', 'Northwind Outlet')).toContainText('Healthy')
  await expect(badge(page)).toHaveText('All channels healthy')

  // Break it from Settings → Sandbox controls: Maria changes her password on Facebook.
  await nav(page).getByRole('button', { name: 'Settings' }).click()
  const controls = page.getByRole('region', { name: 'Sandbox controls' })
  await controls.getByRole('combobox', { name: 'Network' }).selectOption({ label: 'Facebook and Instagram' })
  await controls.getByRole('combobox', { name: 'User' }).selectOption({ label: 'Maria Ortega (maria.ortega)' })
  await expect(controls.getByRole('table', { name: 'Sandbox sign-ins' })).toContainText('maria.ortega')
  await page.setViewportSize({ width: 1280, height: 2400 })
  await controls.screenshot({ path: testInfo.outputPath('sandbox-controls.png') })
  await page.setViewportSize({ width: 1280, height: 800 })
  await controls.getByRole('button', { name: 'Change password' }).click()
  await expect(page.getByText(/Change password for Maria Ortega on the Facebook and Instagram sandbox/)).toBeVisible()

  // Red frames on Channels, and the dropdown names the profile and the reason.
  await nav(page).getByRole('button', { name: 'Channels' }).click()
  for (const [brand, channel] of [
    ['Northwind', 'Northwind Coffee'],
    ['Harbor', 'Northwind Coffee'],
    ['Harbor', 'Northwind Outlet'],
  ] as const) {
    await expect(row(page, brand, channel)).toHaveClass(/channel-row--disconnected/)
    await expect(row(page, brand, channel)).toContainText('Password changed')
    await expect(row(page, brand, channel)).toContainText('Through Maria Ortega’s Facebook sign-in, connected by this computer')
  }
  await expect(badge(page)).toHaveText('1 needs attention')

  await page.getByRole('button', { name: /^Needs attention/ }).click()
  const dropdown = page.getByRole('dialog', { name: 'Needs attention' })
  await expect(dropdown).toBeFocused()
  const item = dropdown.getByRole('listitem', { name: 'Maria Ortega, Facebook' })
  await expect(item).toContainText('Password changed')
  await expect(item).toContainText('The account’s password changed, which ended every sign-in made with the old one.')
  await expect(dropdown.getByRole('listitem')).toHaveCount(1)

  // Refresh connection: sign in again in a new tab; progress shows in the dropdown meanwhile.
  await signInThroughBrowser(
    context,
    async () => {
      await item.getByRole('button', { name: /^Refresh connection/ }).click()
      await expect(item.getByText(/In your browser, sign in to Facebook as Maria Ortega/)).toBeVisible()
    },
    maria,
  )
  await expect(page.getByText('Reconnected Maria Ortega on Facebook and Instagram. All 2 of its channels work in every brand.')).toBeVisible()
  await expect(dropdown.getByText('Nothing needs attention')).toBeVisible()
  await expect(badge(page)).toHaveText('All channels healthy')
  await page.keyboard.press('Escape')
  await expect(dropdown).toBeHidden()
  await expect(page.getByRole('button', { name: /^Needs attention/ })).toBeFocused()

  // Everything healthy again, and the same channels are still in both brands.
  for (const [brand, channel] of [
    ['Northwind', 'Northwind Coffee'],
    ['Harbor', 'Northwind Coffee'],
    ['Harbor', 'Northwind Outlet'],
  ] as const) {
    await expect(row(page, brand, channel)).toContainText('Healthy')
    await expect(row(page, brand, channel)).not.toHaveClass(/channel-row--disconnected/)
  }
  const stored = await relink.core.handlers['channels:list'](undefined)
  const brands = new Map((await relink.core.handlers['brands:list'](undefined)).map((b) => [b.id, b.name]))
  expect(stored.map((c) => ({ name: c.name, health: c.health, brands: c.brandIds.map((id) => brands.get(id)).sort() }))).toEqual([
    { name: 'Northwind Coffee', health: 'healthy', brands: ['Harbor', 'Northwind'] },
    { name: 'Northwind Outlet', health: 'healthy', brands: ['Harbor'] },
  ])
})
