/**
 * The production renderer served to Chromium with `window.relink` bridged to a core, as the
 * end-to-end suite has it, for the benchmarks that measure the window.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Browser, Page } from '@playwright/test'
import type { RelinkCore } from '../../src/main/app'
import { createIpcRouter, createSenderCheck } from '../../src/main/ipc/router'
import { bridgeScript } from '../e2e/bridge-script'
import type { CoreLink } from './core-thread'

const RENDERER = join(process.cwd(), 'out', 'renderer')

// Counts commands in flight by wrapping the bridge's binding, however Playwright installs it.
const PROBE = `(() => {
  window.__pending = 0
  window.__longTasks = []
  const wrap = (fn) => (...args) => {
    window.__pending++
    return Promise.resolve(fn(...args)).then((answer) => answer && typeof answer.json === 'string' ? JSON.parse(answer.json) : answer).finally(() => window.__pending--)
  }
  let current = window.__relinkInvoke ? wrap(window.__relinkInvoke) : undefined
  Object.defineProperty(window, '__relinkInvoke', { configurable: true, get: () => current, set: (fn) => { current = wrap(fn) } })
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask', buffered: true })
})()`

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
  core: RelinkCore | CoreLink,
  onAnswer: (size: number) => void = () => undefined,
): Promise<{ page: Page; close(): Promise<void> }> {
  const link = 'handlers' in core ? inProcess(core, origin) : core
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', bypassCSP: true })
  const page = await context.newPage()
  await page.exposeBinding('__relinkInvoke', async (source, channel: unknown, input: unknown) => {
    const started = performance.now()
    const answer = await link.dispatch({ url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() }, String(channel), input)
    const json = JSON.stringify(answer ?? null)
    onAnswer(json.length)
    if (process.env.RELINK_BENCH_DEBUG) process.stdout.write(`    ${String(channel)} ${(performance.now() - started).toFixed(0)} ms ${(json.length / 1024).toFixed(0)} KB\n`)
    return { json }
  })
  await page.addInitScript({ content: PROBE })
  await page.addInitScript({ content: await bridgeScript() })
  const stop = link.subscribe((event, payload) => {
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

/** A core in this process, reached through the IPC router as the window reaches it. */
function inProcess(core: RelinkCore, origin: string): CoreLink {
  const router = createIpcRouter({ handlers: core.handlers, isTrustedSender: createSenderCheck([origin]), logger: { log: () => undefined } })
  return { dispatch: (sender, channel, input) => router.dispatch(sender, channel, input), subscribe: (listener) => core.events.subscribe(listener) }
}

/** Builds the renderer unless RELINK_BENCH_WINDOW_SKIP_BUILD=1 and out/ has it. */
export function buildRenderer(): void {
  if (process.env.RELINK_BENCH_WINDOW_SKIP_BUILD !== '1' || !existsSync(join(RENDERER, 'index.html'))) {
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' })
  }
}

/**
 * Page-side script: scrolls the element `target` (a JS expression) by `px` a frame for `frames`
 * frames, turning back at either end (a short list is scrolled to and fro, not left standing at its
 * bottom for free frames), and resolves with the frame times, the rows of `rowSelector` in it and
 * where it got to.
 */
export const scrollScript = (target: string, frames: number, px: number, rowSelector = '*'): string => `new Promise((resolve) => {
  const target = ${target}
  if (!target) return resolve({ deltas: [], rows: 0, top: 0 })
  const deltas = []
  let last = performance.now()
  let frame = 0
  let direction = 1
  const step = () => {
    const now = performance.now()
    deltas.push(now - last)
    last = now
    const from = target.scrollTop
    target.scrollTop += direction * ${px}
    if (target.scrollTop === from) {
      direction = -direction
      target.scrollTop += direction * ${px}
    }
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
