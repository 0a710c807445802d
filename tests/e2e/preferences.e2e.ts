import { expect, openApp, storedSettings, test, type Page } from './fixtures'

const section = (page: Page, name: string) => page.getByRole('region', { name })

/** The page's background, the plainest sign of which theme is applied. */
const backgroundOf = (page: Page) =>
  page.evaluate(() => {
    const scope = globalThis as unknown as { document: { body: unknown }; getComputedStyle(e: unknown): { backgroundColor: string } }
    return scope.getComputedStyle(scope.document.body).backgroundColor
  })

test.beforeEach(async ({ page }) => {
  await openApp(page, '#/settings')
  await expect(section(page, 'Scheduler').getByLabel('Publish missed posts within', { exact: true })).toHaveValue('15')
})

test('publishing missed posts within 30 minutes and the dark theme survive a reload', async ({ page, relink }) => {
  const lightBackground = await backgroundOf(page)

  const grace = section(page, 'Scheduler').getByLabel('Publish missed posts within', { exact: true })
  await grace.fill('30')
  await grace.press('Enter')
  await expect(section(page, 'Scheduler').getByRole('status')).toHaveText('Saved')

  await section(page, 'Appearance').getByRole('radio', { name: 'Dark' }).check()
  await expect(section(page, 'Appearance').getByRole('status')).toHaveText('Saved')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  const darkBackground = await backgroundOf(page)
  expect(darkBackground).not.toBe(lightBackground)

  const stored = await storedSettings(relink)
  expect(stored.scheduler.graceWindowMinutes).toBe(30)
  expect(stored.theme).toBe('dark')

  await page.reload()
  await expect(section(page, 'Scheduler').getByLabel('Publish missed posts within', { exact: true })).toHaveValue('30')
  await expect(section(page, 'Appearance').getByRole('radio', { name: 'Dark' })).toBeChecked()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  expect(await backgroundOf(page)).toBe(darkBackground)
})

test('system theme follows the operating system', async ({ page }) => {
  await expect(section(page, 'Appearance').getByRole('radio', { name: 'System' })).toBeChecked()
  const light = await backgroundOf(page)
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect.poll(() => backgroundOf(page)).not.toBe(light)

  // An explicit choice wins over the system setting.
  await section(page, 'Appearance').getByRole('radio', { name: 'Light' }).check()
  await expect.poll(() => backgroundOf(page)).toBe(light)
})

test('an out-of-range value is explained next to the field and not saved', async ({ page, relink }) => {
  const grace = section(page, 'Scheduler').getByLabel('Publish missed posts within', { exact: true })
  await grace.fill('5000')
  await grace.press('Enter')
  await expect(section(page, 'Scheduler').getByRole('alert')).toHaveText('Choose between 0 and 1440 minutes.')
  await expect(grace).toHaveAttribute('aria-invalid', 'true')
  await expect(section(page, 'Scheduler').getByRole('status')).toHaveText('Not saved.')
  expect((await storedSettings(relink)).scheduler.graceWindowMinutes).toBe(15)

  const x = section(page, 'Token refresh').getByLabel('X', { exact: true })
  await x.fill('0')
  await x.blur()
  await expect(section(page, 'Token refresh').getByRole('alert')).toHaveText('Choose between 1 and 60 minutes.')

  await grace.fill('2.5')
  await grace.blur()
  await expect(section(page, 'Scheduler').getByRole('alert')).toHaveText('Enter a whole number.')

  await page.reload()
  await expect(section(page, 'Scheduler').getByLabel('Publish missed posts within', { exact: true })).toHaveValue('15')
  expect((await storedSettings(relink)).refreshLeadMinutes.x).toBe(10)
})

test('notification switches and lead times save as they change', async ({ page, relink }) => {
  const notifications = section(page, 'Notifications')
  await notifications.getByRole('switch', { name: 'When a scheduled post fails to publish' }).uncheck()
  await expect(notifications.getByRole('status')).toHaveText('Saved')
  await notifications.getByLabel('Warn before expiry').fill('14')
  await notifications.getByLabel('Warn before expiry').blur()
  await expect(notifications.getByLabel('Warn before expiry')).toHaveValue('14')

  const refresh = section(page, 'Token refresh')
  // Lead times are typed in days, as people think of them: the stored 10080 minutes read "7 days".
  await expect(refresh.getByLabel('LinkedIn', { exact: true })).toHaveValue('7')
  await expect(refresh.getByLabel('LinkedIn: unit')).toHaveValue('days')
  await refresh.getByLabel('LinkedIn', { exact: true }).fill('1')
  await refresh.getByLabel('LinkedIn', { exact: true }).press('Enter')
  await expect(refresh.getByRole('status')).toHaveText('Saved')
  await expect(refresh.getByText('Renews 1 day before expiry')).toBeVisible()
  expect((await storedSettings(relink)).refreshLeadMinutes.linkedin).toBe(1440)

  // Changing the unit keeps the number typed: 36 hours.
  await refresh.getByLabel('Facebook', { exact: true }).fill('36')
  await refresh.getByLabel('Facebook: unit').selectOption('hours')
  await expect(refresh.getByText('Renews 1 day 12 hours before expiry')).toBeVisible()
  expect((await storedSettings(relink)).refreshLeadMinutes.facebook).toBe(36 * 60)
  await refresh.getByLabel('Facebook', { exact: true }).fill('800')
  await refresh.getByLabel('Facebook', { exact: true }).blur()
  await expect(refresh.getByRole('alert')).toHaveText('Choose between 0 and 720 hours.')

  // Turning notifications off greys out the kinds of notification it governs.
  await notifications.getByRole('switch', { name: 'Desktop notifications' }).uncheck()
  await expect(notifications.getByRole('switch', { name: 'When a connection has expired' })).toBeDisabled()

  const stored = await storedSettings(relink)
  expect(stored.notifications).toEqual({ enabled: false, warnDaysBeforeExpiry: 14, onExpired: true, onPublishFailed: false })
  expect(stored.refreshLeadMinutes.linkedin).toBe(1440)
})

test('the About line shows version, schema, demo mode and data folder', async ({ page, relink }) => {
  const info = relink.core.info()
  const about = page.getByText(`Relink ${info.version}`).locator('..')
  await expect(about).toContainText(`Database schema ${info.schemaVersion}`)
  await expect(about).toContainText('Demo mode off')
  await expect(about).toContainText(relink.dataDir)
})
