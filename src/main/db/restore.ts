import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { AppError } from '../../shared/errors'
import { backupDatabase, backupFolder, backupPath, listBackups } from './backup'
import { checkDatabaseFile } from './file-checks'
import { currentSchemaVersion } from './migrate'

/** Written by "Restore" in Settings → Data; the restore itself happens when Relink starts again. */
export const RESTORE_REQUEST_FILE = 'restore-request.json'

export function requestRestore(dataDir: string, name: string): void {
  if (!backupPath(dataDir, name)) throw new AppError('not_found', 'That backup is no longer in the backups folder.')
  writeFileSync(join(dataDir, RESTORE_REQUEST_FILE), JSON.stringify({ name }))
}

export function pendingRestore(dataDir: string): string | null {
  const path = join(dataDir, RESTORE_REQUEST_FILE)
  if (!existsSync(path)) return null
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown }
    return typeof parsed.name === 'string' ? parsed.name : null
  } catch {
    return null
  }
}

export function clearRestoreRequest(dataDir: string): void {
  rmSync(join(dataDir, RESTORE_REQUEST_FILE), { force: true })
}

export interface RestoreOutcome {
  restored: string
  /** Where the database that was replaced is kept (a backup name, or a folder for a file SQLite could not read). */
  keptAs: string
}

/**
 * Puts a backup in place of the closed database `file`: checks the backup first (Relink's,
 * intact, not from a newer Relink), keeps the current database as a "before-restore" backup (or,
 * when SQLite cannot read it, moves its files aside unchanged), then copies the backup in.
 * `name` is a backup's file name, or "latest" for the newest one.
 */
export async function restoreBackup(file: string, dataDir: string, name: string, options: { newestSchema: number; nowMs: number }): Promise<RestoreOutcome> {
  const chosen = name === 'latest' ? listBackups(dataDir).find((b) => b.kind !== 'before-restore')?.name : name
  const source = chosen === undefined ? undefined : backupPath(dataDir, chosen)
  if (chosen === undefined || source === undefined) {
    throw new AppError('not_found', `There is no backup called ${name} in ${backupFolder(dataDir)}. Nothing was changed.`)
  }
  const state = checkDatabaseFile(source, { newestSchema: options.newestSchema, busyTimeoutMs: 1_000 })
  if (!state.existing) throw new AppError('database_corrupt', `The backup ${source} is empty. Nothing was changed.`)

  // Copied out first: keeping the current database may prune old backups, the chosen one among them.
  const incoming = `${file}.restoring`
  copyFileSync(source, incoming)
  const keptAs = existsSync(file) ? await keepCurrent(file, dataDir, options.nowMs) : 'nothing (there was no database)'
  for (const side of ['-wal', '-shm', '-journal']) rmSync(`${file}${side}`, { force: true })
  renameSync(incoming, file)
  return { restored: chosen, keptAs }
}

async function keepCurrent(file: string, dataDir: string, nowMs: number): Promise<string> {
  try {
    const current = new BetterSqlite3(file, { readonly: true, fileMustExist: true })
    try {
      const made = await backupDatabase(current, dataDir, { kind: 'before-restore', schemaVersion: currentSchemaVersion(current), nowMs })
      return made.name
    } finally {
      current.close()
    }
  } catch {
    // Not readable as SQLite: keep every file exactly as it is.
    const aside = join(backupFolder(dataDir), `replaced-${new Date(nowMs).toISOString().replace(/[:.]/g, '-')}`)
    mkdirSync(aside, { recursive: true })
    for (const side of ['', '-wal', '-shm', '-journal']) {
      if (existsSync(`${file}${side}`)) renameSync(`${file}${side}`, join(aside, `relink.db${side}`))
    }
    return aside
  }
}
