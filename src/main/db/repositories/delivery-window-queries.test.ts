import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type RelinkDatabase } from '../client'
import { AT_RISK_CHANNELS_PER_READ, AT_RISK_SQL, createDeliveryRepository, LINK_CLOCKS_SQL, listDeliveriesQuery, postsPerDayQuery, type NewDelivery, type PostRow } from './delivery-repository'

const NOW = Date.UTC(2026, 0, 5, 9)
const DAY = 86_400_000
const opened: RelinkDatabase[] = []
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close()
})

function open(): RelinkDatabase {
  const database = openDatabase(':memory:', { nowMs: NOW })
  opened.push(database)
  const insert = database.sqlite.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES (?, 'x', ?, 'account', ?, 1)")
  for (const id of ['c1', 'c2', 'c3']) insert.run(id, id, id)
  return database
}

const post = (id: string): PostRow => ({
  id,
  status: 'scheduled',
  text: id,
  link: null,
  image_path: null,
  image_sha256: null,
  image_alt: null,
  publish_at: NOW,
  time_zone: 'UTC',
  channel_ids: '',
  network_texts: '{}',
  first_comment: null,
  created_at: NOW,
  updated_at: NOW,
})
const delivery = (postId: string, channelId: string, at: number): NewDelivery => ({ postId, channelId, state: 'scheduled', dueAt: at, nextAttemptAt: at })

/** A repository that notes each read and each turn of main's loop it waits for, in order. */
function recordingTurns() {
  const order: string[] = []
  const repo = createDeliveryRepository(open().sqlite, {
    exclusive: async (work) => {
      order.push('read')
      return work()
    },
    yieldToLoop: async () => void order.push('turn'),
  })
  return { order, repo }
}

