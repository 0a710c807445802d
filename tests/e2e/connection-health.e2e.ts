import { NETWORKS, NETWORK_LABELS } from '../../src/shared/domain/network'
import { expect, openApp, test, type Page } from './fixtures'
import { sandboxUser, signInThroughBrowser } from './sandbox-sign-in'

test.use({ demo: { seedDemo: true } })

const badge = (page: Page) => page.getByRole('banner').getByRole('status')
const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' })
const connections = (page: Page) => page.getByRole('main').getByRole('list', { name: 'Connections' }).getByRole('listitem')

/** Applies a Settings → Sandbox controls button to one sandbox user, as a person would. */
async function breakOnSandbox(page: Page, network: string, user: string, control: string): Promise<void> {
  await nav(page).getByRole('button', { name: 'Settings' }).click()
  const controls = page.getByRole('region', { name: 'Sandbox controls' })
  await controls.getByRole('combobox', { name: 'Network' }).selectOption({ label: network })
  await controls.getByRole('combobox', { name: 'User' }).selectOption({ label: user })
  await controls.getByRole('button', { name: control, exact: true }).click()
  await expect(page.getByText(/Relink has checked every connection\./).last()).toBeVisible()
}

test('the demo workspace shows channels of all five networks, all healthy', async ({ page }) => {
  await openApp(page)
  await expect(badge(page)).toHaveText('All channels healthy')
  const rows = page.getByRole('main').getByRole('listitem')
  for (const network of NETWORKS) {
    await expect(rows.filter({ hasText: `${NETWORK_LABELS[network]} · ` }).first()).toBeVisible()
  }
  await expect(page.getByRole('main').locator('.channel-row--disconnected, .channel-row--degraded')).toHaveCount(0)
  await page.getByRole('button', { name: /^Needs attention/ }).press('Enter')
  await expect(page.getByRole('dialog', { name: 'Needs attention' }).getByText('Nothing needs attention')).toBeVisible()
})

test('Connection health lists every profile by urgency, with a broken one first after a sandbox control breaks it', async ({ page, relink }) => {
  await openApp(page, '#/health')
  const profiles = await relink.core.handlers['connections:list-profiles'](undefined)
  await expect(connections(page)).toHaveCount(profiles.length)
  await expect(page.getByRole('button', { name: 'Refresh all expired' })).toBeDisabled()
  // A healthy card shows its clocks and reach.
  const ava = page.getByRole('listitem', { name: 'Ava Lindqvist, LinkedIn' })
  await expect(ava).toContainText('Access expires')
  await expect(ava).toContainText('Refresh token ends')
  await expect(ava).toContainText('in 365 days')
  await expect(ava).toContainText('3 channels')
  await expect(ava).toContainText('Connected by this computer')

  await breakOnSandbox(page, 'X', 'Relink Labs (relinklabs)', 'Remove app')
  await page.keyboard.press('Alt+2')
  await expect(connections(page).first()).toHaveAttribute('aria-label', 'Relink Labs, X')
  await expect(connections(page).first()).toContainText('Access removed')
  await expect(connections(page).first()).toContainText('Relink’s access was removed on the network.')
  await expect(page.getByRole('button', { name: 'Refresh all expired' })).toBeEnabled()
  await expect(badge(page)).toHaveText('1 needs attention')

  // Check now asks the network again; Remove asks before it revokes and forgets.
  await connections(page).first().getByRole('button', { name: /^Check now/ }).click()
  await expect(page.getByText('Checked Relink Labs (X): Access removed. Relink’s access was removed on the network.')).toBeVisible()
  await connections(page).first().getByRole('button', { name: /^Remove/ }).click()
  const confirm = page.getByRole('alertdialog', { name: 'Remove Relink Labs’s X connection?' })
  await expect(confirm).toContainText('Relink revokes its access on X and forgets this profile')
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await confirm.getByRole('button', { name: 'Remove connection' }).click()
  await expect(page.getByText('Removed Relink Labs (X).')).toBeVisible()
  await expect(connections(page)).toHaveCount(profiles.length - 1)
  await expect(badge(page)).toHaveText('All channels healthy')
})

