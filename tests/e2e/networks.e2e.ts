import { expect, openApp, test, type Page } from './fixtures'

const networks = (page: Page) => page.getByRole('region', { name: 'Networks' })

test('a developer app is saved with a write-only secret, removed with a confirmation, and required before connecting', async ({ page, relink }) => {
  await openApp(page, '#/settings')
  const facebook = networks(page).getByRole('listitem').filter({ has: page.getByRole('button', { name: /^Facebook/ }) })
  await expect(facebook).toContainText('Not set up')
  await facebook.getByRole('button', { name: /^Facebook/ }).click()
  await expect(facebook.getByRole('button', { name: /^Facebook/ })).toHaveAttribute('aria-expanded', 'true')
  await expect(facebook.getByRole('list', { name: 'Facebook redirect URIs' })).toContainText('http://localhost:53682/callback/facebook')

  await facebook.getByLabel('Client id').fill('1234567890')
  await facebook.getByRole('button', { name: 'Save' }).click()
  await expect(facebook.getByRole('alert')).toHaveText('Facebook requires the client secret as well.')
  await facebook.getByLabel('Client secret').fill('s3cret-value')
  await facebook.getByRole('button', { name: 'Save' }).click()
  await expect(facebook.getByRole('status')).toHaveText('Saved')
  await expect(facebook).toContainText('Set up')
  await expect(facebook.getByLabel(/Client secret/)).toHaveValue('')
  await expect(facebook.getByText('Saved', { exact: true }).first()).toBeVisible()
  const [stored] = (await relink.core.handlers['networks:list-apps'](undefined)).filter((a) => a.network === 'facebook')
  expect(stored).toMatchObject({ configured: true, clientId: '1234567890', hasSecret: true })

  // Never shown back, not even after a reload.
  await page.reload()
  await networks(page).getByRole('button', { name: /^Facebook/ }).click()
  await expect(facebook.getByLabel('Client id')).toHaveValue('1234567890')
  await expect(facebook.getByLabel(/Client secret/)).toHaveValue('')
  await expect(facebook.getByLabel(/Client secret/)).toHaveAttribute('placeholder', /Saved and encrypted/)
  expect(await page.content()).not.toContain('s3cret-value')

  await facebook.getByRole('button', { name: 'Remove' }).click()
  const confirm = page.getByRole('alertdialog', { name: 'Remove the Facebook app?' })
  await confirm.getByRole('button', { name: 'Remove app' }).click()
  await expect(facebook).toContainText('Not set up')

  // Connecting needs the app first, and says where to set it up.
  await page.keyboard.press('Alt+1')
  await page.getByRole('main').getByRole('button', { name: 'Connect a profile' }).click()
  const dialog = page.getByRole('dialog', { name: 'Connect a profile' })
  await expect(dialog).toContainText('Relink needs your team’s Facebook developer app before anyone can sign in.')
  await expect(dialog.getByRole('button', { name: 'Continue in browser' })).toBeDisabled()
  await dialog.getByRole('radio', { name: 'Mastodon' }).check()
  await expect(dialog.getByLabel('Instance address')).toBeVisible()
  await dialog.getByRole('button', { name: 'Continue in browser' }).click()
  await expect(dialog.getByRole('alert')).toHaveText('Enter the instance address, like https://mastodon.social.')
  await dialog.getByRole('radio', { name: 'Facebook' }).check()
  await dialog.getByRole('button', { name: 'Set it up in Settings → Networks' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings')
})
