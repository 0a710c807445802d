/**
 * Edits and deletions of replies on Mastodon, followed by re-reading the account's recent threads
 * about once an hour (providers/mastodon/comments.ts) against the sandbox instance.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { MASTODON_REREAD } from '../../../src/main/providers/mastodon/config'
import { MASTODON_SEED } from '../../../src/main/sandbox/dialects/mastodon'
import type { SandboxComment } from '../../../src/main/sandbox/world'
import { channelIdOf, startDemo, type DemoHarness } from '../connections/harness'

let h: DemoHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const MIN = 60_000
const HOUR = 60 * MIN
const BRAND = MASTODON_SEED.channels.brand

interface Row {
  text: string
  editedAt: number | null
  deletedAt: number | null
}

async function setup(options: { onContext?: () => void } = {}) {
  const harness = await startDemo({
    wrapHttp: (http) => ({
      request(req) {
        if (req.method === 'GET' && /\/statuses\/\d+\/context/.test(req.url)) options.onContext?.()
        return http.request(req)
      },
    }),
  })
  h = harness
  const { world } = harness.sandbox
  const channel = await channelIdOf(harness, 'mastodon', BRAND)
  const post = harness.sandbox.postOutside(BRAND, { text: 'New blend today', at: harness.ports.clock.now() })
  const comment = (text: string, parentId: string | null = null): SandboxComment => {
    const at = harness.ports.clock.now()
    harness.ports.clock.advance(1_000)
    return world.addComment({ id: harness.sandbox.commentId(post, at), network: 'mastodon', postId: post.id, parentId, authorName: 'Zoë Martín', authorHandle: 'zoe.martin', text, createdAt: at, viaApi: false })
  }
  /** Zoë's mention of the account under `status`, written at `at` (outside the fake clock's now). */
  const mentionUnder = (status: typeof post, at: number, text: string): SandboxComment =>
    world.addComment({
      id: harness.sandbox.commentId(status, at),
      network: 'mastodon',
      postId: status.id,
      parentId: null,
      authorName: 'Zoë Martín',
      authorHandle: 'zoe.martin',
      text: `@${MASTODON_SEED.users.brand.handle} ${text}`,
      createdAt: at,
      viaApi: false,
    })
  const sync = async (): Promise<void> => {
    await harness.core.sync.syncNow({ channelIds: [channel], streams: ['mentions'] })
  }
  const row = (id: string): Row | undefined =>
    harness.core.database.sqlite.prepare('SELECT text, edited_at AS editedAt, deleted_at AS deletedAt FROM inbox_items WHERE network_comment_id = ?').get(id) as Row | undefined
  const items = (): number => (harness.core.database.sqlite.prepare('SELECT count(*) AS n FROM inbox_items WHERE channel_id = ?').get(channel) as { n: number }).n
  /** Requests of the re-read: the account's statuses, and the context of the account's own posts. */
  const rereads = (): number => {
    const own = new Set([...world.posts.values()].filter((p) => p.channelId === BRAND).map((p) => p.id))
    return harness.requests.filter((r) => {
      const m = /\/statuses\/(\d+)\/context/.exec(r.url)
      return (m && own.has(m[1] ?? '')) || r.url.includes(`/accounts/${BRAND}/statuses`)
    }).length
  }
  return { harness, world, channel, post, comment, mentionUnder, sync, row, items, rereads }
}

