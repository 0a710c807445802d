import type { Database } from 'better-sqlite3'

/**
 * Commits `work` without waiting for the disk, for writes a power cut may lose at no cost because
 * the network still has them: the inbox's comments and the sync engine's bookkeeping (cursors,
 * the run log). Relink runs `synchronous = FULL`, one fsync per commit, and a sync sweep over 500
 * channels is several thousand small commits: on a loaded disk the fsyncs took three quarters of
 * the sweep.
 *
 * Safe with WAL: a `synchronous = NORMAL` commit is appended to the log unsynced, and the next
 * FULL commit (a token, a published mark) syncs the log up to and including it. Frames are only
 * ever lost from the end, so after a crash a cursor can never be kept while the comments stored
 * before it are lost; at worst the last reads are read again, and storing is idempotent.
 */
export function relaxedWrite<T>(sqlite: Database, work: () => T): T {
  // Inside someone's transaction the commit is theirs, with their durability.
  if (sqlite.inTransaction) return work()
  const before = sqlite.pragma('synchronous', { simple: true }) as number
  if (before <= 1) return work()
  sqlite.pragma('synchronous = NORMAL')
  try {
    return work()
  } finally {
    sqlite.pragma(`synchronous = ${before}`)
  }
}
