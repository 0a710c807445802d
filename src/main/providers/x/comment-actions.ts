/**
 * Moderation and the lookups behind exactly-once replies on X (wave2-anchors §2.0): hide and
 * unhide a reply in a conversation the account started, like it; delete is absent (an account
 * deletes only its own posts). After a lost answer: the account's own reply to this post with this
 * text on its timeline, or the account among the post's liking users. X offers no way to read
 * whether a reply is hidden, so a lost hide is a question for a person.
 */
import * as z from 'zod'
import type { ChannelTarget, CommentActionLookup, CommentActionLookupResult, CommentModeration, CommentRef, ProviderContext } from '../types'
import { apiUrl, clientFor, unescapeX, xTime } from './api'
import { X_PATHS, X_READ } from './config'
import { XTweetPage } from './schemas'

const HiddenSchema = z.object({ data: z.object({ hidden: z.boolean() }) })
const LikedSchema = z.object({ data: z.object({ liked: z.boolean() }) })
const LikersSchema = z.object({ data: z.array(z.object({ id: z.string() })).optional(), meta: z.object({ next_token: z.string().optional() }).optional() })

export async function moderateX(ctx: ProviderContext, target: ChannelTarget, input: CommentRef & { action: CommentModeration }): Promise<void> {
  const client = clientFor(ctx)
  if (input.action === 'hide' || input.action === 'unhide') {
    await client.json({ method: 'PUT', url: apiUrl(ctx, X_PATHS.hidden(input.networkCommentId)), bearer: target.accessToken, json: { hidden: input.action === 'hide' } }, HiddenSchema)
    return
  }
  if (input.action === 'like') {
    await client.json({ method: 'POST', url: apiUrl(ctx, X_PATHS.likes(target.networkChannelId)), bearer: target.accessToken, json: { tweet_id: input.networkCommentId } }, LikedSchema)
    return
  }
  throw new Error('X lets an account delete only its own posts.')
}

export async function findXCommentAction(ctx: ProviderContext, target: ChannelTarget, lookup: CommentActionLookup): Promise<CommentActionLookupResult> {
  const client = clientFor(ctx)
  if (lookup.action === 'hide' || lookup.action === 'unhide') {
    return { kind: 'unanswerable', detail: 'X does not show whether a reply is hidden.' }
  }
  if (lookup.action === 'delete') return { kind: 'unanswerable', detail: 'X lets an account delete only its own posts.' }
  if (lookup.action === 'like') {
    let next: string | undefined
    for (let page = 0; page < X_READ.maxPages; page++) {
      const { data } = await client.json(
        { method: 'GET', url: apiUrl(ctx, X_PATHS.likingUsers(lookup.networkCommentId)), bearer: target.accessToken, query: { max_results: X_READ.pageSize, pagination_token: next } },
        LikersSchema,
      )
      if ((data.data ?? []).some((u) => u.id === target.networkChannelId)) return { kind: 'found', networkCommentId: lookup.networkCommentId }
      next = data.meta?.next_token
      if (!next) break
    }
    return { kind: 'absent' }
  }
  // The account's own replies since the intent, newest first: the one to this post with this text.
  const found: string[] = []
  let next: string | undefined
  for (let page = 0; page < X_READ.maxPages; page++) {
    const { data } = await client.json(
      {
        method: 'GET',
        url: apiUrl(ctx, X_PATHS.userTweets(target.networkChannelId)),
        bearer: target.accessToken,
        query: { start_time: xTime(lookup.sinceMs), exclude: 'retweets', 'tweet.fields': 'created_at,referenced_tweets', max_results: X_READ.pageSize, pagination_token: next },
      },
      XTweetPage,
    )
    for (const t of data.data ?? []) {
      const repliedTo = t.referenced_tweets?.find((r) => r.type === 'replied_to')?.id
      if (repliedTo === lookup.networkCommentId && unescapeX(t.text) === lookup.text) found.push(t.id)
    }
    next = data.meta?.next_token
    if (!next) break
  }
  if (found.length === 1 && found[0]) return { kind: 'found', networkCommentId: found[0] }
  if (found.length > 1) return { kind: 'ambiguous', candidates: found, detail: `${found.length} replies from the account carry this text.` }
  return { kind: 'absent' }
}
