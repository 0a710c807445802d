/**
 * The analytics report's browser figures, part of `npm run bench -- analytics`:
 * - a PDF of about ten pages printed by Chromium (the report page Relink builds from the bench's
 *   real dashboard over a year, with top posts and a data-completeness list long enough to fill
 *   ten pages; Playwright's `page.pdf` stands in for Electron's `printToPDF`, the same pipeline);
 * - drawing 365 days × 50 series with uPlot in Chromium (time axis, whole-day ticks, breaks for
 *   missing days, 1-px lines and no points at that density), measured from creating the chart to
 *   the next frame, so its canvas is painted. Headless Chromium here paints canvas in software:
 *   1.5-px lines cost it three to four times as much as 1-px ones.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import type { AnalyticsQuery, TopPost } from '../../src/shared/domain/analytics'
import type { DashboardService } from '../../src/main/analytics/dashboard'
import type { MetricsRepository } from '../../src/main/analytics/metrics-repository'
import { analyticsReportPage } from '../../src/main/reports/analytics-page'
import { reportData } from '../../src/main/reports/report-data'
import { pdfPageCount } from '../../src/main/reports/report-service'
import { launchedPdfPrinter } from '../fakes/pdf-printer'
import { medianMs, type BenchRow } from './harness'

const DAY_MS = 86_400_000

/** Enough posts and gaps for a report of about ten A4 pages. */
function fillReport(data: Awaited<ReturnType<typeof reportData>>, to: number): void {
  const channels = data.dashboard.channels
  data.topPosts = Array.from({ length: 50 }, (_, i): TopPost => {
    const channel = channels[i % Math.max(1, channels.length)]
    return {
      channelId: channel?.id ?? 'c',
      channelName: channel?.name ?? 'Channel',
      network: channel?.network ?? 'facebook',
      networkPostId: `p${i}`,
      publishedAt: to - (i + 1) * 3 * DAY_MS,
      url: `https://facebook.example/posts/${i}`,
      excerpt: `Post ${i}: new autumn blend in the shop today, with tasting notes and a short story of the farm it came from`,
      deliveryId: i % 3 === 0 ? null : i,
      metrics: { engagements: 900 - i * 7, reach: 9_000 - i * 40, views: 12_000 - i * 50, comments: 40 - (i % 40) },
    }
  })
  data.completeness = Array.from({ length: 25 }, (_, i) => ({
    channel: channels[i % Math.max(1, channels.length)]?.name ?? 'Channel',
    network: 'Facebook',
    stream: 'Channel metrics',
    from: new Date(to - (i + 2) * 5 * DAY_MS),
    to: new Date(to - (i + 2) * 5 * DAY_MS + 2 * DAY_MS),
    reason: 'Sign-in revoked',
    recovered: '2 days recovered',
    lost: 'none',
  }))
}

async function pdfRows(deps: { dashboards: DashboardService; repo: MetricsRepository }, query: AnalyticsQuery, generatedAt: number): Promise<BenchRow[]> {
  const printer = launchedPdfPrinter()
  try {
    let pages = 0
    const print = async (): Promise<void> => {
      const data = await reportData(deps, query, 'Bench brand analytics', { generatedAt, rows: false, posts: true, locale: 'en-GB' })
      fillReport(data, generatedAt)
      pages = pdfPageCount(await printer.print(await analyticsReportPage(data, 'en-GB')))
    }
    await print() // starts Chromium, which the app keeps running
    const ms = await medianMs(3, print)
    return [{ name: `PDF report of ${pages} pages in Chromium (a year, 50 channels)`, value: ms, unit: 'ms', target: { op: '<=', value: 3000 }, note: 'data, page and print; Chromium already started' }]
  } finally {
    await printer.close()
  }
}

/**
 * Runs in the page (a string, so the bundler's helpers never reach it): seven charts of fifty
 * channels' daily values over a year, each with a few days missing (breaks, never zeros), each
 * timed from creation to the next frame.
 */
const DRAW_SCRIPT = `(async () => {
  const DAY_S = 86400
  const first = Date.UTC(2025, 0, 1) / 1000
  const xs = Array.from({ length: 365 }, (_, d) => first + d * DAY_S)
  const series = Array.from({ length: 50 }, (_, s) => xs.map((_, d) => ((d + s * 11) % 97 === 0 ? null : 200 + ((s * 37 + d * 13) % 400))))
  const host = document.getElementById('host')
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)))
  const out = []
  for (let run = 0; run < 7; run++) {
    const start = performance.now()
    const plot = new uPlot(
      {
        width: 1100,
        height: 260,
        scales: { x: { time: true } },
        axes: [{ incrs: [DAY_S, 2 * DAY_S, 7 * DAY_S, 14 * DAY_S, 28 * DAY_S, 91 * DAY_S] }, { size: 56 }],
        legend: { show: false },
        series: [{}, ...series.map((_, s) => ({ label: 'Channel ' + s, stroke: 'hsl(' + ((s * 47) % 360) + ' 60% 45%)', width: 1, spanGaps: false, points: { show: false } }))],
      },
      [xs, ...series],
      host,
    )
    await frame()
    out.push(performance.now() - start)
    plot.destroy()
  }
  return out
})()`

async function drawRows(): Promise<BenchRow[]> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    const uplot = join(process.cwd(), 'node_modules', 'uplot', 'dist')
    await page.setContent(`<!doctype html><style>${readFileSync(join(uplot, 'uPlot.min.css'), 'utf8')}</style><div id="host" style="width:1100px"></div>`)
    await page.addScriptTag({ content: readFileSync(join(uplot, 'uPlot.iife.min.js'), 'utf8') })
    const samples = (await page.evaluate(DRAW_SCRIPT)) as number[]
    const sorted = samples.slice(1).sort((a, b) => a - b)
    const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
    return [{ name: 'drawing 365 days × 50 series (uPlot in Chromium)', value: median, unit: 'ms', target: { op: '<=', value: 50 }, note: 'until the next frame (software canvas); first run left out' }]
  } finally {
    await browser.close()
  }
}

/** The report's browser figures over the bench's stored year. */
export async function browserRows(deps: { dashboards: DashboardService; repo: MetricsRepository }, brandId: string, fromDay: string, toDay: string, generatedAt: number): Promise<BenchRow[]> {
  return [...(await pdfRows(deps, { brandId, fromDay, toDay }, generatedAt)), ...(await drawRows())]
}
