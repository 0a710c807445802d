/**
 * Instagram comments read by `comments_count` diffs, through the whole app against the sandbox:
 * how many calls a read makes, which media it opens, deletions followed, a cursor written before
 * the counts were kept, and comments paged and stored once across runs.
 */
import { describe, expect, it, onTestFinished } from 'vitest'
import { encodeCursor } from '../../../src/main/providers/graph'
import { decodeInstagramCursor } from '../../../src/main/providers/instagram/comment-cursor'
import { INSTAGRAM_SYNC } from '../../../src/main/providers/instagram/config'
import { FACEBOOK_SEED } from '../../../src/main/sandbox/dialects/facebook'
import type { SandboxPost } from '../../../src/main/sandbox/world'
import { channelIdOf, DAY, startDemo, type DemoHarness } from '../connections/harness'

const IG = FACEBOOK_SEED.instagram.books
const MINUTE = 60_000

interface Reader {
  h: DemoHarness
  channel: string
  /** One read of the channel's comments: its result and the Graph paths it called (node and edge). */
  poll(): Promise<{ items: number; paths: string[] }>
  /** A new media item on the account, `ageMs` old, with `comments` comments by visitors. */
  media(n: number, comments: number, ageMs?: number): SandboxPost
  comment(media: SandboxPost, text: string, at?: number): string
  row(id: string): { text: string; deletedAt: number | null } | undefined
  stored(): number
}

async function reader(): Promise<Reader> {
  const harness = await startDemo()
  onTestFinished(() => harness.close())
  const channel = await channelIdOf(harness, 'instagram', IG.id)
  const world = harness.sandbox.world
  let serial = 0
  const reader: Reader = {
    h: harness,
    channel,
    async poll() {
      const before = harness.requests.length
      const [run] = await harness.core.sync.syncNow({ channelIds: [channel], streams: ['comments'] })
      expect(run?.ok).toBe(true)
      const paths = harness.requests.slice(before).map((r) => new URL(r.url).pathname.split('/').slice(-2).join('/'))
      return { items: run?.items ?? 0, paths }
    },
    media(n, comments, ageMs = 0) {
      const post = world.addPost({
        id: `18009900${String(n).padStart(4, '0')}`,
        network: 'facebook',
        channelId: IG.id,
        authorUserId: '',
        text: `Shelf ${n}`,
        createdAt: harness.ports.clock.now() - ageMs,
      })
      for (let c = 0; c < comments; c++) reader.comment(post, `Visitor note ${c}`, post.createdAt + (c + 1) * 1000)
      return post
    },
    comment(media, text, at = harness.ports.clock.now()) {
      const id = `17977${String(++serial).padStart(8, '0')}`
      world.addComment({ id, network: 'facebook', postId: media.id, parentId: null, authorName: 'zoe.martin', authorHandle: 'zoe.martin', text, createdAt: at, viaApi: false })
      return id
    },
    row: (id) =>
      harness.core.database.sqlite.prepare('SELECT text, deleted_at AS deletedAt FROM inbox_items WHERE network_comment_id = ?').get(id) as
        | { text: string; deletedAt: number | null }
        | undefined,
    stored: () => (harness.core.database.sqlite.prepare('SELECT count(*) AS n FROM inbox_items WHERE channel_id = ?').get(channel) as { n: number }).n,
  }
  return reader
}

const listing = `${IG.id}/media`
const commentsOf = (media: SandboxPost): string => `${media.id}/comments`

