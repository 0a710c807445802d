import { afterEach, describe, expect, it } from 'vitest'
import type { ChannelSummary } from '../../shared/domain/entities'
import { openDatabase, type RelinkDatabase } from '../db/client'
import { createDashboardService } from './dashboard'
import { createMetricsRepositoryFor } from './metrics-repository'

let database: RelinkDatabase | undefined
afterEach(async () => {
  await database?.close()
  database = undefined
})

const channel = (id: string, network: ChannelSummary['network'] = 'facebook'): ChannelSummary => ({
  id,
  network,
  name: `Channel ${id}`,
  handle: '',
  kind: 'page',
  health: 'healthy',
  brandIds: ['b'],
  linkCount: 1,
  healthyLinkCount: 1,
})

// Monday 2 March 2026, 00:00 UTC.
const MON = Date.UTC(2026, 2, 2)
const HOUR = 3_600_000

async function setup() {
  database = openDatabase(':memory:', { nowMs: 0 })
  for (const id of ['a', 'b']) database.sqlite.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES (?, 'facebook', ?, 'page', ?, 1)").run(id, id, id)
  const repo = createMetricsRepositoryFor(database)
  const service = createDashboardService({ repo, sync: { gaps: { list: async () => [] } as never, health: async () => [] }, channels: async () => [channel('a'), channel('b', 'instagram')] })
  const post = async (channelId: string, id: string, at: number, values: Record<string, number>, deliveryId: number | null = null) => {
    await repo.trackPosts([{ channel_id: channelId, network_post_id: id, published_at: at, url: `https://example.org/${id}`, excerpt: `Post ${id}`, delivery_id: deliveryId, next_read_at: null }])
    await repo.putPostValues(channelId, id, Object.entries(values).map(([metric, value]) => ({ metric, value })), at + HOUR, null)
  }
  return { repo, service, post }
}

const query = { fromDay: '2026-03-01', toDay: '2026-03-31', direction: 'desc' as const, timeZone: 'UTC' }

