/**
 * The Relink the backup test kills in the middle of a migration: it opens the database the way
 * the app does (checks, backup, migrations) with one extra migration that changes every brand,
 * says so on stdout, and then works until it is killed.
 */
import { writeSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabaseWithBackup } from '../../../src/main/db/client'
import { MIGRATIONS, type Migration } from '../../../src/main/db/migrations'

const dataDir = process.env.RELINK_MIGRATE_DATA_DIR ?? ''
const version = MIGRATIONS.length + 1
const endless: Migration = {
  version,
  name: `${String(version).padStart(4, '0')}_endless`,
  up(db) {
    db.exec("UPDATE brands SET name = name || ' (migrating)'")
    writeSync(1, 'migrating\n')
    for (;;) db.prepare('SELECT count(*) FROM brands').get()
  },
}
await openDatabaseWithBackup(join(dataDir, 'relink.db'), { nowMs: Date.UTC(2026, 5, 1), dataDir, migrations: [...MIGRATIONS, endless] })
