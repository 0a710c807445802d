import { expect, openApp, test } from './fixtures'
import { firstReadsDone, goTo } from './harbor-books'

// A fixed locale and zone, so dates read the same on every machine. The demo starts on Monday 5 January 2026, 09:00.
test.use({ demo: { seedDemo: true }, locale: 'en-GB', timezoneId: 'UTC' })

test('a comment storm from Settings → Sandbox fills the Inbox as it goes, with its progress, and stops when asked', async ({ page, relink }, testInfo) => {
  test.slow()
  await firstReadsDone(relink)
  const before = (await relink.core.handlers['inbox:get-counts'](undefined)).unread

  await openApp(page)
  await goTo(page, 'Settings')
  const storm = page.getByRole('group', { name: 'Comment storm' })
  await storm.getByLabel('Changes in the storm').selectOption('100')
  await storm.getByRole('button', { name: 'Start storm' }).click()
  // The first wave is written at once; the rest follow a second apart.
  await expect(storm.getByRole('status')).toContainText('25 of 100 changes')
  await expect(storm.getByRole('button', { name: 'Stop storm' })).toBeVisible()
  for (let wave = 0; wave < 3; wave++) relink.ports.clock.advance(1_000)
  await expect(storm.getByRole('status')).toContainText(/100 of 100 changes: \d+ comments.*Done\./)
  await expect(storm.getByRole('progressbar', { name: 'Comment storm progress' })).toHaveAttribute('value', '100')
  await expect(storm.getByRole('button', { name: 'Start storm' })).toBeEnabled()
  await storm.screenshot({ path: testInfo.outputPath('comment-storm.png') })

  // Each wave was read as it landed: the navigation counts the new unread comments and mentions.
  await expect.poll(async () => (await relink.core.handlers['inbox:get-counts'](undefined)).unread, { timeout: 30_000 }).toBeGreaterThan(before + 30)
  const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Inbox/ })
  await expect.poll(async () => Number(/(\d+) unread/.exec((await nav.textContent()) ?? '')?.[1] ?? 0)).toBeGreaterThan(before + 30)
  await goTo(page, /^Inbox/)
  const list = page.getByTestId('inbox-list')
  await expect(list).toBeVisible()
  await expect(list.getByTestId('inbox-row').filter({ hasText: /Growth Guru|Yuki Tanaka|Олег Петров|Zoë Martín|Priya Sharma|Chloé Dubois|فاطمة|Nguyễn|Σοφία/ }).first()).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('inbox-after-storm.png') })

  // A bigger one, stopped after its first wave.
  await goTo(page, 'Settings')
  await storm.getByLabel('Changes in the storm').selectOption('1000')
  await storm.getByRole('button', { name: 'Start storm' }).click()
  await expect(storm.getByRole('status')).toContainText('25 of 1,000 changes')
  await storm.getByRole('button', { name: 'Stop storm' }).click()
  await expect(storm.getByRole('status')).toContainText('Stopped.')
  relink.ports.clock.advance(5_000)
  await expect(storm.getByRole('status')).toContainText('25 of 1,000 changes')
  await page.setViewportSize({ width: 900, height: 600 })
  await storm.scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('comment-storm-small.png') })
})
