import { describe, expect, it } from 'vitest'
import { openDatabase } from '../db/client'
import type { RemoteComment } from '../providers/types'
import { createIngest, type IngestChannel } from './ingest'
import { createInboxQueries, newestFirst } from './queries'
import { ftsQuery, markMatches } from './search'
import { createTriage } from './triage'

const CHANNEL: IngestChannel = { id: 'c1', network: 'facebook', name: 'Northwind Coffee', handle: 'northwind', networkChannelId: 'page1' }

function setup() {
  const database = openDatabase(':memory:', { nowMs: 1 })
  const { sqlite } = database
  sqlite.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, handle, created_at) VALUES ('c1', 'facebook', 'page1', 'page', 'Northwind Coffee', 'northwind', 1)").run()
  sqlite.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES ('c2', 'x', 'u2', 'account', 'Relink Coffee', 1)").run()
  return { sqlite, ingest: createIngest(sqlite), queries: createInboxQueries(sqlite), triage: createTriage(sqlite) }
}

const comment = (id: string, text: string, createdAt: number, extra: Partial<RemoteComment> = {}): RemoteComment => ({
  networkCommentId: id,
  networkPostId: 'post1',
  parentCommentId: null,
  authorName: 'Zoë Martín',
  authorHandle: 'zoe',
  text,
  createdAt,
  ...extra,
})

