/**
 * Comments on an Instagram account's media (wave2-anchors §2.2, §8). Instagram's comment edges
 * have no time filter: reading a media item's comments lists every one of them. So a read lists
 * the recent media with their `comments_count` (one paged call) and opens only the media that are
 * new or whose count moved since the cursor's (`comment-cursor.ts`); when nothing moved, a read
 * is that one call. About once an hour a safety re-read opens some media whatever their count
 * (see `INSTAGRAM_SYNC`).
 *
 * Each media item read to the end is reported whole (`wholePosts`): a stored comment it no longer
 * lists was deleted on the network, which is how a count that went down is followed. Graph's IG
 * Comment has no edit operation and no edited time, so edits are not looked for; a changed text
 * seen on a read is stored all the same.
 */
import * as z from 'zod'
import { hash32 } from '../../../shared/random'
import * as graph from '../graph'
import type { ChannelTarget, CommentPage, ProviderContext, RemoteComment } from '../types'
import { decodeInstagramCursor, encodeInstagramCursor, type InstagramCommentCursor } from './comment-cursor'
import { INSTAGRAM_SYNC } from './config'
import { recentMedia } from './media'

const NETWORK = 'instagram' as const
const COMMENT_FIELDS = 'id,text,timestamp,username,from{id,username}'

const IgCommentFields = {
  id: z.string(),
  text: z.string().optional(),
  timestamp: z.string(),
  username: z.string().optional(),
  from: z.object({ id: z.string(), username: z.string().optional() }).optional(),
}
export const ReplySchema = z.object(IgCommentFields)
const CommentSchema = z.object({ ...IgCommentFields, replies: graph.listOf(ReplySchema).optional() })

function toRemote(c: z.output<typeof ReplySchema>, mediaId: string, parentId: string | null): RemoteComment {
  const handle = c.username ?? c.from?.username ?? ''
  return {
    networkCommentId: c.id,
    networkPostId: mediaId,
    parentCommentId: parentId,
    authorName: handle || 'Instagram user',
    authorHandle: handle,
    text: c.text ?? '',
    createdAt: graph.parseGraphTime(c.timestamp),
  }
}

/** Every comment on a media item with its replies, and whether the walk listed them all. */
async function readMediaComments(ctx: ProviderContext, target: ChannelTarget, mediaId: string): Promise<{ comments: RemoteComment[]; complete: boolean }> {
  const client = graph.graphClient(NETWORK, ctx)
  const edge = (id: string, name: string, fields: string) => ({
    method: 'GET' as const,
    url: graph.graphUrl(ctx, graph.graphNodePath(id, name)),
    bearer: target.accessToken,
    query: { fields, limit: INSTAGRAM_SYNC.pageSize },
  })
  const top = await graph.collectWindow(client, edge(mediaId, 'comments', `${COMMENT_FIELDS},replies{${COMMENT_FIELDS}}`), CommentSchema)
  let complete = top.complete
  const comments: RemoteComment[] = []
  for (const c of top.items) {
    comments.push(toRemote(c, mediaId, null))
    let replies = c.replies?.data ?? []
    if (c.replies?.paging?.next) {
      const more = await graph.collectWindow(client, edge(c.id, 'replies', COMMENT_FIELDS), ReplySchema)
      replies = more.items
      complete &&= more.complete
    }
    for (const r of replies) comments.push(toRemote(r, mediaId, c.id))
  }
  return { comments, complete }
}

/**
 * Which media a read opens. Without counts (a first read, or a cursor from before they were
 * kept), every one with comments; otherwise those whose count differs from the cursor's (one
 * the cursor does not name had none), and on a safety re-read also the last days' media and the
 * share of the older ones whose turn it is.
 */
function opensMedia(cursor: InstagramCommentCursor | null, now: number, safety: boolean) {
  const counts = cursor?.counts
  const sweep = cursor?.sweep ?? 0
  return (m: { id: string; timestamp: string; comments_count?: number | undefined }): boolean => {
    if (counts === undefined || m.comments_count === undefined) return m.comments_count !== 0
    if ((counts.get(m.id) ?? 0) !== m.comments_count) return true
    if (!safety || m.comments_count === 0) return false
    return graph.parseGraphTime(m.timestamp) >= now - INSTAGRAM_SYNC.commentHotSetMs || hash32(m.id) % INSTAGRAM_SYNC.commentSweepShares === sweep
  }
}

export async function listInstagramComments(ctx: ProviderContext, target: ChannelTarget, cursorText: string | null): Promise<CommentPage> {
  const cursor = decodeInstagramCursor(cursorText)
  const now = ctx.clock.now()
  const start: graph.CommentCursor = cursor ?? { since: now - INSTAGRAM_SYNC.firstCommentSyncMs, seen: [] }
  // What is reported: comments after the cursor, and those of the last 30 days again (a
  // re-read may find one that slipped past; storing is once per id), never older ones.
  const floor = Math.min(start.since, now - INSTAGRAM_SYNC.firstCommentSyncMs)
  const safety = cursor?.counts !== undefined && now - (cursor.hotAt ?? 0) >= INSTAGRAM_SYNC.commentWholeEveryMs
  const opens = opensMedia(cursor, now, safety)
  return graph.withDataAccessCheck(NETWORK, ctx, target.accessToken, async () => {
    const { items: media } = await recentMedia(ctx, target, now - INSTAGRAM_SYNC.commentMediaLookbackMs, 'id,timestamp,comments_count')
    const counts = new Map<string, number>()
    const found: RemoteComment[] = []
    const wholePosts: NonNullable<CommentPage['wholePosts']> = []
    for (const m of media) {
      // A media item listed twice (one published while the list was paged) is read once.
      if (counts.has(m.id)) continue
      if (m.comments_count !== undefined) counts.set(m.id, m.comments_count)
      if (!opens(m)) continue
      const read = await readMediaComments(ctx, target, m.id)
      found.push(...read.comments.filter((c) => c.createdAt >= floor))
      if (read.complete) wholePosts.push({ networkPostId: m.id, networkCommentIds: read.comments.map((c) => c.networkCommentId) })
    }
    const base = graph.decodeCursor(graph.advanceCursor(found, start).next) ?? start
    const next: InstagramCommentCursor = {
      since: base.since,
      seen: base.seen,
      counts,
      // A read without counts opened every media item with comments: as good as a safety re-read.
      ...(safety || cursor?.counts === undefined ? { hotAt: now } : cursor.hotAt === undefined ? {} : { hotAt: cursor.hotAt }),
      sweep: safety ? ((cursor?.sweep ?? 0) + 1) % INSTAGRAM_SYNC.commentSweepShares : (cursor?.sweep ?? 0),
    }
    return {
      comments: found.sort((a, b) => a.createdAt - b.createdAt || a.networkCommentId.localeCompare(b.networkCommentId)),
      cursor: encodeInstagramCursor(next),
      ...(wholePosts.length > 0 ? { wholePosts } : {}),
    }
  })
}