describe('Instagram comments by comments_count diffs', () => {
  it('a read with nothing changed is one call, and a new comment on one of 20 media opens only that media', async () => {
    const r = await reader()
    const media = Array.from({ length: 20 }, (_, i) => r.media(i, 2, (i + 1) * 60 * MINUTE))
    const first = await r.poll()
    // The first read opens every media item with comments.
    for (const m of media) expect(first.paths).toContain(commentsOf(m))

    r.h.ports.clock.advance(MINUTE)
    expect((await r.poll()).paths).toEqual([listing])

    const target = media[7]
    if (!target) throw new Error('no media')
    r.h.ports.clock.advance(MINUTE)
    const id = r.comment(target, 'Do you ship to Porto?')
    const next = await r.poll()
    expect(next.paths).toEqual([listing, commentsOf(target)])
    expect(next.items).toBe(1)
    expect(r.row(id)).toMatchObject({ text: 'Do you ship to Porto?', deletedAt: null })
  }, 60_000)

  it('a comment deleted on the network lowers the count: its media is read whole at once and the comment is marked gone', async () => {
    const r = await reader()
    const media = r.media(1, 3, 2 * DAY)
    await r.poll()
    const [kept, gone] = [...r.h.sandbox.world.comments.values()].filter((c) => c.postId === media.id)
    if (!kept || !gone) throw new Error('no comments')
    expect(r.row(gone.id)?.deletedAt).toBeNull()

    r.h.ports.clock.advance(MINUTE)
    r.h.sandbox.world.deleteComment(gone.id)
    const read = await r.poll()
    expect(read.paths).toEqual([listing, commentsOf(media)])
    expect(r.row(gone.id)?.deletedAt).toBe(r.h.ports.clock.now())
    expect(r.row(kept.id)?.deletedAt).toBeNull()
  }, 60_000)

  it('a deletion and a new comment that leave the count unchanged are caught by the safety re-read within the hour', async () => {
    const r = await reader()
    const media = r.media(1, 2, DAY)
    await r.poll()
    const old = [...r.h.sandbox.world.comments.values()].find((c) => c.postId === media.id)
    if (!old) throw new Error('no comment')

    r.h.ports.clock.advance(MINUTE)
    r.h.sandbox.world.deleteComment(old.id)
    const id = r.comment(media, 'Swapped in')
    // The count is the same: the next read does not open the media…
    expect((await r.poll()).paths).not.toContain(commentsOf(media))
    expect(r.row(id)).toBeUndefined()
    // …the safety re-read does.
    r.h.ports.clock.advance(INSTAGRAM_SYNC.commentWholeEveryMs)
    expect((await r.poll()).paths).toContain(commentsOf(media))
    expect(r.row(id)?.deletedAt).toBeNull()
    expect(r.row(old.id)?.deletedAt).toBe(r.h.ports.clock.now())
  }, 60_000)

  it('older media are re-read in turn, each about once a day, a share per safety re-read', async () => {
    const r = await reader()
    const media = Array.from({ length: 30 }, (_, i) => r.media(i, 1, 10 * DAY + i * MINUTE))
    await r.poll()
    const opened = new Map(media.map((m) => [commentsOf(m), 0]))
    let calls = 0
    for (let hour = 0; hour < INSTAGRAM_SYNC.commentSweepShares; hour++) {
      r.h.ports.clock.advance(INSTAGRAM_SYNC.commentWholeEveryMs)
      const { paths } = await r.poll()
      calls += paths.length
      for (const p of paths) if (opened.has(p)) opened.set(p, (opened.get(p) ?? 0) + 1)
    }
    expect([...opened.values()].every((n) => n >= 1)).toBe(true)
    // A media item whose count did not move is re-read once in the day, not on every re-read.
    expect(Math.max(...opened.values())).toBe(1)
    // The day's calls stay far inside Graph's 200 an hour: listings, the seeded media's new
    // comments and re-reads, and one turn of the sweep over the 30 old media.
    expect(calls).toBeLessThan(24 * 10)
  }, 120_000)

  it('a cursor written before the counts were kept leads to one full read without duplicates, then reads by counts', async () => {
    const r = await reader()
    const media = Array.from({ length: 5 }, (_, i) => r.media(i, 2, (i + 1) * DAY))
    await r.poll()
    const stored = r.stored()
    const state = r.h.core.database.sqlite.prepare("SELECT cursor FROM sync_state WHERE channel_id = ? AND stream = 'comments'")
    const cursor = decodeInstagramCursor((state.get(r.channel) as { cursor: string }).cursor)
    if (!cursor) throw new Error('no cursor')
    r.h.core.database.sqlite
      .prepare("UPDATE sync_state SET cursor = ? WHERE channel_id = ? AND stream = 'comments'")
      .run(encodeCursor({ since: cursor.since, seen: cursor.seen }), r.channel)

    r.h.ports.clock.advance(MINUTE)
    const full = await r.poll()
    for (const m of media) expect(full.paths).toContain(commentsOf(m))
    expect(full.items).toBe(0)
    expect(r.stored()).toBe(stored)
    expect(decodeInstagramCursor((state.get(r.channel) as { cursor: string }).cursor)?.counts?.size).toBeGreaterThanOrEqual(media.length)

    r.h.ports.clock.advance(MINUTE)
    expect((await r.poll()).paths).toEqual([listing])
  }, 60_000)

  it('pages through a media item with many comments and stores each once across runs', async () => {
    const r = await reader()
    const busy = r.media(1, INSTAGRAM_SYNC.pageSize * 2 + 7, 2 * DAY)
    const first = await r.poll()
    expect(first.paths.filter((p) => p === commentsOf(busy))).toHaveLength(3)
    const mine = (): number =>
      (r.h.core.database.sqlite.prepare('SELECT count(*) AS n FROM inbox_items WHERE network_post_id = ?').get(busy.id) as { n: number }).n
    expect(mine()).toBe(INSTAGRAM_SYNC.pageSize * 2 + 7)

    r.h.ports.clock.advance(MINUTE)
    r.comment(busy, 'One more')
    const next = await r.poll()
    expect(next.items).toBe(1)
    expect(mine()).toBe(INSTAGRAM_SYNC.pageSize * 2 + 8)
    const dupes = r.h.core.database.sqlite.prepare('SELECT network_comment_id FROM inbox_items GROUP BY network, network_comment_id HAVING count(*) > 1').all()
    expect(dupes).toEqual([])
  }, 60_000)
})
