import type { Database } from 'better-sqlite3'
import type { InboxActionView, InboxCounts, InboxItem, InboxPage, InboxQuery, InboxState, TextPart } from '../../shared/domain/inbox'
import type { Network } from '../../shared/domain/network'
import { statementCache } from '../db/statement-cache'
import { createSearchIndex } from './search-index'
import { ftsQuery, ftsTerm, holdersOf, indexTotals, markMatches, rankHits, WORD_SAMPLE, type CorpusStats, type SearchedText } from './search'

const PAGE = 100
const MAX_PAGE = 500
/**
 * A search ranks, by bm25 (wave2-anchors §8.15: FTS first, with a limit), the newest this many
 * matches that pass the filters, read from the index newest first. Ranking every match of a common
 * word ("coffee" on a coffee brand's channels) costs a score per match, over 100 ms at a million
 * comments; stopping at 200 keeps a search near its filter's cost whatever the word, at the price
 * of older matches of a common word: narrow the search or the filters (brand, channel, dates) to
 * reach them.
 *
 * The 200 are scored here (search.ts), not with FTS5's rank: bm25() first counts, for every word
 * searched, every comment in the inbox that holds it (its rarity), a full read of each word's list
 * in the index whatever the LIMIT: two thirds of a search's time at a million comments (10-17 ms
 * of 15-35). Here a word's rarity is estimated from its newest 500 matches (search.ts, holdersOf),
 * and not read at all for a single word, whose rarity weighs every match alike. The inbox's size
 * and mean length come from the totals FTS5 keeps for bm25. Prefixes of 2 to 8 letters have their
 * own index (migration 0018), so such a word's matches are read only as far as needed; a longer
 * word's are gathered whole first (about 5 ms for a word in one comment of eight).
 *
 * The index drives the join and each match's row is looked up for the filters, so a narrow filter
 * costs reads: one brand of twenty looks at about 5,000 matches of "creme brulee" to keep 200
 * (8 ms at a million comments). The other way round is no cheaper: the filters' indexes order
 * rows by time, not by the index's rowid, so every row of the brand would be read to intersect.
 */
const SEARCH_HITS = 200

export interface ItemRow {
  id: number
  network: string
  channel_id: string
  channel_name: string
  stream: string
  network_comment_id: string
  network_post_id: string
  parent_comment_id: string | null
  thread_id: string
  author_name: string
  author_handle: string
  text: string
  own: number
  created_at: number
  edited_at: number | null
  deleted_at: number | null
  hidden: number
  liked: number
  state: string
  assignee: string | null
  read_at: number | null
  answered: number
}

interface ActionRow {
  id: number
  item_id: number
  kind: string
  state: string
  text: string
  reason: string | null
  detail: string
  created_at: number
  updated_at: number
}

export const ITEM_COLUMNS = `i.id, i.network, i.channel_id, c.name AS channel_name, i.stream, i.network_comment_id, i.network_post_id,
  i.parent_comment_id, i.thread_id, i.author_name, i.author_handle, i.text, i.own, i.created_at, i.edited_at, i.deleted_at,
  i.hidden, i.liked, i.state, i.assignee, i.read_at,
  EXISTS (SELECT 1 FROM inbox_items r WHERE r.channel_id = i.channel_id AND r.thread_id = i.thread_id AND r.own = 1 AND r.created_at >= i.created_at) AS answered`

/**
 * A thread's items, oldest first, from any one of them: the replies and the channel's own comments
 * along their index (migration 0028), and the thread's top comment, when it is neither, by its
 * network id, which is the thread's id.
 */
export const THREAD_ITEMS = `WITH t AS (SELECT network, channel_id, thread_id FROM inbox_items WHERE id = ?)
  SELECT ${ITEM_COLUMNS} FROM t JOIN inbox_items i ON i.channel_id = t.channel_id AND i.thread_id = t.thread_id JOIN channels c ON c.id = i.channel_id
   WHERE i.parent_comment_id IS NOT NULL OR i.own = 1
  UNION ALL
  SELECT ${ITEM_COLUMNS} FROM t JOIN inbox_items i ON i.network = t.network AND i.network_comment_id = t.thread_id JOIN channels c ON c.id = i.channel_id
   WHERE i.channel_id = t.channel_id AND i.parent_comment_id IS NULL AND i.own = 0
  ORDER BY 14, 1`

