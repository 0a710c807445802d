import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type RelinkDatabase } from '../db/client'
import { createDeliveryRepository, type PostRow } from '../db/repositories/delivery-repository'
import { chunksOf, createCalendarViews, firstLine } from './calendar-views'

const START = Date.UTC(2026, 0, 5)
const HOUR = 3_600_000
const opened: RelinkDatabase[] = []
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close()
})

const post = (id: string, text: string): PostRow => ({
  id,
  status: 'scheduled',
  text,
  link: null,
  image_path: null,
  image_sha256: null,
  image_alt: null,
  publish_at: START,
  time_zone: 'UTC',
  channel_ids: '',
  network_texts: '{}',
  first_comment: null,
  created_at: START,
  updated_at: START,
})

/** Three posts on 5 Jan (09:00 to c1 and c2, 10:00 to c1, 11:00 to c2); c1 held, c2's 09:00 published. */
async function calendar() {
  const database = openDatabase(':memory:', { nowMs: START })
  opened.push(database)
  const sqlite = database.sqlite
  const channel = sqlite.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES (?, ?, ?, 'account', ?, 1)")
  channel.run('c1', 'mastodon', 'c1', 'Harbor Books')
  channel.run('c2', 'linkedin', 'c2', 'Northwind Coffee')
  const repo = createDeliveryRepository(sqlite)
  const at = (h: number) => START + h * HOUR
  const d = (postId: string, channelId: string, h: number) => ({ postId, channelId, state: 'scheduled' as const, dueAt: at(h), nextAttemptAt: at(h) })
  await repo.insertPosts(
    {
      posts: [post('p9', '\n  Spring menu is here\nWith three new cakes'), post('p10', 'Opening hours'), post('p11', 'Readings tonight')],
      deliveries: [d('p9', 'c1', 9), d('p9', 'c2', 9), d('p10', 'c1', 10), d('p11', 'c2', 11)],
      media: [],
    },
    START,
  )
  sqlite.prepare("UPDATE deliveries SET state = 'held', held_reason = 'password_changed', held_detail = 'The password changed.' WHERE channel_id = 'c1'").run()
  sqlite.prepare("UPDATE deliveries SET state = 'published', url = 'https://example.org/p/9', failure_reason = 'checking' WHERE post_id = 'p9' AND channel_id = 'c2'").run()
  return { views: createCalendarViews(repo), at, sqlite }
}

describe('the calendar as main answers it', () => {
  it('sends per window the post count and the first posts, each channel named once and each text once', async () => {
    const { views, at } = await calendar()
    const answer = await views.calendarDays({ dayStarts: [at(0), at(10), at(24)], postsPerDay: 1 })
    expect(answer.channels).toEqual([
      { id: 'c1', name: 'Harbor Books', network: 'mastodon' },
      { id: 'c2', name: 'Northwind Coffee', network: 'linkedin' },
    ])
    expect(answer.windows.map((w) => [w.start, w.posts, w.entries.map((e) => e.postId)])).toEqual([
      [at(0), 1, ['p9']],
      [at(10), 2, ['p10']],
    ])
    // Only what a card shows: the reason of a held delivery, the link of a published one.
    expect(answer.windows[0]?.entries[0]).toEqual({
      postId: 'p9',
      dueAt: at(9),
      preview: 'Spring menu is here',
      hasImage: false,
      deliveries: [
        { id: 1, channelId: 'c1', state: 'held', reason: 'password_changed' },
        { id: 2, channelId: 'c2', state: 'published', url: 'https://example.org/p/9' },
      ],
    })
  })

  it('narrows to the channels and states asked for', async () => {
    const { views, at } = await calendar()
    const answer = await views.calendarDays({ dayStarts: [at(0), at(24)], postsPerDay: 3, channelIds: ['c2'], states: ['scheduled'] })
    expect(answer.channels.map((c) => c.id)).toEqual(['c2'])
    expect(answer.windows[0]?.entries.map((e) => [e.postId, e.deliveries.map((d) => d.channelId)])).toEqual([['p11', ['c2']]])
  })

  it('reads the list a page at a time with the same fields', async () => {
    const { views, at } = await calendar()
    const first = await views.listCalendar({ from: at(0), to: at(24), limit: 2 })
    expect(first.map((d) => [d.postId, d.channelName, d.state, d.reason, d.url])).toEqual([
      ['p9', 'Harbor Books', 'held', 'password_changed', null],
      ['p9', 'Northwind Coffee', 'published', null, 'https://example.org/p/9'],
    ])
    const last = first.at(-1)
    const rest = await views.listCalendar({ from: at(0), to: at(24), limit: 2, ...(last ? { after: { dueAt: last.dueAt, id: last.id } } : {}) })
    expect(rest.map((d) => [d.postId, d.preview, d.hasImage])).toEqual([
      ['p10', 'Opening hours', false],
      ['p11', 'Readings tonight', false],
    ])
  })
})

describe('a month read a few days at a time', () => {
  it('cuts consecutive windows into pieces of at most a week, numbered from the first window', () => {
    const day = 24 * HOUR
    const days = Array.from({ length: 42 }, (_, i) => [i * day, (i + 1) * day] as const)
    expect(chunksOf(days).map(([offset, chunk]) => [offset, chunk.length])).toEqual([0, 7, 14, 21, 28, 35].map((offset) => [offset, 7]))
    const hours = Array.from({ length: 168 }, (_, i) => [i * HOUR, (i + 1) * HOUR] as const)
    expect(chunksOf(hours)).toHaveLength(1)
  })

  it('answers as in one piece, a post moved on one channel to a later piece included once per day', async () => {
    const { views, at, sqlite } = await calendar()
    const day = 24 * HOUR
    // p9 on c2 moves eight days on, into the second piece; p9 on c1, p10 and p11 stay on the first day.
    sqlite.prepare("UPDATE deliveries SET due_at = ? WHERE post_id = 'p9' AND channel_id = 'c2'").run(at(9) + 8 * day)
    const answer = await views.calendarDays({ dayStarts: Array.from({ length: 10 }, (_, i) => at(0) + i * day), postsPerDay: 3 })
    expect(answer.windows.map((w) => w.entries.map((e) => [e.postId, e.deliveries.map((d) => d.id)]))).toEqual([
      [
        ['p9', [1]],
        ['p10', [3]],
        ['p11', [4]],
      ],
      [],
      [],
      [],
      [],
      [],
      [],
      [],
      [['p9', [2]]],
    ])
  })
})

describe('firstLine', () => {
  it('takes the first line that has words, without the spaces around it', () => {
    expect(firstLine('  \nSpring menu  \nsecond')).toBe('Spring menu')
    expect(firstLine('')).toBe('')
  })
})
