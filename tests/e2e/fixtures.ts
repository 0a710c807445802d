import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { test as base, expect, type Page } from '@playwright/test'
import { createApp, type RelinkCore } from '../../src/main/app'
import { createIpcRouter, createSenderCheck, type IpcRouter } from '../../src/main/ipc/router'
import { createAesSecretBox } from '../../src/main/platform/aes-secret-box'
import type { BrowserOpener, SecretBackend } from '../../src/main/ports'
import { startSandboxNetwork, type SandboxNetwork } from '../../src/main/sandbox/server'
import { seedAgencyWorkspace, type AgencyShape } from '../bench/agency-workspace'
import { createPlaywrightPdfPrinter } from '../fakes/pdf-printer'
import { createTestPorts, tempDir, type TestPorts } from '../fakes/ports'
import { bridgeScript } from './bridge-script'
import { APP_ORIGIN } from './origin'

/** The main-process side of one test: a real core on its own data folder. */
export interface RelinkHarness {
  core: RelinkCore
  ports: TestPorts
  router: IpcRouter
  dataDir: string
  /** The running sandbox network, in demo mode. */
  sandbox: SandboxNetwork | undefined
}

/**
 * Demo mode on a real sandbox network. `seedDemo` connects the sandbox's seeded users at first
 * start, as `npm start` does; without it the core starts empty and tests connect through the UI.
 */
export type DemoOption = false | { seedDemo: boolean }

interface Options {
  demo: DemoOption
  /** What the OS key store offers: `basic_text` is Linux without a keyring. */
  secretBackend: SecretBackend
  /** The system's regional format main reports; the browser's own locale when unset. */
  systemLocale: string | undefined
  /** An agency-sized workspace written into the data folder before Relink starts (the window benchmark's). */
  workspace: AgencyShape | undefined
}

interface Fixtures {
  relink: RelinkHarness
  /** Console errors, uncaught exceptions and CSP violations; every test ends by asserting none. */
  pageProblems: string[]
}

// Chromium logs most CSP refusals on its own; the event also catches the ones it reports silently.
const CSP_REPORTER = `document.addEventListener('securitypolicyviolation', (e) => {
  console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline'))
})`

const problemsByPage = new WeakMap<Page, string[]>()

export const test = base.extend<Fixtures & Options>({
  demo: [false, { option: true }],
  secretBackend: ['os', { option: true }],
  systemLocale: [undefined, { option: true }],
  workspace: [undefined, { option: true }],

  relink: async ({ baseURL, context, demo, secretBackend, locale, systemLocale, workspace }, use) => {
    const dataDir = tempDir('relink-e2e-')
    // The "system browser" is a new tab of the test's own browser: the network's real sign-in page
    // loads in Chromium, the test clicks through it, and the redirect reaches Relink's loopback listener.
    const opened: string[] = []
    const browser: BrowserOpener = {
      async open(url) {
        opened.push(url)
        const tab = await context.newPage()
        await tab.goto(url)
      },
    }
    // Reports print through the test's own Chromium (page.pdf), the pipeline Electron's printToPDF uses.
    const pdf = createPlaywrightPdfPrinter(() => {
      const running = context.browser()
      if (!running) throw new Error('The test browser is not running.')
      return running
    })
    const ports = createTestPorts(dataDir, { browser, pdf, ...(secretBackend === 'os' ? {} : { secretBox: createAesSecretBox(randomBytes(32), secretBackend) }) })
    ports.openedUrls = opened
    if (workspace) await seedAgencyWorkspace(dataDir, ports.clock.now(), workspace)
    const sandbox = demo ? await startSandboxNetwork({ clock: ports.clock, seed: 1 }) : undefined
    const core = await createApp(ports, {
      dataDir,
      version: '0.0.0-e2e',
      locale: systemLocale ?? locale ?? 'en-US',
      demoMode: Boolean(demo),
      ...(sandbox && demo
        ? { sandbox, seedDemo: demo.seedDemo, advanceSandboxClock: (ms: number) => ports.clock.advance(ms) }
        : {}),
    })
    const origin = baseURL ? new URL(baseURL).origin : APP_ORIGIN
    const router = createIpcRouter({ handlers: core.handlers, isTrustedSender: createSenderCheck([origin]), logger: ports.logger })
    await use({ core, ports, router, dataDir, sandbox })
    await core.dispose()
    await sandbox?.close()
    rmSync(dataDir, { recursive: true, force: true })
  },

  page: async ({ page, relink }, use) => {
    const problems: string[] = []
    problemsByPage.set(page, problems)
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${message.text()} (${message.location().url})`)
    })
    page.on('pageerror', (error) => problems.push(`Uncaught: ${error.message}`))

    // Chromium asks every http origin for a favicon; Electron loading file:// never does.
    await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }))
    // Same arguments Electron's ipcMain gives the router: the calling frame's URL and whether it is top-level.
    await page.exposeBinding('__relinkInvoke', (source, channel: unknown, input: unknown) =>
      relink.router.dispatch(
        { url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() },
        String(channel),
        input,
      ),
    )
    await page.addInitScript({ content: CSP_REPORTER })
    await page.addInitScript({ content: await bridgeScript() })

    // Events come in bursts (a read's progress and changes): a burst crosses in one call, in order.
    let queued: { name: string; data: unknown }[] = []
    const flush = (): void => {
      const batch = queued
      queued = []
      page
        .evaluate((events) => {
          const emit = (globalThis as unknown as { __relinkEmit(n: string, d: unknown): void }).__relinkEmit
          for (const { name, data } of events) emit(name, data)
        }, batch)
        // A page mid-reload misses the events, exactly like a window that is reloading.
        .catch(() => undefined)
    }
    const stopForwarding = relink.core.events.subscribe((event, payload) => {
      if (queued.length === 0) setImmediate(flush)
      queued.push({ name: event, data: payload })
    })

    await use(page)

    stopForwarding()
    expect(problems, 'the page logged errors or CSP violations').toEqual([])
  },

  pageProblems: async ({ page }, use) => {
    await use(problemsByPage.get(page) ?? [])
  },
})

export { expect }

/**
 * Opens the window at a page and waits for the header badge's first answer: by then React has run
 * the window's effects, so keyboard shortcuts and event subscriptions are in place.
 */
export async function openApp(page: Page, hash = ''): Promise<void> {
  await page.goto(`/${hash}`)
  await expect(page.getByRole('banner').getByRole('status')).toHaveText(/yet|healthy|attention/)
}

/** Reads through the same handlers IPC uses, bypassing the window: what is really stored. */
export function storedBrands(harness: RelinkHarness) {
  return harness.core.handlers['brands:list'](undefined)
}

export function storedSettings(harness: RelinkHarness) {
  return harness.core.handlers['settings:get'](undefined)
}

export type { Page }