describe('edits and deletions on Mastodon', () => {
  it('an edit is stored once as the new text, a deletion is marked, a reply cut from the thread by its parent’s deletion is not', async () => {
    const s = await setup()
    const edited = s.comment(`@${MASTODON_SEED.users.brand.handle} Is it decaf?`)
    const deleted = s.comment(`@${MASTODON_SEED.users.brand.handle} Lovely`)
    const orphan = s.comment(`@${MASTODON_SEED.users.brand.handle} Agreed!`, deleted.id)
    s.harness.ports.clock.advance(MIN)
    await s.sync()
    expect(s.row(edited.id)).toMatchObject({ text: expect.stringContaining('Is it decaf?'), editedAt: null, deletedAt: null })
    expect(s.row(orphan.id)?.deletedAt).toBeNull()
    const before = s.items()

    s.world.comments.set(edited.id, { ...edited, text: `${edited.text} Asking for my mum`, editedAt: s.harness.ports.clock.now() })
    s.world.deleteComment(deleted.id)
    expect(s.world.comments.get(orphan.id)?.detached).toBe(true)
    s.harness.ports.clock.advance(MASTODON_REREAD.everyMs + MIN)
    await s.sync()
    const now = s.harness.ports.clock.now()
    expect(s.row(edited.id)).toMatchObject({ text: expect.stringContaining('Asking for my mum'), editedAt: now, deletedAt: null })
    expect(s.row(deleted.id)?.deletedAt).toBe(now)
    // Still on the instance, outside the thread: not deleted.
    expect(s.row(orphan.id)?.deletedAt).toBeNull()
    expect(s.items()).toBe(before)
  }, 60_000)

  it('pages through a busy account’s two days, more than one statuses call answers, and follows an edit on an old status', async () => {
    const s = await setup()
    const { sandbox, ports } = s.harness
    const start = ports.clock.now()
    const old = sandbox.postOutside(BRAND, { text: 'Last week’s roast, still on the shelf', at: start - 40 * HOUR })
    const reply = s.mentionUnder(old, start - 39 * HOUR, 'Is there any left?')
    // 45 more statuses since: the old one is past the first page of 40.
    for (let i = 0; i < 45; i++) sandbox.postOutside(BRAND, { text: `Busy day, post ${i}`, at: start - 30 * HOUR + i * 30 * MIN })
    ports.clock.advance(MIN)
    await s.sync()
    expect(s.row(reply.id)).toMatchObject({ text: expect.stringContaining('Is there any left?'), editedAt: null })

    s.world.comments.set(reply.id, { ...reply, text: `${reply.text} I’ll come by Friday`, editedAt: ports.clock.now() })
    ports.clock.advance(MASTODON_REREAD.everyMs + MIN)
    const statusCalls = (): URL[] => s.harness.requests.filter((r) => r.url.includes(`/accounts/${BRAND}/statuses`)).map((r) => new URL(r.url))
    const contexts = (): number => s.harness.requests.filter((r) => /\/statuses\/\d+\/context/.test(r.url)).length
    const polls: { statuses: number; contexts: number; edited: boolean }[] = []
    for (let poll = 0; poll < 4; poll++) {
      const [calls, read] = [statusCalls().length, contexts()]
      await s.sync()
      polls.push({ statuses: statusCalls().length - calls, contexts: contexts() - read, edited: s.row(reply.id)?.editedAt !== null })
      ports.clock.advance(5 * MIN)
    }
    expect(s.row(reply.id)).toMatchObject({ text: expect.stringContaining('I’ll come by Friday'), editedAt: expect.any(Number), deletedAt: null })
    // One page a poll with its threads (a mention's own thread aside): the first leaves the old status to the next.
    expect(polls[0]).toMatchObject({ statuses: 1, edited: false })
    for (const p of polls) expect(p.contexts).toBeLessThanOrEqual(40 + 1)
    expect(statusCalls().filter((u) => u.searchParams.has('max_id')).length).toBeGreaterThan(0)
    // Once the window is covered, the re-read waits for the hour again.
    const done = polls.findIndex((p) => p.statuses === 0)
    expect(done).toBeGreaterThan(0)
    expect(polls.slice(done).every((p) => p.statuses === 0)).toBe(true)
  }, 60_000)

  it('covers the two days as they were when the re-read began, however many polls its pages take', async () => {
    const s = await setup()
    const { sandbox, ports } = s.harness
    const start = ports.clock.now()
    // The re-read begins at the first poll due after the hour; a status two minutes inside its
    // window then is on its second page, read five minutes later.
    const begins = start + MIN + MASTODON_REREAD.everyMs + MIN
    const edge = sandbox.postOutside(BRAND, { text: 'Two days ago: the harvest blend', at: begins - MASTODON_REREAD.windowMs + 2 * MIN })
    const reply = s.mentionUnder(edge, start - 30 * HOUR, 'Will it come back?')
    for (let i = 0; i < 45; i++) sandbox.postOutside(BRAND, { text: `Busy day, post ${i}`, at: start - 30 * HOUR + i * 30 * MIN })
    ports.clock.advance(MIN)
    await s.sync()
    expect(s.row(reply.id)?.editedAt).toBeNull()

    s.world.comments.set(reply.id, { ...reply, text: `${reply.text} Please say yes`, editedAt: ports.clock.now() })
    ports.clock.advance(MASTODON_REREAD.everyMs + MIN)
    expect(ports.clock.now()).toBe(begins)
    for (let poll = 0; poll < 3; poll++) {
      await s.sync()
      ports.clock.advance(5 * MIN)
    }
    expect(s.row(reply.id)).toMatchObject({ text: expect.stringContaining('Please say yes'), editedAt: expect.any(Number) })
  }, 60_000)

  it('leaves alone a reply stored after the re-read began', async () => {
    let armed = false
    const during: { reread?: () => void } = {}
    const s = await setup({
      onContext: () => {
        if (!armed) return
        armed = false
        during.reread?.()
      },
    })
    const first = s.comment(`@${MASTODON_SEED.users.brand.handle} When do you open?`)
    s.harness.ports.clock.advance(MIN)
    await s.sync()
    // Relink's own reply, sent while the re-read is under way: stored, but not in the thread it read.
    during.reread = () => {
      s.harness.ports.clock.advance(1_000)
      const at = s.harness.ports.clock.now()
      s.harness.core.database.sqlite
        .prepare(
          `INSERT INTO inbox_items (network, network_comment_id, channel_id, stream, network_post_id, parent_comment_id, thread_id, author_name, author_handle, text, own, created_at, state, first_seen_at, updated_at)
           VALUES ('mastodon', '999000111', ?, 'mentions', ?, ?, ?, 'Relink Demo', 'relinkdemo', 'At nine', 1, ?, 'done', ?, ?)`,
        )
        .run(s.channel, s.post.id, first.id, first.id, at, at, at)
    }
    armed = true
    s.harness.ports.clock.advance(MASTODON_REREAD.everyMs)
    await s.sync()
    expect(armed).toBe(false)
    expect(s.row('999000111')?.deletedAt).toBeNull()
    expect(s.row(first.id)?.deletedAt).toBeNull()
  }, 60_000)

  it('re-reads at most once per period, and at once after an upgrade from a cursor without the re-read', async () => {
    const s = await setup()
    s.comment(`@${MASTODON_SEED.users.brand.handle} Hello`)
    s.harness.ports.clock.advance(MIN)
    await s.sync()
    expect(s.rereads()).toBe(0)
    for (const step of [10 * MIN, 20 * MIN, 25 * MIN]) {
      s.harness.ports.clock.advance(step)
      await s.sync()
    }
    expect(s.rereads()).toBe(0)
    s.harness.ports.clock.advance(10 * MIN)
    await s.sync()
    const once = s.rereads()
    expect(once).toBeGreaterThan(1)
    s.harness.ports.clock.advance(30 * MIN)
    await s.sync()
    expect(s.rereads()).toBe(once)

    // A cursor written before the re-read existed: the bare notification id.
    const db = s.harness.core.database.sqlite
    const cursor = (db.prepare("SELECT cursor FROM sync_state WHERE channel_id = ? AND stream = 'mentions'").get(s.channel) as { cursor: string }).cursor
    const bare = cursor.split(';')[1] ?? ''
    expect(bare).toMatch(/^\d+$/)
    db.prepare("UPDATE sync_state SET cursor = ? WHERE channel_id = ? AND stream = 'mentions'").run(bare, s.channel)
    const stored = s.items()
    s.harness.ports.clock.advance(5 * MIN)
    await s.sync()
    expect(s.rereads()).toBe(2 * once)
    expect(s.items()).toBe(stored)
  }, 60_000)
})
