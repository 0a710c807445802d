import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from './index'
import { m0012ChannelPictures } from './0012_channel_pictures'

describe('0012_channel_pictures', () => {
  it('keeps one picture per account on a network, existing channels untouched and without one', () => {
    const db = new BetterSqlite3(':memory:')
    db.pragma('foreign_keys = ON')
    for (const m of MIGRATIONS.filter((m) => m.version < 12)) m.up(db)
    db.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES ('c1', 'x', '99', 'account', 'North', 1)").run()
    m0012ChannelPictures.up(db)
    expect(db.prepare('SELECT count(*) AS n FROM channel_pictures').get()).toEqual({ n: 0 })
    expect(db.prepare('SELECT name FROM channels').get()).toEqual({ name: 'North' })
    const insert = db.prepare("INSERT INTO channel_pictures (network, network_channel_id, url, data, updated_at) VALUES ('x', '99', ?, ?, 1)")
    insert.run('https://pbs.example/a.png', Buffer.from([1, 2, 3]))
    expect(() => insert.run('https://pbs.example/b.png', null)).toThrow(/UNIQUE/)
    expect(() => db.prepare("INSERT INTO channel_pictures (network, network_channel_id, data, updated_at) VALUES ('x', '98', 'text', 1)").run()).toThrow(/BLOB/)
  })
})
