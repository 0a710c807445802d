import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from './index'
import { m0007ReviewCandidates } from './0007_review_candidates'

describe('0007_review_candidates', () => {
  it('keeps existing deliveries (and their markers) with no candidates and no container, and accepts only a JSON array', () => {
    const db = new BetterSqlite3(':memory:')
    for (const m of MIGRATIONS.filter((m) => m.version < m0007ReviewCandidates.version)) m.up(db)
    db.prepare("INSERT INTO posts (id, status, text, time_zone, created_at, updated_at) VALUES ('p1', 'scheduled', 'Hello', 'UTC', 1, 1)").run()
    db.prepare("INSERT INTO channels (id, network, instance, network_channel_id, kind, name, handle, created_at) VALUES ('c1', 'x', '', 'n1', 'account', 'A', 'a', 1)").run()
    db.prepare("INSERT INTO deliveries (id, post_id, channel_id, state, due_at, marker, created_at, updated_at) VALUES (1, 'p1', 'c1', 'publishing', 1, 'rl-abcdefghijkl', 1, 1)").run()
    m0007ReviewCandidates.up(db)
    expect(db.prepare('SELECT marker, review_candidates, container_id FROM deliveries').get()).toEqual({ marker: 'rl-abcdefghijkl', review_candidates: null, container_id: null })
    db.prepare(`UPDATE deliveries SET review_candidates = '[{"networkPostId":"1","url":"u","publishedAt":1}]', container_id = '1790'`).run()
    expect(() => db.prepare(`UPDATE deliveries SET review_candidates = '{}'`).run()).toThrow(/CHECK/)
  })
})
