import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type RelinkDatabase } from '../client'
import { createDeliveryRepository, type NewDelivery, type PostRow } from './delivery-repository'

const DAY = 86_400_000
const START = Date.UTC(2026, 0, 5)
const opened: RelinkDatabase[] = []
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close()
})

function repo() {
  const database = openDatabase(':memory:', { nowMs: START })
  opened.push(database)
  const insert = database.sqlite.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES (?, 'x', ?, 'account', ?, 1)")
  for (const id of ['c1', 'c2']) insert.run(id, id, id)
  return createDeliveryRepository(database.sqlite)
}

const post = (id: string): PostRow => ({
  id,
  status: 'scheduled',
  text: id,
  link: null,
  image_path: null,
  image_sha256: null,
  image_alt: null,
  publish_at: START,
  time_zone: 'UTC',
  channel_ids: '',
  network_texts: '{}',
  created_at: START,
  updated_at: START,
})
const delivery = (postId: string, channelId: string, at: number): NewDelivery => ({ postId, channelId, state: 'scheduled', dueAt: at, nextAttemptAt: at })

describe('posts per day for the month view', () => {
  it('counts posts (not deliveries) per day and names the first few by time', async () => {
    const r = repo()
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
})
