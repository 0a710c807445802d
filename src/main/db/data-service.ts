import { join } from 'node:path'
import type { BackupList, BackupView } from '../../shared/domain/backups'
import { AppError } from '../../shared/errors'
import type { Clock, Logger } from '../ports'
import { backupDatabase, backupFolder, listBackups } from './backup'
import { openDatabaseWithBackup, type RelinkDatabase } from './client'
import { MIGRATIONS } from './migrations'
import { clearRestoreRequest, pendingRestore, requestRestore, restoreBackup, type RestoreOutcome } from './restore'

export const DATABASE_FILE = 'relink.db'

/**
 * Opens the app's database at start: first a restore asked for in Settings → Data (or with
 * `--restore-backup`), then the checks, a backup if migrations are due, and the migrations.
 */
export async function openAppDatabase(input: { dataDir: string; nowMs: number; logger: Logger; restoreBackup?: string }): Promise<{ database: RelinkDatabase; lastRestore: RestoreOutcome | null }> {
  const file = join(input.dataDir, DATABASE_FILE)
  const requested = input.restoreBackup ?? pendingRestore(input.dataDir)
  let lastRestore: RestoreOutcome | null = null
  if (requested !== null) {
    // A request that cannot be carried out is not retried at every start; the error says why.
    clearRestoreRequest(input.dataDir)
    lastRestore = await restoreBackup(file, input.dataDir, requested, { newestSchema: MIGRATIONS.at(-1)?.version ?? 0, nowMs: input.nowMs })
    input.logger.log('info', 'db: restored a backup', { ...lastRestore })
  }
  const database = await openDatabaseWithBackup(file, { nowMs: input.nowMs, dataDir: input.dataDir })
  if (database.migration.applied.length > 0) input.logger.log('info', 'db: migrated', { ...database.migration })
  return { database, lastRestore }
}

/** Settings → Data: the backups, "Back up now", and a restore that happens at the next start. */
export function createDataService(deps: { database: RelinkDatabase; dataDir: string; clock: Clock; lastRestore: RestoreOutcome | null; restart?: () => void }) {
  const { database, dataDir, clock } = deps
  return {
    list(): BackupList {
      return { folder: backupFolder(dataDir), backups: listBackups(dataDir), pendingRestore: pendingRestore(dataDir), lastRestore: deps.lastRestore }
    },
    async backUpNow(): Promise<BackupView> {
      try {
        return await backupDatabase(database.sqlite, dataDir, { kind: 'manual', schemaVersion: database.migration.to, nowMs: clock.now() })
      } catch (err) {
        throw new AppError('database_unreadable', `Relink could not write a backup into ${backupFolder(dataDir)}. Check that the folder is writable and the disk has room.`, { cause: err })
      }
    },
    restore(input: { name: string }): { restarting: boolean } {
      requestRestore(dataDir, input.name)
      const restart = deps.restart
      if (!restart) return { restarting: false }
      // After this answer has gone back to the window.
      void Promise.resolve().then(restart)
      return { restarting: true }
    },
  }
}
