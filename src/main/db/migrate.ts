import type { Database } from 'better-sqlite3'
import { AppError } from '../../shared/errors'
import type { Migration } from './migrations/types'

export interface MigrationReport {
  from: number
  to: number
  applied: string[]
}

/**
 * Brings the schema to the newest version this build knows. Each migration runs in its own
 * transaction together with its `schema_version` row, so a crash leaves the database at the last
 * whole version. A database written by a newer Relink is refused rather than guessed at.
 */
export function migrate(db: Database, migrations: readonly Migration[], nowMs: number): MigrationReport {
  assertOrdered(migrations)
  db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`)
  const from = currentSchemaVersion(db)
  const newest = migrations.at(-1)?.version ?? 0
  if (from > newest) {
    throw new AppError(
      'database_too_new',
      `This database was last used by a newer version of Relink (schema ${from}; this version knows up to ${newest}). ` +
        'Install the newer Relink to open it. The file was left untouched.',
    )
  }
  const record = db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)')
  const applied: string[] = []
  for (const migration of migrations) {
    if (migration.version <= from) continue
    db.transaction(() => {
      migration.up(db)
      record.run(migration.version, migration.name, nowMs)
    })()
    applied.push(migration.name)
  }
  return { from, to: Math.max(from, newest), applied }
}

export function currentSchemaVersion(db: Database): number {
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
