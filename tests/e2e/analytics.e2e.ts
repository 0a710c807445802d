import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from './fixtures'
import { disconnectHarborBooks, goTo, firstReadsDone, openAnalytics, reconnectHarborBooks } from './harbor-books'

// A fixed locale and zone, so dates read the same on every machine. The demo starts on Monday 5 January 2026, 09:00.
test.use({ demo: { seedDemo: true }, locale: 'en-GB', timezoneId: 'UTC' })

const tile = (page: Page, metric: string) => page.getByRole('radiogroup', { name: 'Metric shown in the chart' }).getByRole('radio', { name: new RegExp(`^${metric}`) })

test('a brand’s 28-day dashboard with totals compared to the previous 28 days, then 7 and 90 days, in both themes', async ({ page, relink }, testInfo) => {
  await firstReadsDone(relink)
  await openAnalytics(page)
  await page.getByLabel('Brand').selectOption({ label: 'Northwind Coffee' })
  await expect(page.getByRole('heading', { name: '8 Dec 2025 – 4 Jan 2026' })).toBeVisible()
  await expect(page.getByText(/compared with 10 Nov – 7 Dec 2025/)).toBeVisible()
  await expect(tile(page, 'Views')).toContainText(/[+-]\d+\.\d% vs previous period/)
  await expect(tile(page, 'Views')).toHaveAttribute('aria-checked', 'true')
  await expect(page.getByRole('heading', { name: 'Views per day' })).toBeVisible()
  // Keyboard: the tiles pick the chart's metric.
  await tile(page, 'Reach').focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Reach per day' })).toBeVisible()
  await expect(page.getByText('Every day of this period was read from every channel.').or(page.getByText(/no longer serves/).first())).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('analytics-28-light.png') })

  await page.getByRole('radio', { name: '7 days' }).check()
  await expect(page.getByRole('heading', { name: '29 Dec 2025 – 4 Jan 2026' })).toBeVisible()
  await page.getByRole('radio', { name: '90 days' }).check()
  await expect(page.getByRole('heading', { name: '7 Oct 2025 – 4 Jan 2026' })).toBeVisible()
  await page.getByRole('radio', { name: 'Custom' }).check()
  await page.getByLabel('From').fill('01/12/2025')
  await expect(page.getByRole('heading', { name: '1 Dec 2025 – 4 Jan 2026' })).toBeVisible()

  await goTo(page, 'Settings')
  await page.getByRole('radio', { name: 'Dark' }).check()
  await goTo(page, 'Analytics')
  await expect(page.getByRole('heading', { name: 'Views per day' })).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('analytics-28-dark.png') })
  await page.setViewportSize({ width: 900, height: 600 })
  await page.screenshot({ path: testInfo.outputPath('analytics-900.png') })
})

test('one channel’s dashboard; a LinkedIn personal profile says why it has no statistics', async ({ page, relink }, testInfo) => {
  await firstReadsDone(relink)
  await openAnalytics(page)
  const channels = await relink.core.handlers['channels:list'](undefined)
  const fb = channels.find((c) => c.network === 'facebook')
  const member = channels.find((c) => c.network === 'linkedin' && c.kind === 'member')
  if (!fb || !member) throw new Error('The demo has a Facebook page and a LinkedIn member')
  // Everyone's view names the channels it cannot count.
  await expect(page.getByText(new RegExp(`^Not counted: .*${member.name}`))).toBeVisible()
  // The channel is found by typing part of its name and its network, and picked from the list.
  const channel = page.getByRole('combobox', { name: 'Channel', exact: true })
  await expect(channel).toHaveValue('All channels')
  await channel.fill(`${fb.name} facebook`)
  await page.getByRole('option', { name: `${fb.name} (Facebook)`, exact: true }).click()
  await expect(channel).toHaveValue(`${fb.name} (Facebook)`)
  await expect(page.getByText(/^1 channel · compared with/)).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Views per day' })).toBeVisible()
  await channel.fill(`${member.name} linkedin`)
  await channel.press('Enter')
  await expect(channel).toHaveValue(`${member.name} (LinkedIn)`)
  await expect(page.getByRole('heading', { name: 'LinkedIn keeps these statistics to itself' })).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('analytics-linkedin-member.png') })
})

