import { describe, expect, it } from 'vitest'
import { openDatabase } from '../db/client'
import { createInboxQueries } from './queries'
import { createSearchIndex } from './search-index'
import { ftsQuery, holdersOf, indexTotals, rankHits, WORD_SAMPLE, type SearchedText } from './search'

function indexOf(docs: readonly SearchedText[]) {
  const { sqlite } = openDatabase(':memory:', { nowMs: 1 })
  sqlite.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES ('c1', 'facebook', 'page1', 'page', 'Acme', 1)").run()
  const insert = sqlite.prepare(
    `INSERT INTO inbox_items (network, network_comment_id, channel_id, stream, network_post_id, thread_id, author_name, text, created_at, first_seen_at, updated_at)
     VALUES ('facebook', ?, 'c1', 'comments', 'p1', ?, ?, ?, 1, 1, 1)`,
  )
  docs.forEach((d, i) => insert.run(`c${i}`, `c${i}`, d.author_name, d.text))
  createSearchIndex(sqlite).catchUp()
  const totals = () => indexTotals(sqlite.prepare('SELECT block FROM inbox_fts_data WHERE id = 1').pluck().get() as Uint8Array)
  return { sqlite, totals }
}

const DOCS: SearchedText[] = [
  { text: 'Coffee was cold and the refund never came', author_name: 'Ana Lima' },
  { text: 'coffee coffee coffee!', author_name: 'Ben Okafor' },
  { text: 'A refund please, the parcel arrived broken and the coffee spilled all over the box', author_name: 'Chloé Dubois' },
  { text: 'Crème brûlée was délicieux', author_name: 'Coffeelover Rossi' },
  { text: 'Where is my parcel? Shipping takes forever', author_name: 'Dmitri Svensson' },
  { text: 'refund refund', author_name: 'Émile Coffee' },
  { text: 'The café on the corner has better coffee', author_name: 'Fatima Haddad' },
  { text: 'コーヒー 美味しい coffee', author_name: 'Hiroshi Tanaka' },
  { text: 'Nice photo', author_name: 'Inés García' },
  { text: 'Love the new menu, the oat latte is great', author_name: 'Jonas Müller' },
]

describe('search ranking', () => {
  it('reads the index’s totals from its averages record', () => {
    const { totals } = indexOf(DOCS)
    const words = DOCS.reduce((n, d) => n + (d.text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) + (d.author_name.match(/[\p{L}\p{N}]+/gu)?.length ?? 0), 0)
    expect(totals()).toEqual({ docs: DOCS.length, meanLength: words / DOCS.length })
    expect(indexTotals(undefined)).toEqual({ docs: 0, meanLength: 1 })
    // Varints past one byte: 1,000,000 rows, 10,503,178 and 2,000,000 tokens (a bench index's record).
    expect(indexTotals(Uint8Array.from([0xbd, 0x84, 0x40, 0x85, 0x81, 0x88, 0x0a, 0xfa, 0x89, 0x00]))).toEqual({ docs: 1_000_000, meanLength: 12.503178 })
  })

  it('pages matches in the order of FTS5’s bm25 when every word’s matches are counted (fewer than the sample)', () => {
    const { sqlite } = indexOf(DOCS)
    const queries = createInboxQueries(sqlite)
    for (const search of ['coffee', 'refund', 'coffee refund', 'caf', 'parcel ship', 'creme', 'コーヒー', 'the coffee']) {
      const fts = sqlite.prepare('SELECT rowid FROM inbox_fts WHERE inbox_fts MATCH ? ORDER BY rank, rowid DESC').pluck().all(ftsQuery(search)) as number[]
      expect(fts.length, search).toBeGreaterThan(0)
      expect(queries.list({ search, limit: 500 }).items.map((i) => i.id), search).toEqual(fts)
    }
    const coffee = sqlite.prepare('SELECT rowid FROM inbox_fts WHERE inbox_fts MATCH ? ORDER BY rank, rowid DESC').pluck().all('"coffee"*') as number[]
    expect(queries.list({ search: 'coffee', limit: 2, offset: 2 })).toMatchObject({ items: [{ id: coffee[2] }, { id: coffee[3] }], hasMore: true })
  })

  it('estimates how many comments hold a word from its newest matches', () => {
    expect(holdersOf([9, 7, 3], 10)).toBe(3)
    const newest = Array.from({ length: WORD_SAMPLE }, (_, i) => 1_000_000 - 4 * i)
    // One id in four over the span the sample covers: a quarter of the million.
    expect(holdersOf(newest, 1_000_000)).toBeCloseTo(250_000, -3)
    expect(holdersOf(Array.from({ length: WORD_SAMPLE }, (_, i) => WORD_SAMPLE - i), WORD_SAMPLE)).toBe(WORD_SAMPLE)
  })

  it('weighs a rare word above a common one, and the text above the author', () => {
    const hits = [
      { id: 1, text: 'coffee coffee and a refund', author_name: 'Ana' },
      { id: 2, text: 'coffee and a refund refund', author_name: 'Ben' },
    ]
    const stats = { docs: 1_000, meanLength: 6, docsWith: [400, 5] }
    expect(rankHits(hits, 'coffee refund', () => stats)).toEqual([2, 1])
    expect(rankHits(hits, 'coffee refund', () => ({ ...stats, docsWith: [5, 400] }))).toEqual([1, 2])
    const byAuthor = [
      { id: 3, text: 'a word and another', author_name: 'Refund Lima' },
      { id: 4, text: 'a refund and another', author_name: 'Ana Lima' },
    ]
    expect(rankHits(byAuthor, 'refund', () => ({ docs: 1_000, meanLength: 6, docsWith: [5] }))).toEqual([4, 3])
  })
})
