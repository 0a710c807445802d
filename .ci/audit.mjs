// `npm audit --omit=dev` as a CI gate: no high or critical advisory in what Relink ships.
// When the registry's audit endpoint cannot be asked (some mirrors answer 405), nothing was
// checked: that is reported as "unverified", never as a pass. RELINK_REQUIRE_AUDIT=1 makes it a failure.
import { spawnSync } from 'node:child_process'
import { recordGate } from './gates.mjs'

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', timeout: 120_000 })
let report
try {
  report = JSON.parse(run.stdout || '{}')
} catch {
  report = {}
}

const counts = report.metadata?.vulnerabilities
if (counts) {
  const serious = (counts.high ?? 0) + (counts.critical ?? 0)
  const detail = `npm audit --omit=dev: ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`
  console.log(detail)
  if (serious > 0) {
    for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
      if (v.severity === 'high' || v.severity === 'critical') console.log(`  ${v.severity}: ${name} ${v.range ?? ''}`)
    }
  }
  recordGate('npm audit', serious > 0 ? 'failed' : 'passed', detail)
  process.exit(serious > 0 ? 1 : 0)
}

const why = report.message ?? report.error?.summary ?? (run.error ? String(run.error) : (run.stderr || 'no answer').trim().split('\n').at(-1))
const detail = `npm audit could not ask the registry's advisory database (${why}); no advisory was checked`
console.log(detail)
const required = process.env.RELINK_REQUIRE_AUDIT === '1'
recordGate('npm audit', required ? 'failed' : 'unverified', detail)
process.exit(required ? 1 : 0)