/** The filters of an Inbox query as SQL over `inbox_items i` (with `labelJoined`, the label's rows `l` are joined to it already). */
function where(query: InboxQuery, labelJoined = false): { sql: string; params: unknown[] } {
  const clauses: string[] = []
  const params: unknown[] = []
  if (query.brandId) {
    clauses.push('i.channel_id IN (SELECT channel_id FROM brand_channels WHERE brand_id = ?)')
    params.push(query.brandId)
  }
  if (query.channelIds && query.channelIds.length > 0) {
    clauses.push(`i.channel_id IN (${query.channelIds.map(() => '?').join(',')})`)
    params.push(...query.channelIds)
  }
  if (query.network) {
    clauses.push('i.network = ?')
    params.push(query.network)
  }
  if (query.states && query.states.length > 0) {
    clauses.push(`i.state IN (${query.states.map(() => '?').join(',')})`)
    params.push(...query.states)
  }
  if (query.needsReply) {
    clauses.push(
      'i.own = 0 AND i.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM inbox_items r WHERE r.channel_id = i.channel_id AND r.thread_id = i.thread_id AND r.own = 1 AND r.created_at >= i.created_at)',
    )
  }
  if (query.assignee !== undefined) {
    if (query.assignee === '') clauses.push('i.assignee IS NULL')
    else {
      clauses.push('i.assignee = ?')
      params.push(query.assignee)
    }
  }
  if (query.label) {
    clauses.push(labelJoined ? 'l.label = ?' : 'EXISTS (SELECT 1 FROM inbox_labels l WHERE l.item_id = i.id AND l.label = ?)')
    params.push(query.label)
  }
  if (query.fromMs !== undefined) {
    clauses.push('i.created_at >= ?')
    params.push(query.fromMs)
  }
  if (query.toMs !== undefined) {
    clauses.push('i.created_at < ?')
    params.push(query.toMs)
  }
  return { sql: clauses.length ? clauses.join(' AND ') : '1', params }
}

/**
 * The newest-first page of a query without search, keyset-paged. With several states (the Open
 * tab is new and assigned) each state is read newest first along its own index and the arms are
 * merged, instead of sorting every item of those states for one page: 45 ms at 100,000 comments.
 */
export function newestFirst(query: InboxQuery, limit: number): { sql: string; params: unknown[] } {
  // With a label, the label's rows (which carry their comment's time, migration 0019) are read
  // newest first and the comments looked up from them, rather than every comment checked for it.
  const [time, id, from] = query.label
    ? ['l.item_created_at', 'l.item_id', 'inbox_labels l JOIN inbox_items i ON i.id = l.item_id']
    : ['i.created_at', 'i.id', 'inbox_items i']
  const keyset = query.before ? ` AND (${time} < ? OR (${time} = ? AND ${id} < ?))` : ''
  const keyParams = query.before ? [query.before.createdAt, query.before.createdAt, query.before.id] : []
  const arm = (q: InboxQuery): { sql: string; params: unknown[] } => {
    const filter = where(q, true)
    return {
      sql: `SELECT ${ITEM_COLUMNS} FROM ${from} JOIN channels c ON c.id = i.channel_id WHERE ${filter.sql}${keyset} ORDER BY ${time} DESC, ${id} DESC LIMIT ?`,
      params: [...filter.params, ...keyParams, limit],
    }
  }
  const states = [...new Set(query.states ?? [])]
  if (states.length < 2) return arm(query)
  const arms = states.map((state) => arm({ ...query, states: [state] }))
  return {
    sql: `${arms.map((a) => `SELECT * FROM (${a.sql})`).join(' UNION ALL ')} ORDER BY created_at DESC, id DESC LIMIT ?`,
    params: [...arms.flatMap((a) => a.params), limit],
  }
}

