import { describe, expect, it } from 'vitest'
import { openDatabase } from '../db/client'
import type { RemoteComment } from '../providers/types'
import { createIngest, type IngestChannel } from './ingest'
import { createSearchIndex, INDEX_BATCH } from './search-index'

const CHANNEL: IngestChannel = { id: 'c1', network: 'facebook', name: 'Northwind Coffee', handle: 'northwind', networkChannelId: 'page1' }

function setup() {
  const { sqlite } = openDatabase(':memory:', { nowMs: 1 })
  sqlite.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, handle, created_at) VALUES ('c1', 'facebook', 'page1', 'page', 'Northwind Coffee', 'northwind', 1)").run()
  return { sqlite, ingest: createIngest(sqlite) }
}

const page = (from: number, count: number): RemoteComment[] =>
  Array.from({ length: count }, (_, k) => ({
    networkCommentId: `c${from + k}`,
    networkPostId: 'post1',
    parentCommentId: k % 3 === 2 ? `c${from + k - 1}` : null,
    authorName: k % 5 === 4 ? 'Northwind Coffee' : `Zoë Martín ${k}`,
    authorHandle: k % 5 === 4 ? 'northwind' : `zoe${k}`,
    text: `Le café numéro ${from + k} était délicieux`,
    createdAt: 1_000 + from + k,
  }))

describe('storing a page of comments', () => {
  it('indexes stored comments for search in batches, as one segment, not one per page', () => {
    const { sqlite, ingest } = setup()
    // Without merging, every flush of FTS5's pending terms stays a segment of its own.
    sqlite.prepare("INSERT INTO inbox_fts(inbox_fts, rank) VALUES ('automerge', 0)").run()
    const segments = (): number => sqlite.prepare('SELECT count(DISTINCT segid) FROM inbox_fts_idx').pluck().get() as number
    const pending = (): number => sqlite.prepare('SELECT count(*) FROM inbox_fts_pending').pluck().get() as number
    const matches = (): number => sqlite.prepare("SELECT count(*) FROM inbox_fts WHERE inbox_fts MATCH 'cafe* delicieux*'").pluck().get() as number
    expect(ingest.ingest(CHANNEL, 'comments', page(0, 100), 5_000).inserted).toBe(100)
    ingest.ingest(CHANNEL, 'comments', page(100, 100), 5_000)
    expect([segments(), pending(), matches()]).toEqual([0, 200, 0])
    // Pages up to a batch: the read that completes it indexes the whole batch in one segment.
    for (let from = 200; from < INDEX_BATCH; from += 100) ingest.ingest(CHANNEL, 'comments', page(from, 100), 5_000)
    expect([segments(), pending(), matches()]).toEqual([1, 0, INDEX_BATCH])
    ingest.ingest(CHANNEL, 'comments', page(INDEX_BATCH, 100), 5_000)
    createSearchIndex(sqlite).catchUp()
    expect([segments(), pending(), matches()]).toEqual([2, 0, INDEX_BATCH + 100])
    sqlite.exec("INSERT INTO inbox_fts(inbox_fts) VALUES ('integrity-check')")
  })

  it('stores each comment once with its thread and owner, keeps the later text of one read twice in a page, and counts edits', () => {
    const { sqlite, ingest } = setup()
    const comments = page(0, 6)
    const again = { ...(comments[1] as RemoteComment), text: 'Le café, édité' }
    expect(ingest.ingest(CHANNEL, 'comments', [...comments, again], 5_000)).toEqual({ inserted: 6, edited: 1, insertedAt: [1000, 1001, 1002, 1003, 1004, 1005] })
    const rows = sqlite.prepare('SELECT network_comment_id AS id, thread_id AS thread, own, state, read_at AS readAt, text FROM inbox_items ORDER BY id').all()
    expect(rows).toEqual([
      { id: 'c0', thread: 'c0', own: 0, state: 'new', readAt: null, text: 'Le café numéro 0 était délicieux' },
      { id: 'c1', thread: 'c1', own: 0, state: 'new', readAt: null, text: 'Le café, édité' },
      { id: 'c2', thread: 'c1', own: 0, state: 'new', readAt: null, text: 'Le café numéro 2 était délicieux' },
      { id: 'c3', thread: 'c3', own: 0, state: 'new', readAt: null, text: 'Le café numéro 3 était délicieux' },
      { id: 'c4', thread: 'c4', own: 1, state: 'done', readAt: 5_000, text: 'Le café numéro 4 était délicieux' },
      { id: 'c5', thread: 'c4', own: 0, state: 'new', readAt: null, text: 'Le café numéro 5 était délicieux' },
    ])
    expect(ingest.ingest(CHANNEL, 'comments', [...comments.slice(0, 2), { ...(comments[2] as RemoteComment), text: 'changed' }], 6_000)).toEqual({ inserted: 0, edited: 2, insertedAt: [] })
    createSearchIndex(sqlite).catchUp()
    expect(sqlite.prepare("SELECT count(*) FROM inbox_fts WHERE inbox_fts MATCH 'changed'").pluck().get()).toBe(1)
  })
})

describe('comments a post read whole no longer lists', () => {
  it('are marked deleted on the network, once; a comment stored since the read began, or on another post, stays', () => {
    const { sqlite, ingest } = setup()
    ingest.ingest(CHANNEL, 'comments', page(0, 4), 5_000)
    const elsewhere = { ...(page(10, 1)[0] as RemoteComment), networkPostId: 'post2' }
    const justSent = { ...(page(20, 1)[0] as RemoteComment), createdAt: 9_000 }
    ingest.ingest(CHANNEL, 'comments', [elsewhere, justSent], 9_000)
    const whole = [{ networkPostId: 'post1', networkCommentIds: ['c0', 'c2'] }]
    expect(ingest.markGone(CHANNEL, whole, 8_000, 10_000)).toBe(2)
    const deleted = sqlite.prepare('SELECT network_comment_id AS id, deleted_at AS at FROM inbox_items WHERE deleted_at IS NOT NULL ORDER BY id').all()
    expect(deleted).toEqual([
      { id: 'c1', at: 10_000 },
      { id: 'c3', at: 10_000 },
    ])
    expect(ingest.markGone(CHANNEL, whole, 8_000, 11_000)).toBe(0)
  })
})
