import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from './index'
import { m0025CalendarDayIndex } from './0025_calendar_day_index'

describe('0025_calendar_day_index', () => {
  it('reads a day’s posts and channels from the index alone, and keeps the state and time seeks', () => {
    const db = new BetterSqlite3(':memory:')
    for (const m of MIGRATIONS.filter((m) => m.version < m0025CalendarDayIndex.version)) m.up(db)
    const plan = (sql: string): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ')
    const day = `SELECT post_id, channel_id FROM deliveries WHERE state = 'scheduled' AND due_at >= 5 AND due_at < 9`
    const due = `SELECT id FROM deliveries WHERE state = 'scheduled' AND due_at < 9 ORDER BY due_at`
    expect(plan(day)).not.toMatch(/COVERING/)
    m0025CalendarDayIndex.up(db)
    expect(plan(day)).toMatch(/USING COVERING INDEX deliveries_by_state_due_post \(state=\? AND due_at>\? AND due_at<\?\)/)
    expect(plan(due)).toMatch(/USING COVERING INDEX deliveries_by_state_due_post \(state=\? AND due_at<\?\)/)
    expect(plan(due)).not.toMatch(/TEMP B-TREE/)
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'deliveries_by_state_due'`).all()).toEqual([])
  })
})
