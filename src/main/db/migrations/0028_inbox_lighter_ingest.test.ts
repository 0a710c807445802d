import type BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { insertComment, migratedBefore } from '../../../../tests/fakes/inbox-migrations'
import { createInboxQueries, ITEM_COLUMNS, THREAD_ITEMS } from '../../inbox/queries'
import { indexTotals } from '../../inbox/search'
import { createSearchIndex } from '../../inbox/search-index'
import { m0028InboxLighterIngest } from './0028_inbox_lighter_ingest'

const plan = (db: BetterSqlite3.Database, sql: string, ...params: unknown[]): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ')
const match = (db: BetterSqlite3.Database, q: string): number[] => db.prepare('SELECT rowid FROM inbox_fts WHERE inbox_fts MATCH ? ORDER BY rowid').pluck().all(q) as number[]
const config = (db: BetterSqlite3.Database) => Object.fromEntries((db.prepare('SELECT k, v FROM inbox_fts_config').all() as { k: string; v: unknown }[]).map((r) => [r.k, r.v]))

/** A reply by Zoë under `parent` on channel 'c1'; its row id. */
const insertReply = (db: BetterSqlite3.Database, id: string, parent: string, own = 0): number =>
  Number(
    db
      .prepare(
        `INSERT INTO inbox_items (network, network_comment_id, channel_id, stream, network_post_id, parent_comment_id, thread_id, author_name, text, own, created_at, first_seen_at, updated_at)
         VALUES ('facebook', ?, 'c1', 'comments', 'p1', ?, ?, 'Zoë Martín', 'Merci', ?, 2, 2, 2)`,
      )
      .run(id, parent, parent, own).lastInsertRowid,
  )

describe('0028_inbox_lighter_ingest', () => {
  it('keeps in the thread index only replies and the channel’s own comments, and still reads threads and "answered" through it', () => {
    const db = migratedBefore(m0028InboxLighterIngest.version)
    const answered = `SELECT ${ITEM_COLUMNS} FROM inbox_items i JOIN channels c ON c.id = i.channel_id WHERE i.id = 1`
    expect(plan(db, answered)).toContain('SEARCH r USING INDEX inbox_items_by_thread')
    m0028InboxLighterIngest.up(db)

    const top = insertComment(db, 'c-1', 'Ouvert dimanche ?')
    const reply = insertReply(db, 'c-2', 'c-1')
    const own = insertReply(db, 'c-3', 'c-1', 1)
    // A partial index: the top comment by someone else is not in it (its entries are the rows its WHERE takes).
    const indexes = db.prepare("SELECT name, partial FROM pragma_index_list('inbox_items') WHERE name = 'inbox_items_thread_replies'").all()
    expect(indexes).toEqual([{ name: 'inbox_items_thread_replies', partial: 1 }])
    const indexed = db.prepare('SELECT id FROM inbox_items INDEXED BY inbox_items_thread_replies WHERE (parent_comment_id IS NOT NULL OR own = 1) ORDER BY id').pluck().all()
    expect(indexed).toEqual([reply, own])
    expect(indexed).not.toContain(top)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'inbox_items_by_thread'").get()).toBeUndefined()

    expect(plan(db, answered)).toMatch(/SEARCH r USING INDEX inbox_items_thread_replies \(channel_id=\? AND thread_id=\? AND created_at>\?\)/)
    const needsReply = `SELECT i.id FROM inbox_items i WHERE i.own = 0 AND NOT EXISTS (SELECT 1 FROM inbox_items r WHERE r.channel_id = i.channel_id AND r.thread_id = i.thread_id AND r.own = 1 AND r.created_at >= i.created_at)`
    expect(plan(db, needsReply)).toMatch(/SEARCH r USING INDEX inbox_items_thread_replies \(channel_id=\? AND thread_id=\? AND created_at>\?\)/)

    const queries = createInboxQueries(db)
    expect(queries.thread(reply).map((i) => [i.id, i.answered])).toEqual([[top, true], [reply, true], [own, true]])
    const threadPlan = plan(db, THREAD_ITEMS, reply)
    expect(threadPlan).toContain('SEARCH i USING INDEX inbox_items_thread_replies (channel_id=? AND thread_id=?)')
    expect(threadPlan).toContain('SEARCH i USING INDEX sqlite_autoindex_inbox_items_1 (network=? AND network_comment_id=?)')
    expect(threadPlan).not.toMatch(/SCAN i\b/)
  })

  it('rebuilds the search index without each comment’s sizes, finding what was indexed and waiting before, with its totals and settings', () => {
    const db = migratedBefore(m0028InboxLighterIngest.version)
    const indexed = insertComment(db, 'c-1', 'Où est mon remboursement ?')
    createSearchIndex(db).catchUp()
    const waiting = insertComment(db, 'c-2', 'Remboursé hier, merci')
    const before = config(db)

    m0028InboxLighterIngest.up(db)
    const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'inbox_fts'").get() as { sql: string }).sql
    expect(sql).toContain('columnsize = 0')
    expect(sql).toContain('detail = none')
    expect(sql).toContain("prefix = '2 3 4 5 6 7 8'")
    expect(sql).toContain("tokenize = 'unicode61 remove_diacritics 2'")
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'inbox_fts_docsize'").get()).toBeUndefined()
    expect(config(db)).toEqual(before)
    expect(db.prepare('SELECT count(*) FROM inbox_fts_pending').pluck().get()).toBe(0)
    for (const length of [2, 5, 8, 9]) expect(match(db, `"${'rembourse'.slice(0, length)}"*`), `${length}`).toEqual([indexed, waiting])
    expect(indexTotals(db.prepare('SELECT block FROM inbox_fts_data WHERE id = 1').pluck().get() as Uint8Array)).toEqual({ docs: 2, meanLength: 5.5 })

    const fresh = insertComment(db, 'c-3', 'Café délicieux')
    createSearchIndex(db).catchUp()
    db.prepare("UPDATE inbox_items SET text = 'Thé chaud' WHERE id = ?").run(indexed)
    db.prepare('DELETE FROM inbox_items WHERE id = ?').run(waiting)
    expect(match(db, '"remb"*')).toEqual([])
    expect(match(db, '"cafe"*')).toEqual([fresh])
    expect(match(db, '"the"*')).toEqual([indexed])
    db.exec("INSERT INTO inbox_fts(inbox_fts) VALUES ('integrity-check')")
  })
})
