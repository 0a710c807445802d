import type { BrowserContext, Page } from '@playwright/test'
import { expect, type RelinkHarness } from './fixtures'

/** A sandbox user by handle, with the password its consent page accepts. */
export function sandboxUser(harness: RelinkHarness, handle: string): { id: string; name: string; handle: string; password: string } {
  const sandbox = harness.sandbox
  if (!sandbox) throw new Error('This test needs the demo fixture (test.use({ demo: … })).')
  const user = [...sandbox.world.users.values()].find((u) => u.handle === handle)
  if (!user) throw new Error(`No sandbox user ${handle}`)
  return { id: user.id, name: user.name, handle: user.handle, password: user.password }
}

/**
 * Runs `action` (a click that makes Relink open the sign-in page) and signs in on the sandbox's
 * consent page in the tab that opens, the way a person would: username, password, Allow. Ends on
 * the loopback listener's "return to Relink" page (naming the account, when `name` is given),
 * then closes that tab.
 */
export async function signInThroughBrowser(
  context: BrowserContext,
  action: () => Promise<void>,
  account: { handle: string; password: string; name?: string },
): Promise<void> {
  const opened = context.waitForEvent('page')
  await action()
  const tab: Page = await opened
  await expect(tab.getByRole('heading', { name: /Sign in to .* \(sandbox\)/ })).toBeVisible()
  await tab.getByLabel('Username').fill(account.handle)
  await tab.getByLabel('Password').fill(account.password)
  await tab.getByRole('button', { name: 'Allow' }).click()
  await expect(tab.getByText('You can return to Relink. This tab can be closed.')).toBeVisible()
  // The page names the account that connected, once Relink has finished the sign-in.
  if (account.name) await expect(tab.getByText(new RegExp(`^Relink is connected to .+ as ${escapeRegExp(account.name)}( \\(.+\\))?\\.$`))).toBeVisible()
  await tab.close()
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
