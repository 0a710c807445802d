/**
 * Tweets and users as the API renders them: views over posts and comments, t.co links and
 * entities, the requested fields and metrics, and the paged list answer of timelines and search.
 */
import { createHash } from 'node:crypto'
import { X_READ, X_SNOWFLAKE_EPOCH_MS } from '../../../providers/x/config'
import { sandboxPictureUrl } from '../../pictures'
import type { DialectContext, SandboxRequest, SandboxResponse } from '../../types'
import type { SandboxComment, SandboxPost, SandboxUser, SandboxWorld } from '../../world'
import { followersOn, postTotals, replyCount } from './metrics'
import { invalidRequest, ok } from './wire'
import { isoTime } from './state'

export interface TweetView {
  /** The id of this version: an edited reply's latest version has an id of its own. */
  id: string
  /** The id it was first posted under: the comment's id in the world, the first of its edit history. */
  firstId: string
  text: string
  createdAt: number
  authorId: string
  conversationId: string
  repliedTo?: string
  inReplyToUserId?: string
  post?: SandboxPost
}

const xUsers = (world: SandboxWorld): SandboxUser[] => [...world.users.values()].filter((u) => u.network === 'x')

/** Commenters are not sandbox users; give each handle a stable numeric id. */
function authorIdOf(world: SandboxWorld, handle: string): string {
  const user = xUsers(world).find((u) => u.handle === handle)
  if (user) return user.id
  const digest = createHash('sha256').update(`x-author:${handle}`).digest()
  return (1700000000000000000n + (digest.readBigUInt64BE(0) % 100000000000000000n)).toString()
}

export function postView(post: SandboxPost): TweetView {
  return { id: post.id, firstId: post.id, text: post.text, createdAt: post.createdAt, authorId: post.authorUserId, conversationId: post.id, post }
}

export function commentView(world: SandboxWorld, c: SandboxComment): TweetView {
  const parentId = c.parentId ?? c.postId
  const parent = c.parentId ? world.comments.get(c.parentId) : undefined
  const root = world.posts.get(c.postId)
  // An edit is a new version with an id of its own, created when it was edited; the reply keeps its first id.
  const version = c.editedAt === undefined ? undefined : editedVersionId(c.id, c.editedAt)
  return {
    id: version ?? c.id,
    firstId: c.id,
    text: c.text,
    createdAt: c.editedAt ?? c.createdAt,
    authorId: authorIdOf(world, c.authorHandle),
    conversationId: c.postId,
    repliedTo: parentId,
    inReplyToUserId: parent ? authorIdOf(world, parent.authorHandle) : root?.authorUserId,
  }
}

/** The id of a reply's version edited at `at`: a snowflake of that time, keeping the first id's low bits. */
export function editedVersionId(firstId: string, at: number): string {
  return ((BigInt(Math.max(at - X_SNOWFLAKE_EPOCH_MS, 0)) << 22n) | (BigInt(firstId) & 0x3fffffn)).toString()
}

/** X shows links in `text` as t.co links, and appends one for attached media. */
const tco = (url: string): string => `https://t.co/${createHash('sha1').update(url).digest('base64url').slice(0, 10)}`

function renderText(view: TweetView): string {
  const shortened = view.text.replace(/https?:\/\/[^\s]+/g, tco)
  return view.post?.imageUrl ? `${shortened} ${tco(view.post.imageUrl)}` : shortened
}

/** `entities.urls`: each t.co link with the full address behind it; the image's link carries its media key. */
function renderEntities(view: TweetView): Record<string, unknown> {
  const urls: Record<string, unknown>[] = [...view.text.matchAll(/https?:\/\/[^\s]+/g)].map((m) => ({ url: tco(m[0]), expanded_url: m[0] }))
  if (view.post?.imageUrl) urls.push({ url: tco(view.post.imageUrl), expanded_url: `https://x.com/i/web/status/${view.id}/photo/1`, media_key: `3_${view.id}` })
  return { urls }
}

