/**
 * The inbox's store at a million comments: ingest through the code sync uses (createIngest, FTS
 * kept in step by the triggers) against plain better-sqlite3 inserts of the same rows into the
 * same table without the FTS index, then pages and searches through the Inbox page's queries.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabase, type RelinkDatabase } from '../../src/main/db/client'
import { createIngest } from '../../src/main/inbox/ingest'
import { createSearchIndex } from '../../src/main/inbox/search-index'
import { relaxedWrite } from '../../src/main/db/relaxed-write'
import { createInboxQueries } from '../../src/main/inbox/queries'
import type { InboxQuery } from '../../src/shared/domain/inbox'
import { tempDir } from '../fakes/ports'
import { builtThread } from '../fakes/built-thread'
import { handOverCheckpoints } from '../../src/main/db/checkpoint-handover'
import { createThreadCheckpoints } from '../../src/main/platform/wal-checkpoints'
import { medianMs, type BenchRow } from './harness'
import { BENCH_NOW, commentPages, seedChannels } from './inbox-data'

const COMMENTS = Number(process.env.RELINK_BENCH_INBOX_COMMENTS ?? 1_000_000)
/** Comments per read: what one sync page stores in one transaction. */
const PAGE_SIZE = Number(process.env.RELINK_BENCH_INBOX_PAGE ?? 100)
const CHANNELS = 500
const BRANDS = 20
const DAY = 86_400_000

const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6
/** This process's CPU time since `start`, in ms: what the work costs, whatever else the machine runs. */
const cpuMs = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}

/**
 * Plain inserts of the same rows into inbox_items with its triggers dropped: the floor. Each
 * page commits the way ingest commits it (relaxedWrite: synchronous NORMAL, no fsync per page);
 * committed with the app's FULL, the floor measured the disk's fsyncs, ten thousand of them.
 */
function rawInserts(database: RelinkDatabase): { perSecond: number; cpuPerSecond: number } {
  const { sqlite } = database
  // The counts' triggers (0024) go too: a per-row trigger in a plain INSERT halved the floor, which
  // would have flattered the ratio. The floor is the table and its indexes alone.
  sqlite.exec(
    'DROP TRIGGER inbox_items_fts_insert; DROP TRIGGER inbox_items_fts_delete; DROP TRIGGER inbox_items_fts_update; DROP TRIGGER inbox_counts_insert; DROP TRIGGER inbox_counts_delete; DROP TRIGGER inbox_counts_update',
  )
  const channels = seedChannels(sqlite, CHANNELS, BRANDS)
  const insert = sqlite.prepare(
    `INSERT INTO inbox_items (network, network_comment_id, channel_id, stream, network_post_id, parent_comment_id, thread_id,
      author_name, author_handle, text, own, created_at, state, first_seen_at, updated_at)
     VALUES (?, ?, ?, 'comments', ?, ?, ?, ?, ?, ?, 0, ?, 'new', ?, ?)`,
  )
  const write = sqlite.transaction((page: ReturnType<typeof commentPages> extends Generator<infer P> ? P : never) => {
    for (const c of page.comments) {
      insert.run(page.channel.network, c.networkCommentId, page.channel.id, c.networkPostId, c.parentCommentId, c.parentCommentId ?? c.networkCommentId,
        c.authorName, c.authorHandle, c.text, c.createdAt, BENCH_NOW, BENCH_NOW)
    }
  })
  let ms = 0
  let cpu = 0
  for (const page of commentPages(channels, COMMENTS, PAGE_SIZE)) {
    const start = process.hrtime.bigint()
    const cpuStart = process.cpuUsage()
    relaxedWrite(sqlite, () => write(page))
    cpu += cpuMs(cpuStart)
    ms += elapsedMs(start)
  }
  return { perSecond: COMMENTS / (ms / 1000), cpuPerSecond: COMMENTS / (cpu / 1000) }
}

