import BetterSqlite3 from 'better-sqlite3'
import { expect, it } from 'vitest'
import { m0001Initial } from './0001_initial'

const NOW = 1_767_225_600_000

function fresh() {
  const db = new BetterSqlite3(':memory:')
  db.pragma('foreign_keys = ON')
  m0001Initial.up(db)
  return db
}

it('creates the first tables as STRICT tables', () => {
  const db = fresh()
  const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string; sql: string }[]
  expect(tables.map((t) => t.name)).toEqual(['app_settings', 'brand_channels', 'brands', 'channel_links', 'channels', 'profiles'])
  for (const t of tables) expect(t.sql).toMatch(/STRICT$/)
})

it('keeps brand names unique regardless of case and non-blank', () => {
  const db = fresh()
  const insert = db.prepare('INSERT INTO brands (id, name, color, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
  insert.run('b1', 'Acme', '#000000', NOW, NOW)
  expect(() => insert.run('b2', 'ACME', '#000000', NOW, NOW)).toThrow(/UNIQUE/)
  expect(() => insert.run('b3', '   ', '#000000', NOW, NOW)).toThrow(/CHECK/)
})

it('cascades channel and profile deletion to links and brand memberships', () => {
  const db = fresh()
  db.prepare("INSERT INTO brands VALUES ('b1', 'Acme', '#000000', ?, ?)").run(NOW, NOW)
  db.prepare("INSERT INTO profiles (id, network, network_user_id, display_name, created_at, updated_at) VALUES ('p1', 'facebook', 'u1', 'Ann', ?, ?)").run(NOW, NOW)
  db.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES ('c1', 'facebook', 'page1', 'page', 'Acme Page', ?)").run(NOW)
  db.prepare("INSERT INTO channel_links (channel_id, profile_id, created_at) VALUES ('c1', 'p1', ?)").run(NOW)
  db.prepare("INSERT INTO brand_channels VALUES ('b1', 'c1')").run()
  db.prepare("DELETE FROM profiles WHERE id = 'p1'").run()
  expect(db.prepare('SELECT count(*) AS n FROM channel_links').get()).toEqual({ n: 0 })
  db.prepare("DELETE FROM channels WHERE id = 'c1'").run()
  expect(db.prepare('SELECT count(*) AS n FROM brand_channels').get()).toEqual({ n: 0 })
  expect(db.prepare('SELECT count(*) AS n FROM brands').get()).toEqual({ n: 1 })
})

it('rejects a link to a channel that does not exist', () => {
  const db = fresh()
  db.prepare("INSERT INTO profiles (id, network, network_user_id, display_name, created_at, updated_at) VALUES ('p1', 'x', 'u1', 'Ann', ?, ?)").run(NOW, NOW)
  expect(() => db.prepare("INSERT INTO channel_links (channel_id, profile_id, created_at) VALUES ('nope', 'p1', ?)").run(NOW)).toThrow(/FOREIGN KEY/)
})
