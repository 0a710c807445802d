import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { m0001Initial } from './0001_initial'
import { m0002Connections } from './0002_connections'
import { m0003Scheduler } from './0003_scheduler'
import { m0004Sync } from './0004_sync'

function upTo4(withData: (db: BetterSqlite3.Database) => void = () => undefined) {
  const db = new BetterSqlite3(':memory:')
  db.pragma('foreign_keys = ON')
  m0001Initial.up(db)
  m0002Connections.up(db)
  m0003Scheduler.up(db)
  withData(db)
  m0004Sync.up(db)
  return db
}

const channel = (db: BetterSqlite3.Database, id: string) =>
  db.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES (?, 'x', ?, 'account', 'Ch', 1)").run(id, `n-${id}`)
const gap = (db: BetterSqlite3.Database, channelId: string, state: string, endedAt: number | null = null, stream = 'comments') =>
  db
    .prepare("INSERT INTO sync_gaps (channel_id, stream, started_at, ended_at, reason, state, created_at) VALUES (?, ?, 10, ?, 'revoked_by_user', ?, 10)")
    .run(channelId, stream, endedAt, state)

describe('0004_sync', () => {
  it('keeps existing channels and adds STRICT sync tables', () => {
    const db = upTo4((d) => channel(d, 'c1'))
    expect(db.prepare('SELECT id FROM channels').all()).toEqual([{ id: 'c1' }])
    const strict = db.prepare("SELECT name, strict FROM pragma_table_list WHERE name LIKE 'sync_%' ORDER BY name").all()
    expect(strict).toEqual([
      { name: 'sync_gaps', strict: 1 },
      { name: 'sync_runs', strict: 1 },
      { name: 'sync_state', strict: 1 },
    ])
  })

  it('keeps one state per channel and stream, and only known streams', () => {
    const db = upTo4((d) => channel(d, 'c1'))
    const insert = db.prepare('INSERT INTO sync_state (channel_id, stream) VALUES (?, ?)')
    insert.run('c1', 'comments')
    insert.run('c1', 'post_metrics')
    expect(() => insert.run('c1', 'comments')).toThrow(/UNIQUE|PRIMARY/)
    expect(() => insert.run('c1', 'stories')).toThrow(/CHECK/)
    expect(() => insert.run('nope', 'comments')).toThrow(/FOREIGN KEY/)
  })

  it('allows one gap per stream that is not closed, any number of closed ones', () => {
    const db = upTo4((d) => channel(d, 'c1'))
    gap(db, 'c1', 'closed', 20)
    gap(db, 'c1', 'closed', 30)
    gap(db, 'c1', 'open')
    expect(() => gap(db, 'c1', 'backfilling', 40)).toThrow(/UNIQUE/)
    gap(db, 'c1', 'open', null, 'mentions')
    expect(() => gap(db, 'c1', 'closed')).toThrow(/CHECK/)
    expect(() => gap(db, 'c1', 'closed', 5, 'post_metrics')).toThrow(/CHECK/)
  })

  it('drops a channel’s state, runs and gaps with the channel', () => {
    const db = upTo4((d) => channel(d, 'c1'))
    db.prepare("INSERT INTO sync_state (channel_id, stream) VALUES ('c1', 'comments')").run()
    db.prepare("INSERT INTO sync_runs (channel_id, stream, mode, started_at, finished_at, ok, items) VALUES ('c1', 'comments', 'poll', 1, 2, 1, 3)").run()
    gap(db, 'c1', 'open')
    db.prepare("DELETE FROM channels WHERE id = 'c1'").run()
    for (const table of ['sync_state', 'sync_runs', 'sync_gaps']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 })
    }
  })

  it('answers the engine’s wake-up and range queries from indexes', () => {
    const db = upTo4()
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ')
    expect(plan('SELECT min(next_run_at) FROM sync_state WHERE next_run_at IS NOT NULL')).toMatch(/sync_state_by_next_run/)
    expect(plan("SELECT * FROM sync_gaps WHERE channel_id = 'c' AND started_at < 100")).toMatch(/sync_gaps_by_channel|sync_gaps_one_open/)
    expect(plan("SELECT sum(items) FROM sync_runs WHERE channel_id = 'c' AND stream = 'comments' AND finished_at > 5")).toMatch(/sync_runs_by_stream/)
  })
})
