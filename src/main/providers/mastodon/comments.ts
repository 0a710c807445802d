/**
 * Replies to the account's posts on Mastodon. New ones arrive as mention notifications (replying
 * to a status mentions its author), read forward with `min_id`. About once an hour the account's
 * recent threads are read whole again (`MASTODON_REREAD`), one page of 40 statuses a poll, paging
 * down with the Link header's `max_id` until the window is covered: a changed text is stored as an
 * edit, and the threads are reported whole so a reply they no longer list can be marked deleted,
 * once `confirmGone` has seen the instance answer 404 for it.
 */
import type { ProviderClient } from '../http-client'
import { ProviderError } from '../provider-error'
import type { ChannelTarget, CommentPage, ProviderContext, RemoteComment } from '../types'
import { MASTODON_PAGING, MASTODON_PATHS, MASTODON_REREAD } from './config'
import { htmlToText } from './content'
import { decodeCursor, encodeCursor } from './cursor'
import { ContextSchema, NotificationListSchema, StatusSchema, type MastodonStatus } from './schemas'
import { compareIds, parseTime } from './status-fields'

interface Deps {
  base(ctx: ProviderContext): string
  client(ctx: ProviderContext): ProviderClient
  /** One page of the account's statuses below `maxId`, newest first, and where the next starts. */
  statusesPage(ctx: ProviderContext, target: ChannelTarget, maxId: string | undefined): Promise<{ statuses: MastodonStatus[]; next: string | undefined }>
}

const commentOf = (status: MastodonStatus, root: string): RemoteComment => ({
  networkCommentId: status.id,
  networkPostId: root,
  parentCommentId: !status.in_reply_to_id || status.in_reply_to_id === root ? null : status.in_reply_to_id,
  authorName: status.account.display_name || status.account.username,
  authorHandle: status.account.acct,
  text: htmlToText(status.content),
  createdAt: parseTime(status.created_at),
})

