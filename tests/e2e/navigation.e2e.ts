import { expect, openApp, test, type Page } from './fixtures'

const EMPTY_STATES = [
  { page: 'Connection health', heading: 'No connections yet', shortcut: 'Alt+2' },
  { page: 'Schedule', heading: 'Nothing scheduled yet', shortcut: 'Control+3' },
  { page: 'Inbox', heading: 'No channels here yet', shortcut: 'Alt+4' },
  { page: 'Analytics', heading: 'No channels here yet', shortcut: 'Control+5' },
] as const

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' })

async function expectOn(page: Page, title: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
  await expect(nav(page).getByRole('button', { name: title })).toHaveAttribute('aria-current', 'page')
  await expect(nav(page).locator('[aria-current="page"]')).toHaveCount(1)
}

test('a first start shows the navigation, the Channels empty state and "No channels yet"', async ({ page }) => {
  await openApp(page)

  await expect(nav(page).getByRole('button')).toHaveText(['Channels1', 'Connection health2', 'Schedule3', 'Inbox4', 'Analytics5', 'Settings6'])
  await expectOn(page, 'Channels')
  const main = page.getByRole('main')
  await expect(main.getByRole('heading', { name: 'No channels connected' })).toBeVisible()
  await expect(main.getByText('Connect a profile to bring in its pages and accounts.')).toBeVisible()
  await expect(page.getByRole('banner').getByRole('status')).toHaveText('No channels yet')
})

test('the sidebar reaches each page and its empty state', async ({ page }) => {
  await openApp(page)
  for (const { page: title, heading } of EMPTY_STATES) {
    await nav(page).getByRole('button', { name: title }).click()
    await expectOn(page, title)
    await expect(page.getByRole('main').getByRole('heading', { name: heading })).toBeVisible()
  }
  // Each empty state offers a way back to where channels come from.
  await page.getByRole('main').getByRole('button', { name: 'View channels' }).click()
  await expectOn(page, 'Channels')
})

test('Alt and Ctrl with a digit switch pages from the keyboard', async ({ page }) => {
  await openApp(page)
  for (const { page: title, heading, shortcut } of EMPTY_STATES) {
    await page.keyboard.press(shortcut)
    await expectOn(page, title)
    await expect(page.getByRole('main').getByRole('heading', { name: heading })).toBeVisible()
  }
  await page.keyboard.press('Control+6')
  await expectOn(page, 'Settings')
  await page.keyboard.press('Alt+1')
  await expectOn(page, 'Channels')
})

test('the navigation is usable with Tab and shows a focus ring', async ({ page }) => {
  await openApp(page)
  const health = nav(page).getByRole('button', { name: 'Connection health' })
  await nav(page).getByRole('button', { name: 'Channels' }).focus()
  await page.keyboard.press('Tab')
  await expect(health).toBeFocused()
  // Typed by hand: the Node-side type check has no DOM library.
  const outline = await health.evaluate(
    (el) => (globalThis as unknown as { getComputedStyle(e: unknown): { outlineStyle: string } }).getComputedStyle(el).outlineStyle,
  )
  expect(outline).toBe('solid')
  await page.keyboard.press('Enter')
  await expectOn(page, 'Connection health')
})

test('the empty Channels page offers to connect a profile or open Settings, and a reload stays on the page', async ({ page }) => {
  await openApp(page)
  await page.getByRole('main').getByRole('button', { name: 'Connect a profile' }).click()
  const dialog = page.getByRole('dialog', { name: 'Connect a profile' })
  await expect(dialog.getByRole('radio', { name: 'Facebook' })).toBeChecked()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await page.getByRole('main').getByRole('button', { name: 'Open Settings' }).click()
  await expectOn(page, 'Settings')
  await page.reload()
  await expectOn(page, 'Settings')
})

