/**
 * Reading: an account's timeline, recent search (by `conversation_id:`, `from:`, words), and
 * looking one post up.
 */
import { X_READ } from '../../../providers/x/config'
import type { DialectContext, SandboxRequest, SandboxResponse } from '../../types'
import { commentView, fieldSet, page, parseTime, postView, renderTweet, type TweetView } from './render'
import { authorizeCall, NEEDS } from './caller'
import { byIdDesc, isId, isoTime, newer, snowflakeTime } from './state'
import { invalidRequest, notFoundResource, ok } from './wire'

export function userTweets(req: SandboxRequest, ctx: DialectContext, userId: string): SandboxResponse {
  const a = authorizeCall(req, ctx, NEEDS.read, 'userTweets')
  if (!a.ok) return a.response
  const owner = ctx.world.users.get(userId)
  if (!owner || owner.network !== 'x') return notFoundResource(ctx, 'user', userId)
  const start = parseTime(req.query.get('start_time'))
  const end = parseTime(req.query.get('end_time'))
  if (start === null) return invalidRequest(ctx, 'Invalid start_time', 'start_time')
  if (end === null) return invalidRequest(ctx, 'Invalid end_time', 'end_time')
  if (end !== undefined && end > ctx.now - X_READ.endTimeSlackMs) {
    return invalidRequest(ctx, 'Invalid \'end_time\'. \'end_time\' must be a minimum of 10 seconds prior to the request time.', 'end_time')
  }
  // Only posts newer than `since_id`: how a client reads a timeline again without paying twice.
  const sinceId = req.query.get('since_id')
  if (sinceId !== null && !isId(sinceId)) return invalidRequest(ctx, `Invalid 'since_id':'${sinceId}'.`, 'since_id')
  const exclude = new Set((req.query.get('exclude') ?? '').split(',').filter(Boolean))
  const views: TweetView[] = []
  for (const p of ctx.world.posts.values()) if (p.network === 'x' && p.authorUserId === owner.id) views.push(postView(p))
  if (!exclude.has('replies')) {
    for (const c of ctx.world.comments.values()) if (c.network === 'x' && c.authorHandle === owner.handle) views.push(commentView(ctx.world, c))
  }
  const visible = views
    .filter((v) => v.createdAt <= ctx.now && (start === undefined || v.createdAt >= start) && (end === undefined || v.createdAt < end) && (sinceId === null || newer(v.id, sinceId)))
    .sort(byIdDesc)
  return page(req, ctx, a.user, visible, { min: 5, max: 100 }, 'pagination_token', a.rate)
}

export function searchRecent(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const a = authorizeCall(req, ctx, NEEDS.read, 'searchRecent')
  if (!a.ok) return a.response
  const query = req.query.get('query')
  if (!query) return invalidRequest(ctx, 'The `query` query parameter can not be empty', 'query')
  if (query.length > X_READ.maxQueryLength) return invalidRequest(ctx, `Query length exceeds ${X_READ.maxQueryLength} characters`, 'query')
  const windowStart = ctx.now - X_READ.searchWindowMs
  const sinceId = req.query.get('since_id')
  if (sinceId !== null) {
    if (!isId(sinceId)) return invalidRequest(ctx, `Invalid 'since_id':'${sinceId}'.`, 'since_id')
    if (snowflakeTime(sinceId) < windowStart) {
      return invalidRequest(ctx, `Invalid 'since_id':'${sinceId}'. 'since_id' must be a tweet id created after ${isoTime(windowStart).replace(/\.\d{3}Z$/, 'Z')}.`, 'since_id')
    }
  }
  const conversations = new Set([...query.matchAll(/conversation_id:(\d+)/g)].map((m) => m[1]))
  const fromHandles = new Set([...query.matchAll(/(?<!-)from:(\w+)/g)].map((m) => m[1]?.toLowerCase()))
  const notFrom = new Set([...query.matchAll(/-from:(\w+)/g)].map((m) => m[1]?.toLowerCase()))
  const words = query
    .replace(/-?\w+:\S+/g, ' ')
    .replace(/\b(OR|AND)\b|[()]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/^"|"$/g, '').toLowerCase())
  const all: TweetView[] = []
  for (const p of ctx.world.posts.values()) if (p.network === 'x') all.push(postView(p))
  for (const c of ctx.world.comments.values()) if (c.network === 'x') all.push(commentView(ctx.world, c))
  const handleOf = (v: TweetView): string => (ctx.world.users.get(v.authorId)?.handle ?? ctx.world.comments.get(v.firstId)?.authorHandle ?? '').toLowerCase()
  const hits = all
    .filter((v) => v.createdAt <= ctx.now && v.createdAt >= windowStart)
    .filter((v) => (sinceId ? newer(v.id, sinceId) : true))
    .filter((v) => (conversations.size > 0 ? conversations.has(v.conversationId) : true))
    .filter((v) => (fromHandles.size > 0 ? fromHandles.has(handleOf(v)) || fromHandles.has(v.authorId) : true))
    .filter((v) => !notFrom.has(handleOf(v)) && !notFrom.has(v.authorId))
    .filter((v) => words.every((w) => v.text.toLowerCase().includes(w)))
    .sort(byIdDesc)
  return page(req, ctx, a.user, hits, { min: 10, max: 100 }, 'next_token', a.rate)
}

export function tweetLookup(req: SandboxRequest, ctx: DialectContext, id: string): SandboxResponse {
  const a = authorizeCall(req, ctx, NEEDS.read, 'tweet')
  if (!a.ok) return a.response
  const post = ctx.world.posts.get(id)
  const comment = ctx.world.comments.get(id)
  const view = post && post.network === 'x' ? postView(post) : comment && comment.network === 'x' ? commentView(ctx.world, comment) : undefined
  if (!view || view.createdAt > ctx.now) return notFoundResource(ctx, 'tweet', id)
  return ok(ctx, { data: renderTweet(ctx, view, fieldSet(req, 'tweet.fields'), a.user) }, 200, a.rate)
}
