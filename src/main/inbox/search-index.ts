import type { Database } from 'better-sqlite3'
import { relaxedWrite } from '../db/relaxed-write'
import { statementCache } from '../db/statement-cache'

/**
 * Stored comments waiting for the search index are indexed together once this many have gathered.
 * One statement for the lot makes FTS5 write them as a few large segments; a sync page at a time
 * (a hundred comments) made thousands of small ones to merge. A batch runs on main's loop, so it
 * stays small enough not to hold it up: a thousand take about 6-30 ms of CPU (5,000 took 30-150 ms
 * for about a fifth more ingest throughput), paid by the read that fills it or by the next search.
 */
export const INDEX_BATCH = 1_000

/**
 * The search index's catching up with the comments stored (migration 0020): every comment in
 * `inbox_fts_pending` is indexed in one transaction and leaves the list in the same one, so a
 * killed process leaves it either indexed or still pending, never both or neither.
 */
export function createSearchIndex(sqlite: Database) {
  const stmt = statementCache(sqlite)
  const indexPending = sqlite.transaction(() => {
    stmt(
      `INSERT INTO inbox_fts(rowid, text, author_name)
       SELECT i.id, i.text, i.author_name FROM inbox_fts_pending p JOIN inbox_items i ON i.id = p.id ORDER BY p.id`,
    ).run()
    stmt('DELETE FROM inbox_fts_pending').run()
  })
  // The index is derived from the comments, which are on disk: as the comments themselves, it
  // commits without its own fsync.
  const index = (): void => relaxedWrite(sqlite, indexPending)
  return {
    /** Indexes every comment still pending: before anything reads the index. */
    catchUp(): void {
      if (stmt('SELECT 1 FROM inbox_fts_pending LIMIT 1').get()) index()
    },
    /** Indexes the pending comments once a batch has gathered. */
    catchUpInBatches(): void {
      if ((stmt('SELECT count(*) FROM inbox_fts_pending').pluck().get() as number) >= INDEX_BATCH) index()
    },
  }
}

export type SearchIndex = ReturnType<typeof createSearchIndex>
