import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from './index'
import { m0014InboxPostIndex } from './0014_inbox_post_index'

describe('0014_inbox_post_index', () => {
  it('finds the delivery of a comment’s post by channel and network post id without scanning', () => {
    const db = new BetterSqlite3(':memory:')
    for (const m of MIGRATIONS.filter((m) => m.version < m0014InboxPostIndex.version)) m.up(db)
    const plan = (sql: string): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ')
    const post = `SELECT id FROM deliveries WHERE channel_id = 'c' AND network_post_id = 'p' LIMIT 1`
    expect(plan(post)).toMatch(/SCAN deliveries/)
    m0014InboxPostIndex.up(db)
    expect(plan(post)).toMatch(/USING (COVERING )?INDEX deliveries_by_channel_network_post \(channel_id=\? AND network_post_id=\?\)/)
  })
})
