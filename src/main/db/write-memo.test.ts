import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../tests/fakes/ports'
import { createWriteMemo, writeMarkOf } from './write-memo'

const open: BetterSqlite3.Database[] = []
afterEach(() => {
  for (const db of open.splice(0)) db.close()
})

function database(file = ':memory:'): BetterSqlite3.Database {
  const db = new BetterSqlite3(file)
  open.push(db)
  return db
}

describe('answers kept while nothing is written', () => {
  it('are read again after any write, cascades included, and not kept when a write came while reading', async () => {
    const db = database()
    db.exec('PRAGMA foreign_keys = ON; CREATE TABLE a (id INTEGER PRIMARY KEY); CREATE TABLE b (a INTEGER REFERENCES a(id) ON DELETE CASCADE); INSERT INTO a VALUES (1); INSERT INTO b VALUES (1)')
    const mark = writeMarkOf(db)
    const remembered = createWriteMemo(async () => mark(), 2)
    let reads = 0
    const count = (): Promise<number> => remembered('b', async () => (reads++, db.prepare('SELECT count(*) FROM b').pluck().get() as number))
    expect(await count()).toBe(1)
    expect(await count()).toBe(1)
    expect(reads).toBe(1)
    db.exec('DELETE FROM a')
    expect(await count()).toBe(0)
    expect(reads).toBe(2)
    // A write while the answer was read: given to the asker, not kept.
    const during = await remembered('during', async () => {
      db.exec('INSERT INTO a VALUES (2)')
      return 'read'
    })
    expect(during).toBe('read')
    let again = 0
    await remembered('during', async () => again++)
    expect(again).toBe(1)
  })

  it('sees another connection’s writes to the same file', async () => {
    const file = join(tempDir('relink-write-memo-'), 'memo.db')
    const mine = database(file)
    mine.exec('CREATE TABLE t (x)')
    const other = database(file)
    const mark = writeMarkOf(mine)
    const before = mark()
    expect(mark()).toBe(before)
    other.exec('INSERT INTO t VALUES (1)')
    expect(mark()).not.toBe(before)
  })
})
