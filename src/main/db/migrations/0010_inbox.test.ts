import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from './index'
import { m0010Inbox } from './0010_inbox'

function open(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:')
  db.pragma('foreign_keys = ON')
  for (const m of MIGRATIONS) {
    if (m.version >= m0010Inbox.version) break
    m.up(db)
  }
  m0010Inbox.up(db)
  db.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES ('c1', 'facebook', 'page1', 'page', 'Acme', 1)").run()
  return db
}

const insert = (db: BetterSqlite3.Database, id: string, text: string, author = 'Zoë Martín'): number =>
  Number(
    db
      .prepare(
        `INSERT INTO inbox_items (network, network_comment_id, channel_id, stream, network_post_id, thread_id, author_name, text, created_at, first_seen_at, updated_at)
         VALUES ('facebook', ?, 'c1', 'comments', 'p1', ?, ?, ?, 1, 1, 1)`,
      )
      .run(id, id, author, text).lastInsertRowid,
  )

const match = (db: BetterSqlite3.Database, q: string): number[] =>
  (db.prepare('SELECT rowid FROM inbox_fts WHERE inbox_fts MATCH ? ORDER BY rank').all(q) as { rowid: number }[]).map((r) => r.rowid)

describe('0010_inbox', () => {
  it('stores a comment once per network id', () => {
    const db = open()
    insert(db, 'c-1', 'Hello')
    expect(() => insert(db, 'c-1', 'Hello again')).toThrow(/UNIQUE/)
  })

  it('finds words without their accents, by prefix, and ranks the text above the author', () => {
    const db = open()
    const cafe = insert(db, 'c-1', 'Le café était délicieux ☕', 'Ana')
    const recept = insert(db, 'c-2', 'Where is my receipt?', 'Bob')
    const byAuthor = insert(db, 'c-3', 'Nice photo', 'Café Lover')
    const tokyo = insert(db, 'c-4', '東京 のお店 はどこですか', 'Ken')
    expect(match(db, 'cafe')).toEqual([cafe, byAuthor])
    expect(match(db, 'CAFÉ')).toEqual([cafe, byAuthor])
    expect(match(db, 'delic*')).toEqual([cafe])
    expect(match(db, 're*')).toEqual([recept])
    expect(match(db, 'author_name: bob')).toEqual([recept])
    expect(match(db, '東京')).toEqual([tokyo])
    const snippet = db.prepare(`SELECT snippet(inbox_fts, 0, '[', ']', '…', 8) AS s FROM inbox_fts WHERE inbox_fts MATCH 'delicieux'`).get() as { s: string }
    expect(snippet.s).toContain('[délicieux]')
  })

  it('keeps the index in step with edits and deletions, and leaves it alone for triage changes', () => {
    const db = open()
    const id = insert(db, 'c-1', 'First words')
    db.prepare("UPDATE inbox_items SET text = 'Second thoughts' WHERE id = ?").run(id)
    expect(match(db, 'first')).toEqual([])
    expect(match(db, 'second')).toEqual([id])
    db.prepare("UPDATE inbox_items SET state = 'done' WHERE id = ?").run(id)
    expect(match(db, 'second')).toEqual([id])
    db.prepare('DELETE FROM inbox_items WHERE id = ?').run(id)
    expect(match(db, 'second')).toEqual([])
    db.exec("INSERT INTO inbox_fts(inbox_fts) VALUES ('integrity-check')")
  })

  it('removes a channel’s items, labels, notes and actions with the channel', () => {
    const db = open()
    const id = insert(db, 'c-1', 'Hello')
    db.prepare("INSERT INTO inbox_labels (item_id, label) VALUES (?, 'urgent')").run(id)
    db.prepare("INSERT INTO inbox_notes (item_id, text, created_at) VALUES (?, 'Call them', 1)").run(id)
    db.prepare("INSERT INTO inbox_actions (item_id, channel_id, kind, text, state, due_at, created_at, updated_at) VALUES (?, 'c1', 'reply', 'Thanks', 'queued', 1, 1, 1)").run(id)
    db.prepare("DELETE FROM channels WHERE id = 'c1'").run()
    for (const table of ['inbox_items', 'inbox_labels', 'inbox_notes', 'inbox_actions']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 })
    }
    expect(match(db, 'hello')).toEqual([])
  })

  it('refuses unknown states and action kinds', () => {
    const db = open()
    const id = insert(db, 'c-1', 'Hello')
    expect(() => db.prepare("UPDATE inbox_items SET state = 'archived' WHERE id = ?").run(id)).toThrow(/CHECK/)
    expect(() =>
      db.prepare("INSERT INTO inbox_actions (item_id, channel_id, kind, state, due_at, created_at, updated_at) VALUES (?, 'c1', 'retweet', 'queued', 1, 1, 1)").run(id),
    ).toThrow(/CHECK/)
  })
})
