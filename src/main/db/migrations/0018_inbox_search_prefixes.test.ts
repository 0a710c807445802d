import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from './index'
import { m0018InboxSearchPrefixes } from './0018_inbox_search_prefixes'

function before(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:')
  for (const m of MIGRATIONS.filter((m) => m.version < m0018InboxSearchPrefixes.version)) m.up(db)
  db.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES ('c1', 'facebook', 'page1', 'page', 'Acme', 1)").run()
  return db
}

const insert = (db: BetterSqlite3.Database, id: string, text: string): number =>
  Number(
    db
      .prepare(
        `INSERT INTO inbox_items (network, network_comment_id, channel_id, stream, network_post_id, thread_id, author_name, text, created_at, first_seen_at, updated_at)
         VALUES ('facebook', ?, 'c1', 'comments', 'p1', ?, 'Zoë Martín', ?, 1, 1, 1)`,
      )
      .run(id, id, text).lastInsertRowid,
  )

const match = (db: BetterSqlite3.Database, q: string): number[] =>
  (db.prepare('SELECT rowid FROM inbox_fts WHERE inbox_fts MATCH ? ORDER BY rank, rowid').all(q) as { rowid: number }[]).map((r) => r.rowid)

describe('0018_inbox_search_prefixes', () => {
  it('indexes prefixes of 2 to 8 letters, keeping the comments indexed before and the triggers after', () => {
    const db = before()
    const old = insert(db, 'c-1', 'Où est mon remboursement ?')
    m0018InboxSearchPrefixes.up(db)
    const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'inbox_fts'").get() as { sql: string }).sql
    expect(sql).toContain("prefix = '2 3 4 5 6 7 8'")
    expect(sql).toContain("tokenize = 'unicode61 remove_diacritics 2'")
    for (const length of [2, 3, 4, 5, 6, 7, 8, 9]) expect(match(db, `"${'rembourse'.slice(0, length)}"*`), `${length}`).toEqual([old])
    expect(match(db, 'ou')).toEqual([old])
    const fresh = insert(db, 'c-2', 'Remboursé hier, merci')
    expect(match(db, '"rembours"*')).toEqual([fresh, old])
    db.prepare("UPDATE inbox_items SET text = 'Merci' WHERE id = ?").run(old)
    db.prepare('DELETE FROM inbox_items WHERE id = ?').run(fresh)
    expect(match(db, '"rembo"*')).toEqual([])
    expect(match(db, 'merci')).toEqual([old])
    db.exec("INSERT INTO inbox_fts(inbox_fts) VALUES ('integrity-check')")
    expect(db.prepare("SELECT v FROM inbox_fts_config WHERE k = 'rank'").pluck().get()).toBe('bm25(10.0, 3.0)')
  })
})
