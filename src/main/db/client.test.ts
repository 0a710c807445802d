import { createRequire } from 'node:module'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../tests/fakes/ports'
import { AppError } from '../../shared/errors'
import { openDatabase, type RelinkDatabase } from './client'
import { MIGRATIONS } from './migrations'

const NOW = Date.UTC(2026, 0, 1)
const require = createRequire(import.meta.url)
const opened: RelinkDatabase[] = []
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close()
})

function expectAppError(fn: () => unknown, code: AppError['code']): AppError {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe(code)
    return err as AppError
  }
  throw new Error(`expected ${code}`)
}

describe('openDatabase', () => {
  it('creates, migrates and applies the durability pragmas', () => {
    const file = join(tempDir(), 'relink.db')
    const db = openDatabase(file, { nowMs: NOW })
    opened.push(db)
    expect(db.migration.to).toBe(MIGRATIONS.length)
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(2) // FULL
    expect(db.sqlite.pragma('cache_size', { simple: true })).toBe(-32768) // 32 MiB
    expect(Number(db.sqlite.pragma('busy_timeout', { simple: true }))).toBeGreaterThanOrEqual(5000)
    expect(db.sqlite.pragma('temp_store', { simple: true })).toBe(2) // MEMORY
  })

  it('keeps statement journals in memory only after the migrations, which journal to disk', () => {
    const seen: unknown[] = []
    const migrations = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: `${String(MIGRATIONS.length + 1).padStart(4, '0')}_probe`, up: (db: BetterSqlite3.Database) => void seen.push(db.pragma('temp_store', { simple: true })) }]
    const db = openDatabase(join(tempDir(), 'relink.db'), { nowMs: NOW, migrations })
    opened.push(db)
    expect(seen).toEqual([0]) // DEFAULT: to a file past 64 KiB
    expect(db.sqlite.pragma('temp_store', { simple: true })).toBe(2)
  })

  it('reopens an existing database without re-running migrations', async () => {
    const file = join(tempDir(), 'relink.db')
    await openDatabase(file, { nowMs: NOW }).close()
    const again = openDatabase(file, { nowMs: NOW + 1 })
    opened.push(again)
    expect(again.migration.applied).toEqual([])
  })

  it('detects a file that is not SQLite and leaves it byte for byte', () => {
    const file = join(tempDir(), 'relink.db')
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(100))
    const before = readFileSync(file)
    const err = expectAppError(() => openDatabase(file, { nowMs: NOW }), 'database_corrupt')
    expect(err.message).toMatch(/damaged/)
    expect(err.message).toContain(file)
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('detects a SQLite file whose pages are damaged and keeps it', async () => {
    const file = join(tempDir(), 'relink.db')
    const db = openDatabase(file, { nowMs: NOW })
    db.sqlite.exec("INSERT INTO brands VALUES ('b', 'Acme', '#000000', 1, 1)")
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    await db.close()
    const bytes = readFileSync(file)
    // Scribble over the second page (the first table's b-tree) but keep the header intact.
    bytes.fill(0xab, 4096 + 8, 4096 + 400)
    writeFileSync(file, bytes)
    expectAppError(() => openDatabase(file, { nowMs: NOW }), 'database_corrupt')
    expect(readFileSync(file).equals(bytes)).toBe(true)
  })

  it('refuses a database from a newer Relink with a plain message', async () => {
    const file = join(tempDir(), 'relink.db')
    await openDatabase(file, { nowMs: NOW }).close()
    const raw = new BetterSqlite3(file)
    raw.prepare('INSERT INTO schema_version VALUES (?, ?, ?)').run(999, '0999_future', NOW)
    raw.close()
    const err = expectAppError(() => openDatabase(file, { nowMs: NOW }), 'database_too_new')
    expect(err.message).toMatch(/newer version of Relink/)
  })

  it('reports a database another process holds locked, after waiting', async () => {
    const file = join(tempDir(), 'relink.db')
    // A fresh file whose first write (journal mode switch) needs the lock another process holds.
    const holder = `
      const Db = require(${JSON.stringify(require.resolve('better-sqlite3'))});
      const db = new Db(${JSON.stringify(file)});
      db.exec('CREATE TABLE t (x)'); db.exec('BEGIN EXCLUSIVE'); db.exec('INSERT INTO t VALUES (1)');
      process.stdout.write('locked\\n');
      setTimeout(() => process.exit(0), 12000);
    `
    const child = (await import('node:child_process')).spawn(process.execPath, ['-e', holder], { stdio: ['ignore', 'pipe', 'inherit'] })
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
    try {
      const started = process.hrtime.bigint()
      expectAppError(() => openDatabase(file, { nowMs: NOW }), 'database_locked')
      expect(Number(process.hrtime.bigint() - started) / 1e6).toBeGreaterThanOrEqual(4_000)
    } finally {
      child.kill()
    }
  }, 20_000)

  it('reports an unreadable path plainly', () => {
    const dir = tempDir()
    expectAppError(() => openDatabase(join(dir, 'missing-folder', 'relink.db'), { nowMs: NOW }), 'database_unreadable')
  })
})

