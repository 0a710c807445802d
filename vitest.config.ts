import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    // The real `electron` package downloads its binary on import; tests get a recording fake.
    alias: { electron: fileURLToPath(new URL('./tests/fakes/electron.ts', import.meta.url)) },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/bench/**/*.test.ts'],
    // electron-store imports `electron` itself: inline it so the alias applies.
    server: { deps: { inline: ['electron-store'] } },
    // Stylesheets are empty modules in tests, except the calendar's, whose icon masks a test checks.
    css: { include: [/features\/schedule\/schedule\.css/] },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default is one fewer than the cores: one file at a time on a two-core machine, where
    // most files spend their time waiting (fsync, child processes, the sandbox's timers). Two at a
    // time; RELINK_UNIT_WORKERS sets it.
    maxWorkers: Number(process.env.RELINK_UNIT_WORKERS ?? 2),
    // The JSON report feeds the CI summary line; the default reporter is for people.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
})
