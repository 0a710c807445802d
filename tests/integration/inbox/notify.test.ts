/**
 * The new-comments summary: one desktop notification per batch of reads, never one per comment;
 * off by default and silent while notifications are off; never about the same comments twice, nor
 * about old comments a first read or a backfill brings in.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { summaryOf } from '../../../src/main/inbox/notify'
import { FACEBOOK_SEED } from '../../../src/main/sandbox/dialects/facebook'
import { startDemo, type DemoHarness } from '../connections/harness'

let h: DemoHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const BATCH_MS = 30_000
const HOUR = 60 * 60 * 1000

/** A visitor's comment on a page's newest post, `ago` ms before now. */
function comment(harness: DemoHarness, pageId: string, id: number, text: string, ago = 60_000): void {
  const world = harness.sandbox.world
  const post = [...world.posts.values()].filter((p) => p.channelId === pageId).sort((a, b) => b.createdAt - a.createdAt)[0]
  if (!post) throw new Error(`no post on ${pageId}`)
  const local = post.id.split('_')[1] ?? post.id
  world.addComment({
    id: `${local}_${id}`,
    network: 'facebook',
    postId: post.id,
    parentId: null,
    authorName: `Visitor ${id}`,
    authorHandle: `10007000000${id}`,
    text,
    createdAt: harness.ports.clock.now() - ago,
    viaApi: false,
  })
}

const summaries = (harness: DemoHarness) => harness.ports.notifications.filter((n) => n.id.startsWith('inbox:new:'))
const readAll = async (harness: DemoHarness) => {
  await harness.core.sync.syncNow({ streams: ['comments', 'mentions'] })
  harness.ports.clock.advance(BATCH_MS)
}

describe('new-comments summary', () => {
  it('one notification per batch, only with the summary on, never twice for the same comments', async () => {
    h = await startDemo()
    // Off by default: the first read of every channel's history says nothing.
    await readAll(h)
    expect(summaries(h)).toHaveLength(0)

    await h.core.handlers['settings:update']({ inbox: { newCommentsSummary: true } })
    comment(h, FACEBOOK_SEED.pages.coffee.id, 501, 'Lovely flat white this morning')
    comment(h, FACEBOOK_SEED.pages.coffee.id, 502, 'Is the terrace open?')
    comment(h, FACEBOOK_SEED.pages.books.id, 503, 'Do you stock the new Le Guin reissue?', 30_000)
    // Each channel's read reports separately; the window closes once for the whole sweep.
    await h.core.sync.syncNow({ streams: ['comments'] })
    expect(summaries(h)).toHaveLength(0)
    h.ports.clock.advance(BATCH_MS)
    expect(summaries(h)).toHaveLength(1)
    const [first] = summaries(h)
    expect(first?.title).toBe('3 new comments')
    expect(first?.body).toMatch(/Northwind Coffee \(Facebook\): 2 · Harbor Books \(Facebook\): 1/)
    expect(first?.body).toMatch(/Newest, Visitor 503: “Do you stock the new Le Guin reissue\?”/)
    expect(first?.target).toEqual({ kind: 'app', id: 'inbox' })

    // Nothing new: nothing shown.
    await readAll(h)
    expect(summaries(h)).toHaveLength(1)

    // An old comment (a backfill, a late first read) is history, not news.
    comment(h, FACEBOOK_SEED.pages.coffee.id, 504, 'Written three days ago', 72 * HOUR)
    await readAll(h)
    expect(summaries(h)).toHaveLength(1)
  }, 60_000)

  it('respects notifications being off, and does not replay what arrived meanwhile once they are on', async () => {
    h = await startDemo()
    await readAll(h)
    await h.core.handlers['settings:update']({ inbox: { newCommentsSummary: true }, notifications: { enabled: false } })
    comment(h, FACEBOOK_SEED.pages.coffee.id, 601, 'Arrived while notifications were off')
    await readAll(h)
    expect(summaries(h)).toHaveLength(0)

    await h.core.handlers['settings:update']({ notifications: { enabled: true } })
    await readAll(h)
    expect(summaries(h)).toHaveLength(0)
    comment(h, FACEBOOK_SEED.pages.coffee.id, 602, 'Arrived after they came back on')
    await readAll(h)
    expect(summaries(h).map((n) => n.title)).toEqual(['1 new comment'])
  }, 60_000)
})

describe('summary wording', () => {
  const item = (id: number, stream: string, channel: string, text = 'hello') => ({ id, channel_name: channel, network: 'x', stream, author_name: '', author_handle: `h${id}`, text, created_at: 1_000 + id })
  it('counts comments and mentions apart, lists the busiest channels first and folds the rest', () => {
    const s = summaryOf([item(1, 'mentions', 'A'), item(2, 'comments', 'B'), item(3, 'mentions', 'B'), item(4, 'mentions', 'C'), item(5, 'mentions', 'D'), item(6, 'mentions', 'E', `a ${'long '.repeat(40)}text`)])
    expect(s.title).toBe('1 new comment and 5 new mentions')
    expect(s.body.split('\n')[0]).toBe('B (X): 2 · A (X): 1 · C (X): 1 · 2 more channels')
    expect(s.body).toMatch(/^Newest, @h6: “a long long .*…”$/m)
  })
})
