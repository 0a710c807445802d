import type { Database } from 'better-sqlite3'
import type { RemoteComment } from '../providers/types'
import { relaxedWrite } from '../db/relaxed-write'
import { statementCache } from '../db/statement-cache'
import { createSearchIndex } from './search-index'

/** The channel a batch of comments was read from. */
export interface IngestChannel {
  id: string
  network: string
  /** The channel's display name: comments under it are the channel's own. */
  name: string
  /** The channel's handle and id on the network: an author with either is the channel itself. */
  handle: string
  networkChannelId: string
}

export interface IngestResult {
  /** Items seen for the first time. */
  inserted: number
  /** Items already stored whose text changed on the network. */
  edited: number
  /** Creation times of the inserted items (a backfill counts those inside its gap). */
  insertedAt: number[]
}

/**
 * Stores comments read from a network, once per network id. A repeated read (a page read twice,
 * a run repeated after a crash) changes nothing; a changed text is an edit; a new comment from
 * someone else in a thread that was done opens the thread again. The network keeps what a power
 * cut loses here, so a read commits without its own fsync (relaxedWrite). The comments stored enter
 * the search index in batches (search-index.ts).
 */
export function createIngest(sqlite: Database) {
  const stmt = statementCache(sqlite)
  const searchIndex = createSearchIndex(sqlite)
  // One statement for the whole page, its rows read from one JSON argument. Prepared single-row
  // INSERTs were slower even with the search index out of the page's transaction: each one fires
  // the pending-index trigger and so opens a statement journal (12-15k comments a second of CPU
  // time against 19-20k for this, 200k comments in the bench). jsonb_each hands each row to `->>`
  // as JSONB, read in place; json_each wrote each row out as JSON text that every `->>` parsed
  // again, about a fifth of this statement's work.
  const insert = `
    INSERT INTO inbox_items (network, network_comment_id, channel_id, stream, network_post_id, parent_comment_id, thread_id, delivery_id,
      author_name, author_handle, text, own, created_at, state, read_at, first_seen_at, updated_at)
    SELECT @network, r.value ->> 0, @channel, @stream, r.value ->> 1, r.value ->> 2, r.value ->> 3,
      (SELECT id FROM deliveries WHERE channel_id = @channel AND network_post_id = r.value ->> 1 LIMIT 1),
      r.value ->> 4, r.value ->> 5, r.value ->> 6, r.value ->> 7, r.value ->> 8,
      CASE WHEN r.value ->> 7 = 1 THEN 'done' ELSE 'new' END, CASE WHEN r.value ->> 7 = 1 THEN @now END, @now, @now
    FROM jsonb_each(@rows) r WHERE true
    ON CONFLICT (network, network_comment_id) DO NOTHING
    RETURNING network_comment_id AS cid`
  // Every id a page names (its comments and their parents), read in one query rather than one per comment.
  const known = `SELECT network_comment_id AS cid, id, text, thread_id FROM inbox_items
                  WHERE network = ? AND network_comment_id IN (SELECT value FROM json_each(?))`
  const edit = `UPDATE inbox_items SET text = ?, edited_at = ?, updated_at = ? WHERE id = ?`
  // Through the (network, network_comment_id) key: only the thread's top comment is looked at.
  const reopen = `UPDATE inbox_items SET state = 'new', read_at = NULL, updated_at = ?
                   WHERE network = ? AND network_comment_id = ? AND channel_id = ? AND state = 'done' AND own = 0`

  const ingest = sqlite.transaction((channel: IngestChannel, stream: 'comments' | 'mentions', comments: readonly RemoteComment[], now: number): IngestResult => {
    const result: IngestResult = { inserted: 0, edited: 0, insertedAt: [] }
    const names = new Set<string>()
    for (const c of comments) {
      names.add(c.networkCommentId)
      if (c.parentCommentId) names.add(c.parentCommentId)
    }
    const stored = new Map<string, { id: number; text: string; thread_id: string }>()
    for (const row of stmt(known).all(channel.network, JSON.stringify([...names])) as { cid: string; id: number; text: string; thread_id: string }[]) stored.set(row.cid, row)
    // Parents first, so a reply finds its parent's thread.
    const ordered = [...comments].sort((a, b) => a.createdAt - b.createdAt)
    const fresh = new Map<string, { comment: RemoteComment; thread: string; own: boolean }>()
    for (const c of ordered) {
      const found = stored.get(c.networkCommentId)
      if (found) {
        if (found.text !== c.text) {
          stmt(edit).run(c.text, now, now, found.id)
          found.text = c.text
          result.edited += 1
        }
        continue
      }
      const twice = fresh.get(c.networkCommentId)
      if (twice) {
        // The same comment twice in one page: the later text is the one kept, as an edit.
        if (twice.comment.text !== c.text) result.edited += 1
        twice.comment = { ...twice.comment, text: c.text }
        continue
      }
      const parentId = c.parentCommentId
      const thread = (parentId ? (stored.get(parentId)?.thread_id ?? fresh.get(parentId)?.thread) : undefined) ?? parentId ?? c.networkCommentId
      const own = c.authorName === channel.name || (c.authorHandle !== '' && (c.authorHandle === channel.handle || c.authorHandle === channel.networkChannelId))
      fresh.set(c.networkCommentId, { comment: c, thread, own })
    }
    if (fresh.size === 0) return result
    const rows = [...fresh.values()].map(({ comment: c, thread, own }) => [c.networkCommentId, c.networkPostId, c.parentCommentId, thread, c.authorName, c.authorHandle, c.text, own ? 1 : 0, c.createdAt])
    const inserted = new Set((stmt(insert).all({ network: channel.network, channel: channel.id, stream, rows: JSON.stringify(rows), now }) as { cid: string }[]).map((r) => r.cid))
    const reopened = new Set<string>()
    for (const [id, { comment, thread, own }] of fresh) {
      if (!inserted.has(id)) continue
      result.inserted += 1
      result.insertedAt.push(comment.createdAt)
      // A top-level comment is its own thread: there is nothing done to open again. Each thread is
      // opened once a page, and not at all when this very page stored its top comment (new, or the
      // channel's own, which is never opened): a third of a page is replies, most in its own threads.
      if (own || thread === id || reopened.has(thread) || inserted.has(thread)) continue
      reopened.add(thread)
      stmt(reopen).run(now, channel.network, thread, channel.id)
    }
    return result
  })

  // A post's stored comments a whole read left out, through the channel's index; the few stored
  // on one post are filtered here. `unlisted` lists them, `gone` marks them deleted.
  const NOT_LISTED = `WHERE channel_id = @channel AND network = @network AND network_post_id = @post AND deleted_at IS NULL
                   AND created_at < @before AND network_comment_id NOT IN (SELECT value FROM json_each(@ids))`
  const gone = `UPDATE inbox_items SET deleted_at = @now, updated_at = @now ${NOT_LISTED}`
  const unlisted = `SELECT network_comment_id AS cid FROM inbox_items ${NOT_LISTED}`
  type WholePost = { networkPostId: string; networkCommentIds: readonly string[] }
  const bind = (channel: IngestChannel, p: WholePost, before: number) => ({ channel: channel.id, network: channel.network, post: p.networkPostId, before, ids: JSON.stringify(p.networkCommentIds) })

  return {
    /** What `markGone` would mark under these posts: stored comments the read did not list. */
    unlisted(channel: IngestChannel, posts: readonly WholePost[], before: number): string[] {
      return posts.flatMap((p) => (stmt(unlisted).all(bind(channel, p, before)) as { cid: string }[]).map((r) => r.cid))
    },
    /**
     * Marks deleted what the network no longer lists under posts read whole. Only comments older
     * than the read (`before`): one stored while the read ran, such as a reply just sent, stays.
     * Returns how many were marked.
     */
    markGone(channel: IngestChannel, posts: readonly WholePost[], before: number, now: number): number {
      if (posts.length === 0) return 0
      return relaxedWrite(sqlite, () =>
        sqlite.transaction(() =>
          posts.reduce(
            (n, p) => n + stmt(gone).run({ ...bind(channel, p, before), now }).changes,
            0,
          ),
        )(),
      )
    },
    ingest(channel: IngestChannel, stream: 'comments' | 'mentions', comments: readonly RemoteComment[], now: number): IngestResult {
      if (comments.length === 0) return { inserted: 0, edited: 0, insertedAt: [] }
      const result = relaxedWrite(sqlite, () => ingest(channel, stream, comments, now))
      if (result.inserted > 0) searchIndex.catchUpInBatches()
      return result
    },
  }
}

export type Ingest = ReturnType<typeof createIngest>
