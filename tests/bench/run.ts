/* Runs every benchmark (or those named on the command line), prints a table, writes JSON. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { analyticsBenchmark } from './analytics.bench'
import { bootBenchmark } from './boot.bench'
import { inboxBenchmark } from './inbox.bench'
import { lifecycleBenchmark } from './lifecycle.bench'
import { sandboxBenchmark } from './sandbox.bench'
import { schedulerBenchmark } from './scheduler.bench'
import { windowBenchmark } from './window.bench'
import { formatTable, machine, meetsTarget, type Benchmark, type BenchRow } from './harness'

const ALL: Benchmark[] = [bootBenchmark, sandboxBenchmark, lifecycleBenchmark, schedulerBenchmark, analyticsBenchmark, windowBenchmark, inboxBenchmark]

const wanted = process.argv.slice(2)
const selected = wanted.length ? ALL.filter((b) => wanted.includes(b.name)) : ALL
const results: { bench: string; row: BenchRow }[] = []
for (const bench of selected) {
  process.stdout.write(`running ${bench.name}…\n`)
  for (const row of await bench.run()) results.push({ bench: bench.name, row })
}
const host = machine()
process.stdout.write(`\nMachine: ${host}\n\n${formatTable(results)}\n`)
const dir = join(process.cwd(), 'bench-results')
mkdirSync(dir, { recursive: true })
writeFileSync(
  join(dir, 'latest.json'),
  JSON.stringify({ machine: host, results: results.map(({ bench, row }) => ({ bench, ...row, met: meetsTarget(row) })) }, null, 2) + '\n',
)
process.stdout.write(`\nWrote bench-results/latest.json\n`)
