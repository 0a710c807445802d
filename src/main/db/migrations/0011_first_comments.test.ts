import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from './index'
import { m0011FirstComments } from './0011_first_comments'

describe('0011_first_comments', () => {
  it('gives existing posts no first comment and queues one comment per delivery', () => {
    const db = new BetterSqlite3(':memory:')
    db.pragma('foreign_keys = ON')
    for (const m of MIGRATIONS.filter((m) => m.version < 11)) m.up(db)
    db.prepare("INSERT INTO posts (id, status, text, time_zone, created_at, updated_at) VALUES ('p1', 'scheduled', 'Hello', 'UTC', 1, 1)").run()
    m0011FirstComments.up(db)
    expect(db.prepare('SELECT text, first_comment FROM posts').get()).toEqual({ text: 'Hello', first_comment: null })
    expect(() => db.prepare(`INSERT INTO first_comments (delivery_id, channel_id, state, due_at, updated_at) VALUES (1, 'c', 'pending', 1, 1)`).run()).toThrow(/FOREIGN KEY/)
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT min(next_attempt_at) FROM first_comments WHERE next_attempt_at IS NOT NULL`).all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toContain('first_comments_due')
  })
})
