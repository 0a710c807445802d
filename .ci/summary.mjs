// Reads the JSON reports of vitest and Playwright and prints the closing "N passed, N failed" line.
// A stage that failed before writing its report (typecheck, lint, build) counts as one failure.
import { existsSync, readFileSync } from 'node:fs'
import { readGates } from './gates.mjs'

const status = Number(process.argv[2] ?? '0')
let passed = 0
let failed = 0
let skipped = 0
const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined)

const vitest = read('test-results/vitest.json')
if (vitest) {
  passed += vitest.numPassedTests ?? 0
  failed += vitest.numFailedTests ?? 0
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0)
}
const e2e = read('test-results/playwright.json')
if (e2e?.stats) {
  passed += (e2e.stats.expected ?? 0) + (e2e.stats.flaky ?? 0)
  failed += e2e.stats.unexpected ?? 0
  skipped += e2e.stats.skipped ?? 0
}
// The scanners (Electronegativity, npm audit) count as one check each; an unverified one is named, never counted as passed.
const gates = readGates()
for (const gate of gates) {
  if (gate.status === 'passed') passed += 1
  else if (gate.status === 'failed') failed += 1
  console.log(`${gate.name}: ${gate.status} — ${gate.detail}`)
}
const unverified = gates.filter((g) => g.status === 'unverified').length
if (status !== 0 && failed === 0) failed = 1
console.log(`unit+integration: ${vitest ? 'ran' : 'did not run'}; e2e: ${e2e ? 'ran' : 'did not run'}`)
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${unverified ? `, ${unverified} unverified` : ''}`)
