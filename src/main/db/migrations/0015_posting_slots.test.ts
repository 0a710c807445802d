import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from './index'
import { m0015PostingSlots } from './0015_posting_slots'

describe('0015_posting_slots', () => {
  it('keeps a channel’s slots once each, within a week and a day, and forgets them with the channel', () => {
    const db = new BetterSqlite3(':memory:')
    db.pragma('foreign_keys = ON')
    for (const m of MIGRATIONS.filter((m) => m.version < 15)) m.up(db)
    db.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES ('c1', 'x', '99', 'account', 'North', 1)").run()
    m0015PostingSlots.up(db)
    const insert = db.prepare("INSERT INTO posting_slots (channel_id, weekday, minute, time_zone) VALUES (?, ?, ?, 'Europe/London')")
    insert.run('c1', 1, 540)
    expect(() => insert.run('c1', 1, 540)).toThrow(/UNIQUE|PRIMARY KEY/)
    expect(() => insert.run('c1', 8, 540)).toThrow(/CHECK/)
    expect(() => insert.run('c1', 1, 1440)).toThrow(/CHECK/)
    expect(() => insert.run('gone', 1, 600)).toThrow(/FOREIGN KEY/)
    db.prepare("DELETE FROM channels WHERE id = 'c1'").run()
    expect(db.prepare('SELECT count(*) AS n FROM posting_slots').get()).toEqual({ n: 0 })
  })
})
