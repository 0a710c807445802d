/**
 * The inbox, side by side in one run: the store at a million comments (inbox-store.ts), scrolling
 * a list of 100k in Chromium (inbox-scroll.ts) and a sync sweep over 500 channels on the sandbox
 * (inbox-sweep.ts).
 *
 * Sizes: RELINK_BENCH_INBOX_COMMENTS (1,000,000), RELINK_BENCH_INBOX_SCROLL_ROWS (100,000),
 * RELINK_BENCH_INBOX_CHANNELS (500); RELINK_BENCH_INBOX_PARTS=store,scroll,sweep picks parts.
 */
import type { Benchmark, BenchRow } from './harness'
import { inboxScrollRows } from './inbox-scroll'
import { inboxStoreRows } from './inbox-store'
import { inboxSweepRows } from './inbox-sweep'

const PARTS: Record<string, () => Promise<BenchRow[]>> = { store: inboxStoreRows, scroll: inboxScrollRows, sweep: inboxSweepRows }

export const inboxBenchmark: Benchmark = {
  name: 'inbox',
  async run(): Promise<BenchRow[]> {
    const wanted = process.env.RELINK_BENCH_INBOX_PARTS?.split(',') ?? Object.keys(PARTS)
    const rows: BenchRow[] = []
    for (const [name, part] of Object.entries(PARTS)) {
      if (!wanted.includes(name)) continue
      process.stdout.write(`  inbox ${name}…\n`)
      rows.push(...(await part()))
    }
    return rows
  },
}
