import type { Migration } from './types'

/**
 * The run log's two hot questions, each with its own index. Sync health sums the items successful
 * polls brought per stream over 30 days; it ran after every batch of reads and scanned the whole
 * log, about 13 ms a time at 20,000 runs (one simulated day of fifty channels) and growing with
 * every read kept for 60 days. Only polls that brought items count, so a partial index holds those
 * alone, in time order, with every column the sum reads. Pruning old runs after each sweep also scanned the whole log; it now finds
 * the old runs by their time.
 */
export const m0026SyncRunsIndexes: Migration = {
  version: 26,
  name: '0026_sync_runs_indexes',
  up(db) {
    db.exec(`
      CREATE INDEX sync_runs_by_finish ON sync_runs(finished_at);
      CREATE INDEX sync_runs_with_items ON sync_runs(finished_at, channel_id, stream, items, ok, mode) WHERE ok = 1 AND mode = 'poll' AND items > 0;
    `)
  },
}
