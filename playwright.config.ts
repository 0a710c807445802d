import { defineConfig } from '@playwright/test'
import { APP_ORIGIN, E2E_PORT } from './tests/e2e/origin'

const CI = Boolean(process.env.CI)

// Electron cannot be downloaded on these machines, so journeys run the built renderer in Debian's
// Chromium with `window.relink` bridged to a real core in the test process (tests/e2e/fixtures.ts).
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.e2e.ts',
  // A folder of its own: Playwright empties it on every run, and vitest reports into test-results/.
  outputDir: 'test-results/e2e',
  // Each test has its own core, data folder and sandbox network, so spec files could run side by
  // side (the fixed redirect ports have fallbacks), but one journey already keeps a two-core
  // machine busy: two at a time took as long, each twice as slow. RELINK_E2E_WORKERS sets it.
  workers: Number(process.env.RELINK_E2E_WORKERS ?? 1),
  fullyParallel: false,
  forbidOnly: CI,
  retries: 0,
  // The JSON report feeds the CI summary line (.ci/summary.mjs).
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  // Headroom for a machine busy with other work.
  timeout: 45_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: APP_ORIGIN,
    browserName: 'chromium',
    colorScheme: 'light',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    // Serves what `electron-vite build` wrote; `npm run test:e2e` builds first.
    command: `node_modules/.bin/vite preview --outDir out/renderer --host 127.0.0.1 --port ${E2E_PORT} --strictPort`,
    url: APP_ORIGIN,
    reuseExistingServer: !CI,
    timeout: 30_000,
  },
})
