import type { Database } from 'better-sqlite3'
import type { RelinkDatabase } from '../db/client'
import { relaxedWrite } from '../db/relaxed-write'
import { statementCache } from '../db/statement-cache'
import type { Exclusive } from '../db/repositories/delivery-repository'
import type { GapReason, GapState, StreamKind, SyncGap } from '../../shared/domain/sync'
import type { SyncState } from './types'

/**
 * All SQL of the sync engine: per-stream state, the run log and the gap ledger's rows. Cached
 * better-sqlite3 statements behind Kysely's connection lock, like the scheduler's repository, so a
 * sync write never lands inside another repository's open transaction. Stream state and the run
 * log are re-readable from the networks, so they commit without their own fsync (relaxedWrite);
 * gap rows keep full durability.
 */

interface StateRow {
  channel_id: string
  stream: StreamKind
  watermark_time: number | null
  watermark_id: string | null
  cursor: string | null
  last_run_at: number | null
  last_ok_at: number | null
  last_error_at: number | null
  last_error_reason: string | null
  last_error_detail: string
  consecutive_failures: number
  next_run_at: number | null
  first_ok_at: number | null
}

interface GapRow {
  id: number
  channel_id: string
  stream: StreamKind
  started_at: number
  ended_at: number | null
  reason: string
  detail: string
  state: GapState
  recovered: number
  recovered_unit: 'items' | 'days'
  lost_before: number | null
  lost_note: string
  closed_at: number | null
}

/** A gap as stored; `recoverableUntil` is the ledger's to compute from the plans. */
export type StoredGap = Omit<SyncGap, 'recoverableUntil'>

const toState = (r: StateRow): SyncState => ({
  channelId: r.channel_id,
  stream: r.stream,
  watermarkTime: r.watermark_time,
  watermarkId: r.watermark_id,
  cursor: r.cursor,
  lastRunAt: r.last_run_at,
  lastOkAt: r.last_ok_at,
  lastErrorAt: r.last_error_at,
  lastErrorReason: r.last_error_reason as GapReason | null,
  lastErrorDetail: r.last_error_detail,
  consecutiveFailures: r.consecutive_failures,
  nextRunAt: r.next_run_at,
  firstOkAt: r.first_ok_at,
})

const toGap = (r: GapRow): StoredGap => ({
  id: r.id,
  channelId: r.channel_id,
  stream: r.stream,
  from: r.started_at,
  to: r.ended_at,
  reason: r.reason as GapReason,
  detail: r.detail,
  state: r.state,
  recovered: r.recovered,
  recoveredUnit: r.recovered_unit,
  lostBefore: r.lost_before,
  lostNote: r.lost_note,
  closedAt: r.closed_at,
})

/** Fields a run writes back; undefined leaves a column as it is. */
export type StatePatch = Partial<Omit<SyncState, 'channelId' | 'stream'>>

const COLUMN: Record<keyof StatePatch, keyof StateRow> = {
  watermarkTime: 'watermark_time',
  watermarkId: 'watermark_id',
  cursor: 'cursor',
  lastRunAt: 'last_run_at',
  lastOkAt: 'last_ok_at',
  lastErrorAt: 'last_error_at',
  lastErrorReason: 'last_error_reason',
  lastErrorDetail: 'last_error_detail',
  consecutiveFailures: 'consecutive_failures',
  nextRunAt: 'next_run_at',
  firstOkAt: 'first_ok_at',
}

/** Per stream: items in the window, in the history, and the newest poll that brought any (through sync_runs_with_items). */
export const RUN_ACTIVITY_SQL = `SELECT channel_id, stream, coalesce(sum(CASE WHEN finished_at > ? THEN items END), 0) AS recent, sum(items) AS history, max(finished_at) AS last_item_at
  FROM sync_runs WHERE ok = 1 AND mode = 'poll' AND items > 0 AND finished_at > ? GROUP BY channel_id, stream`
/** The engine's wake-up: the earliest planned read, the first entry of sync_state_by_next_run. */
export const NEXT_RUN_SQL = 'SELECT min(next_run_at) FROM sync_state WHERE next_run_at IS NOT NULL'
/** Old runs, found by their time (sync_runs_by_finish). */
export const PRUNE_RUNS_SQL = 'DELETE FROM sync_runs WHERE finished_at < ?'

export type SyncRepository = ReturnType<typeof createSyncRepository>

export function createSyncRepositoryFor(database: Pick<RelinkDatabase, 'sqlite' | 'db'>): SyncRepository {
  return createSyncRepository(database.sqlite, { exclusive: (work) => database.db.connection().execute(async () => work()) })
}

