import { describe, expect, it } from 'vitest'
import { insertComment, migratedBefore } from '../../../../tests/fakes/inbox-migrations'
import { createSearchIndex } from '../../inbox/search-index'
import { m0027InboxFtsWithoutPositions } from './0027_inbox_fts_without_positions'

type Db = ReturnType<typeof migratedBefore>
const match = (db: Db, q: string): number[] => db.prepare('SELECT rowid FROM inbox_fts WHERE inbox_fts MATCH ? ORDER BY rowid').pluck().all(q) as number[]
const pending = (db: Db): number[] => db.prepare('SELECT id FROM inbox_fts_pending ORDER BY id').pluck().all() as number[]
const config = (db: Db) => Object.fromEntries((db.prepare('SELECT k, v FROM inbox_fts_config').all() as { k: string; v: unknown }[]).map((r) => [r.k, r.v]))

describe('0027_inbox_fts_without_positions', () => {
  it('rebuilds the index without positions, finding the comments indexed and waiting before, with the same words, prefixes and settings', () => {
    const db = migratedBefore(m0027InboxFtsWithoutPositions.version)
    const indexed = insertComment(db, 'c-1', 'Où est mon remboursement ?')
    createSearchIndex(db).catchUp()
    const waiting = insertComment(db, 'c-2', 'Remboursé hier, merci')
    expect(pending(db)).toEqual([waiting])
    const before = config(db)

    m0027InboxFtsWithoutPositions.up(db)
    const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'inbox_fts'").get() as { sql: string }).sql
    expect(sql).toContain('detail = none')
    expect(sql).toContain("prefix = '2 3 4 5 6 7 8'")
    expect(sql).toContain("tokenize = 'unicode61 remove_diacritics 2'")
    expect(config(db)).toEqual(before)
    expect(pending(db)).toEqual([])
    for (const length of [2, 3, 5, 8, 9]) expect(match(db, `"${'rembourse'.slice(0, length)}"*`), `${length}`).toEqual([indexed, waiting])
    expect(match(db, '"ou"* "remb"*')).toEqual([indexed])
    expect(match(db, '"zoe"* "merci"')).toEqual([waiting])
    db.exec("INSERT INTO inbox_fts(inbox_fts) VALUES ('integrity-check')")
  })

  it('keeps the index in step afterwards: new comments through the waiting list, edits and deletions at once', () => {
    const db = migratedBefore(m0027InboxFtsWithoutPositions.version)
    const old = insertComment(db, 'c-1', 'Café froid')
    m0027InboxFtsWithoutPositions.up(db)
    const fresh = insertComment(db, 'c-2', 'Café délicieux')
    expect(match(db, '"cafe"*')).toEqual([old])
    createSearchIndex(db).catchUp()
    expect(match(db, '"cafe"*')).toEqual([old, fresh])
    db.prepare("UPDATE inbox_items SET text = 'Thé chaud' WHERE id = ?").run(old)
    db.prepare('DELETE FROM inbox_items WHERE id = ?').run(fresh)
    expect(match(db, '"cafe"*')).toEqual([])
    expect(match(db, '"the"*')).toEqual([old])
    db.exec("INSERT INTO inbox_fts(inbox_fts) VALUES ('integrity-check')")
  })
})
