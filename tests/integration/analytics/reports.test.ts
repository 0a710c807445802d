import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseString } from '@fast-csv/parse'
import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { dayOfMs } from '../../../src/main/analytics/metrics-repository'
import { csvReport } from '../../../src/main/reports/csv-report'
import type { ReportData } from '../../../src/main/reports/report-data'
import { FACEBOOK_SEED } from '../../../src/main/sandbox/dialects/facebook'
import { channelIdOf, DAY, startDemo, type DemoHarness } from '../connections/harness'

let h: DemoHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const parseCsv = (text: string): Promise<string[][]> =>
  new Promise((resolve, reject) => {
    const rows: string[][] = []
    parseString(text, { headers: false })
      .on('data', (row: string[]) => rows.push(row))
      .on('error', reject)
      .on('end', () => resolve(rows))
  })

async function withMetrics() {
  h = await startDemo()
  await h.core.sync.start()
  const coffee = await channelIdOf(h, 'facebook', FACEBOOK_SEED.pages.coffee.id)
  await h.core.sync.syncNow({ channelIds: [coffee], streams: ['channel_metrics'] })
  const toDay = dayOfMs(h.ports.clock.now() - DAY)
  const fromDay = dayOfMs(h.ports.clock.now() - 28 * DAY)
  return { h, coffee, query: { channelIds: [coffee], fromDay, toDay } }
}

