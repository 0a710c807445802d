/**
 * Replies on X: the account's conversations of the last 30 days, read by `conversation_id:`
 * recent search, newer than the last reply seen, with edits folded into the reply they replace.
 */
import type { ChannelTarget, CommentPage, ProviderContext, RemoteComment } from '../types'
import { isId, newer, readPages, snowflakeTime, xTime } from './api'
import { X_PATHS, X_READ } from './config'

/** Recent-search queries of `conversation_id:` clauses joined by OR, each within the length limit. */
function conversationQueries(rootIds: readonly string[]): string[] {
  const queries: string[] = []
  let current: string[] = []
  for (const id of rootIds) {
    const clause = `conversation_id:${id}`
    const candidate = [...current, clause].join(' OR ')
    if (current.length > 0 && candidate.length > X_READ.maxQueryLength) {
      queries.push(current.join(' OR '))
      current = [clause]
    } else current.push(clause)
  }
  if (current.length > 0) queries.push(current.join(' OR '))
  return queries
}

/**
 * Replies to the channel's own posts of the last 30 days, found by `conversation_id:` recent
 * search (which itself reaches back seven days). The cursor is the newest reply id seen, an edit's
 * new version included; `null` means nothing newer arrived, so the caller keeps the cursor it passed.
 */
export async function listXComments(ctx: ProviderContext, target: ChannelTarget, cursor: string | null): Promise<CommentPage> {
  const now = ctx.clock.now()
  const since = isId(cursor) ? cursor : null
  const { tweets: roots } = await readPages(
    ctx,
    target.accessToken,
    X_PATHS.userTweets(target.networkChannelId),
    { start_time: xTime(now - X_READ.conversationRootWindowMs), exclude: 'replies,retweets', 'tweet.fields': 'created_at,conversation_id' },
    'pagination_token',
  )
  const rootIds = new Set(roots.map((t) => t.conversation_id ?? t.id))
  if (rootIds.size === 0) return { comments: [], cursor: null }
  // Recent search refuses a since_id older than its window; filter locally instead.
  const sinceTime = since ? snowflakeTime(since) : undefined
  const sinceParam = since && sinceTime !== undefined && sinceTime > now - X_READ.searchWindowMs + 60 * 60 * 1000 ? since : undefined
  // An edited reply comes back as a new version with an id of its own; its edit history starts
  // with the id it was first posted (and stored) under, so an edit updates the comment in place.
  const found = new Map<string, { version: string; comment: RemoteComment }>()
  let newest: string | null = null
  for (const query of conversationQueries([...rootIds])) {
    const { tweets, users } = await readPages(
      ctx,
      target.accessToken,
      X_PATHS.searchRecent,
      {
        query,
        since_id: sinceParam,
        'tweet.fields': 'author_id,created_at,conversation_id,referenced_tweets,edit_history_tweet_ids',
        expansions: 'author_id',
        'user.fields': 'name,username',
      },
      'next_token',
    )
    for (const t of tweets) {
      const firstId = t.edit_history_tweet_ids?.[0] ?? t.id
      if (rootIds.has(t.id) || rootIds.has(firstId) || (since && !newer(t.id, since))) continue
      if (newest === null || newer(t.id, newest)) newest = t.id
      const seen = found.get(firstId)
      if (seen && newer(seen.version, t.id)) continue
      const repliedTo = t.referenced_tweets?.find((r) => r.type === 'replied_to')?.id
      const postId = t.conversation_id ?? repliedTo ?? t.id
      const author = t.author_id ? users.get(t.author_id) : undefined
      const edited = firstId !== t.id
      found.set(firstId, {
        version: t.id,
        comment: {
          networkCommentId: firstId,
          networkPostId: postId,
          parentCommentId: repliedTo && repliedTo !== postId ? repliedTo : null,
          authorName: author?.name ?? '',
          authorHandle: author?.username ?? '',
          text: t.text,
          // A version's created_at is when it was edited; the comment was written when its first id was.
          createdAt: (edited ? snowflakeTime(firstId) : undefined) ?? (t.created_at ? Date.parse(t.created_at) : undefined) ?? snowflakeTime(t.id) ?? now,
        },
      })
    }
  }
  const comments = [...found.values()].map((f) => f.comment).sort((a, b) => (newer(a.networkCommentId, b.networkCommentId) ? 1 : -1))
  return { comments, cursor: newest }
}
