import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from './index'
import { m0017InboxUnreadIndex } from './0017_inbox_unread_index'

// How the inbox counted unread items per channel until the counts were kept by triggers (0024).
const UNREAD_BY_CHANNEL = `SELECT channel_id, count(*) AS n FROM inbox_items INDEXED BY inbox_items_unread
  WHERE state = 'new' AND read_at IS NULL GROUP BY channel_id`

describe('0017_inbox_unread_index', () => {
  it('counts unread items per channel from the index alone, without visiting the rows', () => {
    const db = new BetterSqlite3(':memory:')
    for (const m of MIGRATIONS.filter((m) => m.version < m0017InboxUnreadIndex.version)) m.up(db)
    const plan = (): string => (db.prepare(`EXPLAIN QUERY PLAN ${UNREAD_BY_CHANNEL}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ')
    expect(plan()).toBe('SCAN inbox_items USING INDEX inbox_items_unread')
    m0017InboxUnreadIndex.up(db)
    expect(plan()).toBe('SCAN inbox_items USING COVERING INDEX inbox_items_unread')
  })
})
