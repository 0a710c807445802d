import AxeBuilder from '@axe-core/playwright'
import { expect, openApp, test, type Page, type RelinkHarness } from './fixtures'

// The demo workspace, with posts in several states, so every page shows its real content.
test.use({ demo: { seedDemo: true }, locale: 'en-GB', timezoneId: 'UTC' })

const HOUR = 3_600_000

/** Serious and critical axe violations (WCAG 2.x A and AA, contrast included), worded for a failure message. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`)
}

async function schedulePosts(relink: RelinkHarness): Promise<void> {
  const channels = await relink.core.handlers['channels:list'](undefined)
  const ids = channels.slice(0, 3).map((c) => c.id)
  const now = relink.ports.clock.now()
  await relink.core.handlers['schedule:create-post']({ text: 'Spring menu is here', channelIds: ids, publishAt: now + 3 * HOUR, timeZone: 'UTC' })
  await relink.core.handlers['schedule:create-post']({ text: 'Behind the scenes', channelIds: ids.slice(0, 1), publishAt: now + 26 * HOUR, timeZone: 'UTC' })
}

const PAGES = [
  { hash: '#/channels', ready: (page: Page) => page.getByRole('main').getByRole('heading', { level: 2 }).first() },
  { hash: '#/health', ready: (page: Page) => page.getByRole('main').getByRole('heading').first() },
  { hash: '#/schedule', ready: (page: Page) => page.getByRole('main').getByText('Spring menu is here').first() },
  { hash: '#/inbox', ready: (page: Page) => page.getByRole('main').getByRole('heading').first() },
  { hash: '#/analytics', ready: (page: Page) => page.getByRole('main').getByRole('heading').first() },
  { hash: '#/settings', ready: (page: Page) => page.getByText('Database schema') },
] as const

for (const scheme of ['light', 'dark'] as const) {
  test(`every page has no serious or critical accessibility problem in the ${scheme} theme`, async ({ page, relink }) => {
    // Axe reads every page twice over; a busy two-core machine needs the room.
    test.setTimeout(180_000)
    await schedulePosts(relink)
    await page.emulateMedia({ colorScheme: scheme })
    const found: Record<string, string[]> = {}
    for (const { hash, ready } of PAGES) {
      await openApp(page, hash)
      await expect(ready(page)).toBeVisible()
      found[hash] = await violations(page)
    }
    // The schedule's other views and the composer, which are screens of their own.
    await openApp(page, '#/schedule')
    for (const view of ['Month', 'List'] as const) {
      await page.getByRole('radio', { name: view }).check()
      await expect(page.getByRole('main').getByText('Spring menu is here').first()).toBeVisible()
      found[`schedule ${view}`] = await violations(page)
    }
    await page.getByRole('button', { name: 'New post' }).click()
    await expect(page.getByRole('dialog', { name: 'New post' })).toBeVisible()
    found.composer = await violations(page)

    expect(Object.entries(found).filter(([, list]) => list.length > 0)).toEqual([])
  })
}

test('a skip link leads past the navigation, and switching pages moves focus to the page heading', async ({ page }) => {
  await openApp(page)
  await page.keyboard.press('Tab')
  const skip = page.getByRole('button', { name: 'Skip to main content' })
  await expect(skip).toBeFocused()
  await expect(skip).toBeInViewport()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('main')).toBeFocused()

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Schedule' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Schedule' })).toBeFocused()
  await page.keyboard.press('Alt+6')
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused()
})

test('below 1000 px the sidebar is a rail of icons that opens over the page', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 900, height: 600 })
  await openApp(page)
  const nav = page.getByRole('navigation', { name: 'Main' })
  // A label hidden visually but kept for screen readers is a 1-pixel box.
  const labelShown = async () => ((await nav.getByText('Connection health').boundingBox())?.width ?? 0) > 2
  const sidebarWidth = () => nav.evaluate((el) => (el.closest('aside') as unknown as { getBoundingClientRect(): { width: number } }).getBoundingClientRect().width)
  expect(await sidebarWidth()).toBeLessThan(80)
  await expect.poll(labelShown).toBe(false)
  // The labels stay the buttons' names.
  await nav.getByRole('button', { name: 'Schedule' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Schedule')
  await page.screenshot({ path: testInfo.outputPath('shell-900-rail.png') })

  await page.getByRole('button', { name: 'Open menu' }).click()
  await expect.poll(labelShown).toBe(true)
  expect(await sidebarWidth()).toBeGreaterThan(200)
  await page.screenshot({ path: testInfo.outputPath('shell-900-open.png') })
  await page.keyboard.press('Escape')
  await expect.poll(labelShown).toBe(false)

  await page.getByRole('button', { name: 'Open menu' }).click()
  await nav.getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings')
  await expect.poll(labelShown).toBe(false)

  await page.setViewportSize({ width: 1280, height: 800 })
  await expect.poll(labelShown).toBe(true)
  await expect(page.getByRole('button', { name: 'Open menu' })).toBeHidden()
})
