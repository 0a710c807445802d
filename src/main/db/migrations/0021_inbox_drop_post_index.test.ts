import type BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migratedBefore } from '../../../../tests/fakes/inbox-migrations'
import { ITEM_COLUMNS } from '../../inbox/queries'
import { m0021InboxDropPostIndex } from './0021_inbox_drop_post_index'

const plan = (db: BetterSqlite3.Database, sql: string): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ')

describe('0021_inbox_drop_post_index', () => {
  it('drops the post index, and a thread and its "answered" mark are still read through the thread index', () => {
    const db = migratedBefore(m0021InboxDropPostIndex.version)
    m0021InboxDropPostIndex.up(db)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'inbox_items_by_post'").get()).toBeUndefined()
    const thread = plan(db, `SELECT ${ITEM_COLUMNS} FROM inbox_items i JOIN channels c ON c.id = i.channel_id WHERE i.channel_id = 'c1' AND i.thread_id = 't' ORDER BY i.created_at`)
    expect(thread).toContain('SEARCH i USING INDEX inbox_items_by_thread (channel_id=? AND thread_id=?)')
    expect(thread).toMatch(/SEARCH r USING INDEX inbox_items_by_thread \(channel_id=\? AND thread_id=\? AND created_at>\?\)/)
    expect(thread).not.toContain('SCAN')
  })
})
