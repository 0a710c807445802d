import type BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migratedBefore } from '../../../../tests/fakes/inbox-migrations'
import { createSyncRepository, PRUNE_RUNS_SQL, RUN_ACTIVITY_SQL } from '../../sync/sync-repository'
import { m0026SyncRunsIndexes } from './0026_sync_runs_indexes'

const plan = (db: BetterSqlite3.Database, sql: string): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...sql.split('?').slice(1).map(() => 0)) as { detail: string }[]).map((r) => r.detail).join(' | ')

const run = (db: BetterSqlite3.Database, r: { channel?: string; stream?: string; mode?: string; at: number; ok?: number; items: number }) =>
  db
    .prepare('INSERT INTO sync_runs (channel_id, stream, mode, started_at, finished_at, ok, items) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(r.channel ?? 'c1', r.stream ?? 'comments', r.mode ?? 'poll', r.at - 1, r.at, r.ok ?? 1, r.items)

describe('0026_sync_runs_indexes', () => {
  it('finds the runs sync health sums and the runs pruning deletes through indexes instead of scanning the log', () => {
    const db = migratedBefore(m0026SyncRunsIndexes.version)
    expect(plan(db, RUN_ACTIVITY_SQL)).toMatch(/^SCAN sync_runs/)
    expect(plan(db, PRUNE_RUNS_SQL)).toMatch(/^SCAN sync_runs/)
    m0026SyncRunsIndexes.up(db)
    expect(plan(db, RUN_ACTIVITY_SQL)).toMatch(/^SEARCH sync_runs USING COVERING INDEX sync_runs_with_items \(finished_at>\?\)/)
    expect(plan(db, PRUNE_RUNS_SQL)).toMatch(/^SEARCH sync_runs USING (COVERING )?INDEX sync_runs_by_finish \(finished_at<\?\)/)
  })

  it('sums only successful polls that brought items, and a stream whose polls brought nothing has no row', async () => {
    const db = migratedBefore(m0026SyncRunsIndexes.version + 1)
    db.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES ('c2', 'x', 'x2', 'account', 'Quiet', 1)").run()
    run(db, { at: 100, items: 4 }) // before the history window
    run(db, { at: 1_000, items: 2 })
    run(db, { at: 5_000, items: 3 })
    run(db, { at: 5_500, items: 0 })
    run(db, { at: 6_000, items: 9, ok: 0 })
    run(db, { at: 6_500, items: 7, mode: 'backfill' })
    run(db, { at: 4_000, items: 1, stream: 'mentions' })
    run(db, { channel: 'c2', at: 5_000, items: 0 })
    const repo = createSyncRepository(db)
    expect(await repo.activity(4_500, 500)).toEqual([
      { channel_id: 'c1', stream: 'comments', recent: 3, history: 5, last_item_at: 5_000 },
      { channel_id: 'c1', stream: 'mentions', recent: 0, history: 1, last_item_at: 4_000 },
    ])
    expect(await repo.pruneRuns(1_000)).toBe(1)
    expect(db.prepare('SELECT count(*) FROM sync_runs').pluck().get()).toBe(7)
  })
})
