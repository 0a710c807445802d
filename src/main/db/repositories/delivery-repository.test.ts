import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../../tests/fakes/ports'
import { openDatabase, type RelinkDatabase } from '../client'
import { cryptoIds } from '../../platform/crypto-ids'
import { createDeliveryRepository, createDeliveryRepositoryFor, createRowIds, type NewDelivery, type PostRow } from './delivery-repository'

const NOW = Date.UTC(2026, 0, 5, 9)
const opened: RelinkDatabase[] = []
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close()
})

function open(file = ':memory:'): RelinkDatabase {
  const database = openDatabase(file, { nowMs: NOW })
  opened.push(database)
  database.sqlite.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES ('c1', 'x', '1', 'account', 'One', 1), ('c2', 'mastodon', '2', 'account', 'Two', 1)").run()
  return database
}

const post = (id: string, publishAt: number | null = NOW): PostRow => ({
  id,
  status: 'scheduled',
  text: `text of ${id}`,
  link: null,
  image_path: null,
  image_sha256: null,
  image_alt: null,
  publish_at: publishAt,
  time_zone: 'Europe/Berlin',
  channel_ids: 'c1,c2',
  network_texts: '{}',
  first_comment: null,
  created_at: NOW,
  updated_at: NOW,
})
/** Deliveries are numbered in insertion order; `d1` below is 1, `d2` is 2 and so on. */
const delivery = (postId: string, channelId: string, at: number): NewDelivery => ({ postId, channelId, state: 'scheduled', dueAt: at, nextAttemptAt: at })