describe('inbox store and queries', () => {
  it('turns typed words into prefix terms and ignores operators', () => {
    expect(ftsQuery('café del')).toBe('"café"* "del"*')
    expect(ftsQuery('"a" OR b-')).toBe('"a"* "OR"* "b"*')
    expect(ftsQuery(' -- ')).toBeNull()
    expect(markMatches('Le café noir', 'CAF')).toEqual([
      { text: 'Le ', match: false },
      { text: 'café', match: true },
      { text: ' noir', match: false },
    ])
    expect(markMatches('Crème brûlée, ÉTÉ 2026! コーヒー好き', 'creme ete 20 コーヒー').filter((p) => p.match).map((p) => p.text)).toEqual(['Crème', 'ÉTÉ', '2026', 'コーヒー好き'])
    expect(markMatches('nothing here', 'caf')).toEqual([{ text: 'nothing here', match: false }])
  })

  it('stores once, sees edits, threads replies, and marks the channel’s own replies done', () => {
    const { ingest, queries, sqlite } = setup()
    const first = ingest.ingest(CHANNEL, 'comments', [comment('a', 'Is the café open?', 100), comment('b', 'Yes, until 6!', 200, { parentCommentId: 'a', authorName: 'Northwind Coffee', authorHandle: 'page1' })], 1_000)
    expect(first).toMatchObject({ inserted: 2, edited: 0 })
    expect(ingest.ingest(CHANNEL, 'comments', [comment('a', 'Is the café open?', 100)], 2_000)).toMatchObject({ inserted: 0, edited: 0 })
    expect(ingest.ingest(CHANNEL, 'comments', [comment('a', 'Is the café open today?', 100)], 3_000)).toMatchObject({ inserted: 0, edited: 1 })
    const [reply, top] = queries.list({}).items
    expect(top).toMatchObject({ text: 'Is the café open today?', editedAt: 3_000, state: 'new', own: false, answered: true, threadId: 'a' })
    expect(reply).toMatchObject({ own: true, state: 'done', threadId: 'a', parentCommentId: 'a' })
    expect(queries.list({ needsReply: true }).items).toEqual([])
    // Edited before it was indexed: the search indexes it first, with the text it has now.
    expect(queries.list({ search: 'today' }).items.map((i) => i.networkCommentId)).toEqual(['a'])
    expect(sqlite.prepare("SELECT count(*) AS n FROM inbox_fts WHERE inbox_fts MATCH 'today OR open'").get()).toEqual({ n: 1 })
  })

  it('searches a word joined by an underscore as its words, which the index holds apart', () => {
    const { ingest, queries } = setup()
    ingest.ingest(CHANNEL, 'comments', [comment('a', 'Order cafe_latte_42 again?', 100), comment('b', 'A latte at the cafe', 200), comment('c', 'Tea', 300)], 1_000)
    expect(ftsQuery('cafe_lat')).toBe('"cafe"* "lat"*')
    expect(queries.list({ search: 'cafe_lat' }).items.map((i) => i.networkCommentId).sort()).toEqual(['a', 'b'])
  })

  it('opens a done thread again when someone writes in it', () => {
    const { ingest, queries, triage } = setup()
    ingest.ingest(CHANNEL, 'comments', [comment('a', 'Hello', 100)], 1_000)
    const [top] = queries.list({}).items
    triage.setState([top!.id], 'done', 1_100)
    expect(queries.list({ states: ['new'] }).items).toEqual([])
    ingest.ingest(CHANNEL, 'comments', [comment('b', 'Anyone there?', 300, { parentCommentId: 'a', authorName: 'Ana' })], 2_000)
    expect(queries.list({ states: ['new'] }).items.map((i) => i.text)).toEqual(['Anyone there?', 'Hello'])
    // Several replies in one read, to a done thread and to a thread the read itself brings.
    triage.setState(queries.list({}).items.map((i) => i.id), 'done', 2_100)
    ingest.ingest(
      CHANNEL,
      'comments',
      [
        comment('c', 'Hello?', 400, { parentCommentId: 'a', authorName: 'Ben' }),
        comment('d', 'Open on Sunday?', 410),
        comment('e', 'Same question', 420, { parentCommentId: 'd', authorName: 'Ben' }),
        comment('f', 'Hello!!', 430, { parentCommentId: 'c', authorName: 'Ana' }),
      ],
      3_000,
    )
    expect(queries.list({ states: ['new'] }).items.map((i) => i.text)).toEqual(['Hello!!', 'Same question', 'Open on Sunday?', 'Hello?', 'Hello'])
  })

  it('reads a whole thread from any of its comments, oldest first: its top comment, replies, and the channel’s own', () => {
    const { ingest, queries } = setup()
    ingest.ingest(CHANNEL, 'comments', [
      comment('a', 'Open on Sunday?', 100),
      comment('b', 'Me too', 200, { parentCommentId: 'a', authorName: 'Ana' }),
      comment('c', 'Yes, from 9', 300, { parentCommentId: 'a', authorName: 'Northwind Coffee', authorHandle: 'northwind' }),
      comment('d', 'Thanks!', 400, { parentCommentId: 'c' }),
      comment('e', 'Another question', 150),
      comment('f', 'Our new menu is out', 50, { authorName: 'Northwind Coffee', authorHandle: 'northwind' }),
      comment('g', 'Looks great', 60, { parentCommentId: 'f', authorName: 'Ben' }),
    ], 1_000)
    ingest.ingest({ ...CHANNEL, id: 'c2', network: 'x', name: 'Relink Coffee', handle: 'relink', networkChannelId: 'u2' }, 'mentions', [comment('a', 'Same id, another network', 120)], 1_000)
    const texts = (id: string) => {
      const item = queries.list({ limit: 50 }).items.find((i) => i.networkCommentId === id && i.channelId === 'c1')
      return queries.thread(item?.id ?? -1).map((i) => [i.text, i.answered])
    }
    const open = [['Open on Sunday?', true], ['Me too', true], ['Yes, from 9', true], ['Thanks!', false]]
    for (const id of ['a', 'b', 'c', 'd']) expect(texts(id), id).toEqual(open)
    expect(texts('e')).toEqual([['Another question', false]])
    expect(texts('f')).toEqual([['Our new menu is out', true], ['Looks great', false]])
    expect(queries.thread(-1)).toEqual([])
  })

  it('threads a reply to a reply read later under the top comment, and sees an edit in the same read as a new one', () => {
    const { ingest, queries } = setup()
    ingest.ingest(CHANNEL, 'comments', [comment('a', 'First', 100)], 1_000)
    ingest.ingest(CHANNEL, 'comments', [comment('b', 'Second', 200, { parentCommentId: 'a', authorName: 'Ana' })], 2_000)
    const third = ingest.ingest(CHANNEL, 'comments', [comment('b', 'Second, edited', 200, { parentCommentId: 'a', authorName: 'Ana' }), comment('c', 'Third', 300, { parentCommentId: 'b', authorName: 'Ben' })], 3_000)
    expect(third).toMatchObject({ inserted: 1, edited: 1 })
    expect(queries.list({}).items.map((i) => [i.text, i.threadId])).toEqual([
      ['Third', 'a'],
      ['Second, edited', 'a'],
      ['First', 'a'],
    ])
  })

  it('searches the newest 200 matches that pass the filters, best first: an old one is found when a filter leaves room for it', () => {
    const { ingest, queries } = setup()
    const x = { ...CHANNEL, id: 'c2', network: 'x', name: 'Relink Coffee', handle: 'relinkcoffee', networkChannelId: 'u2' }
    ingest.ingest(x, 'mentions', [comment('old', 'coffee', 10)], 5_000)
    ingest.ingest(CHANNEL, 'comments', Array.from({ length: 300 }, (_, i) => comment(`n${i}`, `coffee number ${i} and more words around it`, 1_000 + i)), 5_000)
    expect(queries.list({ search: 'coffee', network: 'x' }).items.map((i) => i.networkCommentId)).toEqual(['old'])
    const all = queries.list({ search: 'coffee', limit: 500 })
    expect(all.items).toHaveLength(200)
    expect(all.hasMore).toBe(false)
    expect(all.items.map((i) => i.networkCommentId)).not.toContain('old')
  })

  it('pages newest first by keyset, filters, and searches with highlights', () => {
    const { ingest, queries, triage } = setup()
    const many = Array.from({ length: 250 }, (_, i) => comment(`m${i}`, i % 50 === 0 ? `Délicieux croissant n°${i}` : `Comment ${i}`, 1_000 + i))
    ingest.ingest(CHANNEL, 'comments', many, 5_000)
    ingest.ingest({ ...CHANNEL, id: 'c2', network: 'x', name: 'Relink Coffee', handle: 'relinkcoffee', networkChannelId: 'u2' }, 'mentions', [comment('x1', 'delicious coffee', 9_000)], 5_000)
    const first = queries.list({ limit: 100 })
    expect(first.items).toHaveLength(100)
    expect(first.hasMore).toBe(true)
    expect(first.items[0]?.text).toBe('delicious coffee')
    const last = first.items.at(-1)!
    const second = queries.list({ limit: 100, before: { createdAt: last.createdAt, id: last.id } })
    expect(second.items[0]?.createdAt).toBeLessThan(last.createdAt)
    expect(queries.list({ network: 'x' }).items.map((i) => i.channelName)).toEqual(['Relink Coffee'])
    expect(queries.list({ channelIds: ['c1'], limit: 500 }).items).toHaveLength(250)

    const found = queries.list({ search: 'DELIC' })
    expect(found.items).toHaveLength(6)
    const pastry = found.items.find((i) => i.network === 'facebook')
    expect(pastry?.highlight).toEqual(expect.arrayContaining([{ text: 'Délicieux', match: true }]))
    expect(queries.list({ search: 'delic', network: 'x' }).items.map((i) => i.text)).toEqual(['delicious coffee'])
    expect(queries.list({ search: '***' }).items).toEqual([])

    triage.label([pastry!.id], 'praise', true)
    triage.assign([pastry!.id], 'Sam', 6_000)
    expect(queries.list({ label: 'praise' }).items.map((i) => i.id)).toEqual([pastry!.id])
    expect(queries.list({ assignee: 'Sam' }).items[0]).toMatchObject({ state: 'assigned', labels: ['praise'] })
    expect(queries.counts()).toMatchObject({ unread: 250, byState: { new: 250, assigned: 1, done: 0 }, unreadByChannel: { c1: 249, c2: 1 } })
    triage.markRead([found.items[0]!.id], 7_000)
    expect(queries.counts().unread).toBe(249)
  })
})

