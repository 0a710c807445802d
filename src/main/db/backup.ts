import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from 'better-sqlite3'
import type { BackupKind, BackupView } from '../../shared/domain/backups'

/** Folder inside the data folder that holds backups. */
export const BACKUP_FOLDER = 'backups'
/** How many backups of each kind are kept; older ones are deleted when a new one is made. */
export const KEEP_BACKUPS = 5

const FILE_PATTERN = /^relink-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)-(before-migration|manual|before-restore)-v(\d+)(?:-(\d+))?\.db$/

export function backupFolder(dataDir: string): string {
  return join(dataDir, BACKUP_FOLDER)
}

const stamp = (ms: number): string => new Date(ms).toISOString().replace(/[:.]/g, '-')
const unstamp = (s: string): number => Date.parse(s.replace(/T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, 'T$1:$2:$3.$4Z'))

/**
 * Copies the open database, WAL included, with SQLite's online backup API into
 * `backups/relink-<time>-<kind>-v<schema>.db`, then keeps the newest few of that kind. Written
 * under a temporary name and renamed, so a backup cut short (a crash, a full disk) is never listed.
 */
export async function backupDatabase(sqlite: Database, dataDir: string, input: { kind: BackupKind; schemaVersion: number; nowMs: number }): Promise<BackupView> {
  const dir = backupFolder(dataDir)
  mkdirSync(dir, { recursive: true })
  const base = `relink-${stamp(input.nowMs)}-${input.kind}-v${input.schemaVersion}`
  // Numbered after the highest of the same millisecond, so the newest always sorts first.
  const taken = readdirSync(dir)
    .filter((n) => n === `${base}.db` || (n.startsWith(`${base}-`) && FILE_PATTERN.test(n)))
    .map((n) => Number(FILE_PATTERN.exec(n)?.[4] ?? 1))
  const name = taken.length === 0 ? `${base}.db` : `${base}-${Math.max(...taken) + 1}.db`
  const partial = join(dir, `${name}.partial`)
  rmSync(partial, { force: true })
  await sqlite.backup(partial)
  renameSync(partial, join(dir, name))
  pruneBackups(dataDir, input.kind, name)
  const made = listBackups(dataDir).find((b) => b.name === name)
  if (!made) throw new Error(`backup ${name} vanished after it was written`)
  return made
}

/** Every complete backup in the data folder, newest first. */
export function listBackups(dataDir: string): BackupView[] {
  const dir = backupFolder(dataDir)
  if (!existsSync(dir)) return []
  const out: BackupView[] = []
  const order = new Map<string, number>()
  for (const name of readdirSync(dir)) {
    const match = FILE_PATTERN.exec(name)
    if (!match) continue
    const createdAt = unstamp(match[1] ?? '')
    if (!Number.isFinite(createdAt)) continue
    out.push({ name, kind: match[2] as BackupKind, schemaVersion: Number(match[3]), createdAt, sizeBytes: statSync(join(dir, name)).size })
    order.set(name, Number(match[4] ?? 1))
  }
  // Backups made in the same millisecond are numbered -2, -3 …: the higher number is the newer.
  return out.sort((a, b) => b.createdAt - a.createdAt || (order.get(b.name) ?? 1) - (order.get(a.name) ?? 1))
}

/** The backup file of a listed name, or undefined for a name that is not one (no paths accepted). */
export function backupPath(dataDir: string, name: string): string | undefined {
  if (!FILE_PATTERN.test(name)) return undefined
  const path = join(backupFolder(dataDir), name)
  return existsSync(path) ? path : undefined
}

function pruneBackups(dataDir: string, kind: BackupKind, keep: string): void {
  const old = listBackups(dataDir)
    .filter((b) => b.kind === kind && b.name !== keep)
    .slice(KEEP_BACKUPS - 1)
  for (const b of old) rmSync(join(backupFolder(dataDir), b.name), { force: true })
}
