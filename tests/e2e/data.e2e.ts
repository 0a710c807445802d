import { createApp } from '../../src/main/app'
import { createIpcRouter, createSenderCheck } from '../../src/main/ipc/router'
import { expect, openApp, storedBrands, test, type Page } from './fixtures'

const dataSection = (page: Page) => page.getByRole('region', { name: 'Data' })
const backupList = (page: Page) => dataSection(page).getByRole('list', { name: 'Backups' })

async function shoot(page: Page, name: string, path: (file: string) => string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 })
  await dataSection(page).scrollIntoViewIfNeeded()
  await page.screenshot({ path: path(`${name}-1280.png`) })
  await page.setViewportSize({ width: 900, height: 600 })
  await dataSection(page).scrollIntoViewIfNeeded()
  await page.screenshot({ path: path(`${name}-900.png`) })
  await page.setViewportSize({ width: 1280, height: 800 })
}

test('back up by hand, restore it at the next start, and keep what it replaced', async ({ page, relink }, testInfo) => {
  await relink.core.handlers['brands:create']({ name: 'Kept' })
  await openApp(page, '#/settings')
  await expect(dataSection(page).getByText('No backups yet.')).toBeVisible()

  await dataSection(page).getByRole('button', { name: 'Back up now' }).click()
  await expect(page.getByText(/^Backed up at /)).toBeVisible()
  await expect(backupList(page).getByRole('listitem')).toHaveText([/Made by hand/])
  await relink.core.handlers['brands:create']({ name: 'Made after the backup' })

  await backupList(page).getByRole('button', { name: /^Restore the backup from / }).click()
  const dialog = page.getByRole('alertdialog', { name: 'Restore this backup?' })
  await expect(dialog).toContainText('What you have now is kept as a backup first')
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await shoot(page, 'data-restore-dialog', (f) => testInfo.outputPath(f))
  await dialog.getByRole('button', { name: 'Restore and restart' }).click()
  await expect(dialog).toBeHidden()
  // The test's core cannot relaunch itself the way Electron does, so the window says to reopen.
  await expect(dataSection(page).getByRole('status')).toHaveText(/^Quit Relink and open it again to put back the backup from /)
  expect((await storedBrands(relink)).map((b) => b.name)).toEqual(['Kept', 'Made after the backup'])

  // Relink starts again on the same data folder: the restore runs before the database opens.
  await relink.core.dispose()
  relink.core = await createApp(relink.ports, { dataDir: relink.dataDir, version: '0.0.0-e2e', locale: 'en-US', demoMode: false })
  relink.router = createIpcRouter({ handlers: relink.core.handlers, isTrustedSender: createSenderCheck([new URL(page.url()).origin]), logger: relink.ports.logger })
  await page.reload()
  await expect(page.getByRole('banner').getByRole('status')).toHaveText(/yet|healthy|attention/)

  expect((await storedBrands(relink)).map((b) => b.name)).toEqual(['Kept'])
  await expect(page.getByRole('list', { name: 'Brands' }).getByRole('listitem')).toHaveText([/^Kept/])
  await expect(dataSection(page).getByRole('status')).toHaveText(/^Relink put back the backup from .+ when it started\. What it replaced is kept below as “Replaced by a restore”\.$/)
  await expect(backupList(page).getByRole('listitem')).toHaveText([/Made by hand|Replaced by a restore/, /Made by hand|Replaced by a restore/])
  await shoot(page, 'data-after-restore', (f) => testInfo.outputPath(f))
})

test('a backup that was deleted meanwhile is refused in the dialog and nothing is asked for', async ({ page, relink }) => {
  await openApp(page, '#/settings')
  await dataSection(page).getByRole('button', { name: 'Back up now' }).click()
  await expect(backupList(page).getByRole('listitem')).toHaveCount(1)
  const [backup] = (await relink.core.handlers['data:list-backups'](undefined)).backups
  const { rmSync } = await import('node:fs')
  rmSync(`${relink.dataDir}/backups/${backup?.name ?? ''}`)
  await backupList(page).getByRole('button', { name: /^Restore the backup from / }).click()
  const dialog = page.getByRole('alertdialog', { name: 'Restore this backup?' })
  await dialog.getByRole('button', { name: 'Restore and restart' }).click()
  await expect(dialog.getByRole('alert')).toHaveText(/That backup is no longer in the backups folder\./)
  expect((await relink.core.handlers['data:list-backups'](undefined)).pendingRestore).toBeNull()
})
