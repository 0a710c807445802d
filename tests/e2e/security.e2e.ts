import { expect, openApp, test } from './fixtures'
import { AGENCY, seedChannels } from './seed'

interface DocumentScope {
  document: {
    querySelector(selector: string): { getAttribute(name: string): string | null } | null
    querySelectorAll(selector: string): { length: number }
  }
}

test('the production Content Security Policy is in the page', async ({ page }) => {
  await openApp(page)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Channels')
  const csp = await page.evaluate(() =>
    (globalThis as unknown as DocumentScope).document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
  )
  expect(csp).toBeTruthy()
  const directives = new Map(
    (csp ?? '').split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/)
      return [name, values.join(' ')] as const
    }),
  )
  expect(directives.get('default-src')).toBe("'none'")
  expect(directives.get('script-src')).toBe("'self'")
  expect(directives.get('style-src')).toBe("'self'")
  expect(csp).not.toContain('unsafe-inline')
  expect(csp).not.toContain('unsafe-eval')

  // Everything the app needs arrives as files; nothing inline for the policy to have to allow.
  const inline = await page.evaluate(() => (globalThis as unknown as DocumentScope).document.querySelectorAll('style, script:not([src])').length)
  expect(inline).toBe(0)
})

test('a tour of every page and its actions logs no errors or CSP violations', async ({ page, relink, pageProblems }) => {
  await seedChannels(relink, AGENCY)
  await openApp(page)
  const nav = page.getByRole('navigation', { name: 'Main' })
  for (const name of ['Connection health', 'Schedule', 'Inbox', 'Analytics', 'Settings', 'Channels']) {
    await nav.getByRole('button', { name }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name)
  }
  // The connection surfaces: the dropdown, a profile's details, the connect dialog.
  await page.getByRole('button', { name: /^Needs attention/ }).click()
  const dropdown = page.getByRole('dialog', { name: 'Needs attention' })
  await dropdown.getByRole('listitem').first().getByRole('button', { name: 'Details' }).click()
  await expect(page.getByRole('dialog').getByRole('heading', { name: 'Token event log' })).toBeVisible()
  await page.keyboard.press('Escape')
  await page.getByRole('main').getByRole('button', { name: 'Connect a profile' }).click()
  await page.getByRole('dialog', { name: 'Connect a profile' }).getByRole('radio', { name: 'Mastodon' }).check()
  await page.keyboard.press('Escape')
  await page.getByRole('combobox', { name: 'Brand' }).selectOption({ label: 'Northwind' })
  await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText([/^Northwind/])

  await nav.getByRole('button', { name: 'Settings' }).click()
  await page.getByLabel('New brand name').fill('Tour')
  await page.getByRole('button', { name: 'Add brand' }).click()
  await page.getByRole('button', { name: 'Delete Tour' }).click()
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(page.getByRole('list', { name: 'Brands' }).getByText('Tour')).toBeVisible()
  await page.getByRole('radio', { name: 'Dark' }).check()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.reload()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings')

  expect(pageProblems).toEqual([])
})