describe('top posts and best times', () => {
  it('ranks the range’s posts by the chosen metric either way, posts without the metric last, with channel and text', async () => {
    const { service, post } = await setup()
    await post('a', 'p1', MON + 9 * HOUR, { views: 100, reactions: 5 }, 1)
    await post('a', 'p2', MON + 10 * HOUR, { views: 300, reactions: 1, comments: 1 })
    await post('b', 'p3', MON + 24 * HOUR + 9 * HOUR, { reactions: 40 })
    // Outside the range: never listed.
    await post('a', 'old', Date.UTC(2026, 1, 27), { views: 9_999 })

    const byViews = await service.posts({ ...query, sortBy: 'views' })
    expect(byViews.posts.map((p) => p.networkPostId)).toEqual(['p2', 'p1', 'p3'])
    expect(byViews.totalPosts).toBe(3)
    expect(byViews.metrics).toEqual(['engagements', 'views', 'reactions', 'comments'])
    expect(byViews.posts[1]).toMatchObject({ channelName: 'Channel a', network: 'facebook', excerpt: 'Post p1', deliveryId: 1, url: 'https://example.org/p1' })

    const fewestViews = await service.posts({ ...query, sortBy: 'views', direction: 'asc' })
    expect(fewestViews.posts.map((p) => p.networkPostId)).toEqual(['p1', 'p2', 'p3'])

    // Engagements, where the network reports none, are reactions, comments and shares.
    const byEngagements = await service.posts({ ...query, sortBy: 'engagements', limit: 2 })
    expect(byEngagements.posts.map((p) => p.networkPostId)).toEqual(['p3', 'p1'])
    expect(byEngagements.totalPosts).toBe(3)
  })

  it('averages the metric per weekday and hour in the window’s zone', async () => {
    const { service, post } = await setup()
    await post('a', 'p1', MON + 9 * HOUR, { views: 100 })
    await post('a', 'p2', MON + 9 * HOUR + 30 * 60_000, { views: 300 })
    await post('b', 'p3', MON + 9 * HOUR + 45 * 60_000, { reactions: 3 })
    await post('b', 'p4', MON + 6 * 24 * HOUR + 23 * HOUR, { views: 50 })

    const utc = await service.posts({ ...query, sortBy: 'views' })
    expect(utc.bestTimes).toEqual([
      { weekday: 0, hour: 9, posts: 3, average: 200 },
      { weekday: 6, hour: 23, posts: 1, average: 50 },
    ])
    // Berlin is an hour ahead in March: Sunday 23:00 UTC is Monday 00:00 there.
    const berlin = await service.posts({ ...query, sortBy: 'views', timeZone: 'Europe/Berlin' })
    expect(berlin.bestTimes).toEqual([
      { weekday: 0, hour: 0, posts: 1, average: 50 },
      { weekday: 0, hour: 10, posts: 3, average: 200 },
    ])
    // Kolkata is 5 h 30 ahead: 09:30 UTC is 15:00 there, 09:00 UTC is 14:30, Sunday 23:00 UTC is Monday 04:30.
    const kolkata = await service.posts({ ...query, sortBy: 'views', timeZone: 'Asia/Kolkata' })
    expect(kolkata.bestTimes).toEqual([
      { weekday: 0, hour: 4, posts: 1, average: 50 },
      { weekday: 0, hour: 14, posts: 1, average: 100 },
      { weekday: 0, hour: 15, posts: 2, average: 300 },
    ])
  })

  it('compares posts through Relink with posts elsewhere, Relink’s known by its delivery of the same network post id', async () => {
    const { service, post } = await setup()
    const db = database?.sqlite
    if (!db) throw new Error('no database')
    for (const id of ['s1', 's2']) db.prepare("INSERT INTO posts (id, status, text, time_zone, created_at, updated_at) VALUES (?, 'scheduled', 'Hello', 'UTC', 1, 1)").run(id)
    const delivery = db.prepare("INSERT INTO deliveries (id, post_id, channel_id, state, due_at, marker, created_at, updated_at, network_post_id) VALUES (?, ?, ?, ?, 1, ?, 1, 1, ?)")
    // Tracked before its delivery was linked: the Schedule's published delivery with that id makes it Relink's.
    delivery.run(7, 's1', 'a', 'published', 'rl-aaaaaaaaaaaa', 'p2')
    // The same network id on another channel, or a delivery that never went out, proves nothing.
    delivery.run(8, 's1', 'b', 'published', 'rl-bbbbbbbbbbbb', 'p3')
    delivery.run(9, 's2', 'b', 'failed', 'rl-cccccccccccc', 'p4')
    await post('a', 'p1', MON + 9 * HOUR, { views: 100, engagements: 10 }, 1)
    await post('a', 'p2', MON + 10 * HOUR, { views: 300, reactions: 4, comments: 2 })
    await post('a', 'p3', MON + 11 * HOUR, { views: 50, engagements: 1 })
    await post('b', 'p4', MON + 12 * HOUR, { engagements: 3 })
    await post('b', 'p5', MON + 13 * HOUR, {})

    const report = await service.posts({ ...query, sortBy: 'views' })
    expect(report.posts.map((p) => [p.networkPostId, p.deliveryId])).toEqual([
      ['p2', 7],
      ['p1', 1],
      ['p3', null],
      ['p5', null],
      ['p4', null],
    ])
    expect(report.origins).toEqual([
      { origin: 'relink', posts: 2, share: 0.4, engagementsPerPost: 8, viewsPerPost: 200 },
      // p5 reports nothing: counted as a post, left out of the means.
      { origin: 'elsewhere', posts: 3, share: 0.6, engagementsPerPost: 2, viewsPerPost: 50 },
    ])
  })

  it('an empty range compares nothing with nothing', async () => {
    const { service } = await setup()
    expect((await service.posts({ ...query, sortBy: 'views' })).origins).toEqual([
      { origin: 'relink', posts: 0, share: 0, engagementsPerPost: null, viewsPerPost: null },
      { origin: 'elsewhere', posts: 0, share: 0, engagementsPerPost: null, viewsPerPost: null },
    ])
  })

  it('refuses a zone the system does not know, and an empty scope has no posts', async () => {
    const { service } = await setup()
    await expect(service.posts({ ...query, sortBy: 'views', timeZone: 'Mars/Olympus' })).rejects.toThrow(/not a time zone/)
    await expect(service.posts({ ...query, sortBy: 'views', channelIds: ['none'] })).resolves.toMatchObject({ posts: [], totalPosts: 0, bestTimes: [], metrics: [] })
  })
})
