/**
 * The matrix of files `openDatabase` must refuse before it changes anything: each case is a typed
 * error whose message names the file, and the file (with its -wal) is byte for byte as it was.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../tests/fakes/ports'
import { AppError, type ErrorCode } from '../../shared/errors'
import { openDatabase, type RelinkDatabase } from './client'
import { RELINK_APPLICATION_ID } from './file-checks'

const NOW = Date.UTC(2026, 0, 1)
const require = createRequire(import.meta.url)
const opened: RelinkDatabase[] = []
const children: ChildProcess[] = []
const chmodded: string[] = []
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close()
  for (const child of children.splice(0)) child.kill()
  for (const path of chmodded.splice(0)) chmodSync(path, 0o755)
})

/** The bytes of the database and its -wal, to compare after a refusal. */
function bytesOf(file: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {}
  for (const path of [file, `${file}-wal`]) if (existsSync(path)) out[path] = readFileSync(path)
  return out
}

function refused(file: string, code: ErrorCode, options: { busyTimeoutMs?: number } = {}): AppError {
  try {
    opened.push(openDatabase(file, { nowMs: NOW, ...options }))
  } catch (err) {
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe(code)
    return err as AppError
  }
  throw new Error(`expected ${code}, but the database opened`)
}

/** A Relink database with one brand, checkpointed and closed. */
async function relinkFile(dir = tempDir()): Promise<string> {
  const file = join(dir, 'relink.db')
  const db = openDatabase(file, { nowMs: NOW })
  db.sqlite.exec("INSERT INTO brands VALUES ('b', 'Acme', '#000000', 1, 1)")
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  await db.close()
  return file
}

/** The same database as a backup copy would be: `VACUUM INTO`, so in rollback-journal mode. */
async function rollbackJournalFile(): Promise<string> {
  const source = await relinkFile()
  const file = join(tempDir(), 'relink.db')
  const raw = new BetterSqlite3(source)
  raw.prepare('VACUUM INTO ?').run(file)
  raw.close()
  const check = new BetterSqlite3(file, { readonly: true })
  expect(check.pragma('journal_mode', { simple: true })).toBe('delete')
  check.close()
  return file
}

/** Another process that holds a lock on `file` until killed. */
async function holdLock(file: string, sql: string): Promise<void> {
  const script = `
    const Db = require(${JSON.stringify(require.resolve('better-sqlite3'))});
    const db = new Db(${JSON.stringify(file)});
    ${sql}
    process.stdout.write('locked\\n');
    setInterval(() => undefined, 1000);
  `
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  children.push(child)
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve())
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)))
  })
}