export function createSyncRepository(sqlite: Database, options: { exclusive?: Exclusive } = {}) {
  const exclusive: Exclusive = options.exclusive ?? (async (work) => work())
  const stmt = statementCache(sqlite)
  const getGapRow = (id: number): GapRow | undefined => stmt('SELECT * FROM sync_gaps WHERE id = ?').get(id) as GapRow | undefined

  return {
    /** The stream's state, created empty on first use. */
    state: (channelId: string, stream: StreamKind): Promise<SyncState> =>
      exclusive(() => {
        relaxedWrite(sqlite, () => stmt('INSERT OR IGNORE INTO sync_state (channel_id, stream) VALUES (?, ?)').run(channelId, stream))
        return toState(stmt('SELECT * FROM sync_state WHERE channel_id = ? AND stream = ?').get(channelId, stream) as StateRow)
      }),

    states: (): Promise<SyncState[]> => exclusive(() => (stmt('SELECT * FROM sync_state').all() as StateRow[]).map(toState)),

    /** When the earliest planned read is due, or null when none is planned. */
    nextRunAt: (): Promise<number | null> => exclusive(() => stmt(NEXT_RUN_SQL).pluck().get() as number | null),

    patchState: (channelId: string, stream: StreamKind, patch: StatePatch): Promise<void> =>
      exclusive(() => {
        const keys = (Object.keys(patch) as (keyof StatePatch)[]).filter((k) => patch[k] !== undefined).sort()
        if (keys.length === 0) return
        const sql = `UPDATE sync_state SET ${keys.map((k) => `${COLUMN[k]} = ?`).join(', ')} WHERE channel_id = ? AND stream = ?`
        relaxedWrite(sqlite, () => stmt(sql).run(...keys.map((k) => patch[k] ?? null), channelId, stream))
      }),

    recordRun: (run: { channelId: string; stream: StreamKind; mode: 'poll' | 'backfill'; startedAt: number; finishedAt: number; ok: boolean; items: number; reason: string | null }): Promise<void> =>
      exclusive(() => {
        relaxedWrite(sqlite, () =>
          stmt('INSERT INTO sync_runs (channel_id, stream, mode, started_at, finished_at, ok, items, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
            run.channelId,
            run.stream,
            run.mode,
            run.startedAt,
            run.finishedAt,
            run.ok ? 1 : 0,
            run.items,
            run.reason,
          ),
        )
      }),

    /**
     * Items stored by successful polls per stream since `historySinceMs`, those since `sinceMs`, and
     * the time of the newest poll that brought any. A stream whose polls brought nothing has no row.
     */
    activity: (sinceMs: number, historySinceMs: number): Promise<{ channel_id: string; stream: StreamKind; recent: number; history: number; last_item_at: number }[]> =>
      exclusive(() => stmt(RUN_ACTIVITY_SQL).all(sinceMs, historySinceMs) as { channel_id: string; stream: StreamKind; recent: number; history: number; last_item_at: number }[]),

    /** Keeps the run log short: it only feeds 24-hour counts and the quiet check. */
    pruneRuns: (beforeMs: number): Promise<number> => exclusive(() => relaxedWrite(sqlite, () => stmt(PRUNE_RUNS_SQL).run(beforeMs).changes)),

    // -- gap ledger rows -------------------------------------------------------------------------

    currentGap: (channelId: string, stream: StreamKind): Promise<StoredGap | undefined> =>
      exclusive(() => {
        const row = stmt("SELECT * FROM sync_gaps WHERE channel_id = ? AND stream = ? AND state <> 'closed'").get(channelId, stream) as GapRow | undefined
        return row ? toGap(row) : undefined
      }),

    /** Inserts an open gap unless one is open already (the partial unique index decides). */
    openGap: (input: { channelId: string; stream: StreamKind; from: number; reason: GapReason; detail: string; now: number }): Promise<StoredGap> =>
      exclusive(() => {
        stmt(
          `INSERT INTO sync_gaps (channel_id, stream, started_at, reason, detail, state, created_at) VALUES (?, ?, ?, ?, ?, 'open', ?)
           ON CONFLICT (channel_id, stream) WHERE state <> 'closed' DO NOTHING`,
        ).run(input.channelId, input.stream, input.from, input.reason, input.detail, input.now)
        return toGap(stmt("SELECT * FROM sync_gaps WHERE channel_id = ? AND stream = ? AND state <> 'closed'").get(input.channelId, input.stream) as GapRow)
      }),

    startBackfill: (gapId: number, to: number): Promise<StoredGap | undefined> =>
      exclusive(() => {
        // A gap already backfilling keeps its end: a crash mid-backfill resumes the same period.
        stmt("UPDATE sync_gaps SET state = 'backfilling', ended_at = max(started_at, ?) WHERE id = ? AND state = 'open'").run(to, gapId)
        const row = getGapRow(gapId)
        return row ? toGap(row) : undefined
      }),

    closeGap: (gapId: number, o: { recovered: number; unit: 'items' | 'days'; lostBefore: number | null; lostNote: string; closedAt: number }): Promise<StoredGap | undefined> =>
      exclusive(() => {
        stmt(
          `UPDATE sync_gaps SET state = 'closed', ended_at = coalesce(ended_at, max(started_at, ?)), recovered = ?, recovered_unit = ?, lost_before = ?, lost_note = ?, closed_at = ?
            WHERE id = ? AND state <> 'closed'`,
        ).run(o.closedAt, o.recovered, o.unit, o.lostBefore, o.lostNote, o.closedAt, gapId)
        const row = getGapRow(gapId)
        return row ? toGap(row) : undefined
      }),

    listGaps: (filter: { channelIds?: readonly string[]; streams?: readonly StreamKind[]; from?: number; to?: number }): Promise<StoredGap[]> =>
      exclusive(() => {
        const where: string[] = []
        const args: (string | number)[] = []
        if (filter.channelIds) {
          where.push('channel_id IN (SELECT value FROM json_each(?))')
          args.push(JSON.stringify(filter.channelIds))
        }
        if (filter.streams) {
          where.push('stream IN (SELECT value FROM json_each(?))')
          args.push(JSON.stringify(filter.streams))
        }
        if (filter.to !== undefined) {
          where.push('started_at < ?')
          args.push(filter.to)
        }
        if (filter.from !== undefined) {
          // An open gap reaches to now, so it overlaps every later range.
          where.push('(ended_at IS NULL OR ended_at > ?)')
          args.push(filter.from)
        }
        const sql = `SELECT * FROM sync_gaps ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at, id`
        return (stmt(sql).all(...args) as GapRow[]).map(toGap)
      }),
  }
}
