/**
 * The window at agency scale: builds the agency workspace (agency-workspace.ts) and the small demo
 * workspace, serves the production renderer to Chromium with `window.relink` bridged to a real
 * core in this process (as the end-to-end suite does), and measures each page from navigation to
 * interactive.
 *
 * "Interactive": the page's heading (or its dialog) is shown, no command is in flight, and two
 * frames have passed with nothing pending. Per page it reports that time (median of 3), the
 * longest main-thread task, the DOM size, the JS heap, the share of slow frames (over 20 ms, a
 * missed 60 Hz frame) while scrolling the page's longest list, the largest IPC answer, and the
 * p99 event-loop delay of this process (the core's stand-in for Electron's main) during the load.
 *
 * The Inbox and Analytics pages get the agency's comments (`RELINK_BENCH_WINDOW_COMMENTS`, 100k,
 * stored through ingest) and every channel's daily metrics (`RELINK_BENCH_WINDOW_METRIC_DAYS`, 180
 * days), written only when those pages are measured.
 * `RELINK_BENCH_WINDOW_RUNS` sets the repetitions; `RELINK_BENCH_WINDOW_SKIP_BUILD=1` reuses out/;
 * `RELINK_BENCH_WINDOW_PAGES=Channels,Composer` measures only those; `RELINK_BENCH_WINDOW_DEMO=0`
 * skips the demo workspace; `RELINK_BENCH_DEBUG=1` prints every command with its time and size;
 * `RELINK_BENCH_PROFILE=1` prints where the renderer spent its time loading the page (`=scroll`: while scrolling) (build with
 * `RELINK_RENDERER_MINIFY=0 npx electron-vite build` and `RELINK_BENCH_WINDOW_SKIP_BUILD=1` to read names).
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, existsSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { chromium, type Browser, type Page } from '@playwright/test'
import { createApp, type RelinkCore } from '../../src/main/app'
import { createIpcRouter, createSenderCheck } from '../../src/main/ipc/router'
import { startSandboxNetwork, type SandboxNetwork } from '../../src/main/sandbox/server'
import { bridgeScript } from '../e2e/bridge-script'
import { createTestPorts, tempDir } from '../fakes/ports'
import { ingestAgencyComments, seedAgencyMetrics } from './agency-extras'
import { seedAgencyWorkspace } from './agency-workspace'
import type { Benchmark, BenchRow } from './harness'

const RUNS = Number(process.env.RELINK_BENCH_WINDOW_RUNS ?? 3)
/** The agency's comments for the Inbox, and days of daily metrics per channel for Analytics. */
const COMMENTS = Number(process.env.RELINK_BENCH_WINDOW_COMMENTS ?? 100_000)
const METRIC_DAYS = Number(process.env.RELINK_BENCH_WINDOW_METRIC_DAYS ?? 180)
const RENDERER = join(process.cwd(), 'out', 'renderer')

interface PageStep {
  name: string
  /** Brings the window to the page's starting point (not measured). */
  before?: (page: Page) => Promise<void>
  /** Starts the navigation (measured from here). */
  go: (page: Page) => Promise<void>
  /** Shown when the page is there. */
  ready: string
}

const hash = (id: string) => async (page: Page) => {
  await page.evaluate(`window.location.hash = '/${id}'`)
}
const toHash = (id: string) => async (page: Page) => {
  await hash(id)(page)
  await page.waitForFunction('window.__pending === 0')
  await page.waitForTimeout(300)
}
const view = (label: string) => async (page: Page) => {
  await page.getByRole('radio', { name: label }).check({ noWaitAfter: true })
}
/**
 * A button found by its role and name before the measurement, and clicked by a plain DOM click
 * in it: Playwright's role query reads the accessible name of every element on the page (300-400
 * ms behind the Schedule week on this machine), which is the bench's time, not the window's.
 */
const markButton = async (page: Page, name: string | RegExp): Promise<void> => {
  await page.getByRole('button', { name }).first().evaluate((el) => el.setAttribute('data-bench-go', ''))
}
const clickMarked = async (page: Page): Promise<void> => {
  await page.evaluate(`document.querySelector('[data-bench-go]').click()`)
}
/** On the Schedule in the given view, then (optionally) somewhere else. */
const scheduleIn = (label: string, then?: string) => async (page: Page) => {
  await toHash('schedule')(page)
  await view(label)(page)
  await page.waitForFunction('window.__pending === 0')
  await page.waitForTimeout(300)
  if (then) await toHash(then)(page)
}

