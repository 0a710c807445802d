import type BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { insertComment as insert, migratedBefore } from '../../../../tests/fakes/inbox-migrations'
import { m0018InboxSearchPrefixes } from './0018_inbox_search_prefixes'

const match = (db: BetterSqlite3.Database, q: string): number[] =>
  (db.prepare('SELECT rowid FROM inbox_fts WHERE inbox_fts MATCH ? ORDER BY rank, rowid').all(q) as { rowid: number }[]).map((r) => r.rowid)

describe('0018_inbox_search_prefixes', () => {
  it('indexes prefixes of 2 to 8 letters, keeping the comments indexed before and the triggers after', () => {
    const db = migratedBefore(m0018InboxSearchPrefixes.version)
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
