/**
 * Moderating replies: hiding one in a conversation the account started, liking one, and listing
 * who liked it.
 */
import type { DialectContext, SandboxRequest, SandboxResponse } from '../../types'
import type { SandboxUser } from '../../world'
import { authorizeCall, NEEDS } from './caller'
import { obj } from './state'
import { invalidRequest, notFoundResource, ok, problem } from './wire'

/** PUT /2/tweets/:id/hidden — only replies in a conversation the account started can be hidden. */
export function hideReply(req: SandboxRequest, ctx: DialectContext, id: string): SandboxResponse {
  const a = authorizeCall(req, ctx, NEEDS.hide, 'hideReply')
  if (!a.ok) return a.response
  const comment = ctx.world.comments.get(id)
  if (!comment || comment.network !== 'x' || comment.createdAt > ctx.now) return notFoundResource(ctx, 'tweet', id)
  const root = ctx.world.posts.get(comment.postId)
  if (!root || root.authorUserId !== a.user.id) {
    return problem(ctx, 403, { title: 'Forbidden', type: 'about:blank', detail: 'You can only hide replies to conversations you started.' }, a.rate)
  }
  const hidden = obj(req.json)?.hidden
  if (typeof hidden !== 'boolean') return invalidRequest(ctx, 'The `hidden` field is required', 'hidden')
  comment.hidden = hidden
  return ok(ctx, { data: { hidden } }, 200, a.rate)
}

/** POST /2/users/:id/likes — the account likes a post (its own id in the path). */
export function likeTweet(req: SandboxRequest, ctx: DialectContext, userId: string): SandboxResponse {
  const a = authorizeCall(req, ctx, NEEDS.like, 'like')
  if (!a.ok) return a.response
  if (userId !== a.user.id) return problem(ctx, 403, { title: 'Forbidden', type: 'about:blank', detail: 'You are not permitted to perform this action.' }, a.rate)
  const tweetId = obj(req.json)?.tweet_id
  const comment = typeof tweetId === 'string' ? ctx.world.comments.get(tweetId) : undefined
  if (!comment || comment.network !== 'x' || comment.createdAt > ctx.now) return invalidRequest(ctx, `Invalid 'tweet_id'.`, 'tweet_id')
  comment.likedBy = [...new Set([...(comment.likedBy ?? []), a.user.id])]
  return ok(ctx, { data: { liked: true } }, 200, a.rate)
}

/** GET /2/tweets/:id/liking_users */
export function likingUsers(req: SandboxRequest, ctx: DialectContext, id: string): SandboxResponse {
  const a = authorizeCall(req, ctx, NEEDS.likers, 'likingUsers')
  if (!a.ok) return a.response
  const comment = ctx.world.comments.get(id)
  if (!comment || comment.network !== 'x') return notFoundResource(ctx, 'tweet', id)
  const users = (comment.likedBy ?? []).map((uid) => ctx.world.users.get(uid)).filter((u): u is SandboxUser => u !== undefined)
  return ok(ctx, { data: users.map((u) => ({ id: u.id, name: u.name, username: u.handle })), meta: { result_count: users.length } }, 200, a.rate)
}