const STEPS: PageStep[] = [
  { name: 'Channels', before: toHash('settings'), go: hash('channels'), ready: 'header h1:text-is("Channels")' },
  { name: 'Connection health', before: toHash('settings'), go: hash('health'), ready: 'header h1:text-is("Connection health")' },
  { name: 'Schedule week', before: scheduleIn('Week', 'settings'), go: hash('schedule'), ready: 'header h1:text-is("Schedule")' },
  { name: 'Schedule month', before: scheduleIn('Week'), go: view('Month'), ready: 'header h1:text-is("Schedule")' },
  { name: 'Schedule list', before: scheduleIn('Week'), go: view('List'), ready: 'header h1:text-is("Schedule")' },
  {
    name: 'Profile drawer',
    before: async (page) => {
      await toHash('health')(page)
      await markButton(page, /^Details:/)
    },
    go: clickMarked,
    ready: 'dialog[open]',
  },
  {
    name: 'Composer',
    before: async (page) => {
      await scheduleIn('Week')(page)
      await markButton(page, 'New post')
    },
    go: clickMarked,
    ready: 'dialog[open]',
  },
  { name: 'Inbox', before: toHash('settings'), go: hash('inbox'), ready: 'header h1:text-is("Inbox")' },
  { name: 'Analytics', before: toHash('settings'), go: hash('analytics'), ready: 'header h1:text-is("Analytics")' },
  { name: 'Settings', before: toHash('channels'), go: hash('settings'), ready: 'header h1:text-is("Settings")' },
  {
    name: 'Attention dropdown',
    before: toHash('settings'),
    go: async (page) => page.getByRole('banner').getByRole('button').filter({ has: page.getByRole('status') }).first().click({ noWaitAfter: true }),
    ready: '.attention-popover',
  },
]

// Counts commands in flight by wrapping the bridge's binding, however Playwright installs it.
const PROBE = `(() => {
  window.__pending = 0
  window.__longTasks = []
  const wrap = (fn) => (...args) => {
    window.__pending++
    return Promise.resolve(fn(...args)).finally(() => window.__pending--)
  }
  let current = window.__relinkInvoke ? wrap(window.__relinkInvoke) : undefined
  Object.defineProperty(window, '__relinkInvoke', { configurable: true, get: () => current, set: (fn) => { current = wrap(fn) } })
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask', buffered: true })
})()`

interface Measure {
  interactive: number
  longestTask: number
  dom: number
  heapMb: number
  slowFrames: number
  largestAnswerKb: number
  loopP99: number
}

interface Workspace {
  core: RelinkCore
  sandbox?: SandboxNetwork
  dataDir: string
}

async function agencyCore(): Promise<Workspace> {
  const dataDir = tempDir('relink-bench-window-')
  const now = Date.now()
  await seedAgencyWorkspace(dataDir, now)
  // Comments and metrics only when a page that shows them is measured: storing them takes a while.
  const only = process.env.RELINK_BENCH_WINDOW_PAGES?.split(',')
  if (!only || only.includes('Inbox')) await ingestAgencyComments(dataDir, now, COMMENTS)
  if (!only || only.includes('Analytics')) await seedAgencyMetrics(dataDir, now, METRIC_DAYS)
  const ports = createTestPorts(dataDir)
  ports.clock.set(now)
  const core = await createApp(ports, { dataDir, version: 'bench', locale: 'en-GB', demoMode: false, watch: false })
  return { core, dataDir }
}

async function demoCore(): Promise<Workspace> {
  const dataDir = tempDir('relink-bench-window-demo-')
  const ports = createTestPorts(dataDir)
  ports.clock.set(Date.now())
  const sandbox = await startSandboxNetwork({ clock: ports.clock, seed: 1 })
  const core = await createApp(ports, { dataDir, version: 'bench', locale: 'en-GB', demoMode: true, sandbox, seedDemo: true, watch: false })
  return { core, sandbox, dataDir }
}

export function serveRenderer(): Promise<Server> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' }
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '')
    const file = join(RENDERER, path === '/' ? 'index.html' : path)
    if (!file.startsWith(RENDERER) || !existsSync(file)) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file))
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