test('the event log shows the classification, with the raw network error on demand', async ({ page, relink }, testInfo) => {
  await openApp(page, '#/settings')
  // A dead refresh token shows when Relink next renews: a day later X access tokens are long due.
  await breakOnSandbox(page, 'X', 'Relink Labs (relinklabs)', 'Kill refresh token')
  await page.getByRole('region', { name: 'Sandbox controls' }).getByRole('button', { name: 'Advance a day' }).click()
  await expect(badge(page)).toHaveText('1 needs attention')

  await page.keyboard.press('Alt+2')
  const card = connections(page).first()
  await expect(card).toHaveAttribute('aria-label', 'Relink Labs, X')
  await expect(card).toContainText('Sign-in ended')
  await card.getByRole('button', { name: /^Details/ }).click()

  const drawer = page.getByRole('dialog', { name: 'Relink Labs' })
  await expect(drawer.getByRole('heading', { name: 'Token event log' })).toBeVisible()
  const log = drawer.getByRole('table', { name: 'Token event log' })
  const failed = log.getByRole('row').filter({ hasText: 'Renewal failed' })
  await expect(failed).toContainText('Sign-in ended')
  await expect(log.getByRole('row').filter({ hasText: 'Health changed' }).first()).toContainText('Healthy → Sign-in ended')
  await expect(drawer.getByRole('note', { name: 'Raw network answer' })).toHaveCount(0)
  await failed.getByRole('button', { name: 'Show raw answer' }).click()
  const raw = drawer.getByRole('note', { name: 'Raw network answer' })
  await expect(raw).toContainText('"source": "token_endpoint"')
  await expect(raw).toContainText('"status": 400')
  // The profile's last error is one click away at the top as well.
  await drawer.getByRole('button', { name: 'Show network error' }).click()
  await expect(drawer.getByRole('note', { name: 'Raw network error' })).toContainText('token_endpoint')
  const stored = await relink.core.handlers['connections:list-profiles'](undefined)
  expect(stored.find((p) => p.displayName === 'Relink Labs')?.health).toBe('refresh_token_dead')
  await page.screenshot({ path: testInfo.outputPath('drawer.png') })

  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()
  await expect(card.getByRole('button', { name: /^Details/ })).toBeFocused()
})

test('Settings → Networks shows the redirect URIs to register, and Mastodon needs no app', async ({ page, relink }, testInfo) => {
  await openApp(page, '#/settings')
  const networks = page.getByRole('region', { name: 'Networks' })
  await expect(networks).toContainText('Demo mode signs in on the sandbox network')
  const apps = await relink.core.handlers['networks:list-apps'](undefined)
  for (const network of ['facebook', 'x'] as const) {
    const label = NETWORK_LABELS[network]
    await networks.getByRole('button', { name: new RegExp(`^${label}`) }).click()
    const uris = networks.getByRole('list', { name: `${label} redirect URIs` }).getByRole('listitem')
    const expected = apps.find((a) => a.network === network)?.redirectUris ?? []
    expect(expected.length).toBeGreaterThan(0)
    await expect(uris).toHaveText(expected.map((uri) => new RegExp(`^${uri.replaceAll('.', '\\.')}`)))
    await expect(uris.first().getByRole('button', { name: `Copy ${expected[0]}` })).toBeVisible()
  }
  await networks.getByRole('button', { name: /^Mastodon/ }).click()
  await expect(networks).toContainText('No app needed')
  await expect(networks).toContainText('Nothing to register: Relink registers itself on each Mastodon instance')
  await page.setViewportSize({ width: 1280, height: 2000 })
  await networks.screenshot({ path: testInfo.outputPath('networks.png') })
})

test('a channel with one broken link of two shows amber and still publishes through the other', async ({ page }, testInfo) => {
  test.slow()
  await openApp(page, '#/settings')
  await breakOnSandbox(page, 'Facebook and Instagram', 'Sam Lee (sam.lee)', 'Change password')
  await page.keyboard.press('Alt+1')

  // Rows are found by handle: "Northwind Coffee" is also a demo brand, shown as a chip on other rows.
  const coffee = page.getByRole('main').getByRole('listitem').filter({ hasText: 'Facebook · Page' }).filter({ hasText: 'northwindcoffee' }).first()
  await expect(coffee).toHaveClass(/channel-row--degraded/)
  await expect(coffee).toContainText('Backup in use')
  await expect(coffee).toContainText('Relink publishes through another that works. Working: Maria Ortega’s sign-in.')
  await expect(coffee).toContainText('Password changed.')
  await expect(coffee).toContainText('The account’s password changed, which ended every sign-in made with the old one.')
  await expect(coffee).toContainText('Through Sam Lee’s Facebook sign-in, connected by this computer')

  // Harbor Books has no other way in: red.
  const books = page.getByRole('main').getByRole('listitem').filter({ hasText: 'Facebook · Page' }).filter({ hasText: 'harborbooks' }).first()
  await expect(books).toHaveClass(/channel-row--disconnected/)
  await expect(books).toContainText('Disconnected')
  // Sam is one Meta profile: his pages and Instagram accounts broke together, as one item.
  await expect(badge(page)).toHaveText('1 needs attention')
  await page.mouse.move(0, 0)
  await page.screenshot({ path: testInfo.outputPath('channels-broken.png') })

  await page.getByRole('button', { name: /^Needs attention/ }).click()
  const dropdown = page.getByRole('dialog', { name: 'Needs attention' })
  await expect(dropdown.getByRole('listitem')).toHaveCount(1)
  await expect(dropdown.getByRole('listitem', { name: 'Sam Lee, Facebook' })).toContainText('Password changed')
  await page.screenshot({ path: testInfo.outputPath('dropdown.png') })
  await page.keyboard.press('Escape')

  await page.keyboard.press('Alt+2')
  await expect(connections(page).first()).toContainText('Password changed')
  await page.screenshot({ path: testInfo.outputPath('health.png') })
})

