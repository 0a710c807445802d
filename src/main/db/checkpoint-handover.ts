import type { Logger, WalCheckpoints } from '../ports'
import type { RelinkDatabase } from './client'

/** SQLite's own threshold: main checkpoints after a commit that leaves this many pages in the log. */
export const MAIN_AUTOCHECKPOINT = 1_000
/**
 * Main's threshold while another thread checkpoints: a safety net that keeps the log to about
 * 16 MB should the thread fall behind. With the thread keeping up, main's checkpoint at this size
 * finds nearly every page copied already, and the log starts over at main's next write.
 */
export const HANDED_OVER_AUTOCHECKPOINT = 4_000

/**
 * Hands the write-ahead log's checkpoints to `checkpoints` (a worker thread in the app). Storing a
 * sync page used to copy the log back into the database, with its fsync, on main's thread every
 * thousand pages; at a million comments that was a tenth of ingest's time, and most of its
 * waiting. If the thread stops by itself, main takes its checkpoints back.
 */
export function handOverCheckpoints(database: RelinkDatabase, checkpoints: WalCheckpoints | undefined, logger: Logger): { stop(): Promise<void> } {
  if (!checkpoints || database.file === ':memory:') return { stop: async () => undefined }
  const { sqlite } = database
  const takeBack = (): void => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${MAIN_AUTOCHECKPOINT}`)
  }
  sqlite.pragma(`wal_autocheckpoint = ${HANDED_OVER_AUTOCHECKPOINT}`)
  const running = checkpoints.start(database.file, (reason) => {
    logger.log('warn', 'database: the checkpoint thread stopped; main checkpoints again', { reason })
    takeBack()
  })
  return {
    async stop() {
      await running.stop()
      takeBack()
    },
  }
}