/** A page of the production renderer in Chromium with `window.relink` bridged to `core`, as the end-to-end suite has it. */
export async function bridgedPage(
  browser: Browser,
  origin: string,
  core: RelinkCore,
  onAnswer: (size: number) => void = () => undefined,
): Promise<{ page: Page; close(): Promise<void> }> {
  const router = createIpcRouter({ handlers: core.handlers, isTrustedSender: createSenderCheck([origin]), logger: { log: () => undefined } })
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', bypassCSP: true })
  const page = await context.newPage()
  await page.exposeBinding('__relinkInvoke', async (source, channel: unknown, input: unknown) => {
    const started = performance.now()
    const answer = await router.dispatch({ url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() }, String(channel), input)
    const size = JSON.stringify(answer ?? null).length
    onAnswer(size)
    if (process.env.RELINK_BENCH_DEBUG) process.stdout.write(`    ${String(channel)} ${(performance.now() - started).toFixed(0)} ms ${(size / 1024).toFixed(0)} KB\n`)
    return answer
  })
  await page.addInitScript({ content: PROBE })
  await page.addInitScript({ content: await bridgeScript() })
  const stop = core.events.subscribe((event, payload) => {
    page.evaluate(({ name, data }) => (globalThis as unknown as { __relinkEmit(n: string, d: unknown): void }).__relinkEmit(name, data), { name: event, data: payload }).catch(() => undefined)
  })
  if (process.env.RELINK_BENCH_DEBUG === 'console') page.on('console', (m) => process.stdout.write(`console: ${m.text()}\n`))
  page.on('pageerror', (e) => process.stdout.write(`page error: ${e.message}\n`))
  return {
    page,
    async close() {
      stop()
      await context.close()
    },
  }
}

/** Builds the renderer unless RELINK_BENCH_WINDOW_SKIP_BUILD=1 and out/ has it. */
export function buildRenderer(): void {
  if (process.env.RELINK_BENCH_WINDOW_SKIP_BUILD !== '1' || !existsSync(join(RENDERER, 'index.html'))) {
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' })
  }
}

async function measureWorkspace(browser: Browser, origin: string, workspace: Workspace, label: string): Promise<Map<string, Measure>> {
  let largestAnswer = 0
  const { page, close } = await bridgedPage(browser, origin, workspace.core, (size) => {
    largestAnswer = Math.max(largestAnswer, size)
  })
  await page.goto(`${origin}/#/settings`)
  await page.waitForSelector("header h1")

  const results = new Map<string, Measure>()
  const only = process.env.RELINK_BENCH_WINDOW_PAGES?.split(',')
  for (const step of STEPS.filter((s) => !only || only.includes(s.name))) {
    const samples: Measure[] = []
    for (let run = 0; run < RUNS; run++) {
      await page.keyboard.press('Escape')
      if (step.before) await step.before(page)
      largestAnswer = 0
      const loop = monitorEventLoopDelay({ resolution: 1 })
      const t0 = await page.evaluate(() => performance.now())
      loop.enable()
      const cdp = process.env.RELINK_BENCH_PROFILE && process.env.RELINK_BENCH_PROFILE !== 'scroll' ? await page.context().newCDPSession(page) : undefined
      if (cdp) {
        await cdp.send('Profiler.enable')
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
        await cdp.send('Profiler.start')
      }
      await step.go(page)
      await page.waitForSelector(step.ready, { timeout: 180_000 })
      const tReady = (await page.evaluate(WHEN_QUIET)) as number
      loop.disable()
      if (cdp) printProfile((await cdp.send('Profiler.stop')).profile)
      const page_ = (await page.evaluate(`(${PAGE_FIGURES})(${t0})`)) as { longest: number; dom: number; heap: number }
      const scrollCdp = process.env.RELINK_BENCH_PROFILE === 'scroll' ? await page.context().newCDPSession(page) : undefined
      if (scrollCdp) {
        await scrollCdp.send('Profiler.enable')
        await scrollCdp.send('Profiler.setSamplingInterval', { interval: 200 })
        await scrollCdp.send('Profiler.start')
      }
      const slowFrames = await scrollSlowFrames(page)
      if (scrollCdp) printProfile((await scrollCdp.send('Profiler.stop')).profile)
      samples.push({
        interactive: tReady - t0,
        longestTask: page_.longest,
        dom: page_.dom,
        heapMb: page_.heap,
        slowFrames,
        largestAnswerKb: largestAnswer / 1024,
        loopP99: loop.percentile(99) / 1e6,
      })
    }
    samples.sort((a, b) => a.interactive - b.interactive)
    const median = samples[Math.floor(samples.length / 2)] as Measure
    results.set(step.name, { ...median, longestTask: Math.max(...samples.map((s) => s.longestTask)), slowFrames: Math.max(...samples.map((s) => s.slowFrames)) })
    process.stdout.write(`  ${label} ${step.name}: ${median.interactive.toFixed(0)} ms\n`)
  }
  await close()
  return results
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]
  samples?: number[]
  timeDeltas?: number[]
}

/** The renderer's functions by time spent in them (build with minification off to read names). */
function printProfile(profile: CpuProfile): void {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  profile.samples?.forEach((id, i) => {
    const frame = byNode.get(id)?.callFrame
    const key = frame ? `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber}` : '?'
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000)
  })
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) process.stdout.write(`      ${ms.toFixed(0).padStart(6)} ms  ${key}\n`)
}