export function mastodonComments(deps: Deps) {
  /**
   * Mention notifications after `minId`, oldest first. `min_id` returns the statuses right after
   * the cursor; `since_id` would return the newest page and skip a gap when more than a page
   * arrived. Returns the newest notification id seen (unchanged when nothing new arrived).
   */
  async function mentions(ctx: ProviderContext, target: ChannelTarget, minId: string | null): Promise<{ comments: RemoteComment[]; newest: string | null }> {
    const base = deps.base(ctx)
    const http = deps.client(ctx)
    const comments: RemoteComment[] = []
    /** status id → id of the thread's first post. */
    const rootOf = new Map<string, string>()
    /** thread root id → author account id. */
    const rootAuthor = new Map<string, string>()
    let newest = minId
    for (let page = 0; page < MASTODON_PAGING.maxPages; page++) {
      const { data } = await http.json(
        {
          method: 'GET',
          url: `${base}${MASTODON_PATHS.notifications}`,
          bearer: target.accessToken,
          query: { 'types[]': 'mention', limit: MASTODON_PAGING.notificationsLimit, min_id: newest ?? '0' },
        },
        NotificationListSchema,
      )
      if (data.length === 0) break
      const ordered = [...data].sort((a, b) => compareIds(a.id, b.id))
      for (const notification of ordered) {
        const status = notification.status
        if (notification.type !== 'mention' || !status || !status.in_reply_to_id) continue
        // Private mentions are direct messages, not comments.
        if (status.visibility === 'direct') continue
        let root = rootOf.get(status.in_reply_to_id)
        if (root === undefined) {
          const { data: context } = await http.json({ method: 'GET', url: `${base}${MASTODON_PATHS.context(status.id)}`, bearer: target.accessToken }, ContextSchema)
          const first = context.ancestors[0]
          if (!first) continue
          root = first.id
          rootAuthor.set(first.id, first.account.id)
          for (const ancestor of context.ancestors) rootOf.set(ancestor.id, first.id)
        }
        rootOf.set(status.id, root)
        if (rootAuthor.get(root) !== target.networkChannelId) continue
        comments.push(commentOf(status, root))
      }
      const last = ordered.at(-1)
      if (last) newest = last.id
      if (data.length < MASTODON_PAGING.notificationsLimit) break
    }
    return { comments, newest }
  }

  /**
   * One page of the account's statuses of the window, below `from` (the next page's start), each
   * with every reply its thread lists now; `next` is where the following page starts while the
   * window goes on past this one. The window is the two days before `began`, when the re-read
   * started: a re-read whose pages take several polls covers the same statuses to its end.
   */
  async function reread(
    ctx: ProviderContext,
    target: ChannelTarget,
    began: number,
    from: string | undefined,
  ): Promise<Pick<CommentPage, 'comments' | 'wholePosts'> & { next: string | undefined }> {
    const base = deps.base(ctx)
    const http = deps.client(ctx)
    const since = began - MASTODON_REREAD.windowMs
    const page = await deps.statusesPage(ctx, target, from)
    const comments: RemoteComment[] = []
    const wholePosts: NonNullable<CommentPage['wholePosts']> = []
    for (const status of page.statuses) {
      if (parseTime(status.created_at) < since) continue
      const { data } = await http.json({ method: 'GET', url: `${base}${MASTODON_PATHS.context(status.id)}`, bearer: target.accessToken }, ContextSchema)
      comments.push(...data.descendants.filter((s) => s.visibility !== 'direct').map((s) => commentOf(s, status.id)))
      wholePosts.push({ networkPostId: status.id, networkCommentIds: data.descendants.map((s) => s.id) })
    }
    const oldest = page.statuses.at(-1)
    const more = oldest !== undefined && parseTime(oldest.created_at) >= since
    return { comments, wholePosts, next: more ? page.next : undefined }
  }

  return {
    /**
     * New mentions since the cursor, and when the re-read is due, the recent threads read whole.
     * The first read of a channel starts the re-read clock without re-reading.
     */
    async listComments(ctx: ProviderContext, target: ChannelTarget, cursorText: string | null): Promise<CommentPage> {
      const cursor = decodeCursor(cursorText)
      const now = ctx.clock.now()
      // A re-read that paged past one poll goes on where it stopped; it began at `rereadAt`.
      const going = cursor?.rereadFrom !== undefined
      const due = cursor !== null && (going || now - (cursor.rereadAt ?? 0) >= MASTODON_REREAD.everyMs)
      const { comments, newest } = await mentions(ctx, target, cursor?.minId ?? null)
      if (!due) {
        const rereadAt = cursor === null ? now : cursor.rereadAt
        return { comments, cursor: encodeCursor({ minId: newest, ...(rereadAt === undefined ? {} : { rereadAt }) }) }
      }
      const rereadAt = going ? (cursor.rereadAt ?? now) : now
      const whole = await reread(ctx, target, rereadAt, cursor.rereadFrom)
      const next = encodeCursor({ minId: newest, rereadAt, ...(whole.next === undefined ? {} : { rereadFrom: whole.next }) })
      const listed = new Set(comments.map((c) => c.networkCommentId))
      return { comments: [...comments, ...whole.comments.filter((c) => !listed.has(c.networkCommentId))], cursor: next, wholePosts: whole.wholePosts }
    },

    /**
     * Of replies their thread no longer lists, the ones the instance says are deleted (404). A
     * reply under a deleted status leaves the thread but still exists; so does one from an
     * account the channel has since muted or blocked. Only the first `goneChecksPerReread` are
     * asked; the others stay until the next re-read.
     */
    async confirmGone(ctx: ProviderContext, target: ChannelTarget, networkCommentIds: readonly string[]): Promise<{ gone: string[]; asked: number }> {
      const base = deps.base(ctx)
      const http = deps.client(ctx)
      const asked = networkCommentIds.slice(0, MASTODON_REREAD.goneChecksPerReread)
      const gone: string[] = []
      for (const id of asked) {
        try {
          await http.json({ method: 'GET', url: `${base}${MASTODON_PATHS.status(id)}`, bearer: target.accessToken }, StatusSchema)
        } catch (err) {
          if (err instanceof ProviderError && (err.failure.status === 404 || err.failure.status === 410)) gone.push(id)
          else throw err
        }
      }
      return { gone, asked: asked.length }
    },
  }
}
