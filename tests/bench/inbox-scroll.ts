/**
 * Scrolling the Inbox's list of 100k comments in Chromium: the agency's channels with the
 * comments stored through ingest, the production renderer bridged to a real core (as the window
 * benchmark has it), and the list scrolled three rows a frame while it loads pages as it goes.
 * A frame over 16.7 ms is a missed 60 Hz frame.
 */
import { rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { chromium } from '@playwright/test'
import { createApp } from '../../src/main/app'
import { createTestPorts, tempDir } from '../fakes/ports'
import { AGENCY, seedAgencyWorkspace } from './agency-workspace'
import type { BenchRow } from './harness'
import { ingestAgencyComments } from './agency-extras'
import { BENCH_NOW } from './inbox-data'
import { bridgedPage, buildRenderer, scrollScript, serveRenderer } from './window.bench'

const ROWS = Number(process.env.RELINK_BENCH_INBOX_SCROLL_ROWS ?? 100_000)
const FRAMES = 600
const PX_PER_FRAME = 264

async function workspace(): Promise<string> {
  const dataDir = tempDir('relink-bench-inbox-scroll-')
  await seedAgencyWorkspace(dataDir, BENCH_NOW, { ...AGENCY, deliveries: 2_000 })
  await ingestAgencyComments(dataDir, BENCH_NOW, ROWS)
  return dataDir
}

export async function inboxScrollRows(): Promise<BenchRow[]> {
  buildRenderer()
  const dataDir = await workspace()
  const ports = createTestPorts(dataDir)
  ports.clock.set(BENCH_NOW)
  const core = await createApp(ports, { dataDir, version: 'bench', locale: 'en-GB', demoMode: false, watch: false })
  const server = await serveRenderer()
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
  try {
    const { page, close } = await bridgedPage(browser, origin, core)
    await page.goto(`${origin}/#/inbox`)
    await page.waitForSelector('[data-testid="inbox-list"] [role="option"]', { timeout: 120_000 })
    await page.waitForTimeout(500)
    const run = (await page.evaluate(scrollScript(`document.querySelector('[data-testid="inbox-list"]')`, FRAMES, PX_PER_FRAME, '[role="option"]'))) as { deltas: number[]; rows: number; top: number }
    // The machine's floor: the same scrolling over a static page with nothing to draw.
    await page.setContent('<div id="floor" style="height: 800px; overflow-y: auto"><div style="height: 1000000px"></div></div>')
    const floor = (await page.evaluate(scrollScript(`document.querySelector('#floor')`, FRAMES, PX_PER_FRAME))) as { deltas: number[] }
    await close()
    const share = (deltas: number[], over: number): number => (100 * deltas.filter((d) => d > over).length) / Math.max(1, deltas.length)
    const slow = run.deltas.filter((d) => d > 16.7).length
    // A frame shown late by a fraction of a millisecond is vsync jitter; one over 25 ms is a frame dropped.
    const sorted = [...run.deltas].sort((a, b) => a - b)
    const p99 = sorted[Math.ceil(0.99 * sorted.length) - 1] ?? Number.NaN
    const scrolledRows = Math.round(run.top / 88)
    return [
      {
        name: `scrolling the list of ${ROWS / 1000}k comments: frames over 16.7 ms`,
        value: (100 * slow) / Math.max(1, run.deltas.length),
        unit: '%',
        target: { op: '<=', value: 1 },
        note: `${slow} of ${run.deltas.length} frames, ${PX_PER_FRAME} px a frame through ${scrolledRows} rows loading pages of 100; ${run.rows} rows in the DOM`,
      },
      { name: 'scrolling: frame time p99', value: p99, unit: 'ms' },
      { name: 'scrolling: frames dropped (over 25 ms)', value: share(run.deltas, 25), unit: '%', target: { op: '<=', value: 1 } },
      { name: 'static page, same browser: frames over 16.7 ms', value: share(floor.deltas, 16.7), unit: '%', note: 'the machine with nothing to draw' },
      { name: 'static page, same browser: frames dropped (over 25 ms)', value: share(floor.deltas, 25), unit: '%' },
      { name: 'scrolling: longest frame', value: sorted.at(-1) ?? Number.NaN, unit: 'ms' },
    ]
  } finally {
    await browser.close()
    server.close()
    await core.dispose()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
