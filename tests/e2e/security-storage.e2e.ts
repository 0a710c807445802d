import { expect } from '@playwright/test'
import { openApp, test } from './fixtures'

test.describe('on Linux without a keyring', () => {
  test.use({ secretBackend: 'basic_text' })

  test('Settings warns that sign-ins cannot be encrypted and stores them only after an explicit opt-in', async ({ page, relink }) => {
    await openApp(page, '#/settings')
    const security = page.getByRole('region', { name: 'Security' })
    await expect(security.getByRole('alert')).toContainText('no keyring')
    const optIn = security.getByRole('switch', { name: 'Store sign-ins without a keyring' })
    await expect(optIn).not.toBeChecked()
    await optIn.click()
    await expect(security.getByText('Saved')).toBeVisible()
    expect(relink.ports.settings.read().allowInsecureSecretStorage).toBe(true)
  })
})

test('with the system keychain, Settings says sign-ins are encrypted and offers no opt-in', async ({ page }) => {
  await openApp(page, '#/settings')
  const security = page.getByRole('region', { name: 'Security' })
  await expect(security).toContainText('encrypted with your system keychain')
  await expect(security.getByRole('switch')).toHaveCount(0)
})
