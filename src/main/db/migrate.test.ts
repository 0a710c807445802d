import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import { currentSchemaVersion, migrate } from './migrate'
import { MIGRATIONS, type Migration } from './migrations'

const NOW = Date.UTC(2026, 0, 1)

describe('migrate', () => {
  it('applies every migration in order and records each version', () => {
    const db = new BetterSqlite3(':memory:')
    const report = migrate(db, MIGRATIONS, NOW)
    expect(report).toEqual({ from: 0, to: MIGRATIONS.length, applied: MIGRATIONS.map((m) => m.name) })
    const rows = db.prepare('SELECT version, name, applied_at FROM schema_version ORDER BY version').all()
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name, applied_at: NOW })))
  })

  it('is a no-op the second time', () => {
    const db = new BetterSqlite3(':memory:')
    migrate(db, MIGRATIONS, NOW)
    expect(migrate(db, MIGRATIONS, NOW + 1).applied).toEqual([])
  })

  it('refuses a database written by a newer Relink and leaves it untouched', () => {
    const db = new BetterSqlite3(':memory:')
    migrate(db, MIGRATIONS, NOW)
    db.prepare('INSERT INTO schema_version VALUES (?, ?, ?)').run(MIGRATIONS.length + 5, 'future', NOW)
    const before = db.prepare('SELECT count(*) AS n FROM schema_version').get()
    expect(() => migrate(db, MIGRATIONS, NOW)).toThrow(AppError)
    try {
      migrate(db, MIGRATIONS, NOW)
    } catch (err) {
      expect((err as AppError).code).toBe('database_too_new')
      expect((err as AppError).message).toMatch(/newer version of Relink/)
    }
    expect(db.prepare('SELECT count(*) AS n FROM schema_version').get()).toEqual(before)
  })

  const broken: Migration = {
    version: 3,
    name: '0003_broken',
    up(d) {
      d.exec('CREATE TABLE half (x INTEGER)')
      d.exec('THIS IS NOT SQL')
    },
  }

  it('rolls back an upgrade that fails halfway, keeping the last whole version', () => {
    const db = new BetterSqlite3(':memory:')
    migrate(db, MIGRATIONS.slice(0, 1), NOW)
    expect(() => migrate(db, [...MIGRATIONS.slice(0, 2), broken], NOW)).toThrow()
    expect(currentSchemaVersion(db)).toBe(2)
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 })
  })

  it('makes a new database in one transaction: a failure leaves no schema at all, and success is one commit', () => {
    const db = new BetterSqlite3(':memory:')
    expect(() => migrate(db, [...MIGRATIONS.slice(0, 2), broken], NOW)).toThrow()
    expect(currentSchemaVersion(db)).toBe(0)
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 })

    const fresh = new BetterSqlite3(':memory:')
    let transactions = 0
    const transaction = fresh.transaction.bind(fresh)
    fresh.transaction = ((fn: Parameters<typeof transaction>[0]) => {
      transactions++
      return transaction(fn)
    }) as typeof fresh.transaction
    migrate(fresh, MIGRATIONS, NOW)
    expect(transactions).toBe(1)
    expect(currentSchemaVersion(fresh)).toBe(MIGRATIONS.length)
  })

  it('rejects a registry that is out of order or misnamed', () => {
    const db = new BetterSqlite3(':memory:')
    const m = (version: number, name: string): Migration => ({ version, name, up: () => undefined })
    expect(() => migrate(db, [m(2, '0002_x')], NOW)).toThrow(/expected 1/)
    expect(() => migrate(db, [m(1, 'first')], NOW)).toThrow(/does not start with its version/)
  })
})