export function createInboxQueries(sqlite: Database) {
  const stmt = statementCache(sqlite)
  const searchIndex = createSearchIndex(sqlite)

  function decorate(rows: ItemRow[], marks: Map<number, TextPart[]>): InboxItem[] {
    if (rows.length === 0) return []
    // The page's ids as one JSON argument: the statements are compiled once, not for each page's
    // count of placeholders (two compilations were a third of a page's time at a million comments).
    const ids = JSON.stringify(rows.map((r) => r.id))
    const labels = new Map<number, string[]>()
    for (const l of stmt('SELECT item_id, label FROM inbox_labels WHERE item_id IN (SELECT value FROM json_each(?)) ORDER BY label').all(ids) as { item_id: number; label: string }[]) {
      labels.set(l.item_id, [...(labels.get(l.item_id) ?? []), l.label])
    }
    const actions = new Map<number, InboxActionView>()
    const actionRows = stmt(
      'SELECT * FROM inbox_actions WHERE id IN (SELECT max(id) FROM inbox_actions WHERE item_id IN (SELECT value FROM json_each(?)) GROUP BY item_id)',
    ).all(ids) as ActionRow[]
    for (const a of actionRows) actions.set(a.item_id, actionView(a))
    return rows.map((r) => toItem(r, labels.get(r.id) ?? [], actions.get(r.id) ?? null, marks.get(r.id)))
  }

  /**
   * The inbox's size and mean length from FTS5's totals, and how many comments hold each word: not
   * asked for a single word, whose rarity weighs every match alike and leaves the order as it is.
   */
  function corpusStats(words: string[]): CorpusStats {
    const totals = indexTotals(stmt('SELECT block FROM inbox_fts_data WHERE id = 1').pluck().get() as Uint8Array | undefined)
    if (words.length < 2) return { ...totals, docsWith: words.map(() => 0) }
    const newestId = (stmt('SELECT max(id) FROM inbox_items').pluck().get() as number | null) ?? 0
    const newest = stmt(`SELECT rowid FROM inbox_fts WHERE inbox_fts MATCH ? ORDER BY rowid DESC LIMIT ${WORD_SAMPLE}`).pluck()
    return { ...totals, docsWith: words.map((w) => holdersOf(newest.all(ftsTerm(w)) as number[], newestId)) }
  }

  function list(query: InboxQuery): InboxPage {
    const limit = Math.min(query.limit ?? PAGE, MAX_PAGE)
    const filter = where(query)
    const search = query.search ? ftsQuery(query.search) : null
    if (query.search && !search) return { items: [], hasMore: false }
    if (search) {
      // Comments stored since the last batch are indexed first: a search never misses one.
      searchIndex.catchUp()
      const offset = query.offset ?? 0
      const hits = stmt(
        `SELECT f.rowid AS id, i.text, i.author_name FROM inbox_fts f JOIN inbox_items i ON i.id = f.rowid
         WHERE inbox_fts MATCH ? AND ${filter.sql} ORDER BY f.rowid DESC LIMIT ${SEARCH_HITS}`,
      ).all(search, ...filter.params) as (SearchedText & { id: number })[]
      const ranked = rankHits(hits, query.search ?? '', corpusStats).slice(offset, offset + limit + 1)
      const byId = new Map(
        (stmt(`SELECT ${ITEM_COLUMNS} FROM inbox_items i JOIN channels c ON c.id = i.channel_id WHERE i.id IN (SELECT value FROM json_each(?))`).all(
          JSON.stringify(ranked.slice(0, limit)),
        ) as ItemRow[]).map((r) => [r.id, r]),
      )
      const page = ranked.slice(0, limit).flatMap((id) => byId.get(id) ?? [])
      const marks = new Map(page.map((r) => [r.id, markMatches(r.text, query.search ?? '')]))
      return { items: decorate(page, marks), hasMore: ranked.length > limit }
    }
    const page = newestFirst(query, limit + 1)
    const rows = stmt(page.sql).all(...page.params) as ItemRow[]
    return { items: decorate(rows.slice(0, limit), new Map()), hasMore: rows.length > limit }
  }

  function items(ids: readonly number[]): InboxItem[] {
    if (ids.length === 0) return []
    const rows = stmt(`SELECT ${ITEM_COLUMNS} FROM inbox_items i JOIN channels c ON c.id = i.channel_id WHERE i.id IN (SELECT value FROM json_each(?))`).all(
      JSON.stringify(ids),
    ) as ItemRow[]
    return decorate(rows, new Map())
  }

  function thread(itemId: number): InboxItem[] {
    const rows = stmt(THREAD_ITEMS).all(itemId) as ItemRow[]
    return decorate(rows, new Map())
  }

  function counts(): InboxCounts {
    // Kept by triggers (migration 0024): counting the items themselves took 50 ms at 100,000.
    const byState: Record<InboxState, number> = { new: 0, assigned: 0, done: 0 }
    for (const r of stmt('SELECT state, sum(n) AS n FROM inbox_counts GROUP BY state').all() as { state: InboxState; n: number }[]) byState[r.state] = r.n
    const unreadByChannel: Record<string, number> = {}
    let unread = 0
    for (const r of stmt('SELECT channel_id, n FROM inbox_counts WHERE unread = 1 AND n > 0').all() as { channel_id: string; n: number }[]) {
      unreadByChannel[r.channel_id] = r.n
      unread += r.n
    }
    return { unread, byState, unreadByChannel }
  }

  return { list, items, thread, counts }
}

export function actionView(a: ActionRow): InboxActionView {
  return {
    id: a.id,
    kind: a.kind as InboxActionView['kind'],
    state: a.state as InboxActionView['state'],
    text: a.text,
    detail: a.detail,
    createdAt: a.created_at,
    updatedAt: a.updated_at,
  }
}

export type { ActionRow }

function toItem(r: ItemRow, labels: string[], lastAction: InboxActionView | null, marked: TextPart[] | undefined): InboxItem {
  return {
    id: r.id,
    network: r.network as Network,
    channelId: r.channel_id,
    channelName: r.channel_name,
    stream: r.stream as InboxItem['stream'],
    networkCommentId: r.network_comment_id,
    networkPostId: r.network_post_id,
    parentCommentId: r.parent_comment_id,
    threadId: r.thread_id,
    authorName: r.author_name,
    authorHandle: r.author_handle,
    text: r.text,
    highlight: marked ?? null,
    own: r.own === 1,
    createdAt: r.created_at,
    editedAt: r.edited_at,
    deletedAt: r.deleted_at,
    hidden: r.hidden === 1,
    liked: r.liked === 1,
    state: r.state as InboxState,
    assignee: r.assignee,
    read: r.read_at !== null,
    labels,
    answered: r.answered === 1,
    lastAction,
  }
}

export type InboxQueries = ReturnType<typeof createInboxQueries>