export function renderTweet(ctx: DialectContext, view: TweetView, fields: Set<string>, viewer: SandboxUser): Record<string, unknown> {
  // An edited post or reply lists its first version's id before its own.
  const history = view.post?.editedAt ? [(BigInt(view.id) - 1n).toString(), view.id] : view.firstId !== view.id ? [view.firstId, view.id] : [view.id]
  const out: Record<string, unknown> = { id: view.id, text: renderText(view), edit_history_tweet_ids: history }
  if (fields.has('created_at')) out.created_at = isoTime(view.createdAt)
  if (fields.has('entities')) out.entities = renderEntities(view)
  if (fields.has('attachments') && view.post?.imageUrl) out.attachments = { media_keys: [`3_${view.id}`] }
  if (fields.has('author_id')) out.author_id = view.authorId
  if (fields.has('conversation_id')) out.conversation_id = view.conversationId
  if (fields.has('in_reply_to_user_id') && view.inReplyToUserId) out.in_reply_to_user_id = view.inReplyToUserId
  if (fields.has('referenced_tweets') && view.repliedTo) out.referenced_tweets = [{ type: 'replied_to', id: view.repliedTo }]
  const totals = view.post ? postTotals(ctx.seed, view.post, ctx.now) : undefined
  if (fields.has('public_metrics')) {
    out.public_metrics = {
      retweet_count: totals?.retweet_count ?? 0,
      reply_count: replyCount(ctx.world, view.firstId),
      like_count: totals?.like_count ?? 0,
      quote_count: totals?.quote_count ?? 0,
      bookmark_count: totals?.bookmark_count ?? 0,
      impression_count: totals?.impression_count ?? 0,
    }
  }
  // Owner-only metrics, for posts under 30 days old.
  if (fields.has('non_public_metrics') && view.authorId === viewer.id && view.createdAt >= ctx.now - X_READ.nonPublicMetricsWindowMs) {
    out.non_public_metrics = {
      impression_count: totals?.impression_count ?? 0,
      url_link_clicks: totals?.url_link_clicks ?? 0,
      user_profile_clicks: totals?.user_profile_clicks ?? 0,
    }
  }
  return out
}

export function userView(ctx: DialectContext, user: SandboxUser, fields: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = { id: user.id, name: user.name, username: user.handle }
  if (fields.has('created_at')) out.created_at = '2020-03-01T12:00:00.000Z'
  if (fields.has('protected')) out.protected = false
  if (fields.has('verified')) out.verified = false
  if (fields.has('profile_image_url')) {
    const channel = [...ctx.world.channels.values()].find((c) => c.network === 'x' && c.roles.has(user.id))
    const picture = channel && sandboxPictureUrl(ctx.origin, channel)
    out.profile_image_url = picture ?? 'https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png'
  }
  if (fields.has('public_metrics')) {
    const tweets = [...ctx.world.posts.values()].filter((p) => p.network === 'x' && p.authorUserId === user.id && p.createdAt <= ctx.now).length
    out.public_metrics = { followers_count: followersOn(ctx.seed, user.id, ctx.now), following_count: 180, tweet_count: tweets, listed_count: 12, like_count: 640 }
  }
  return out
}

export const fieldSet = (req: SandboxRequest, name: string): Set<string> => new Set((req.query.get(name) ?? '').split(',').filter(Boolean))

/** Opaque page tokens over an offset, as X's are opaque strings. */
const pageToken = (offset: number): string => Buffer.from(`x-page:${offset}`).toString('base64url')
function pageOffset(token: string | null): number | undefined {
  if (!token) return 0
  const m = /^x-page:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'))
  return m?.[1] === undefined ? undefined : Number(m[1])
}

export function parseTime(value: string | null): number | undefined | null {
  if (value === null) return undefined
  const t = Date.parse(value)
  return Number.isFinite(t) ? t : null
}

export function page(
  req: SandboxRequest,
  ctx: DialectContext,
  viewer: SandboxUser,
  views: TweetView[],
  bounds: { min: number; max: number },
  tokenParam: 'pagination_token' | 'next_token',
  rate: Record<string, string>,
): SandboxResponse {
  const max = Number(req.query.get('max_results') ?? '10')
  if (!Number.isInteger(max) || max < bounds.min || max > bounds.max) {
    return invalidRequest(ctx, `The \`max_results\` query parameter value [${req.query.get('max_results') ?? ''}] is not between ${bounds.min} and ${bounds.max}`, 'max_results')
  }
  const offset = pageOffset(req.query.get(tokenParam))
  if (offset === undefined) return invalidRequest(ctx, `The \`${tokenParam}\` query parameter value is invalid`, tokenParam)
  const slice = views.slice(offset, offset + max)
  const fields = fieldSet(req, 'tweet.fields')
  const body: Record<string, unknown> = {}
  if (slice.length > 0) body.data = slice.map((v) => renderTweet(ctx, v, fields, viewer))
  if (slice.length > 0 && (req.query.get('expansions') ?? '').split(',').includes('author_id')) {
    const userFields = fieldSet(req, 'user.fields')
    const authors = new Map<string, Record<string, unknown>>()
    for (const v of slice) {
      if (authors.has(v.authorId)) continue
      const known = ctx.world.users.get(v.authorId)
      if (known && known.network === 'x') authors.set(v.authorId, userView(ctx, known, userFields))
      else {
        const comment = ctx.world.comments.get(v.firstId)
        authors.set(v.authorId, { id: v.authorId, name: comment?.authorName ?? 'X user', username: comment?.authorHandle ?? 'x_user' })
      }
    }
    body.includes = { users: [...authors.values()] }
  }
  const meta: Record<string, unknown> = { result_count: slice.length }
  if (slice.length > 0) {
    meta.newest_id = slice[0]?.id
    meta.oldest_id = slice.at(-1)?.id
  }
  if (offset + max < views.length) meta.next_token = pageToken(offset + max)
  body.meta = meta
  return ok(ctx, body, 200, rate)
}