export async function inboxStoreRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  const dir = tempDir('relink-bench-inbox-')
  // Both databases checkpoint as the app's does: on a thread of their own, started from the built
  // checkpoint-thread.js. The CPU figures are the whole process's, that thread's included.
  const thread = await builtThread('checkpoint-thread')
  const checkpoints = createThreadCheckpoints({ entry: thread.entry, execArgv: [] })
  const logger = { log: (_level: string, message: string) => console.error(message) }
  const rawDatabase = openDatabase(join(dir, 'raw.db'), { nowMs: BENCH_NOW })
  const rawCheckpoints = handOverCheckpoints(rawDatabase, checkpoints, logger)
  const raw = rawInserts(rawDatabase)
  await rawCheckpoints.stop()
  await rawDatabase.close()

  const database = openDatabase(join(dir, 'relink.db'), { nowMs: BENCH_NOW })
  const ingestCheckpoints = handOverCheckpoints(database, checkpoints, logger)
  const { sqlite } = database
  const channels = seedChannels(sqlite, CHANNELS, BRANDS)
  const ingest = createIngest(sqlite)
  let ingestMs = 0
  let ingestCpu = 0
  for (const page of commentPages(channels, COMMENTS, PAGE_SIZE)) {
    const stream = page.channel.network === 'x' || page.channel.network === 'mastodon' ? 'mentions' : 'comments'
    const start = process.hrtime.bigint()
    const cpuStart = process.cpuUsage()
    ingest.ingest(page.channel, stream, page.comments, BENCH_NOW)
    ingestCpu += cpuMs(cpuStart)
    ingestMs += elapsedMs(start)
  }
  // The last comments still waiting for the search index (fewer than a batch) are indexed too.
  const start = process.hrtime.bigint()
  const cpuStart = process.cpuUsage()
  createSearchIndex(sqlite).catchUp()
  ingestCpu += cpuMs(cpuStart)
  ingestMs += elapsedMs(start)
  const perSecond = COMMENTS / (ingestMs / 1000)
  const cpuPerSecond = COMMENTS / (ingestCpu / 1000)
  const note = `${(COMMENTS / 1000).toFixed(0)}k comments in reads of ${PAGE_SIZE}, one transaction each, committed as sync commits them (synchronous NORMAL), the log checkpointed on its own thread as in the app, every comment in the search index at the end`
  const perCpu = (n: number): string => `${Math.round(n).toLocaleString('en')}/s of this process's CPU time`
  rows.push({ name: 'ingest with FTS indexing (createIngest)', value: perSecond, unit: 'req/s', target: { op: '>=', value: 50_000 }, note: `comments/s wall clock (${perCpu(cpuPerSecond)}); ${note}` })
  rows.push({ name: 'raw inserts of the same rows, no FTS', value: raw.perSecond, unit: 'req/s', note: `comments/s wall clock (${perCpu(raw.cpuPerSecond)}), plain prepared INSERTs, same transactions and commits` })
  rows.push({ name: 'ingest / raw inserts', value: perSecond / raw.perSecond, unit: 'x', target: { op: '>=', value: 0.4 }, note: `wall clock; in CPU time ${(cpuPerSecond / raw.cpuPerSecond).toFixed(2)}` })
  // A working team's marks: one comment in 50 assigned to Ana, one in 100 labelled urgent. No
  // ANALYZE: the app never runs it, so the plans measured are the ones its queries get.
  sqlite.exec(`UPDATE inbox_items SET state = 'assigned', assignee = 'Ana' WHERE id % 50 = 0`)
  sqlite.exec(`INSERT INTO inbox_labels (item_id, label, item_created_at) SELECT id, 'urgent', created_at FROM inbox_items WHERE id % 100 = 0`)

  const queries = createInboxQueries(sqlite)
  const firstPage = queries.list({ limit: 100 })
  const last = firstPage.items.at(-1)
  const shapes: { name: string; query: InboxQuery }[] = [
    { name: 'newest first, no filter', query: {} },
    { name: 'state new + network', query: { states: ['new'], network: 'facebook' } },
    { name: 'network alone', query: { network: 'linkedin' } },
    { name: 'assigned to one teammate', query: { assignee: 'Ana' } },
    { name: 'one label', query: { label: 'urgent' } },
    { name: 'the Open tab (new and assigned)', query: { states: ['new', 'assigned'] } },
    { name: 'brand + needs reply', query: { brandId: 'brand-3', needsReply: true } },
    { name: 'channel + last 7 days', query: { channelIds: ['channel-42'], fromMs: BENCH_NOW - 7 * DAY, toMs: BENCH_NOW } },
    { name: 'state new, next page (keyset)', query: { states: ['new'], ...(last ? { before: { createdAt: last.createdAt, id: last.id } } : {}) } },
  ]
  for (const shape of shapes) {
    const query = { ...shape.query, limit: 100 }
    const got = queries.list(query).items.length
    rows.push({ name: `page of 100 at ${COMMENTS / 1e6}M: ${shape.name}`, value: await medianMs(30, () => void queries.list(query)), unit: 'ms', target: { op: '<=', value: 2 }, note: `${got} rows, median of 30` })
  }

  const searches: { text: string; filter: InboxQuery }[] = [
    { text: 'refund', filter: { states: ['new'] } },
    { text: 'caf', filter: { network: 'instagram' } },
    { text: 'creme brulee', filter: { brandId: 'brand-5' } },
    { text: 'コーヒー', filter: { needsReply: true } },
    { text: 'shipping parcel', filter: { network: 'linkedin' } },
    { text: 'ana lima', filter: { states: ['new', 'assigned'] } },
  ]
  const samples: number[] = []
  const cpuSamples: number[] = []
  const perQuery = new Map<string, { wall: number[]; cpu: number[] }>()
  for (let run = 0; run < 20; run++) {
    for (const s of searches) {
      const start = process.hrtime.bigint()
      const cpuStart = process.cpuUsage()
      queries.list({ ...s.filter, search: s.text, limit: 50 })
      const cpu = cpuMs(cpuStart)
      const ms = elapsedMs(start)
      if (run === 0) continue
      samples.push(ms)
      cpuSamples.push(cpu)
      const mine = perQuery.get(s.text) ?? { wall: [], cpu: [] }
      perQuery.set(s.text, { wall: [...mine.wall, ms], cpu: [...mine.cpu, cpu] })
    }
  }
  // Each search's p95, wall and CPU: which of them make the p95 of all, and whether by their work or by waits.
  const bySearch = [...perQuery]
    .map(([text, ms]) => ({ text, p95: percentile(ms.wall, 95), cpu: percentile(ms.cpu, 95) }))
    .sort((a, b) => b.p95 - a.p95)
  const slowest = bySearch[0]
  rows.push({
    name: `FTS top 50 with a filter at ${COMMENTS / 1e6}M: p95`,
    value: percentile(samples, 95),
    unit: 'ms',
    target: { op: '<=', value: 20 },
    note: `wall clock, ${searches.length} searches × 19 runs; slowest "${slowest?.text ?? ''}" p95 ${slowest?.p95.toFixed(1) ?? '?'} ms; each search's p95 wall / CPU: ${bySearch.map((q) => `"${q.text}" ${q.p95.toFixed(1)} / ${q.cpu.toFixed(1)}`).join(', ')} ms`,
  })
  rows.push({ name: 'FTS top 50 with a filter: median', value: percentile(samples, 50), unit: 'ms', note: 'wall clock' })
  rows.push({ name: 'FTS top 50 with a filter: p95 in CPU time', value: percentile(cpuSamples, 95), unit: 'ms', note: `this process's CPU time per search (median ${percentile(cpuSamples, 50).toFixed(1)} ms): the cost without the waits of a shared machine` })
  await ingestCheckpoints.stop()
  await database.close()
  thread.remove()
  rmSync(dir, { recursive: true, force: true })
  return rows
}
