import type BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { insertComment, migratedBefore } from '../../../../tests/fakes/inbox-migrations'
import { m0022InboxDeliveryIndex } from './0022_inbox_delivery_index'

const plan = (db: BetterSqlite3.Database, sql: string): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ')

describe('0022_inbox_delivery_index', () => {
  it('finds the comments of a deleted delivery through an index, and still sets their pointer to NULL', () => {
    const db = migratedBefore(m0022InboxDeliveryIndex.version)
    db.pragma('foreign_keys = ON')
    // What SQLite runs for ON DELETE SET NULL when a delivery goes.
    expect(plan(db, 'UPDATE inbox_items SET delivery_id = NULL WHERE delivery_id = 1')).toMatch(/^SCAN inbox_items/)
    m0022InboxDeliveryIndex.up(db)
    expect(plan(db, 'UPDATE inbox_items SET delivery_id = NULL WHERE delivery_id = 1')).toMatch(/^SEARCH inbox_items USING (COVERING )?INDEX inbox_items_by_delivery \(delivery_id=\?\)/)

    db.prepare("INSERT INTO posts (id, status, time_zone, created_at, updated_at) VALUES ('p1', 'scheduled', 'UTC', 1, 1)").run()
    const delivery = db
      .prepare("INSERT INTO deliveries (post_id, channel_id, state, due_at, marker, created_at, updated_at) VALUES ('p1', 'c1', 'published', 1, 'm', 1, 1)")
      .run().lastInsertRowid
    const ours = insertComment(db, 'a', 'On our post')
    const theirs = insertComment(db, 'b', 'Elsewhere')
    db.prepare('UPDATE inbox_items SET delivery_id = ? WHERE id = ?').run(delivery, ours)
    db.prepare('DELETE FROM deliveries WHERE id = ?').run(delivery)
    expect(db.prepare('SELECT id, delivery_id FROM inbox_items ORDER BY id').all()).toEqual([
      { id: ours, delivery_id: null },
      { id: theirs, delivery_id: null },
    ])
  })
})