test('a revoked sign-in leaves a hatched gap with its reason; Refresh connection reads the missing days back', async ({ page, context, relink }, testInfo) => {
  test.slow()
  await firstReadsDone(relink)
  const sam = await disconnectHarborBooks(relink, 3)

  await openAnalytics(page)
  await page.getByLabel('Network').selectOption({ label: 'Facebook' })
  await page.getByRole('radio', { name: '7 days' }).check()
  const completeness = page.getByRole('region', { name: 'Data completeness' })
  await expect(completeness).toContainText(/Harbor Books \(Facebook\): Access removed, Mon 5 Jan – now; not read yet: Refresh connection to recover it/)
  await expect(page.getByText('Hatched: no data because a sign-in was broken. Hover for the reason.')).toBeVisible()
  // Hovering the band says why.
  const plot = page.locator('.ts-chart__plot .u-over')
  const box = await plot.boundingBox()
  if (!box) throw new Error('no chart')
  await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2)
  await expect(page.getByRole('status').filter({ hasText: 'Harbor Books: Access removed' })).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('analytics-gap-light.png') })

  await reconnectHarborBooks(page, context, relink, sam, 'channel_metrics')

  await goTo(page, 'Analytics')
  await expect(completeness).toContainText(/Harbor Books \(Facebook\): Access removed, Mon 5 Jan – Thu 8 Jan; \d+ days recovered/)
  await page.screenshot({ path: testInfo.outputPath('analytics-backfilled-light.png') })
})

test('exports the dashboard to CSV and Excel through the save dialog', async ({ page, relink }) => {
  await firstReadsDone(relink)
  await openAnalytics(page)
  await page.getByLabel('Brand').selectOption({ label: 'Northwind Coffee' })
  await expect(page.getByRole('heading', { name: 'Views per day' })).toBeVisible()

  const csv = join(relink.dataDir, 'northwind.csv')
  relink.ports.savePaths.push(csv)
  await page.getByRole('button', { name: 'Export CSV' }).click()
  await expect(page.getByText(/Report saved: .*northwind\.csv \(\d+ rows\)/)).toBeVisible()
  const text = readFileSync(csv, 'utf8')
  expect(text.charCodeAt(0)).toBe(0xfeff)
  expect(text.split('\r\n')[0]).toBe('\ufeffDay,Channel,Network,Metric,Value,Network metric')
  expect(relink.ports.saveRequests[0]).toMatchObject({ format: 'csv', defaultName: 'northwind-coffee-analytics-2025-12-08-to-2026-01-04.csv' })

  const xlsx = join(relink.dataDir, 'northwind.xlsx')
  relink.ports.savePaths.push(xlsx)
  await page.getByRole('button', { name: 'Export Excel' }).click()
  await expect(page.getByText(/Report saved: .*northwind\.xlsx/)).toBeVisible()
  expect(readFileSync(xlsx).subarray(0, 2).toString('latin1')).toBe('PK')

  // Cancelling the dialog writes nothing and says nothing alarming.
  await page.getByRole('button', { name: 'Export CSV' }).click()
  await expect(page.getByRole('button', { name: 'Export CSV' })).toBeEnabled()
  expect(relink.ports.saveRequests).toHaveLength(3)
})

test('a year’s Excel export shows its rows as they are written, with Cancel export at hand, and saves the file', async ({ page, relink }) => {
  test.slow()
  await firstReadsDone(relink)
  await openAnalytics(page)
  await page.getByRole('radio', { name: 'Custom' }).check()
  await page.getByLabel('From').fill('2025-01-06')
  await expect(page.getByRole('heading', { name: '6 Jan 2025 – 4 Jan 2026' })).toBeVisible()
  const xlsx = join(relink.dataDir, 'year.xlsx')
  relink.ports.savePaths.push(xlsx)
  // Written off the main process, which keeps telling the window how far it got. The progress can
  // be over in a moment, so the page itself notes whether it ever showed the count with Cancel.
  await page.evaluate(`new MutationObserver(() => {
    for (const status of document.querySelectorAll('[role="status"]')) {
      const cancel = [...status.querySelectorAll('button')].some((b) => b.textContent.includes('Cancel export'))
      if (cancel && /Writing the Excel file: [\\d,]+ of [\\d,]+ rows/.test(status.textContent)) window.sawExcelProgress = true
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true })`)
  await page.getByRole('button', { name: 'Export Excel' }).click()
  await expect(page.getByText(/Report saved: .*year\.xlsx \([\d,]+ rows\)/)).toBeVisible()
  expect(await page.evaluate('window.sawExcelProgress === true')).toBe(true)
  expect(readFileSync(xlsx).subarray(0, 2).toString('latin1')).toBe('PK')
  expect(readdirSync(relink.dataDir).filter((f) => f.startsWith('year.xlsx'))).toEqual(['year.xlsx'])
})
