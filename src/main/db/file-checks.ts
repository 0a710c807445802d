import { accessSync, closeSync, constants, existsSync, openSync, readSync, rmSync, statSync, type Stats } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3, { type Database } from 'better-sqlite3'
import { AppError } from '../../shared/errors'

const SQLITE_MAGIC = 'SQLite format 3\0'
/** SQLite's `application_id` of a Relink database ("RLNK"), written once it has passed every check. */
export const RELINK_APPLICATION_ID = 0x524c4e4b

export interface DatabaseFileState {
  /** False for a file that does not exist yet or is empty: nothing to check, nothing to lose. */
  existing: boolean
  /** The file's `application_id` (0 for files written before Relink set one). */
  applicationId: number
  /** `schema_version`'s newest row, 0 when there is none. */
  schemaVersion: number
}

export const untouched = (file: string): string => `Relink did not change the file; it is still at ${file}.`

export function corruptMessage(file: string, why: string): string {
  return `Relink's database at ${file} is damaged (${why}). ${untouched(file)} Restore it from a backup, or move it aside to start with an empty database.`
}

export function lockedMessage(file: string): string {
  return `Relink's database at ${file} is in use by another program (perhaps a second Relink or a backup tool). Close that program and start Relink again. ${untouched(file)}`
}

/**
 * Everything `openDatabase` checks before it changes a byte: the folder and file are writable,
 * the file is SQLite and Relink's own, its pages are intact and its schema is one this Relink
 * knows. Reading goes through a read-only connection, so a refused file (and its `-wal`) is left
 * exactly as it was.
 */
export function checkDatabaseFile(file: string, options: { newestSchema: number; busyTimeoutMs: number }): DatabaseFileState {
  const dir = dirname(file)
  if (!existsSync(dir)) {
    throw new AppError('database_unreadable', `Relink cannot open its database: the folder ${dir} does not exist. Create it, or set RELINK_DATA_DIR to another folder.`)
  }
  const dirProblem = writeProblem(dir)
  if (dirProblem) {
    throw new AppError(
      'database_unreadable',
      `Relink cannot write to its data folder ${dir} (${dirProblem}). Make the folder writable for your user account, or set RELINK_DATA_DIR to another folder, then start Relink again.`,
    )
  }
  if (!existsSync(file)) return { existing: false, applicationId: 0, schemaVersion: 0 }
  for (const path of [file, `${file}-wal`, `${file}-journal`]) {
    if (!existsSync(path)) continue
    const problem = writeProblem(path)
    if (problem) {
      throw new AppError(
        'database_unreadable',
        `Relink cannot write to its database file ${path} (${problem}). Make the file writable for your user account, then start Relink again. ${untouched(file)}`,
      )
    }
  }
  if (statSync(file).size === 0) return { existing: false, applicationId: 0, schemaVersion: 0 }
  assertSqliteHeader(file)
  return inspectReadOnly(file, options)
}

/**
 * Why the current user cannot write `path`, or undefined when it can. The operating system's
 * answer first; then, because an administrator (root) passes every permission check, a file or
 * folder marked read-only for everyone is still treated as the owner's wish to keep it unchanged.
 */
export function writeProblem(path: string): string | undefined {
  let stats: Stats
  try {
    stats = statSync(path)
    accessSync(path, constants.W_OK | constants.R_OK)
  } catch (err) {
    const code = (err as { code?: unknown }).code
    return code === 'EROFS' ? 'the disk is read-only' : 'it is read-only for your user account'
  }
  if (process.platform !== 'win32' && (stats.mode & 0o222) === 0) return 'it is marked read-only'
  return undefined
}

function assertSqliteHeader(file: string): void {
  const header = Buffer.alloc(16)
  let fd: number | undefined
  let read = 0
  try {
    fd = openSync(file, 'r')
    read = readSync(fd, header, 0, 16, 0)
  } catch (err) {
    throw new AppError('database_unreadable', `Relink cannot read its database at ${file}. Check the file's permissions. ${untouched(file)}`, { cause: err })
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
  if (read < 16 || header.toString('latin1') !== SQLITE_MAGIC) {
    throw new AppError('database_corrupt', corruptMessage(file, 'the file does not start with a SQLite header'))
  }
}

function inspectReadOnly(file: string, options: { newestSchema: number; busyTimeoutMs: number }): DatabaseFileState {
  let reader: Database | undefined
  // A read-only connection to a WAL-mode file creates an empty -wal and a -shm beside it.
  const sideFiles = [`${file}-wal`, `${file}-shm`].filter((path) => !existsSync(path))
  try {
    reader = new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: options.busyTimeoutMs })
    const applicationId = Number(reader.pragma('application_id', { simple: true }))
    const tables = (reader.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name)
    const hasVersions = tables.includes('schema_version')
    if (applicationId !== RELINK_APPLICATION_ID && (applicationId !== 0 || (tables.length > 0 && !hasVersions))) {
      throw new AppError(
        'database_foreign',
        `The file at ${file} is a database of another program, not Relink's. ${untouched(file)} Move it elsewhere (or set RELINK_DATA_DIR to another folder), then start Relink again.`,
      )
    }
    const check = String(reader.pragma('quick_check', { simple: true }))
    if (check !== 'ok') throw new AppError('database_corrupt', corruptMessage(file, check))
    const schemaVersion = hasVersions ? ((reader.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null }).v ?? 0) : 0
    if (schemaVersion > options.newestSchema) {
      throw new AppError(
        'database_too_new',
        `This database was last used by a newer version of Relink (schema ${schemaVersion}; this version knows up to ${options.newestSchema}). ` +
          `Install the newer Relink to open it. ${untouched(file)}`,
      )
    }
    return { existing: true, applicationId, schemaVersion }
  } catch (err) {
    throw translateOpenError(err, file)
  } finally {
    reader?.close()
    for (const path of sideFiles) if (existsSync(path) && (path.endsWith('-shm') || statSync(path).size === 0)) rmSync(path, { force: true })
  }
}

/** A SQLite failure while opening, in the words the start-up dialog shows. */
export function translateOpenError(err: unknown, file: string): AppError {
  if (err instanceof AppError) return err
  const code = String((err as { code?: unknown }).code ?? '')
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
    return new AppError('database_corrupt', corruptMessage(file, 'SQLite reports it is not a valid database'), { cause: err })
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppError('database_locked', lockedMessage(file), { cause: err, retryable: true })
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR')) {
    return new AppError('database_unreadable', `Relink cannot open its database at ${file}. Check the disk and the file's permissions. ${untouched(file)}`, { cause: err })
  }
  return AppError.from(err)
}