describe('openDatabase refuses, naming the path, and changes nothing', () => {
  it('a read-only data folder (also for an administrator)', async () => {
    const file = await relinkFile()
    const dir = join(file, '..')
    const before = bytesOf(file)
    chmodSync(dir, 0o555)
    chmodded.push(dir)
    const err = refused(file, 'database_unreadable')
    expect(err.message).toContain(dir)
    expect(err.message).toMatch(/writable/)
    expect(bytesOf(file)).toEqual(before)
  })

  it('a new database in a read-only folder', () => {
    const dir = tempDir()
    chmodSync(dir, 0o555)
    chmodded.push(dir)
    expect(refused(join(dir, 'relink.db'), 'database_unreadable').message).toContain(dir)
    expect(existsSync(join(dir, 'relink.db'))).toBe(false)
  })

  it('a read-only database file (refused at start, not on the first write)', async () => {
    const file = await relinkFile()
    const before = bytesOf(file)
    chmodSync(file, 0o444)
    chmodded.push(file)
    const err = refused(file, 'database_unreadable')
    expect(err.message).toContain(file)
    expect(bytesOf(file)).toEqual(before)
  })

  it('a write transaction held by another process', async () => {
    const file = await relinkFile()
    const before = readFileSync(file)
    await holdLock(file, "db.exec('BEGIN IMMEDIATE'); db.exec(\"INSERT INTO brands VALUES ('c', 'Other', '#000000', 1, 1)\");")
    const err = refused(file, 'database_locked', { busyTimeoutMs: 200 })
    expect(err.message).toContain(file)
    expect(err.message).toMatch(/another program/)
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('an exclusive lock held by another process on a rollback-journal file', async () => {
    const file = await rollbackJournalFile()
    const before = readFileSync(file)
    await holdLock(file, "db.pragma('locking_mode = EXCLUSIVE'); db.exec('BEGIN EXCLUSIVE');")
    refused(file, 'database_locked', { busyTimeoutMs: 200 })
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('a truncated file', async () => {
    const file = await relinkFile()
    truncateSync(file, Math.floor(readFileSync(file).length / 3))
    const before = bytesOf(file)
    expect(refused(file, 'database_corrupt').message).toContain(file)
    expect(bytesOf(file)).toEqual(before)
  })

  it('a file cut inside its header', () => {
    const file = join(tempDir(), 'relink.db')
    writeFileSync(file, 'SQLite format')
    refused(file, 'database_corrupt')
    expect(readFileSync(file, 'latin1')).toBe('SQLite format')
  })

  it('garbage', () => {
    const file = join(tempDir(), 'relink.db')
    writeFileSync(file, Buffer.alloc(20_000, 0x5a))
    const before = bytesOf(file)
    refused(file, 'database_corrupt')
    expect(bytesOf(file)).toEqual(before)
  })

  it("another program's SQLite file", () => {
    const file = join(tempDir(), 'relink.db')
    const other = new BetterSqlite3(file)
    other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('shopping list')")
    other.close()
    const before = bytesOf(file)
    const err = refused(file, 'database_foreign')
    expect(err.message).toContain(file)
    expect(err.message).toMatch(/another program/)
    expect(bytesOf(file)).toEqual(before)
  })

  it("another program's SQLite file that carries its own application id", () => {
    const file = join(tempDir(), 'relink.db')
    const other = new BetterSqlite3(file)
    other.pragma('application_id = 1598903374') // Fossil's
    other.close()
    const before = bytesOf(file)
    refused(file, 'database_foreign')
    expect(bytesOf(file)).toEqual(before)
  })

  it('a damaged rollback-journal file (as a backup copy is) stays in rollback-journal mode', async () => {
    const file = await rollbackJournalFile()
    const bytes = readFileSync(file)
    bytes.fill(0xab, 4096 + 8, 4096 + 400)
    writeFileSync(file, bytes)
    refused(file, 'database_corrupt')
    expect(readFileSync(file).equals(bytes)).toBe(true)
    expect(existsSync(`${file}-wal`)).toBe(false)
  })

  it('a too-new rollback-journal file', async () => {
    const file = await rollbackJournalFile()
    const raw = new BetterSqlite3(file)
    raw.prepare('INSERT INTO schema_version VALUES (?, ?, ?)').run(999, '0999_future', NOW)
    raw.close()
    const before = bytesOf(file)
    const err = refused(file, 'database_too_new')
    expect(err.message).toMatch(/newer version of Relink/)
    expect(err.message).toContain(file)
    expect(bytesOf(file)).toEqual(before)
  })

  it('a too-new schema that is still in the -wal', async () => {
    const source = await relinkFile()
    const writer = new BetterSqlite3(source)
    writer.pragma('wal_autocheckpoint = 0')
    writer.prepare('INSERT INTO schema_version VALUES (?, ?, ?)').run(999, '0999_future', NOW)
    // Copy while the writer is open, so the new row lives only in the -wal.
    const file = join(tempDir(), 'relink.db')
    copyFileSync(source, file)
    copyFileSync(`${source}-wal`, `${file}-wal`)
    writer.close()
    const before = bytesOf(file)
    expect(Object.keys(before)).toHaveLength(2)
    refused(file, 'database_too_new')
    expect(bytesOf(file)).toEqual(before)
  })
})

describe('openDatabase accepts and marks', () => {
  it('marks a new database as Relink’s', () => {
    const db = openDatabase(join(tempDir(), 'relink.db'), { nowMs: NOW })
    opened.push(db)
    expect(db.sqlite.pragma('application_id', { simple: true })).toBe(RELINK_APPLICATION_ID)
  })

  it('an empty file is a new database', () => {
    const file = join(tempDir(), 'relink.db')
    writeFileSync(file, '')
    const db = openDatabase(file, { nowMs: NOW })
    opened.push(db)
    expect(db.migration.from).toBe(0)
  })

  it('a database of an earlier Relink without the mark is accepted and marked', async () => {
    const file = await relinkFile()
    const raw = new BetterSqlite3(file)
    raw.pragma('application_id = 0')
    raw.close()
    const db = openDatabase(file, { nowMs: NOW })
    opened.push(db)
    expect(db.sqlite.pragma('application_id', { simple: true })).toBe(RELINK_APPLICATION_ID)
    expect(db.sqlite.prepare('SELECT name FROM brands').all()).toEqual([{ name: 'Acme' }])
  })
})
