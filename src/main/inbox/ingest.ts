import type { Database } from 'better-sqlite3'
import type { RemoteComment } from '../providers/types'
import { relaxedWrite } from '../db/relaxed-write'
import { statementCache } from '../db/statement-cache'

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
 * cut loses here, so a read commits without its own fsync (relaxedWrite).
 */
export function createIngest(sqlite: Database) {
  const stmt = statementCache(sqlite)
  const insert = `
    INSERT INTO inbox_items (network, network_comment_id, channel_id, stream, network_post_id, parent_comment_id, thread_id, delivery_id,
      author_name, author_handle, text, own, created_at, state, read_at, first_seen_at, updated_at)
    VALUES (@network, @id, @channel, @stream, @post, @parent, @thread,
      (SELECT id FROM deliveries WHERE channel_id = @channel AND network_post_id = @post LIMIT 1),
      @authorName, @authorHandle, @text, @own, @createdAt, @state, @readAt, @now, @now)
    ON CONFLICT (network, network_comment_id) DO NOTHING`
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
      const parent = c.parentCommentId ? stored.get(c.parentCommentId) : undefined
      const thread = parent?.thread_id ?? c.parentCommentId ?? c.networkCommentId
      const own = c.authorName === channel.name || (c.authorHandle !== '' && (c.authorHandle === channel.handle || c.authorHandle === channel.networkChannelId))
      const info = stmt(insert).run({
        network: channel.network,
        id: c.networkCommentId,
        channel: channel.id,
        stream,
        post: c.networkPostId,
        parent: c.parentCommentId,
        thread,
        authorName: c.authorName,
        authorHandle: c.authorHandle,
        text: c.text,
        own: own ? 1 : 0,
        createdAt: c.createdAt,
        // What the channel wrote itself needs nobody's attention.
        state: own ? 'done' : 'new',
        readAt: own ? now : null,
        now,
      })
      if (info.changes === 0) continue
      stored.set(c.networkCommentId, { id: Number(info.lastInsertRowid), text: c.text, thread_id: thread })
      result.inserted += 1
      result.insertedAt.push(c.createdAt)
      // A top-level comment is its own thread: there is nothing done to open again.
      if (!own && thread !== c.networkCommentId) stmt(reopen).run(now, channel.network, thread, channel.id)
    }
    return result
  })

  return {
    ingest: (channel: IngestChannel, stream: 'comments' | 'mentions', comments: readonly RemoteComment[], now: number): IngestResult =>
      comments.length === 0 ? { inserted: 0, edited: 0, insertedAt: [] } : relaxedWrite(sqlite, () => ingest(channel, stream, comments, now)),
  }
}

export type Ingest = ReturnType<typeof createIngest>
