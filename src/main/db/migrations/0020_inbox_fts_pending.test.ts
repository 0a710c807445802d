import type BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createSearchIndex } from '../../inbox/search-index'
import { insertComment as insert, migratedBefore } from '../../../../tests/fakes/inbox-migrations'
import { m0020InboxFtsPending } from './0020_inbox_fts_pending'

const match = (db: BetterSqlite3.Database, q: string): number[] => (db.prepare('SELECT rowid FROM inbox_fts WHERE inbox_fts MATCH ? ORDER BY rowid').pluck().all(q) as number[])
const pending = (db: BetterSqlite3.Database): number[] => db.prepare('SELECT id FROM inbox_fts_pending ORDER BY id').pluck().all() as number[]

describe('0020_inbox_fts_pending', () => {
  it('keeps the comments indexed before, and queues new ones for the index, edits and deletions of either kind included', () => {
    const db = migratedBefore(m0020InboxFtsPending.version)
    const old = insert(db, 'c-1', 'Où est mon remboursement ?')
    const gone = insert(db, 'c-2', 'Remboursé hier')
    m0020InboxFtsPending.up(db)
    expect(match(db, '"rembours"*')).toEqual([old, gone])
    expect(db.prepare("SELECT v FROM inbox_fts_config WHERE k = 'hashsize'").pluck().get()).toBe(8388608)

    const fresh = insert(db, 'c-3', 'Merci pour le remboursement')
    const dropped = insert(db, 'c-4', 'Spam spam')
    expect(pending(db)).toEqual([fresh, dropped])
    expect(match(db, 'merci')).toEqual([])
    // A pending comment edited and one deleted: the index is not touched, the queue follows.
    db.prepare("UPDATE inbox_items SET text = 'Merci, bien reçu' WHERE id = ?").run(fresh)
    db.prepare('DELETE FROM inbox_items WHERE id = ?').run(dropped)
    expect(pending(db)).toEqual([fresh])
    // An indexed comment edited and one deleted: the index follows at once.
    db.prepare("UPDATE inbox_items SET text = 'Merci' WHERE id = ?").run(old)
    db.prepare('DELETE FROM inbox_items WHERE id = ?').run(gone)
    expect(match(db, '"rembours"*')).toEqual([])
    expect(match(db, 'merci')).toEqual([old])
    db.exec("INSERT INTO inbox_fts(inbox_fts, rank) VALUES ('integrity-check', 0)")

    createSearchIndex(db).catchUp()
    expect(pending(db)).toEqual([])
    expect(match(db, 'merci')).toEqual([old, fresh])
    expect(match(db, 'recu')).toEqual([fresh])
    expect(match(db, 'spam')).toEqual([])
    // The index now matches the comments exactly.
    db.exec("INSERT INTO inbox_fts(inbox_fts) VALUES ('integrity-check')")
  })
})
