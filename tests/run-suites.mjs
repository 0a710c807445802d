// `npm test` after type checking and lint: the unit and integration suite (Vitest) and the
// end-to-end suite (build, then Playwright) run side by side. Each spends much of its time waiting
// (on child processes, sockets, a browser), so together they take little longer than the longer
// one alone. Output lines carry the suite's name; the exit code is non-zero if either failed.
// RELINK_TEST_SERIAL=1 runs them one after the other instead.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'

const SUITES = [
  { name: 'unit', command: 'npm run test:unit' },
  { name: 'e2e', command: 'npm run test:e2e' },
]

function run({ name, command }) {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' } })
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      createInterface({ input: stream }).on('line', (line) => out.write(`[${name}] ${line}\n`))
    }
    child.on('exit', (code, signal) => resolve({ name, code: code ?? (signal ? 1 : 0) }))
  })
}

const started = Date.now()
const results = []
if (process.env.RELINK_TEST_SERIAL === '1') {
  for (const suite of SUITES) results.push(await run(suite))
} else {
  results.push(...(await Promise.all(SUITES.map(run))))
}
for (const { name, code } of results) process.stdout.write(`${name}: ${code === 0 ? 'passed' : `failed (exit ${code})`}\n`)
process.stdout.write(`suites took ${Math.round((Date.now() - started) / 1000)} s\n`)
process.exit(results.some((r) => r.code !== 0) ? 1 : 0)
