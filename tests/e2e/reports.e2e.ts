import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, openApp, test } from './fixtures'
import { disconnectHarborBooks, goTo, firstReadsDone, openAnalytics, reconnectHarborBooks } from './harbor-books'

// A fixed locale and zone, so dates read the same on every machine. The demo starts on Monday 5 January 2026, 09:00.
test.use({ demo: { seedDemo: true }, locale: 'en-GB', timezoneId: 'UTC', systemLocale: 'en-GB' })

const pdfText = (path: string): string => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })
const pdfPages = (path: string): number => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1])

test('exports a brand’s dashboard as a PDF report printed by Chromium', async ({ page, relink }, testInfo) => {
  test.slow()
  await firstReadsDone(relink)
  await openAnalytics(page)
  await page.getByLabel('Brand').selectOption({ label: 'Northwind Coffee' })
  await expect(page.getByRole('heading', { name: 'Views per day' })).toBeVisible()

  const path = join(relink.dataDir, 'northwind.pdf')
  relink.ports.savePaths.push(path)
  await page.getByRole('button', { name: 'Export PDF' }).click()
  await expect(page.getByText(/Report saved: .*northwind\.pdf \(\d+ pages\)/)).toBeVisible({ timeout: 20_000 })
  await page.screenshot({ path: testInfo.outputPath('reports-pdf-saved.png') })
  expect(relink.ports.saveRequests[0]).toMatchObject({ format: 'pdf', defaultName: 'northwind-coffee-analytics-2025-12-08-to-2026-01-04.pdf' })
  expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-')
  const pages = pdfPages(path)
  expect(pages).toBeGreaterThanOrEqual(3)
  await expect(page.getByText(`(${pages} pages)`, { exact: false })).toBeVisible()
  const text = pdfText(path)
  expect(text).toContain('Northwind Coffee analytics')
  expect(text).toContain('8 Dec 2025 – 4 Jan 2026')
  expect(text).toContain('Key figures')
  expect(text).toContain('Views per day')
  expect(text).toContain('Data completeness')
  expect(text).toContain(`Page 1 of ${pages}`)
  // Pages as images, to look at.
  execFileSync('pdftoppm', ['-r', '60', '-l', '3', '-png', path, testInfo.outputPath('reports-pdf-page')])
})

test('a connection-health report says which channel broke, when and why, and what data came back', async ({ page, context, relink }, testInfo) => {
  test.slow()
  await firstReadsDone(relink)
  // Disconnected for three days.
  const sam = await disconnectHarborBooks(relink, 3)
  await openApp(page)
  await reconnectHarborBooks(page, context, relink, sam, 'channel_metrics')

  await goTo(page, 'Analytics')
  await page.getByLabel('Network').selectOption({ label: 'Facebook' })
  await page.getByRole('radio', { name: '7 days' }).check()
  const card = page.getByRole('region', { name: 'Connection health report' })
  await expect(card).toContainText('Which of your Facebook channels broke in this period')
  await card.scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('reports-health-card.png') })

  const pdf = join(relink.dataDir, 'health.pdf')
  relink.ports.savePaths.push(pdf)
  await card.getByRole('button', { name: 'Save health report (PDF)' }).click()
  await expect(page.getByText(/Health report saved: .*health\.pdf \(\d+ pages?, 1 incident\)/)).toBeVisible({ timeout: 20_000 })
  expect(relink.ports.saveRequests.at(-1)).toMatchObject({ format: 'pdf', defaultName: 'facebook-connection-health-2026-01-01-to-2026-01-07.pdf' })
  const text = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' })
  expect(text).toContain('Facebook connection health')
  expect(text).toMatch(/Harbor Books/)
  expect(text).toMatch(/Access removed/)
  expect(text).toMatch(/5 Jan 2026,\s+09:00\s+UTC\s+–\s+8\s+Jan\s+2026,\s+09:00\s+UTC/)
  expect(text).toMatch(/3 days/)
  expect(text).toMatch(/Channel metrics:\s+\d+\s+days\s+recovered/)
  expect(text).toContain('Signed in again')
  execFileSync('pdftoppm', ['-r', '60', '-l', '2', '-png', pdf, testInfo.outputPath('reports-health-page')])

  const csv = join(relink.dataDir, 'health.csv')
  relink.ports.savePaths.push(csv)
  await card.getByRole('button', { name: 'Save health report (CSV)' }).click()
  await expect(page.getByText(/Health report saved: .*health\.csv \(1 incident\)/)).toBeVisible()
  const lines = readFileSync(csv, 'utf8').split('\r\n')
  expect(lines[1]).toMatch(/^Harbor Books,Facebook,2026-01-05T09:00:00\.000Z,2026-01-08T09:00:00\.000Z,72,Access removed,/)
})

