/**
 * A backup before every migration, and the way back: Settings → Data's restore (at the next
 * start) and `--restore-backup`. Killing Relink in the middle of a migration loses nothing.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp, DATABASE_FILE, type RelinkCore } from '../../../src/main/app'
import { BACKUP_FOLDER, backupDatabase, KEEP_BACKUPS, listBackups } from '../../../src/main/db/backup'
import { openDatabase, openDatabaseWithBackup } from '../../../src/main/db/client'
import { MIGRATIONS } from '../../../src/main/db/migrations'
import { restoreBackup } from '../../../src/main/db/restore'
import { restoreBackupFlag } from '../../../src/main/shell/bootstrap'
import { createTestPorts, tempDir } from '../../fakes/ports'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const CHILD = fileURLToPath(new URL('./migrate-child.ts', import.meta.url))
const NOW = Date.UTC(2026, 0, 1)
const NEWEST = MIGRATIONS.length
const cores: RelinkCore[] = []
afterEach(async () => {
  for (const c of cores.splice(0)) await c.dispose()
})

/** Every row of every table, to compare databases by content. */
function contents(file: string): Record<string, unknown[]> {
  const db = new BetterSqlite3(file, { readonly: true })
  try {
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]
    return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all()]))
  } finally {
    db.close()
  }
}

/** A database of an older Relink (one migration behind) with a brand, a channel and a sealed token. */
async function olderDatabase(dataDir: string): Promise<string> {
  const file = join(dataDir, DATABASE_FILE)
  const db = openDatabase(file, { nowMs: NOW, migrations: MIGRATIONS.slice(0, -1) })
  db.sqlite.exec(`
    INSERT INTO brands VALUES ('b1', 'Acme', '#000000', 1, 1);
    INSERT INTO profiles (id, network, network_user_id, display_name, access_token_enc, created_at, updated_at) VALUES ('p1', 'x', 'u1', 'Dana', x'0102030405', 1, 1);
    INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES ('c1', 'x', 'n1', 'account', 'Acme on X', 1);
    INSERT INTO brand_channels VALUES ('b1', 'c1');
  `)
  await db.close()
  return file
}

describe('a backup before every migration', () => {
  it('copies the database, with what is still in its -wal, before migrating it', async () => {
    const dataDir = tempDir()
    const file = await olderDatabase(dataDir)
    const before = contents(file)
    const db = await openDatabaseWithBackup(file, { nowMs: NOW + 1, dataDir })
    await db.close()
    const backups = listBackups(dataDir)
    expect(backups).toMatchObject([{ kind: 'before-migration', schemaVersion: NEWEST - 1, createdAt: NOW + 1 }])
    expect(contents(join(dataDir, BACKUP_FOLDER, backups[0]?.name ?? ''))).toEqual(before)
  })

  it('takes none when nothing is to migrate, and keeps the newest few', async () => {
    const dataDir = tempDir()
    const file = join(dataDir, DATABASE_FILE)
    await (await openDatabaseWithBackup(file, { nowMs: NOW, dataDir })).close()
    await (await openDatabaseWithBackup(file, { nowMs: NOW, dataDir })).close()
    expect(listBackups(dataDir)).toEqual([])
    const dir = tempDir()
    for (let i = 0; i < KEEP_BACKUPS + 3; i++) {
      const older = join(dir, `v${i}`)
      mkdirSync(older)
      await olderDatabase(older)
    }
    // Eight upgrades of eight old databases into one data folder keep five backups.
    for (let i = 0; i < KEEP_BACKUPS + 3; i++) {
      const source = join(dir, `v${i}`, DATABASE_FILE)
      writeFileSync(file, readFileSync(source))
      await (await openDatabaseWithBackup(file, { nowMs: NOW + 60_000 * (i + 1), dataDir })).close()
    }
    const kept = listBackups(dataDir)
    expect(kept).toHaveLength(KEEP_BACKUPS)
    expect(kept[0]?.createdAt).toBe(NOW + 60_000 * (KEEP_BACKUPS + 3))
  })
})

describe('backups made in the same millisecond', () => {
  it('are numbered, and the newest is kept', async () => {
    const dataDir = tempDir()
    const db = openDatabase(join(dataDir, DATABASE_FILE), { nowMs: NOW })
    const made: string[] = []
    for (let i = 0; i < KEEP_BACKUPS + 3; i++) made.push((await backupDatabase(db.sqlite, dataDir, { kind: 'manual', schemaVersion: NEWEST, nowMs: NOW })).name)
    await db.close()
    expect(new Set(made).size).toBe(made.length)
    expect(listBackups(dataDir).map((b) => b.name)).toEqual(made.slice(-KEEP_BACKUPS).reverse())
  })
})

