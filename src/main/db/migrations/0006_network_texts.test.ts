import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { m0001Initial } from './0001_initial'
import { m0002Connections } from './0002_connections'
import { m0003Scheduler } from './0003_scheduler'
import { m0004Sync } from './0004_sync'
import { m0005Analytics } from './0005_analytics'
import { m0006NetworkTexts } from './0006_network_texts'

describe('0006_network_texts', () => {
  it('gives existing posts no custom texts and accepts only a JSON object', () => {
    const db = new BetterSqlite3(':memory:')
    for (const m of [m0001Initial, m0002Connections, m0003Scheduler, m0004Sync, m0005Analytics]) m.up(db)
    db.prepare("INSERT INTO posts (id, status, text, time_zone, created_at, updated_at) VALUES ('p1', 'draft', 'Hello', 'UTC', 1, 1)").run()
    m0006NetworkTexts.up(db)
    expect(db.prepare('SELECT text, network_texts FROM posts').get()).toEqual({ text: 'Hello', network_texts: '{}' })
    db.prepare(`UPDATE posts SET network_texts = '{"x":"Short"}'`).run()
    expect(() => db.prepare(`UPDATE posts SET network_texts = '[1]'`).run()).toThrow(/CHECK/)
    expect(() => db.prepare(`UPDATE posts SET network_texts = 'nope'`).run()).toThrow(/CHECK/)
  })
})