test('an unfinished connection is listed as such and resumes the picker without a new sign-in', async ({ page, context, relink }) => {
  test.slow()
  const jo = sandboxUser(relink, 'jo.park')
  // Start from a workspace where Jo was never connected, so connecting Jo is a new profile.
  const facebookIds = (await relink.core.handlers['connections:list-profiles'](undefined)).filter((p) => p.handle === jo.handle).map((p) => p.id)
  for (const profileId of facebookIds) await relink.core.handlers['connections:remove-profile']({ profileId })

  await openApp(page, '#/health')
  await page.getByRole('main').getByRole('button', { name: 'Connect a profile' }).click()
  const connect = page.getByRole('dialog', { name: 'Connect a profile' })
  await signInThroughBrowser(context, () => connect.getByRole('button', { name: 'Continue in browser' }).click(), jo)

  const picker = page.getByRole('dialog', { name: 'Pick channels from Jo Park' })
  await expect(picker).toContainText('Read only: this profile’s role cannot publish')
  await picker.getByRole('button', { name: 'Not now' }).click()
  await expect(page.getByText('Jo Park is signed in, but no channels were added.')).toBeVisible()

  const card = page.getByRole('listitem', { name: 'Jo Park, Facebook' })
  await expect(card).toContainText('Unfinished')
  await page.getByRole('button', { name: /^Needs attention/ }).click()
  const item = page.getByRole('dialog', { name: 'Needs attention' }).getByRole('listitem', { name: 'Jo Park, Facebook' })
  await expect(item).toContainText('Unfinished')
  await expect(item).toContainText('no channels were picked yet')

  // The channels found at sign-in were kept: picking resumes without opening the browser again.
  const pagesBefore = context.pages().length
  await item.getByRole('button', { name: /^Pick channels/ }).click()

  const resumed = page.getByRole('dialog', { name: 'Pick channels from Jo Park' })
  await resumed.getByRole('group', { name: 'Brands for Northwind Outlet' }).getByRole('button', { name: 'Northwind Coffee' }).click()
  await resumed.getByRole('button', { name: 'Add channels' }).click()
  await expect(page.getByText('Added 1 channel from Jo Park.')).toBeVisible()
  await expect(card).not.toContainText('Unfinished')
  expect(context.pages().length).toBe(pagesBefore)
})

test('Refresh all expired signs every broken profile in again, one browser page after another', async ({ page, context, relink }) => {
  test.slow()
  await openApp(page, '#/settings')
  await breakOnSandbox(page, 'X', 'Relink Labs (relinklabs)', 'Remove app')
  await breakOnSandbox(page, 'Mastodon', 'Ana Lima (ana)', 'Change password')
  await page.keyboard.press('Alt+2')
  await expect(badge(page)).toHaveText('2 need attention')

  // Each sign-in page says which network it is; sign in there as that network's broken user.
  const accounts: Record<string, { handle: string; password: string }> = {
    X: sandboxUser(relink, 'relinklabs'),
    Mastodon: sandboxUser(relink, 'ana'),
  }
  const tabs: Page[] = []
  context.on('page', (tab) => tabs.push(tab))
  await page.getByRole('button', { name: 'Refresh all expired' }).click()
  for (let i = 0; i < 2; i++) {
    await expect.poll(() => tabs.length, { timeout: 20_000 }).toBeGreaterThan(i)
    const tab = tabs[i] as Page
    const heading = await tab.getByRole('heading', { name: /Sign in to/ }).textContent()
    const account = Object.entries(accounts).find(([label]) => heading?.includes(label))?.[1]
    if (!account) throw new Error(`Unexpected sign-in page: ${heading}`)
    await tab.getByLabel('Username').fill(account.handle)
    await tab.getByLabel('Password').fill(account.password)
    await tab.getByRole('button', { name: 'Allow' }).click()
    await expect(tab.getByText('You can return to Relink.')).toBeVisible()
    await tab.close()
  }
  await expect(page.getByText('Refreshed 2 connections.')).toBeVisible()
  await expect(badge(page)).toHaveText('All channels healthy')
  await expect(page.getByRole('button', { name: 'Refresh all expired' })).toBeDisabled()
})

