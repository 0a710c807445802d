import { afterEach, beforeEach, expect, it } from 'vitest'
import { openDatabase, type RelinkDatabase } from '../client'
import { createChannelRepository, deriveChannelHealth } from './channel-repository'

let database: RelinkDatabase
beforeEach(() => {
  database = openDatabase(':memory:', { nowMs: 0 })
  database.sqlite.exec(`
    INSERT INTO brands VALUES ('b1', 'Acme', '#000000', 0, 0), ('b2', 'Globex', '#000000', 0, 0);
    INSERT INTO profiles (id, network, network_user_id, display_name, health, created_at, updated_at) VALUES
      ('ann', 'facebook', 'u1', 'Ann', 'active', 0, 0),
      ('bob', 'facebook', 'u2', 'Bob', 'password_changed', 0, 0),
      ('cy', 'facebook', 'u3', 'Cy', 'rate_limited', 0, 0);
    INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES
      ('both', 'facebook', 'p1', 'page', 'Both links', 0),
      ('broken', 'facebook', 'p2', 'page', 'Only Bob', 0),
      ('lost-role', 'facebook', 'p3', 'page', 'Role lost', 0),
      ('none', 'facebook', 'p4', 'page', 'No links', 0),
      ('throttled', 'facebook', 'p5', 'page', 'Throttled', 0);
    INSERT INTO channel_links (channel_id, profile_id, health, created_at) VALUES
      ('both', 'ann', 'active', 0), ('both', 'bob', 'active', 0),
      ('broken', 'bob', 'active', 0),
      ('lost-role', 'ann', 'role_lost', 0),
      ('throttled', 'cy', 'active', 0);
    INSERT INTO brand_channels VALUES ('b1', 'both'), ('b2', 'both'), ('b2', 'broken');
  `)
})
afterEach(() => database.close())

it('derives channel health from its links: any healthy link keeps it usable', async () => {
  const list = await createChannelRepository(database.db).list()
  const byId = Object.fromEntries(list.map((c) => [c.id, c]))
  expect(byId.both).toMatchObject({ health: 'degraded', linkCount: 2, healthyLinkCount: 1 })
  expect(byId.both?.brandIds.sort()).toEqual(['b1', 'b2'])
  expect(byId.broken?.health).toBe('disconnected')
  expect(byId['lost-role']?.health).toBe('disconnected')
  expect(byId.none?.health).toBe('unlinked')
  // Rate limits never disconnect anything.
  expect(byId.throttled?.health).toBe('healthy')
})

it('filters by brand and counts per health', async () => {
  const repo = createChannelRepository(database.db)
  expect((await repo.list({ brandId: 'b2' })).map((c) => c.id).sort()).toEqual(['both', 'broken'])
  expect(await repo.healthCounts()).toEqual({ healthy: 1, degraded: 1, disconnected: 2, unlinked: 1 })
})

it('maps link counts to health', () => {
  expect(deriveChannelHealth(0, 0)).toBe('unlinked')
  expect(deriveChannelHealth(3, 3)).toBe('healthy')
  expect(deriveChannelHealth(3, 1)).toBe('degraded')
  expect(deriveChannelHealth(2, 0)).toBe('disconnected')
})

it('removes one channel with its links, memberships and queue, and cancels a post left with no channel', async () => {
  database.sqlite.exec(`
    INSERT INTO posts (id, status, text, time_zone, channel_ids, created_at, updated_at) VALUES
      ('solo', 'scheduled', 'Only to Bob''s page', 'UTC', 'broken', 0, 0),
      ('pair', 'scheduled', 'To both pages', 'UTC', 'both,broken', 0, 0);
    INSERT INTO deliveries (post_id, channel_id, state, due_at, marker, created_at, updated_at) VALUES
      ('solo', 'broken', 'held', 10, 'm1', 0, 0),
      ('pair', 'broken', 'scheduled', 10, 'm2', 0, 0),
      ('pair', 'both', 'scheduled', 10, 'm3', 0, 0);
  `)
  const repo = createChannelRepository(database.db)
  expect(await repo.remove('broken')).toEqual({ found: true, inFlight: false, cancelledDeliveries: 2 })
  expect((await repo.list()).map((c) => c.id)).not.toContain('broken')
  const posts = database.sqlite.prepare('SELECT id, status, channel_ids FROM posts ORDER BY id').all()
  expect(posts).toEqual([
    { id: 'pair', status: 'scheduled', channel_ids: 'both' },
    { id: 'solo', status: 'cancelled', channel_ids: '' },
  ])
  expect(database.sqlite.prepare('SELECT channel_id FROM deliveries').all()).toEqual([{ channel_id: 'both' }])
  expect(database.sqlite.prepare("SELECT count(*) AS n FROM brand_channels WHERE channel_id = 'broken'").get()).toEqual({ n: 0 })
  expect(await repo.remove('broken')).toEqual({ found: false, inFlight: false, cancelledDeliveries: 0 })
})

it('refuses to remove a channel while one of its posts is being published', async () => {
  database.sqlite.exec(`
    INSERT INTO posts (id, status, text, time_zone, channel_ids, created_at, updated_at) VALUES ('p', 'scheduled', 'x', 'UTC', 'both', 0, 0);
    INSERT INTO deliveries (post_id, channel_id, state, due_at, marker, created_at, updated_at) VALUES ('p', 'both', 'publishing', 10, 'm1', 0, 0);
  `)
  const repo = createChannelRepository(database.db)
  expect(await repo.remove('both')).toEqual({ found: true, inFlight: true, cancelledDeliveries: 0 })
  expect((await repo.list()).map((c) => c.id)).toContain('both')
})
