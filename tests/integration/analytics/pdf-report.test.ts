import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { dayOfMs } from '../../../src/main/analytics/metrics-repository'
import { pdfPageCount } from '../../../src/main/reports/report-service'
import { FACEBOOK_SEED } from '../../../src/main/sandbox/dialects/facebook'
import { launchedPdfPrinter } from '../../fakes/pdf-printer'
import { channelIdOf, DAY, startDemo, type DemoHarness } from '../connections/harness'

const printer = launchedPdfPrinter()
let h: DemoHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})
afterAll(() => printer.close())

/** The PDF's text as poppler reads it, pages separated by form feeds. */
const pdfText = (path: string, mode: '-layout' | '-raw' = '-layout'): string => execFileSync('pdftotext', [mode, path, '-'], { encoding: 'utf8' })

describe('the PDF report, printed by Chromium', () => {
  it('has a cover with the brand and period, key figures, a vector chart per metric and Data completeness listing every gap', { timeout: 60_000 }, async () => {
    h = await startDemo({ pdf: printer, locale: 'en-US' })
    await h.core.sync.start()
    const brand = (await h.core.handlers['brands:list'](undefined)).find((b) => b.name === 'Northwind Coffee')
    if (!brand) throw new Error('no Northwind Coffee brand')
    const coffee = await channelIdOf(h, 'facebook', FACEBOOK_SEED.pages.coffee.id)
    await h.core.sync.syncNow({ streams: ['channel_metrics'] })
    // A broken sign-in opens a gap the report must list.
    h.sandbox.controls.changePassword('facebook', FACEBOOK_SEED.users.maria.id)
    h.sandbox.controls.changePassword('facebook', FACEBOOK_SEED.users.sam.id)
    for (const p of await h.core.handlers['connections:list-profiles'](undefined)) if (p.network === 'facebook') await h.core.handlers['connections:check-now']({ profileId: p.id })
    for (let i = 0; i < 100 && (await h.core.handlers['sync:list-gaps']({ channelIds: [coffee], streams: ['channel_metrics'] })).length === 0; i++) await new Promise((r) => setTimeout(r, 10))

    const path = join(h.dir, 'northwind.pdf')
    h.ports.savePaths.push(path)
    const query = { brandId: brand.id, fromDay: dayOfMs(h.ports.clock.now() - 28 * DAY), toDay: dayOfMs(h.ports.clock.now()) }
    const result = await h.core.handlers['reports:export']({ format: 'pdf', query })
    expect(h.ports.saveRequests.at(-1)).toMatchObject({ format: 'pdf', defaultName: `northwind-coffee-analytics-${query.fromDay}-to-${query.toDay}.pdf` })
    const bytes = readFileSync(path)
    // RELINK_KEEP_PDF=/some/file.pdf keeps a copy to look at.
    if (process.env.RELINK_KEEP_PDF) execFileSync('cp', [path, process.env.RELINK_KEEP_PDF])
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' })
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1])
    expect(pages).toBeGreaterThanOrEqual(4)
    expect(result).toEqual({ saved: true, path, rows: 0, pages })
    expect(pdfPageCount(bytes)).toBe(pages)

    const text = pdfText(path)
    const [cover = '', ...rest] = text.split('\f')
    expect(cover).toContain('Northwind Coffee analytics')
    expect(cover).toMatch(/Relink · Analytics report/i)
    expect(cover).toMatch(/\w{3} \d{1,2}, 2025 – \w{3} \d{1,2}, 2026/)
    expect(cover).toMatch(/Compared with/)
    const body = rest.join('\n')
    expect(body).toContain('Key figures')
    expect(body).toMatch(/Views[\s\S]*vs previous period/)
    expect(body).toContain('Views per day')
    expect(body).toContain('Top posts')
    // In reading order, each table cell's words stay together.
    const raw = pdfText(path, '-raw')
    const completeness = raw.slice(raw.lastIndexOf('Data completeness'))
    expect(completeness).toMatch(/Northwind Coffee\s+\(Facebook\)/)
    expect(completeness).toMatch(/Password\s+changed/)
    expect(completeness).toMatch(/Not recovered\s+yet/)
    // Page numbers in the footer.
    expect(text).toMatch(new RegExp(`Page 2 of ${pages}`))
    // The chart is vector: its axis labels are text in the PDF, not pixels.
    expect(body).toMatch(/\d{1,2}\/\d{1,2}/)
  })
})