describe('the open list (new and assigned)', () => {
  it('reads each state newest first along its own index and merges them, without sorting every open item', () => {
    const { sqlite } = openDatabase(':memory:', { nowMs: 0 })
    const page = newestFirst({ states: ['new', 'assigned'], before: { createdAt: 5, id: 9 } }, 101)
    const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${page.sql}`).all(...page.params) as { id: number; parent: number; detail: string }[]
    const parentOf = (row: { parent: number }) => plan.find((r) => r.id === row.parent)?.detail ?? ''
    expect(plan.filter((r) => r.detail.includes('inbox_items_by_state_time (state=?')).map(parentOf)).toEqual([expect.stringMatching(/^CO-ROUTINE/), expect.stringMatching(/^CO-ROUTINE/)])
    // Sorting happens only on what each arm returned (at most a page), never inside an arm.
    expect(plan.filter((r) => r.detail.startsWith('USE TEMP B-TREE')).map(parentOf)).toEqual(['LEFT', 'RIGHT'])
    expect(plan.map((r) => r.detail).join(' | ')).not.toMatch(/SCAN i\b/)
  })

  it('pages the two states together, newest first, as one list', () => {
    const { ingest, queries, triage } = setup()
    ingest.ingest(CHANNEL, 'comments', Array.from({ length: 130 }, (_, i) => comment(`o${i}`, `Comment ${i}`, 1_000 + i)), 5_000)
    const all = queries.list({ limit: 500 }).items
    // Every third one assigned, every seventh done.
    triage.assign(all.filter((_, i) => i % 3 === 0).map((i) => i.id), 'Sam', 6_000)
    triage.setState(all.filter((_, i) => i % 7 === 0).map((i) => i.id), 'done', 6_000)
    const open = all.filter((_, i) => i % 7 !== 0).map((i) => i.id)
    const first = queries.list({ states: ['new', 'assigned'], limit: 50 })
    const last = first.items.at(-1)!
    const second = queries.list({ states: ['assigned', 'new'], limit: 100, before: { createdAt: last.createdAt, id: last.id } })
    expect(first.hasMore).toBe(true)
    expect(second.hasMore).toBe(false)
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual(open)
  })
})

describe('labels', () => {
  it('label only the items still there: an id removed meanwhile is skipped, not a half-written batch', () => {
    const { ingest, queries, triage } = setup()
    ingest.ingest(CHANNEL, 'comments', [comment('x', 'Label me', 100), comment('y', 'And me', 200)], 1_000)
    const [a, b] = queries.list({}).items
    triage.label([a!.id, 999_999, b!.id], 'praise', true)
    expect(queries.list({ label: 'praise' }).items.map((i) => i.id).sort()).toEqual([a!.id, b!.id].sort())
    triage.label([999_999, a!.id], 'praise', false)
    expect(queries.list({ label: 'praise' }).items.map((i) => i.id)).toEqual([b!.id])
  })
})

describe('decorating a page', () => {
  it('reads labels and last actions with statements compiled once, whatever the page size, each searching its index by item', () => {
    const { sqlite, ingest, queries, triage } = setup()
    const compiled: string[] = []
    const prepare = sqlite.prepare.bind(sqlite)
    sqlite.prepare = ((sql: string) => (compiled.push(sql), prepare(sql))) as typeof sqlite.prepare
    ingest.ingest(CHANNEL, 'comments', Array.from({ length: 40 }, (_, i) => comment(`d${i}`, `Comment ${i}`, 1_000 + i)), 5_000)
    const [first, second] = queries.list({ limit: 2 }).items
    triage.label([first!.id], 'praise', true)
    triage.label([first!.id], 'urgent', true)
    sqlite.prepare("INSERT INTO inbox_actions (item_id, channel_id, kind, text, state, due_at, created_at, updated_at) VALUES (?, 'c1', 'reply', 'Thanks', 'sent', 1, 1, 1)").run(second!.id)
    queries.list({ limit: 3 })
    queries.items([first!.id])
    const decorating = compiled.filter((sql) => /^SELECT (item_id, label|\*) FROM inbox_(labels|actions) WHERE (item_)?id IN/.test(sql))
    const plans = decorating.map((sql) => (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...sql.split('?').slice(1).map(() => '[1]')) as { detail: string }[]).map((r) => r.detail).join(' | '))
    expect(plans).toEqual([expect.stringContaining('SEARCH inbox_labels USING PRIMARY KEY (item_id=?)'), expect.stringContaining('SEARCH inbox_actions USING COVERING INDEX inbox_actions_by_item (item_id=?)')])
    compiled.length = 0
    const pages = [5, 17, 30].map((limit) => queries.list({ limit }).items)
    const [labelled, replied] = pages[2]!
    expect(labelled).toMatchObject({ id: first!.id, labels: ['praise', 'urgent'], lastAction: null })
    expect(replied).toMatchObject({ id: second!.id, labels: [], lastAction: { kind: 'reply', text: 'Thanks' } })
    expect(queries.items([first!.id, second!.id]).map((i) => i.id).sort()).toEqual([first!.id, second!.id].sort())
    expect(compiled).toEqual([])
  })
})