// The window's summarised questions at agency scale: at-risk posts, and posts per day or hour.
describe('scheduled deliveries each lapsing channel would miss', () => {
  it('counts per channel from its own lapse, and lists the earliest few overall', async () => {
    const repo = createDeliveryRepository(open().sqlite)
    const posts = Array.from({ length: 10 }, (_, i) => post(`p${i}`))
    // c1: days 1..10; c2: days 1..10; c3: days 1..10.
    await repo.insertPosts({ posts, deliveries: posts.flatMap((p, i) => ['c1', 'c2', 'c3'].map((c) => delivery(p.id, c, NOW + (i + 1) * DAY))), media: [] }, NOW)
    const { perChannel, first } = await repo.scheduledFromEach(
      [
        { channelId: 'c1', from: Number.MIN_SAFE_INTEGER },
        { channelId: 'c2', from: NOW + 8 * DAY },
      ],
      4,
    )
    expect(perChannel.map((r) => [r.channel_id, r.count, (r.first_due - NOW) / DAY]).sort()).toEqual([
      ['c1', 10, 1],
      ['c2', 3, 8],
    ])
    expect(first.map((d) => [d.channel_id, (d.due_at - NOW) / DAY])).toEqual([
      ['c1', 1],
      ['c1', 2],
      ['c1', 3],
      ['c1', 4],
    ])
    // A channel whose lapse comes after its last post is not listed.
    expect((await repo.scheduledFromEach([{ channelId: 'c3', from: NOW + 30 * DAY }], 4)).perChannel).toEqual([])
    expect(await repo.scheduledFromEach([], 4)).toEqual({ perChannel: [], first: [] })
  })

  it('reads the sign-ins, the counts and the earliest deliveries in turns of main’s loop apart', async () => {
    const { order, repo } = recordingTurns()
    await repo.linkClocks()
    await repo.scheduledFromEach([{ channelId: 'c1', from: NOW }], 4)
    // At agency scale each is 4-9 ms of CPU, the sign-ins with working out each channel's lapse about 8 ms.
    expect(order).toEqual(['turn', 'read', 'turn', 'read', 'turn', 'read'])
  })

  it('counts a hundred lapsing channels a read, each read in a turn of its own', async () => {
    const { order, repo } = recordingTurns()
    await repo.insertPosts({ posts: [post('p1')], deliveries: [delivery('p1', 'c2', NOW + DAY)], media: [] }, NOW)
    order.length = 0
    // c2 last, in the third read: its count is found there.
    const lapses = Array.from({ length: 2 * AT_RISK_CHANNELS_PER_READ + 1 }, (_, i) => ({ channelId: i === 2 * AT_RISK_CHANNELS_PER_READ ? 'c2' : `none-${i}`, from: NOW }))
    const { perChannel, first } = await repo.scheduledFromEach(lapses, 4)
    expect(perChannel.map((r) => [r.channel_id, r.count])).toEqual([['c2', 1]])
    expect(first.map((d) => d.channel_id)).toEqual(['c2'])
    expect(order).toEqual(['turn', 'read', 'turn', 'read', 'turn', 'read', 'turn', 'read'])
  })

  it('reads the channels list first and seeks each channel by state, channel and time', () => {
    const { sqlite } = open()
    for (const [sql, args] of [
      [AT_RISK_SQL.perChannel, ['[]']],
      [AT_RISK_SQL.first, ['[]', 5]],
    ] as const) {
      const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail)
      // The channels outside, then each channel's range: the index steps come after the list.
      const seeks = plan.filter((d) => / [dh]( |$)/.test(d) && !d.includes('PRIMARY KEY'))
      expect(seeks).not.toEqual([])
      expect(plan.findIndex((d) => d.startsWith('SCAN json_each'))).toBeLessThan(plan.indexOf(seeks[0] ?? ''))
      for (const step of seeks) {
        expect(step).toMatch(/^SEARCH [dh] USING (COVERING )?INDEX deliveries_by_state_channel_due \(state=\? AND channel_id=\? AND due_at>\?\)$/)
      }
    }
  })

  it('picks the earliest from the index alone and reads only those rows', () => {
    const { sqlite } = open()
    const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${AT_RISK_SQL.first}`).all('[]', 5) as { detail: string }[]).map((r) => r.detail)
    expect(plan).toContainEqual(expect.stringMatching(/^SEARCH h USING COVERING INDEX deliveries_by_state_channel_due \(state=\? AND channel_id=\? AND due_at>\?\)$/))
    expect(plan).toContainEqual(expect.stringMatching(/^SEARCH d USING INTEGER PRIMARY KEY \(rowid=\?\)$/))
    expect(plan.filter((d) => /^(SCAN|SEARCH) d USING (?!INTEGER PRIMARY KEY)/.test(d))).toEqual([])
  })
})

describe('posts per day for the month and week views', () => {
  const START = Date.UTC(2026, 0, 5)
  it('counts posts (not deliveries) per day and names the first few by time', async () => {
    const r = createDeliveryRepository(open().sqlite)
    // Day 0: five posts, each to both channels, at 09:00, 10:00 … 13:00. Day 1: one post to c2. Day 2: nothing.
    const day0 = Array.from({ length: 5 }, (_, i) => post(`a${i}`))
    await r.insertPosts(
      {
        posts: [...day0, post('b0')],
        deliveries: [...day0.flatMap((p, i) => ['c1', 'c2'].map((c) => delivery(p.id, c, START + (13 - i) * 3_600_000))), delivery('b0', 'c2', START + DAY + 3_600_000)],
        media: [],
      },
      START,
    )
    const days = [[START, START + DAY], [START + DAY, START + 2 * DAY], [START + 2 * DAY, START + 3 * DAY]] as const
    const firsts = await r.postsPerDay({ days, states: ['scheduled'], perDay: 2 })
    expect(firsts).toEqual([
      { i: 0, post_id: 'a4', rn: 1, posts: 5 },
      { i: 0, post_id: 'a3', rn: 2, posts: 5 },
      { i: 1, post_id: 'b0', rn: 1, posts: 1 },
    ])
    // Filters by channel and state.
    expect(await r.postsPerDay({ days, states: ['scheduled'], channelIds: ['c1'], perDay: 1 })).toEqual([{ i: 0, post_id: 'a4', rn: 1, posts: 5 }])
    expect(await r.postsPerDay({ days, states: ['published'], perDay: 3 })).toEqual([])
  })

  it('reads each day from the index alone, with or without a channel filter', () => {
    const { sqlite } = open()
    for (const channelIds of [undefined, ['c1']]) {
      const { sql, args } = postsPerDayQuery({ days: [[0, DAY]], states: ['scheduled'], perDay: 2, ...(channelIds ? { channelIds } : {}) })
      const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail)
      expect(plan).toContainEqual(expect.stringMatching(/^SEARCH d USING COVERING INDEX deliveries_by_state_due_post \(state=\? AND due_at>\? AND due_at<\?\)$/))
      expect(plan.filter((d) => /^(SCAN|SEARCH) d /.test(d) && !d.includes('COVERING'))).toEqual([])
    }
  })
})

describe('the list read in pages', () => {
  it('goes on after the last row of the page before, in due time and id order, with ties at one time split across pages', async () => {
    const repo = createDeliveryRepository(open().sqlite)
    const posts = Array.from({ length: 7 }, (_, i) => post(`p${i}`))
    // Three deliveries share each due time, so a page boundary falls inside a tie.
    await repo.insertPosts({ posts, deliveries: posts.flatMap((p, i) => ['c1', 'c2', 'c3'].map((c) => delivery(p.id, c, NOW + i * DAY))), media: [] }, NOW)
    const filter = { from: NOW, to: NOW + 30 * DAY, states: ['scheduled'] }
    const all = await repo.listDeliveries(filter)
    const paged: typeof all = []
    let after: { dueAt: number; id: number } | undefined
    for (;;) {
      const page = await repo.listDeliveries({ ...filter, limit: 4, ...(after ? { after } : {}) })
      paged.push(...page)
      const last = page.at(-1)
      if (page.length < 4 || !last) break
      after = { dueAt: last.due_at, id: last.id }
    }
    expect(all).toHaveLength(21)
    expect(paged.map((d) => d.id)).toEqual(all.map((d) => d.id))
    // The same with a channel filter.
    const c2 = await repo.listDeliveries({ ...filter, channelIds: ['c2'], limit: 3, after: { dueAt: NOW + DAY, id: 0 } })
    expect(c2.map((d) => [d.channel_id, (d.due_at - NOW) / DAY])).toEqual([
      ['c2', 1],
      ['c2', 2],
      ['c2', 3],
    ])
  })

  it('picks each page from the (state, due_at) index alone and joins only its rows', () => {
    const { sqlite } = open()
    const { sql, args } = listDeliveriesQuery({ from: NOW, to: NOW + DAY, states: ['scheduled', 'held'], after: { dueAt: NOW, id: 1 }, limit: 10 })
    const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail)
    expect(plan).toContainEqual(expect.stringMatching(/^SEARCH d USING COVERING INDEX deliveries_by_state_due_post \(state=\? AND due_at>\? AND due_at<\?\)$/))
    // The joins read by key, once per row of the page.
    expect(plan).toContainEqual(expect.stringMatching(/^SEARCH d USING INTEGER PRIMARY KEY \(rowid=\?\)$/))
    expect(plan.filter((d) => d.startsWith('SCAN d'))).toEqual([])
  })
})

describe('the sign-ins behind channels with something scheduled', () => {
  it('lists each such channel once per link, and none without a scheduled delivery', async () => {
    const database = open()
    const repo = createDeliveryRepository(database.sqlite)
    const posts = [post('p1'), post('p2')]
    await repo.insertPosts({ posts, deliveries: [delivery('p1', 'c1', NOW + DAY), delivery('p2', 'c1', NOW + 2 * DAY), delivery('p2', 'c2', NOW + DAY)], media: [] }, NOW)
    database.sqlite.prepare("UPDATE deliveries SET state = 'published' WHERE channel_id = 'c2'").run()
    expect((await repo.linkClocks()).map((r) => r.channel_id)).toEqual(['c1'])
  })

  it('asks each channel whether it has one by a seek on the index, never by reading every scheduled delivery', () => {
    const { sqlite } = open()
    const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${LINK_CLOCKS_SQL}`).all() as { detail: string }[]).map((r) => r.detail)
    expect(plan).toContainEqual(expect.stringMatching(/^SEARCH d EXISTS USING COVERING INDEX deliveries_by_state_channel_due \(state=\? AND channel_id=\?\)$/))
    expect(plan.filter((d) => /LIST SUBQUERY|SCAN d|DISTINCT/.test(d))).toEqual([])
  })
})
