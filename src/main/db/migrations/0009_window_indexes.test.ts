import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from './index'
import { m0009WindowIndexes } from './0009_window_indexes'

describe('0009_window_indexes', () => {
  it('lets the per-channel questions seek by state, channel and time', () => {
    const db = new BetterSqlite3(':memory:')
    for (const m of MIGRATIONS.filter((m) => m.version < m0009WindowIndexes.version)) m.up(db)
    const plan = (sql: string): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ')
    const atRisk = `SELECT count(*) FROM deliveries WHERE state = 'scheduled' AND channel_id = 'c' AND due_at >= 5`
    expect(plan(atRisk)).not.toMatch(/channel_id=\?/)
    m0009WindowIndexes.up(db)
    expect(plan(atRisk)).toMatch(/USING COVERING INDEX deliveries_by_state_channel_due \(state=\? AND channel_id=\? AND due_at>\?\)/)
  })
})
