import type { Migration } from './types'

/**
 * The sync engine's tables: where each stream of each channel has read up to, a short log of
 * runs (items per read, for "items in the last 24 h" and "suspiciously quiet"), and the gap
 * ledger of periods Relink could not read (DESIGN.md, "Channel sync and the gap ledger").
 */
export const m0004Sync: Migration = {
  version: 4,
  name: '0004_sync',
  up(db) {
    db.exec(`
      CREATE TABLE sync_state (
        channel_id TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
        stream TEXT NOT NULL CHECK (stream IN ('comments', 'mentions', 'channel_metrics', 'post_metrics')),
        -- The newest point already read: a time and/or the network's id (since_id, min_id).
        watermark_time INTEGER,
        watermark_id TEXT,
        -- A reader's paging cursor left mid-way, opaque to the engine.
        cursor TEXT,
        last_run_at INTEGER,
        last_ok_at INTEGER,
        last_error_at INTEGER,
        last_error_reason TEXT,
        last_error_detail TEXT NOT NULL DEFAULT '',
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        next_run_at INTEGER,
        first_ok_at INTEGER,
        PRIMARY KEY (channel_id, stream)
      ) STRICT, WITHOUT ROWID;
      -- The engine's wake-up: the earliest planned read.
      CREATE INDEX sync_state_by_next_run ON sync_state(next_run_at) WHERE next_run_at IS NOT NULL;

      -- One row per finished read. Pruned to a few months; enough for 24 h counts and quiet checks.
      CREATE TABLE sync_runs (
        id INTEGER PRIMARY KEY,
        channel_id TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
        stream TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('poll', 'backfill')),
        started_at INTEGER NOT NULL,
        finished_at INTEGER NOT NULL,
        ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
        items INTEGER NOT NULL DEFAULT 0,
        reason TEXT
      ) STRICT;
      CREATE INDEX sync_runs_by_stream ON sync_runs(channel_id, stream, finished_at);

      CREATE TABLE sync_gaps (
        id INTEGER PRIMARY KEY,
        channel_id TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
        stream TEXT NOT NULL CHECK (stream IN ('comments', 'mentions', 'channel_metrics', 'post_metrics')),
        started_at INTEGER NOT NULL,
        -- The reconnect; null while open.
        ended_at INTEGER,
        reason TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL CHECK (state IN ('open', 'backfilling', 'closed')),
        recovered INTEGER NOT NULL DEFAULT 0,
        recovered_unit TEXT NOT NULL DEFAULT 'items' CHECK (recovered_unit IN ('items', 'days')),
        -- Anything of the gap before this moment is gone for good; null when nothing was lost.
        lost_before INTEGER,
        lost_note TEXT NOT NULL DEFAULT '',
        closed_at INTEGER,
        created_at INTEGER NOT NULL,
        CHECK (ended_at IS NULL OR ended_at >= started_at),
        CHECK (state = 'open' OR ended_at IS NOT NULL)
      ) STRICT;
      -- At most one gap per stream is not closed: opening twice cannot split one break in two.
      CREATE UNIQUE INDEX sync_gaps_one_open ON sync_gaps(channel_id, stream) WHERE state <> 'closed';
      -- Charts and reports ask for the gaps of some channels overlapping a range.
      CREATE INDEX sync_gaps_by_channel ON sync_gaps(channel_id, started_at);
    `)
  },
}