describe('killed in the middle of a migration', () => {
  it('starts again on the whole previous version, and the backup restores with nothing lost', async () => {
    const dataDir = tempDir()
    const file = await olderDatabase(dataDir)
    await (await openDatabaseWithBackup(file, { nowMs: NOW, dataDir })).close()
    const before = contents(file)

    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: ROOT, env: { ...process.env, RELINK_MIGRATE_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] })
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('migrating')) resolve()
      })
      child.once('exit', (code) => reject(new Error(`the child exited (${code}) before migrating`)))
    })
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))

    // Started again: the half-done migration was rolled back, so the database is the version before.
    expect(contents(file)).toEqual(before)
    const [backup] = listBackups(dataDir)
    expect(backup).toMatchObject({ kind: 'before-migration', schemaVersion: NEWEST })
    expect(contents(join(dataDir, BACKUP_FOLDER, backup?.name ?? ''))).toEqual(before)

    // And the way back works: the backup replaces the database, which is itself kept.
    const outcome = await restoreBackup(file, dataDir, 'latest', { newestSchema: NEWEST, nowMs: NOW + 5 })
    expect(outcome.restored).toBe(backup?.name)
    expect(contents(file)).toEqual(before)
    expect(listBackups(dataDir).map((b) => b.kind).sort()).toEqual(['before-migration', 'before-migration', 'before-restore'])
    const reopened = openDatabase(file, { nowMs: NOW + 6 })
    expect(reopened.sqlite.prepare('SELECT access_token_enc FROM profiles').get()).toEqual({ access_token_enc: Buffer.from([1, 2, 3, 4, 5]) })
    await reopened.close()
  }, 60_000)
})

describe('restore from Settings → Data and --restore-backup', () => {
  async function boot(dataDir: string, extra: { restoreBackup?: string; restart?: () => void } = {}) {
    const core = await createApp(createTestPorts(dataDir), { dataDir, version: 'test', demoMode: false, watch: false, ...extra })
    cores.push(core)
    return core
  }
  async function stop(core: RelinkCore) {
    cores.splice(cores.indexOf(core), 1)
    await core.dispose()
  }

  it('backs up by hand, restores at the next start, and keeps what it replaced', async () => {
    const dataDir = tempDir()
    let restarts = 0
    const first = await boot(dataDir, { restart: () => void restarts++ })
    await first.handlers['brands:create']({ name: 'Kept' })
    const backup = await first.handlers['data:back-up-now'](undefined)
    expect(backup).toMatchObject({ kind: 'manual', schemaVersion: NEWEST })
    await first.handlers['brands:create']({ name: 'Made after the backup' })
    expect(await first.handlers['data:restore-backup']({ name: backup.name })).toEqual({ restarting: true })
    await Promise.resolve()
    expect(restarts).toBe(1)
    expect((await first.handlers['data:list-backups'](undefined)).pendingRestore).toBe(backup.name)
    await stop(first)

    const second = await boot(dataDir)
    expect((await second.handlers['brands:list'](undefined)).map((b) => b.name)).toEqual(['Kept'])
    const list = await second.handlers['data:list-backups'](undefined)
    expect(list.pendingRestore).toBeNull()
    expect(list.lastRestore).toMatchObject({ restored: backup.name })
    const replaced = list.backups.find((b) => b.kind === 'before-restore')
    expect(replaced?.name).toBe(list.lastRestore?.keptAs)
    await stop(second)

    // The replaced database can itself be restored: nothing was lost.
    const third = await boot(dataDir, { restoreBackup: replaced?.name ?? '' })
    expect((await third.handlers['brands:list'](undefined)).map((b) => b.name)).toEqual(['Kept', 'Made after the backup'])
  })

  it('refuses a damaged backup and leaves the database as it was', async () => {
    const dataDir = tempDir()
    const first = await boot(dataDir)
    await first.handlers['brands:create']({ name: 'Kept' })
    const backup = await first.handlers['data:back-up-now'](undefined)
    await stop(first)
    writeFileSync(join(dataDir, BACKUP_FOLDER, backup.name), 'not a database')
    const before = readFileSync(join(dataDir, DATABASE_FILE))
    await expect(boot(dataDir, { restoreBackup: backup.name })).rejects.toMatchObject({ code: 'database_corrupt' })
    expect(readFileSync(join(dataDir, DATABASE_FILE)).equals(before)).toBe(true)
    expect(readdirSync(join(dataDir, BACKUP_FOLDER))).toEqual([backup.name])
  })

  it('reads the flag from the command line', () => {
    expect(restoreBackupFlag(['electron', '.'])).toBeUndefined()
    expect(restoreBackupFlag(['relink', '--restore-backup'])).toBe('latest')
    expect(restoreBackupFlag(['relink', '--restore-backup=relink-2026-01-01T00-00-00-000Z-manual-v6.db'])).toBe('relink-2026-01-01T00-00-00-000Z-manual-v6.db')
    expect(existsSync(CHILD)).toBe(true)
  })
})
