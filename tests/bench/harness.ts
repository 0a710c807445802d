/**
 * A tiny benchmark harness: each benchmark returns rows of figures; the runner prints them as a
 * table with their targets and ratios and writes them to bench-results/latest.json. Benchmarks
 * report numbers; they never fail a build (timing on a busy machine is not a test).
 */
import { cpus, totalmem } from 'node:os'

export interface BenchRow {
  name: string
  value: number
  unit: 'ms' | 'µs' | 'MB' | 'KB' | 'req/s' | 'x' | 'count' | 'min' | '%'
  /** The figure the issue asks for, with its direction. */
  target?: { op: '<=' | '>='; value: number }
  note?: string
}

export interface Benchmark {
  name: string
  run(): Promise<BenchRow[]>
}

export function meetsTarget(row: BenchRow): boolean | undefined {
  if (!row.target) return undefined
  return row.target.op === '<=' ? row.value <= row.target.value : row.value >= row.target.value
}

/** Median of repeated timings, in milliseconds. */
export async function medianMs(times: number, fn: () => Promise<void> | void): Promise<number> {
  const samples: number[] = []
  for (let i = 0; i < times; i++) {
    const start = process.hrtime.bigint()
    await fn()
    samples.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN
}

export function heapMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  return process.memoryUsage().heapUsed / (1024 * 1024)
}

export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  return `${cpus().length} × ${cpu}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`
}

export function formatTable(results: { bench: string; row: BenchRow }[]): string {
  const lines = results.map(({ bench, row }) => {
    const met = meetsTarget(row)
    const target = row.target ? `${row.target.op} ${row.target.value} ${row.unit}` : ''
    const ratio = row.target ? (row.value / row.target.value).toFixed(2) : ''
    return [bench, row.name, `${round(row.value)} ${row.unit}`, target, ratio, met === undefined ? '' : met ? 'ok' : 'MISSED', row.note ?? '']
  })
  const header = ['benchmark', 'figure', 'value', 'target', 'value/target', '', 'note']
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)))
  const fmt = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(fmt)].join('\n')
}

const round = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(4))