describe('reports', () => {
  it('writes the CSV the person chose a place for, parsed back row for row', async () => {
    const { h, query } = await withMetrics()
    const path = join(h.dir, 'northwind.csv')
    h.ports.savePaths.push(path)
    const result = await h.core.handlers['reports:export']({ format: 'csv', query })
    expect(result).toEqual({ saved: true, path, rows: 28 * 5, pages: null })
    // A report of one channel is named after it.
    expect(h.ports.saveRequests).toEqual([{ title: 'Save the CSV report', defaultName: `northwind-coffee-analytics-${query.fromDay}-to-${query.toDay}.csv`, format: 'csv' }])
    const bytes = readFileSync(path)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8')
    expect(text.includes('\r\n')).toBe(true)
    const rows = await parseCsv(text.slice(1))
    expect(rows[0]).toEqual(['Day', 'Channel', 'Network', 'Metric', 'Value', 'Network metric'])
    expect(rows).toHaveLength(1 + 28 * 5)
    expect(rows[1]).toEqual([query.fromDay, 'Northwind Coffee', 'Facebook', expect.any(String), expect.stringMatching(/^\d+$/), expect.any(String)])
    expect(new Set(rows.slice(1).map((r) => r[3]))).toEqual(new Set(['Views', 'Reach', 'Engagements', 'Followers', 'Follower change']))
  })

  it('escapes cells that look like formulas', async () => {
    const data = {
      rows: [{ day: new Date('2026-01-02T00:00:00Z'), channel: '=HYPERLINK("http://evil")', network: '+1', metric: '@SUM(A1)', value: -3, source: '-2+3' }],
    } as ReportData
    const rows = await parseCsv(csvReport(data).slice(1))
    expect(rows[1]).toEqual(['2026-01-02', `'=HYPERLINK("http://evil")`, `'+1`, `'@SUM(A1)`, '-3', `'-2+3`])
  })

  it('does nothing when the save dialog is cancelled', async () => {
    const { h, query } = await withMetrics()
    expect(await h.core.handlers['reports:export']({ format: 'xlsx', query })).toEqual({ saved: false, path: null, rows: 0, pages: null })
  })

  it('writes an XLSX with a sheet per section, typed cells and frozen headers', async () => {
    const { h, query } = await withMetrics()
    const path = join(h.dir, 'northwind.xlsx')
    h.ports.savePaths.push(path)
    await h.core.handlers['reports:export']({ format: 'xlsx', query })
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(path)
    expect(book.worksheets.map((w) => w.name)).toEqual(['Summary', 'Daily', 'Data completeness'])
    const daily = book.getWorksheet('Daily')
    expect(daily?.rowCount).toBe(1 + 28 * 5)
    expect(daily?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    const first = daily?.getRow(2)
    expect(first?.getCell(1).value).toEqual(new Date(`${query.fromDay}T00:00:00Z`))
    expect(typeof first?.getCell(5).value).toBe('number')
    const summary = book.getWorksheet('Summary')
    expect(summary?.getRow(1).values).toEqual([undefined, 'Metric', 'This period', 'Previous period', 'Change'])
    expect(typeof summary?.getRow(2).getCell(2).value).toBe('number')
  })

  it('writes the Excel file on a worker thread telling its progress; a cancelled export leaves no file', async () => {
    const { h, query } = await withMetrics()
    const year = { ...query, fromDay: dayOfMs(h.ports.clock.now() - 364 * DAY) }
    const progress: unknown[] = []
    h.core.events.subscribe((name, payload) => {
      if (name === 'reports:export-progress') progress.push(payload)
    })
    const jobId = '3f0c9a52-8a55-4a8e-9a39-4c3b8e0a1d11'
    const path = join(h.dir, 'year.xlsx')
    h.ports.savePaths.push(path)
    const written = await h.core.handlers['reports:export']({ format: 'xlsx', query: year, jobId })
    expect(written).toMatchObject({ saved: true, path })
    expect(progress).toContainEqual({ jobId, done: 1_000, total: written.rows })
    expect(progress.at(-1)).toEqual({ jobId, done: written.rows, total: written.rows })
    expect(await h.core.handlers['reports:cancel-export']({ jobId })).toEqual({ cancelled: false })

    // Cancelled at its first progress: the answer says nothing was saved, and no file (or part of one) is left.
    const cancelledPath = join(h.dir, 'cancelled.xlsx')
    h.ports.savePaths.push(cancelledPath)
    const second = '9b2f7f64-0a7c-4f5e-8f0e-2d8b6c1e4a22'
    const stop = h.core.events.subscribe((name, payload) => {
      if (name === 'reports:export-progress' && (payload as { jobId: string }).jobId === second) void h?.core.handlers['reports:cancel-export']({ jobId: second })
    })
    expect(await h.core.handlers['reports:export']({ format: 'xlsx', query: year, jobId: second })).toEqual({ saved: false, path: null, rows: 0, pages: null })
    stop()
    expect(readdirSync(h.dir).filter((f) => f.startsWith('cancelled'))).toEqual([])
  })

  it('lists every gap of the period in the data completeness sheet', async () => {
    const { h, query, coffee } = await withMetrics()
    const sam = FACEBOOK_SEED.users
    h.sandbox.controls.changePassword('facebook', sam.maria.id)
    h.sandbox.controls.changePassword('facebook', sam.sam.id)
    for (const p of await h.core.handlers['connections:list-profiles'](undefined)) if (p.network === 'facebook') await h.core.handlers['connections:check-now']({ profileId: p.id })
    for (let i = 0; i < 100 && (await h.core.handlers['sync:list-gaps']({ channelIds: [coffee], streams: ['channel_metrics'] })).length === 0; i++) await new Promise((r) => setTimeout(r, 10))
    const path = join(h.dir, 'gaps.xlsx')
    h.ports.savePaths.push(path)
    await h.core.handlers['reports:export']({ format: 'xlsx', query: { ...query, toDay: dayOfMs(h.ports.clock.now()) } })
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(path)
    const gaps = book.getWorksheet('Data completeness')
    expect(gaps?.rowCount).toBe(2)
    expect(gaps?.getRow(2).getCell(1).value).toBe('Northwind Coffee')
    expect(gaps?.getRow(2).getCell(6).value).toBe('Password changed')
    expect(gaps?.getRow(2).getCell(4).value).toBeInstanceOf(Date)
  })
})
