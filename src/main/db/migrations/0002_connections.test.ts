import BetterSqlite3 from 'better-sqlite3'
import { expect, it } from 'vitest'
import { m0001Initial } from './0001_initial'
import { m0002Connections } from './0002_connections'

function upTo2(withData: (db: BetterSqlite3.Database) => void = () => undefined) {
  const db = new BetterSqlite3(':memory:')
  db.pragma('foreign_keys = ON')
  m0001Initial.up(db)
  withData(db)
  m0002Connections.up(db)
  return db
}

it('keeps existing profiles and gives them the ready setup state', () => {
  const db = upTo2((d) =>
    d.exec("INSERT INTO profiles (id, network, network_user_id, display_name, created_at, updated_at) VALUES ('p', 'x', 'u', 'Ann', 1, 1)"),
  )
  expect(db.prepare('SELECT id, setup_state, health_reason, last_error_raw FROM profiles').all()).toEqual([
    { id: 'p', setup_state: 'ready', health_reason: '', last_error_raw: '' },
  ])
})

it('logs token events per profile and drops them with the profile', () => {
  const db = upTo2()
  db.exec("INSERT INTO profiles (id, network, network_user_id, display_name, created_at, updated_at) VALUES ('p', 'x', 'u', 'Ann', 1, 1)")
  db.prepare("INSERT INTO token_events (profile_id, at, kind, detail) VALUES ('p', 5, 'probe', 'ok')").run()
  db.prepare("INSERT INTO notification_log VALUES ('p', 'expired', '123', 9)").run()
  expect(() => db.prepare("INSERT INTO notification_log VALUES ('p', 'expired', '123', 10)").run()).toThrow(/UNIQUE/)
  db.exec("DELETE FROM profiles WHERE id = 'p'")
  expect(db.prepare('SELECT count(*) AS n FROM token_events').get()).toEqual({ n: 0 })
  expect(db.prepare('SELECT count(*) AS n FROM notification_log').get()).toEqual({ n: 0 })
})

it('stores one developer app per network and instance', () => {
  const db = upTo2()
  const insert = db.prepare('INSERT INTO app_credentials (network, instance, client_id, created_at, updated_at) VALUES (?, ?, ?, 1, 1)')
  insert.run('mastodon', 'https://a.example', 'id1')
  insert.run('mastodon', 'https://b.example', 'id2')
  expect(() => insert.run('mastodon', 'https://a.example', 'id3')).toThrow(/UNIQUE|PRIMARY/)
})
