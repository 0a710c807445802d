import type { Database } from 'better-sqlite3'
import { AppError } from '../../shared/errors'
import type { Migration } from './migrations/types'

export interface MigrationReport {
  from: number
  to: number
  applied: string[]
}

const CREATE_SCHEMA_VERSION = `CREATE TABLE IF NOT EXISTS schema_version (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at INTEGER NOT NULL
) STRICT`

/**
 * Brings the schema to the newest version this build knows. On an existing database each
 * migration runs in its own transaction together with its `schema_version` row, so a crash leaves
 * it at the last whole version. A new database is made in one transaction: whole or not at all,
 * with one commit (one sync to disk) instead of one per migration. A database written by a newer
 * Relink is refused rather than guessed at.
 */
export function migrate(db: Database, migrations: readonly Migration[], nowMs: number): MigrationReport {
  assertOrdered(migrations)
  const from = currentSchemaVersion(db)
  const newest = migrations.at(-1)?.version ?? 0
  if (from > newest) {
    throw new AppError(
      'database_too_new',
      `This database was last used by a newer version of Relink (schema ${from}; this version knows up to ${newest}). ` +
        'Install the newer Relink to open it. The file was left untouched.',
    )
  }
  const pending = pendingMigrations(migrations, from)
  const apply = (migration: Migration): void => {
    db.exec(CREATE_SCHEMA_VERSION)
    migration.up(db)
    db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, nowMs)
  }
  if (from === 0) db.transaction(() => pending.forEach(apply))()
  else for (const migration of pending) db.transaction(() => apply(migration))()
  return { from, to: Math.max(from, newest), applied: pending.map((m) => m.name) }
}

export function pendingMigrations(migrations: readonly Migration[], from: number): Migration[] {
  return migrations.filter((m) => m.version > from)
}

export function currentSchemaVersion(db: Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'").get()
  if (!table) return 0
  const row = db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null }
  return row.v ?? 0
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} has version ${m.version}, expected ${i + 1}`)
    if (!m.name.startsWith(String(m.version).padStart(4, '0') + '_')) {
      throw new Error(`Migration name ${m.name} does not start with its version`)
    }
  })
}
