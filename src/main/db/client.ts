import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3, { type Database } from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { AppError } from '../../shared/errors'
import { migrate, type MigrationReport } from './migrate'
import { MIGRATIONS, type Migration } from './migrations'
import type { DB } from './schema'

const SQLITE_MAGIC = 'SQLite format 3\0'
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
}

/**
 * Opens (or creates) the Relink database with the durability settings tokens and post states need,
 * checks it is a healthy SQLite file, and migrates it. Never deletes, truncates or replaces an
 * existing file that fails a check: the user's data stays where it was for recovery.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions): RelinkDatabase {
  if (file !== ':memory:') assertLooksLikeSqlite(file)
  let sqlite: Database
  try {
    sqlite = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS })
  } catch (err) {
    throw translateSqliteError(err, file)
  }
  try {
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    // WAL lets readers proceed during the scheduler's writes; FULL fsyncs each commit so a power
    // cut cannot lose a rotated refresh token or a "published" mark (SQLite docs, "PRAGMA synchronous").
    if (file !== ':memory:') sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = FULL')
    sqlite.pragma('foreign_keys = ON')
    const check = sqlite.pragma('quick_check', { simple: true })
    if (check !== 'ok') {
      throw new AppError('database_corrupt', corruptMessage(file, String(check)))
    }
    const migration = migrate(sqlite, options.migrations ?? MIGRATIONS, options.nowMs)
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
    throw translateSqliteError(err, file)
  }
}

function assertLooksLikeSqlite(file: string): void {
  if (!existsSync(dirname(file))) {
    throw new AppError('database_unreadable', `Relink cannot open its database: the folder ${dirname(file)} does not exist.`)
  }
  if (!existsSync(file)) return
  let size: number
  try {
    size = statSync(file).size
  } catch (err) {
    throw new AppError('database_unreadable', `Relink cannot read its database at ${file}. Check the file's permissions.`, { cause: err })
  }
  if (size === 0) return
  const header = Buffer.alloc(16)
  let fd: number | undefined
  try {
    fd = openSync(file, 'r')
    readSync(fd, header, 0, 16, 0)
  } catch (err) {
    throw new AppError('database_unreadable', `Relink cannot read its database at ${file}. Check the file's permissions.`, { cause: err })
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
  if (header.toString('latin1') !== SQLITE_MAGIC) {
    throw new AppError('database_corrupt', corruptMessage(file, 'the file does not start with a SQLite header'))
  }
}

function corruptMessage(file: string, why: string): string {
  return (
    `Relink's database at ${file} is damaged (${why}). Relink did not change the file. ` +
    'Restore it from a backup, or move it aside to start with an empty database.'
  )
}

function translateSqliteError(err: unknown, file: string): AppError {
  if (err instanceof AppError) return err
  const code = (err as { code?: unknown }).code
  switch (code) {
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return new AppError('database_corrupt', corruptMessage(file, 'SQLite reports it is not a valid database'), { cause: err })
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new AppError(
        'database_locked',
        `Relink's database at ${file} is locked by another program (perhaps a second Relink). Close it and try again.`,
        { cause: err, retryable: true },
      )
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
    case 'SQLITE_READONLY':
    case 'SQLITE_IOERR':
      return new AppError('database_unreadable', `Relink cannot open its database at ${file}. Check the disk and the file's permissions.`, { cause: err })
    default:
      return AppError.from(err)
  }
}