test('schedules a weekly PDF report into a folder; it is written on Monday with a notification, then edited, deleted and restored', async ({ page, relink }, testInfo) => {
  test.slow()
  await firstReadsDone(relink)
  await openAnalytics(page)
  const card = page.getByRole('region', { name: 'Scheduled reports' })
  await expect(card).toContainText('No scheduled reports yet.')
  await card.getByRole('button', { name: 'Schedule a report' }).click()
  const form = card.getByRole('form', { name: 'New scheduled report' })
  await form.getByLabel('Brand').selectOption({ label: 'Northwind Coffee' })
  await expect(form.getByRole('radio', { name: 'Every Monday, for the week before' })).toBeChecked()
  await form.getByLabel('Format').selectOption({ label: 'PDF' })
  // Cancelling the folder dialog schedules nothing.
  await form.getByRole('button', { name: 'Choose folder and schedule' }).click()
  await expect(form).toBeVisible()
  expect(await relink.core.handlers['reports:list-schedules'](undefined)).toEqual([])

  const folder = join(relink.dataDir, 'client reports')
  mkdirSync(folder)
  relink.ports.folderPaths.push(folder)
  await form.getByRole('button', { name: 'Choose folder and schedule' }).click()
  const item = card.getByRole('listitem', { name: 'Northwind Coffee, weekly PDF report' })
  await expect(item).toContainText('Every Monday, for the week before')
  await expect(item).toContainText('Next: Mon 12 Jan, 06:00')
  await card.scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('reports-scheduled-light.png') })

  // Monday 12 January, 06:00: the Timer port wakes the schedule.
  relink.ports.clock.set(Date.UTC(2026, 0, 12, 6))
  const file = join(folder, 'northwind-coffee-analytics-2026-01-05-to-2026-01-11.pdf')
  // Reads the week's jump set off wait on the networks' request allowance, on the same test clock: let it move on.
  await expect
    .poll(
      () => {
        if (!existsSync(file)) relink.ports.clock.advance(60_000)
        return existsSync(file)
      },
      { timeout: 30_000 },
    )
    .toBe(true)
  await expect.poll(() => relink.ports.notifications.map((n) => n.title)).toContain('Your weekly report is ready')
  await expect(item).toContainText('Last written Mon 12 Jan, 06:00: northwind-coffee-analytics-2026-01-05-to-2026-01-11.pdf')
  await expect(item).toContainText('Next: Mon 19 Jan, 06:00')
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
  expect(text).toContain('Northwind Coffee analytics')
  expect(text).toContain('5 Jan 2026 – 11 Jan 2026')
  await page.setViewportSize({ width: 900, height: 600 })
  await card.scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('reports-scheduled-900.png') })
  await page.setViewportSize({ width: 1280, height: 800 })

  await item.getByRole('button', { name: 'Edit' }).click()
  const edit = card.getByRole('form', { name: 'Edit scheduled report' })
  await edit.getByRole('radio', { name: 'On the 1st, for the month before' }).check()
  await edit.getByLabel('Format').selectOption({ label: 'Excel' })
  await edit.getByRole('button', { name: 'Save changes' }).click()
  const monthly = card.getByRole('listitem', { name: 'Northwind Coffee, monthly Excel report' })
  await expect(monthly).toContainText('Next: Sun 1 Feb, 06:00')

  await monthly.getByRole('button', { name: 'Delete' }).click()
  await expect(card).toContainText('No scheduled reports yet.')
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(monthly).toBeVisible()
  expect((await relink.core.handlers['reports:list-schedules'](undefined)).map((s) => [s.cadence, s.format, s.folder])).toEqual([['monthly', 'xlsx', folder]])
})