/** Scrolls the page's tallest scrolling area for about 1.5 s and returns the share of slow frames. */
/** The same scrolling over a page with nothing to draw: what this machine's load alone costs. */
async function staticSlowFrames(browser: Browser): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.setContent('<div style="height: 800px; overflow-y: auto"><div style="height: 100000px"></div></div>')
  const share = await scrollSlowFrames(page)
  await page.close()
  return share
}

async function scrollSlowFrames(page: Page): Promise<number> {
  const { deltas } = (await page.evaluate(scrollScript(TALLEST, 90, 120))) as { deltas: number[] }
  return (100 * deltas.filter((d) => d > 20).length) / Math.max(1, deltas.length)
}

// Page-side scripts, kept as text: the bench compiles without the DOM library.
const WHEN_QUIET = `new Promise((resolve) => {
  let quiet = 0
  const tick = () => {
    quiet = window.__pending === 0 ? quiet + 1 : 0
    if (quiet >= 2) resolve(performance.now())
    else requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
})`

const PAGE_FIGURES = `(start) => {
  const tasks = window.__longTasks.filter((t) => t.start >= start)
  const memory = performance.memory
  return { longest: Math.max(0, ...tasks.map((t) => t.duration)), dom: document.getElementsByTagName('*').length, heap: (memory ? memory.usedJSHeapSize : 0) / 2 ** 20 }
}`

/**
 * Page-side script: scrolls the element `target` (a JS expression) by `px` a frame for `frames`
 * frames and resolves with the frame times, the rows of `rowSelector` in it and where it got to.
 */
export const scrollScript = (target: string, frames: number, px: number, rowSelector = '*'): string => `new Promise((resolve) => {
  const target = ${target}
  if (!target) return resolve({ deltas: [], rows: 0, top: 0 })
  const deltas = []
  let last = performance.now()
  let frame = 0
  const step = () => {
    const now = performance.now()
    deltas.push(now - last)
    last = now
    target.scrollTop += ${px}
    if (++frame < ${frames}) requestAnimationFrame(step)
    else {
      const top = target.scrollTop
      const rows = target.querySelectorAll('${rowSelector}').length
      target.scrollTop = 0
      resolve({ deltas: deltas.slice(1), rows, top })
    }
  }
  requestAnimationFrame(step)
})`

const TALLEST = `[document.scrollingElement, ...document.querySelectorAll('*')].filter((el) =>
    el && el.scrollHeight > el.clientHeight + 50 && (el === document.scrollingElement || /(auto|scroll)/.test(getComputedStyle(el).overflowY)))
  .sort((a, b) => b.scrollHeight - a.scrollHeight)[0]`

export const windowBenchmark: Benchmark = {
  name: 'window',
  async run(): Promise<BenchRow[]> {
    buildRenderer()
    const server = await serveRenderer()
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info'] })
    const rows: BenchRow[] = []
    try {
      let small = new Map<string, Measure>()
      if (process.env.RELINK_BENCH_WINDOW_DEMO !== '0') {
        const demo = await demoCore()
        small = await measureWorkspace(browser, origin, demo, 'demo')
        await demo.core.dispose()
        await demo.sandbox?.close()
        rmSync(demo.dataDir, { recursive: true, force: true })
      }

      const agency = await agencyCore()
      const large = await measureWorkspace(browser, origin, agency, 'agency')
      await agency.core.dispose()
      rmSync(agency.dataDir, { recursive: true, force: true })

      rows.push({ name: 'static page, same browser: slow frames scrolling', value: await staticSlowFrames(browser), unit: '%', note: 'the machine with nothing to draw' })
      for (const [name, m] of large) {
        const d = small.get(name)
        const note = d ? `demo ${d.interactive.toFixed(0)} ms` : undefined
        rows.push(
          { name: `${name}: interactive`, value: m.interactive, unit: 'ms', target: { op: '<=', value: 100 }, ...(note ? { note } : {}) },
          { name: `${name}: longest task`, value: m.longestTask, unit: 'ms', target: { op: '<=', value: 50 } },
          { name: `${name}: DOM elements`, value: m.dom, unit: 'count', note: d ? `demo ${d.dom}` : '' },
          { name: `${name}: JS heap`, value: m.heapMb, unit: 'MB' },
          { name: `${name}: slow frames scrolling`, value: m.slowFrames, unit: '%', target: { op: '<=', value: 1 } },
          { name: `${name}: largest IPC answer`, value: m.largestAnswerKb, unit: 'KB', target: { op: '<=', value: 256 } },
          { name: `${name}: main loop delay p99`, value: m.loopP99, unit: 'ms', target: { op: '<=', value: 20 } },
        )
      }
    } finally {
      await browser.close()
      server.close()
    }
    return rows
  },
}