describe('delivery repository', () => {
  it('makes short, unique markers that fit every network reserve', () => {
    const rowIds = createRowIds(cryptoIds)
    const markers = new Set(Array.from({ length: 10_000 }, () => rowIds.marker()))
    expect(markers.size).toBe(10_000)
    for (const m of [...markers].slice(0, 50)) expect(m).toMatch(/^rl-[0-9a-z]{12}$/)
  })

  it('stores a batch and finds the next wake-up from scheduled rows and pending re-checks', async () => {
    const repo = createDeliveryRepository(open().sqlite)
    expect(await repo.nextWakeAt()).toBeNull()
    expect(await repo.insertPosts({ posts: [post('p1'), post('p2')], deliveries: [delivery('p1', 'c1', NOW + 500), delivery('p2', 'c2', NOW + 100)], media: [] }, NOW)).toEqual([1, 2])
    expect(await repo.nextWakeAt()).toBe(NOW + 100)
    expect(repo.nextDueAtSync()).toBe(NOW + 100)
    const claimed = await repo.claimNext(NOW + 200, new Set())
    expect(claimed?.id).toBe(2)
    await repo.beginPublish(2, NOW + 200)
    expect(await repo.nextWakeAt()).toBe(NOW + 500)
    await repo.transition(2, ['publishing'], { next_attempt_at: NOW + 50 }, NOW + 200)
    expect(await repo.nextWakeAt()).toBe(NOW + 50)
  })

  it('numbers a bulk batch in order, across multi-row statements', async () => {
    const repo = createDeliveryRepository(open().sqlite)
    const posts = Array.from({ length: 125 }, (_, i) => post(`p${i}`))
    const deliveries = posts.flatMap((p, i) => [delivery(p.id, 'c1', NOW + i), delivery(p.id, 'c2', NOW + i)])
    const ids = await repo.insertPosts({ posts, deliveries, media: [] }, NOW)
    expect(ids).toEqual(Array.from({ length: 250 }, (_, i) => i + 1))
    const rows = await repo.deliveriesByIds([1, 2, 249, 250])
    expect(rows.map((r) => [r.id, r.post_id, r.channel_id])).toEqual([
      [1, 'p0', 'c1'],
      [2, 'p0', 'c2'],
      [249, 'p124', 'c1'],
      [250, 'p124', 'c2'],
    ])
    expect(new Set(rows.map((r) => r.marker)).size).toBe(4)
    expect(await repo.insertPosts({ posts: [post('later')], deliveries: [delivery('later', 'c1', NOW)], media: [] }, NOW)).toEqual([251])
  })

  it('lets exactly one of two connections claim a delivery', async () => {
    const file = join(tempDir('relink-claim-'), 'relink.db')
    const a = open(file)
    const b = openDatabase(file, { nowMs: NOW })
    opened.push(b)
    const repoA = createDeliveryRepositoryFor(a, cryptoIds)
    const repoB = createDeliveryRepositoryFor(b, cryptoIds)
    await repoA.insertPosts({ posts: [post('p1')], deliveries: [delivery('p1', 'c1', NOW)], media: [] }, NOW)
    const [first, second] = await Promise.all([repoA.claim(1, NOW), repoB.claim(1, NOW)])
    expect([first?.id, second?.id].filter(Boolean)).toEqual([1])
    expect((await repoB.getDelivery(1))?.state).toBe('claimed')
    expect(await repoA.integrityCheck()).toBe('ok')
  })

  it('does not claim what is not due, and records the intent with the attempt', async () => {
    const repo = createDeliveryRepository(open().sqlite)
    await repo.insertPosts({ posts: [post('p1')], deliveries: [delivery('p1', 'c1', NOW + 1_000)], media: [] }, NOW)
    expect(await repo.claimNext(NOW, new Set())).toBeUndefined()
    expect(await repo.claim(1, NOW)).toBeUndefined()
    expect((await repo.claim(1, NOW + 1_000))?.state).toBe('claimed')
    expect(await repo.beginPublish(1, NOW + 1_001)).toBeGreaterThan(0)
    expect(await repo.beginPublish(1, NOW + 1_002)).toBeUndefined()
    const row = await repo.getDelivery(1)
    expect(row).toMatchObject({ state: 'publishing', intent_at: NOW + 1_001, attempt_count: 1, next_attempt_at: null })
    expect((await repo.unresolved()).map((r) => r.id)).toEqual([1])
    expect(await repo.attempts(1)).toMatchObject([{ kind: 'publish', started_at: NOW + 1_001, finished_at: null }])
  })

  it('marks as missed only what fell due after the last look and beyond the grace window', async () => {
    const repo = createDeliveryRepository(open().sqlite)
    await repo.insertPosts(
      {
        posts: [post('p1'), post('p2'), post('p3')],
        deliveries: [delivery('p1', 'c1', NOW - 60_000), delivery('p2', 'c1', NOW + 10_000), delivery('p3', 'c1', NOW + 50_000)],
        media: [],
      },
      NOW,
    )
    const missed = await repo.markMissed(NOW - 1, NOW + 40_000, 'gone', NOW + 60_000)
    // 1 fell due before the last look (backlog), 2 after it and beyond grace, 3 is within grace.
    expect(missed.map((m) => m.id)).toEqual([2])
    expect((await repo.getDelivery(1))?.state).toBe('scheduled')
    expect((await repo.getDelivery(3))?.state).toBe('scheduled')
  })

  it('refuses an edit of a delivery that left the open states, and cancels only what has not gone out', async () => {
    const repo = createDeliveryRepository(open().sqlite)
    await repo.insertPosts({ posts: [post('p1')], deliveries: [delivery('p1', 'c1', NOW), delivery('p1', 'c2', NOW)], media: [] }, NOW)
    await repo.claim(1, NOW)
    const ok = await repo.savePostEdit({ post: post('p1'), media: [], remove: [], reset: [{ id: 1, dueAt: NOW + 5, nextAttemptAt: NOW + 5 }], add: [] }, NOW)
    expect(ok).toBe(false)
    expect(await repo.cancelPost('p1', NOW)).toEqual([2])
    expect((await repo.getDelivery(1))?.state).toBe('claimed')
    expect((await repo.getPost('p1'))?.status).toBe('cancelled')
  })

  it('notifies each delivery once', async () => {
    const repo = createDeliveryRepository(open().sqlite)
    await repo.insertPosts({ posts: [post('p1')], deliveries: [delivery('p1', 'c1', NOW), delivery('p1', 'c2', NOW)], media: [] }, NOW)
    expect(await repo.markNotified([1], NOW)).toEqual([1])
    expect(await repo.markNotified([1, 2], NOW)).toEqual([2])
  })

  it('leaves the post being edited out of the times its channel has taken', async () => {
    const repo = createDeliveryRepository(open().sqlite)
    await repo.insertPosts({ posts: [post('p1'), post('p2')], deliveries: [delivery('p1', 'c1', NOW + 1_000), delivery('p2', 'c1', NOW + 2_000)], media: [] }, NOW)
    expect(await repo.takenTimes('c1', NOW, NOW + 10_000)).toEqual([NOW + 1_000, NOW + 2_000])
    expect(await repo.takenTimes('c1', NOW, NOW + 10_000, 'p1')).toEqual([NOW + 2_000])
  })

  it('lists a time range across states, with channel and preview', async () => {
    const repo = createDeliveryRepository(open().sqlite)
    await repo.insertPosts({ posts: [post('p1'), post('p2')], deliveries: [delivery('p1', 'c1', NOW), delivery('p2', 'c2', NOW + 10)], media: [] }, NOW)
    const rows = await repo.listDeliveries({ from: NOW, to: NOW + 5, states: ['scheduled', 'held'] })
    expect(rows.map((r) => [r.id, r.channel_name, r.network, r.preview])).toEqual([[1, 'One', 'x', 'text of p1']])
    expect((await repo.listDeliveries({ from: NOW, to: NOW + 100, states: ['scheduled'], channelIds: ['c2'] })).map((r) => r.id)).toEqual([2])
  })
})
