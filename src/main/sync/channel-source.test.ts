import { afterEach, beforeEach, expect, it } from 'vitest'
import { openDatabase, type RelinkDatabase } from '../db/client'
import { writeMarkOf } from '../db/write-memo'
import { createSyncChannelSource } from './channel-source'

let database: RelinkDatabase
beforeEach(() => {
  database = openDatabase(':memory:', { nowMs: 0 })
  database.sqlite.exec(`
    INSERT INTO profiles (id, network, network_user_id, display_name, health, created_at, updated_at) VALUES ('ann', 'facebook', 'u1', 'Ann', 'active', 0, 0);
    INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES ('page', 'facebook', 'p1', 'page', 'Page', 0);
    INSERT INTO channel_links (channel_id, profile_id, health, created_at) VALUES ('page', 'ann', 'active', 0);
  `)
})
afterEach(() => database.close())

it('reads the channels once while nothing is written, and again after any write', async () => {
  let reads = 0
  const { sqlite } = database
  const prepare = sqlite.prepare.bind(sqlite)
  sqlite.prepare = ((source: string) => {
    if (source.includes('FROM channels c')) reads++
    return prepare(source)
  }) as typeof sqlite.prepare
  const channels = createSyncChannelSource(database.db, writeMarkOf(sqlite))
  expect((await channels()).map((c) => [c.id, c.health])).toEqual([['page', 'healthy']])
  await channels()
  expect(reads).toBe(1)
  sqlite.prepare("UPDATE profiles SET health = 'password_changed' WHERE id = 'ann'").run()
  expect((await channels()).map((c) => [c.id, c.health, c.problem?.reason])).toEqual([['page', 'disconnected', 'password_changed']])
  expect(reads).toBe(2)
})
