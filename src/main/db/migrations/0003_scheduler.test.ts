import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { m0001Initial } from './0001_initial'
import { m0002Connections } from './0002_connections'
import { m0003Scheduler } from './0003_scheduler'

function upTo3(withData: (db: BetterSqlite3.Database) => void = () => undefined) {
  const db = new BetterSqlite3(':memory:')
  db.pragma('foreign_keys = ON')
  m0001Initial.up(db)
  m0002Connections.up(db)
  withData(db)
  m0003Scheduler.up(db)
  return db
}

const channel = (db: BetterSqlite3.Database, id: string) =>
  db.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES (?, 'x', ?, 'account', 'Ch', 1)").run(id, `n-${id}`)
const post = (db: BetterSqlite3.Database, id: string, status = 'scheduled') =>
  db.prepare("INSERT INTO posts (id, status, text, publish_at, time_zone, created_at, updated_at) VALUES (?, ?, 'hi', 10, 'Europe/Paris', 1, 1)").run(id, status)
const delivery = (db: BetterSqlite3.Database, id: number, postId: string, channelId: string, marker: string, state = 'scheduled') =>
  db
    .prepare('INSERT INTO deliveries (id, post_id, channel_id, state, due_at, next_attempt_at, marker, created_at, updated_at) VALUES (?, ?, ?, ?, 10, 10, ?, 1, 1)')
    .run(id, postId, channelId, state, marker)

describe('0003_scheduler', () => {
  it('keeps existing channels and adds the scheduler tables as STRICT tables', () => {
    const db = upTo3((d) => channel(d, 'c1'))
    expect(db.prepare('SELECT id FROM channels').all()).toEqual([{ id: 'c1' }])
    const strict = db.prepare("SELECT name, strict FROM pragma_table_list WHERE name IN ('media', 'posts', 'deliveries', 'delivery_attempts') ORDER BY name").all()
    expect(strict).toEqual([
      { name: 'deliveries', strict: 1 },
      { name: 'delivery_attempts', strict: 1 },
      { name: 'media', strict: 1 },
      { name: 'posts', strict: 1 },
    ])
    expect(() => db.prepare("INSERT INTO posts (id, status, time_zone, publish_at, created_at, updated_at) VALUES ('p', 'draft', 'UTC', 'soon', 1, 1)").run()).toThrow(
      /cannot store TEXT value in INTEGER column/,
    )
  })

  it('allows one delivery per post and channel, and refuses a repeated marker', () => {
    const db = upTo3()
    channel(db, 'c1')
    channel(db, 'c2')
    post(db, 'p1')
    delivery(db, 1, 'p1', 'c1', 'rl-aaa')
    expect(() => delivery(db, 2, 'p1', 'c1', 'rl-bbb')).toThrow(/UNIQUE/)
    expect(() => delivery(db, 3, 'p1', 'c2', 'rl-aaa')).toThrow(/UNIQUE/)
    delivery(db, 4, 'p1', 'c2', 'rl-ccc')
  })

  it('checks states and statuses', () => {
    const db = upTo3()
    channel(db, 'c1')
    expect(() => post(db, 'p0', 'sent')).toThrow(/CHECK/)
    post(db, 'p1')
    expect(() => delivery(db, 1, 'p1', 'c1', 'rl-a', 'lost')).toThrow(/CHECK/)
    for (const [i, state] of ['scheduled', 'claimed', 'publishing', 'published', 'held', 'failed', 'needs_review', 'skipped', 'missed'].entries()) {
      channel(db, `s${i}`)
      delivery(db, 10 + i, 'p1', `s${i}`, `rl-${i}`, state)
    }
  })

  it('drops deliveries and their attempts with the post, and deliveries with their channel', () => {
    const db = upTo3()
    channel(db, 'c1')
    channel(db, 'c2')
    post(db, 'p1')
    delivery(db, 1, 'p1', 'c1', 'rl-a')
    delivery(db, 2, 'p1', 'c2', 'rl-b')
    db.prepare("INSERT INTO delivery_attempts (delivery_id, kind, started_at) VALUES (1, 'publish', 5)").run()
    db.exec("DELETE FROM channels WHERE id = 'c2'")
    expect(db.prepare('SELECT id FROM deliveries').all()).toEqual([{ id: 1 }])
    db.exec("DELETE FROM posts WHERE id = 'p1'")
    expect(db.prepare('SELECT count(*) AS n FROM deliveries').get()).toEqual({ n: 0 })
    expect(db.prepare('SELECT count(*) AS n FROM delivery_attempts').get()).toEqual({ n: 0 })
  })

  it('finds the next due delivery with one index seek', () => {
    const db = upTo3()
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT min(next_attempt_at) FROM deliveries WHERE state = 'scheduled'")
      .all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/SEARCH deliveries USING COVERING INDEX deliveries_by_state_next/)
  })
})
