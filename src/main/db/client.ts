import BetterSqlite3, { type Database } from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { AppError } from '../../shared/errors'
import { backupDatabase } from './backup'
import { checkDatabaseFile, RELINK_APPLICATION_ID, translateOpenError, type DatabaseFileState } from './file-checks'
import { migrate, pendingMigrations, type MigrationReport } from './migrate'
import { MIGRATIONS, type Migration } from './migrations'
import type { DB } from './schema'

/** Long enough for a second Relink window or a backup tool to finish its write. */
export const BUSY_TIMEOUT_MS = 5_000

export interface RelinkDatabase {
  sqlite: Database
  db: Kysely<DB>
  file: string
  migration: MigrationReport
  close(): Promise<void>
}

export interface OpenDatabaseOptions {
  nowMs: number
  migrations?: readonly Migration[]
  /** How long to wait for another program's write lock before refusing. */
  busyTimeoutMs?: number
}

/** A database that passed every check and holds no lock, ready for its migrations. */
export interface CheckedDatabase {
  sqlite: Database
  file: string
  state: DatabaseFileState
  migrations: readonly Migration[]
  /** Migrations this file still needs, oldest first. */
  pending: readonly Migration[]
}

/**
 * Opens (or creates) the Relink database with the durability settings tokens and post states need,
 * checks it, and migrates it. Never deletes, truncates or replaces an existing file that fails a
 * check: the user's data stays where it was, byte for byte, for recovery.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions): RelinkDatabase {
  return finishOpening(checkAndOpen(file, options), options.nowMs)
}

/**
 * `openDatabase` for the app: when the file needs migrations, a backup is taken with SQLite's
 * online backup API into `<dataDir>/backups` first, so a failed upgrade can always be undone.
 */
export async function openDatabaseWithBackup(file: string, options: OpenDatabaseOptions & { dataDir: string }): Promise<RelinkDatabase> {
  const checked = checkAndOpen(file, options)
  if (checked.state.existing && checked.pending.length > 0) {
    try {
      await backupDatabase(checked.sqlite, options.dataDir, { kind: 'before-migration', schemaVersion: checked.state.schemaVersion, nowMs: options.nowMs })
    } catch (err) {
      checked.sqlite.close()
      throw new AppError(
        'database_unreadable',
        `Relink could not back up its database before upgrading it, so it did not upgrade it (${err instanceof Error ? err.message : String(err)}). Check that there is free disk space in ${options.dataDir}, then start Relink again.`,
        { cause: err },
      )
    }
  }
  return finishOpening(checked, options.nowMs)
}

/**
 * The first half of `openDatabase`: every check, then a read-write connection that has proven it
 * can take the write lock. Nothing in the file has changed yet.
 */
export function checkAndOpen(file: string, options: Omit<OpenDatabaseOptions, 'nowMs'>): CheckedDatabase {
  const migrations = options.migrations ?? MIGRATIONS
  const busyTimeoutMs = options.busyTimeoutMs ?? BUSY_TIMEOUT_MS
  const newestSchema = migrations.at(-1)?.version ?? 0
  const state: DatabaseFileState =
    file === ':memory:' ? { existing: false, applicationId: 0, schemaVersion: 0 } : checkDatabaseFile(file, { newestSchema, busyTimeoutMs })
  let sqlite: Database
  try {
    sqlite = new BetterSqlite3(file, { timeout: busyTimeoutMs })
  } catch (err) {
    throw translateOpenError(err, file)
  }
  try {
    sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`)
    // Another program's write transaction would otherwise surface on Relink's first write.
    sqlite.exec('BEGIN IMMEDIATE')
    sqlite.exec('ROLLBACK')
    return { sqlite, file, state, migrations, pending: pendingMigrations(migrations, state.schemaVersion) }
  } catch (err) {
    sqlite.close()
    throw translateOpenError(err, file)
  }
}

/** The second half: journal mode, Relink's mark, and the migrations. The first writes to the file. */
export function finishOpening(checked: CheckedDatabase, nowMs: number): RelinkDatabase {
  const { sqlite, file } = checked
  try {
    // WAL lets readers proceed during the scheduler's writes; FULL fsyncs each commit so a power
    // cut cannot lose a rotated refresh token or a "published" mark (SQLite docs, "PRAGMA synchronous").
    if (file !== ':memory:') sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = FULL')
    sqlite.pragma('foreign_keys = ON')
    // SQLite's default page cache is 2 MB; an inbox of a million comments is over 500 MB, and its
    // indexes' pages were read from the OS again for nearly every comment stored (storing 100k
    // went from 3k to 6k a second with 64 MB). A ceiling, taken only as pages are read. Not
    // larger: a bigger cache costs every commit whose b-tree balancing renumbered a page (most
    // commits of a sync page), after which SQLite walks the whole cache's hash table, a tenth of
    // ingest's CPU time with 64 MB at a million comments. Not smaller: with 16 MB, searches at a
    // million comments read their index pages from the OS again (p95 12 -> 23 ms of CPU).
    sqlite.pragma('cache_size = -32768')
    const migration = migrate(sqlite, checked.migrations, nowMs)
    // Statement journals (the pages a statement inside a transaction would put back if it failed)
    // and temporary b-trees in memory. On disk, a journal past 64 KiB went to a temporary file,
    // created, written and deleted again by nearly every stored sync page (a hundred comments touch
    // more pages than that): 8 % of ingest's CPU time at a million comments, in system calls. After
    // the migrations, which may rewrite most of the file inside one transaction, so their journals
    // still spill to disk instead of memory.
    sqlite.pragma('temp_store = MEMORY')
    if (checked.state.applicationId !== RELINK_APPLICATION_ID) sqlite.pragma(`application_id = ${RELINK_APPLICATION_ID}`)
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) })
    return {
      sqlite,
      db,
      file,
      migration,
      async close() {
        await db.destroy()
        if (sqlite.open) sqlite.close()
      },
    }
  } catch (err) {
    sqlite.close()
    throw translateOpenError(err, file)
  }
}