test('cancelling or declining a sign-in is said plainly and changes nothing', async ({ page, context, relink }) => {
  const before = (await relink.core.handlers['connections:list-profiles'](undefined)).length
  await openApp(page)
  await page.getByRole('main').getByRole('button', { name: 'Connect a profile' }).click()
  const dialog = page.getByRole('dialog', { name: 'Connect a profile' })
  await dialog.getByRole('radio', { name: 'LinkedIn' }).check()

  // Cancel in Relink while the browser page is open.
  let opened = context.waitForEvent('page')
  await dialog.getByRole('button', { name: 'Continue in browser' }).click()
  let tab = await opened
  await page.getByRole('dialog', { name: 'Sign in to LinkedIn' }).getByRole('button', { name: 'Cancel sign-in' }).click()
  await expect(dialog.getByText('Sign-in cancelled. Nothing was changed.')).toBeVisible()
  await expect(dialog.getByRole('alert')).toHaveCount(0)
  await expect(dialog.getByRole('radio', { name: 'LinkedIn' })).toBeChecked()
  await tab.close()

  // Decline on the network's page.
  opened = context.waitForEvent('page')
  await dialog.getByRole('button', { name: 'Continue in browser' }).click()
  tab = await opened
  await tab.getByRole('button', { name: 'Cancel' }).click()
  await expect(tab.getByText('Access was not granted. Return to Relink to try again.')).toBeVisible()
  await tab.close()
  await expect(dialog.getByRole('alert')).toHaveText('Access was not granted on the network’s page. Start again and choose Allow to connect.')
  expect((await relink.core.handlers['connections:list-profiles'](undefined)).length).toBe(before)
})

test('the tray and notifications can open the dropdown or a profile’s details', async ({ page, relink }) => {
  await openApp(page)
  relink.core.events.emit('app:did-request-open', { kind: 'profile' })
  const dropdown = page.getByRole('dialog', { name: 'Needs attention' })
  await expect(dropdown).toBeVisible()
  await expect(dropdown).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(dropdown).toBeHidden()

  const ava = (await relink.core.handlers['connections:list-profiles'](undefined)).find((p) => p.displayName === 'Ava Lindqvist')
  relink.core.events.emit('app:did-request-open', { kind: 'profile', id: ava?.id })
  const drawer = page.getByRole('dialog', { name: 'Ava Lindqvist' })
  await expect(drawer.getByRole('heading', { name: 'Channels (3)' })).toBeVisible()
  await expect(drawer.getByRole('table', { name: 'Token event log' })).toContainText('Connected')
  await drawer.getByRole('button', { name: 'Close' }).click()
  await expect(drawer).toBeHidden()
})

test('a refresh says which account to sign in as, and the browser page says which account connected', async ({ page, context, relink }, testInfo) => {
  const ana = sandboxUser(relink, 'ana')
  await relink.core.handlers['sandbox:apply-control']({ control: 'change_password', network: 'mastodon', userId: ana.id })
  await openApp(page, '#/health')
  const card = connections(page).filter({ hasText: ana.name }).filter({ hasText: 'Mastodon' })
  const opened = context.waitForEvent('page')
  await card.getByRole('button', { name: /^Refresh connection/ }).click()
  const tab = await opened
  await expect(page.getByText(new RegExp(`In your browser, sign in to Mastodon as ${ana.name}`))).toBeVisible()
  await tab.getByLabel('Username').fill(ana.handle)
  await tab.getByLabel('Password').fill(ana.password)
  await tab.getByRole('button', { name: 'Allow' }).click()
  await expect(tab.getByRole('heading', { name: 'Signed in' })).toBeVisible()
  await expect(tab.getByText('You can return to Relink. This tab can be closed.')).toBeVisible()
  await expect(tab.getByText(new RegExp(`^Relink is connected to Mastodon as ${ana.name} \\(.+\\)\\.$`))).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('refresh-done-1280.png') })
  await tab.setViewportSize({ width: 900, height: 600 })
  await tab.screenshot({ path: testInfo.outputPath('signed-in-page-900.png') })
  await tab.setViewportSize({ width: 1280, height: 800 })
  await tab.screenshot({ path: testInfo.outputPath('signed-in-page-1280.png') })
  await tab.close()
  await expect(badge(page)).toHaveText('All channels healthy')
})
