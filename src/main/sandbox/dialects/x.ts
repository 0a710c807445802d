/**
 * X (Twitter API v2, OAuth 2.0 user context) as the sandbox speaks it: the x.com consent page,
 * `api.x.com/2/oauth2/token` with PKCE and rotating single-use refresh tokens, `/2/users/me`,
 * timelines, recent search by `conversation_id:`, posting with images through the v2 media
 * upload, metrics, and X's own error bodies (problem+json for the API, RFC 6749 JSON with X's
 * sentences at the token endpoint). Mounted under `/x`.
 *
 * X has no pages or roles: a channel is the account itself (channel id = user id), so the
 * `removeRole` and `lapseDataAccess` breakers have no X meaning and change nothing here.
 */
import { createHash } from 'node:crypto'
import {
  X_PATHS,
  X_RATE_LIMITS,
  X_RATE_WINDOW_MS,
  X_READ,
  X_SNOWFLAKE_EPOCH_MS,
  X_TEXT_RULES,
  X_TOKENS,
  xRedirectUris,
} from '../../providers/x/config'
import { weighText } from '../../../shared/domain/text-length/x-weight'
import { authenticateClient, handleAuthorize, redeemCode, type AuthorizeSpec } from '../oauth'
import { unit } from '../../../shared/random'
import { pastComment, upcomingComment } from './seed-comments'
import { html, json, type DialectContext, type SandboxDialect, type SandboxRequest, type SandboxResponse } from '../types'
import type { SandboxComment, SandboxPost, SandboxUser, SandboxWorld, TokenRecord } from '../world'
import { sandboxPictureUrl } from '../pictures'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

/** The seeded X world, for tests and the demo. Every account signs in with password `demo`. */
export const X_SEED = {
  clientId: 'relink-sandbox-x',
  clientSecret: 'sandbox-secret-x',
  password: 'demo',
  users: {
    /** The main brand account; most posts and replies live here. */
    brand: { id: '1610000000000000001', handle: 'relinkcoffee', name: 'Relink Coffee' },
    /** A second brand account. */
    labs: { id: '1610000000000000002', handle: 'relinklabs', name: 'Relink Labs' },
    /** A teammate's personal account with little activity. */
    maya: { id: '1610000000000000003', handle: 'maya_posts', name: 'Maya Chen' },
  },
  /** On X the channel is the account: channel ids equal user ids. */
  channels: {
    brand: '1610000000000000001',
    labs: '1610000000000000002',
    maya: '1610000000000000003',
  },
} as const

const SPEC: AuthorizeSpec = { network: 'x', label: 'X', pkce: 'required', scopeSeparator: ' ' }

/** Scopes each API route needs (docs.x.com endpoint references). */
const NEEDS = {
  me: ['tweet.read', 'users.read'],
  read: ['tweet.read', 'users.read'],
  write: ['tweet.read', 'tweet.write', 'users.read'],
  hide: ['tweet.read', 'users.read', 'tweet.moderate.write'],
  like: ['tweet.read', 'users.read', 'like.write'],
  likers: ['tweet.read', 'users.read', 'like.read'],
  media: ['media.write'],
} as const

const MEDIA_TTL_MS = DAY

interface MediaRecord {
  id: string
  userId: string
  size: number
  type: string
  expiresAt: number
  altText?: string
}

/** Per-world state the shared world model has no place for. */
interface XState {
  media: Map<string, MediaRecord>
  /** Requests per (user, route, window) for the `x-rate-limit-remaining` header. */
  calls: Map<string, number>
}
const states = new WeakMap<SandboxWorld, XState>()
function stateOf(world: SandboxWorld): XState {
  let s = states.get(world)
  if (!s) {
    s = { media: new Map(), calls: new Map() }
    states.set(world, s)
  }
  return s
}

/** Time-ordered snowflake ids, unique per world: ms since the Twitter epoch << 22 | sequence. */
function snowflake(world: SandboxWorld, at: number): string {
  const seq = BigInt(Number.parseInt(world.nextId(''), 10) & 0xfff)
  return ((BigInt(Math.max(at - X_SNOWFLAKE_EPOCH_MS, 0)) << 22n) | (1n << 17n) | seq).toString()
}
const snowflakeTime = (id: string): number => Number(BigInt(id) >> 22n) + X_SNOWFLAKE_EPOCH_MS
const isId = (s: string | null | undefined): s is string => typeof s === 'string' && /^\d{1,20}$/.test(s)
const newer = (a: string, b: string): boolean => BigInt(a) > BigInt(b)
const byIdDesc = (a: { id: string }, b: { id: string }): number => (newer(a.id, b.id) ? -1 : newer(b.id, a.id) ? 1 : 0)

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10)
const isoTime = (ms: number): string => new Date(ms).toISOString()
const httpDate = (ms: number): string => new Date(ms).toUTCString()

// ---------------------------------------------------------------------------------------------
// Responses in X's shapes

/** API errors are RFC 7807 problem details with `application/problem+json`. */
function problem(ctx: DialectContext, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): SandboxResponse {
  return json(status, { ...body, status }, { 'content-type': 'application/problem+json', date: httpDate(ctx.now), ...headers })
}

const unauthorized = (ctx: DialectContext): SandboxResponse =>
  // [obs] X sends no x-rate-limit-* headers with a 401.
  problem(ctx, 401, { title: 'Unauthorized', type: 'about:blank', detail: 'Unauthorized' })

const forbidden = (ctx: DialectContext, detail = 'Forbidden'): SandboxResponse => problem(ctx, 403, { title: 'Forbidden', type: 'about:blank', detail })

/** [unconfirmed shape] v1.1 code 326's sentence in v2's problem form. */
const LOCKED_DETAIL =
  'To protect our users from spam and other malicious activity, this account is temporarily locked. Please log in to https://x.com to unlock your account.'

const invalidRequest = (ctx: DialectContext, detail: string, parameter?: string): SandboxResponse =>
  problem(ctx, 400, {
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.x.com/2/problems/invalid-request',
    errors: [{ message: detail, ...(parameter ? { parameters: { [parameter]: [] } } : {}) }],
  })

function notFoundResource(ctx: DialectContext, kind: 'tweet' | 'user', id: string): SandboxResponse {
  // Lookups answer 200 with `errors` and no `data` for a missing resource.
  return ok(ctx, {
    errors: [
      {
        value: id,
        detail: `Could not find ${kind} with id: [${id}].`,
        title: 'Not Found Error',
        resource_type: kind,
        parameter: 'id',
        resource_id: id,
        type: 'https://api.x.com/2/problems/resource-not-found',
      },
    ],
  })
}

function ok(ctx: DialectContext, body: unknown, status = 200, headers: Record<string, string> = {}): SandboxResponse {
  return json(status, body, { date: httpDate(ctx.now), ...headers })
}

/** Token endpoint errors: RFC 6749 §5.2 JSON carrying X's own sentences [obs]. */
const oauthError = (ctx: DialectContext, status: number, error: string, description: string): SandboxResponse =>
  json(status, { error, error_description: description }, { date: httpDate(ctx.now), 'cache-control': 'no-store', pragma: 'no-cache' })

const DEAD_TOKEN = 'Value passed for the token was invalid.'

function rateHeaders(ctx: DialectContext, key: string, route: string): Record<string, string> {
  const limit = X_RATE_LIMITS[route] ?? 300
  const windowStart = Math.floor(ctx.now / X_RATE_WINDOW_MS) * X_RATE_WINDOW_MS
  const calls = stateOf(ctx.world).calls
  const counter = `${key}:${route}:${windowStart}`
  const used = (calls.get(counter) ?? 0) + 1
  calls.set(counter, used)
  return {
    'x-rate-limit-limit': String(limit),
    'x-rate-limit-remaining': String(Math.max(limit - used, 0)),
    'x-rate-limit-reset': String(Math.ceil((windowStart + X_RATE_WINDOW_MS) / 1000)),
  }
}

// ---------------------------------------------------------------------------------------------
// Authentication of API calls

type Authed = { ok: true; user: SandboxUser; token: TokenRecord; rate: Record<string, string> } | { ok: false; response: SandboxResponse }

function authorizeCall(req: SandboxRequest, ctx: DialectContext, needs: readonly string[], route: string): Authed {
  const checked = ctx.world.check(req.bearer, ['access'])
  if (!checked.ok) {
    // Expired, revoked, app removed, password changed: X says only "Unauthorized".
    if (checked.problem === 'action_required') return { ok: false, response: forbidden(ctx, LOCKED_DETAIL) }
    return { ok: false, response: unauthorized(ctx) }
  }
  const { token, user } = checked
  if (token.network !== 'x') return { ok: false, response: unauthorized(ctx) }
  const granted = new Set(token.scopes.filter((s) => !user.revokedScopes.has(s)))
  const rate = rateHeaders(ctx, user.id, route)
  // [obs] A token without a scope the endpoint needs gets the bare generic 403.
  if (needs.some((s) => !granted.has(s))) return { ok: false, response: { ...forbidden(ctx), headers: { ...forbidden(ctx).headers, ...rate } } }
  return { ok: true, user, token, rate }
}

// ---------------------------------------------------------------------------------------------
// Tweets as the API renders them

interface TweetView {
  id: string
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

function postView(post: SandboxPost): TweetView {
  return { id: post.id, text: post.text, createdAt: post.createdAt, authorId: post.authorUserId, conversationId: post.id, post }
}

function commentView(world: SandboxWorld, c: SandboxComment): TweetView {
  const parentId = c.parentId ?? c.postId
  const parent = c.parentId ? world.comments.get(c.parentId) : undefined
  const root = world.posts.get(c.postId)
  return {
    id: c.id,
    text: c.text,
    createdAt: c.createdAt,
    authorId: authorIdOf(world, c.authorHandle),
    conversationId: c.postId,
    repliedTo: parentId,
    inReplyToUserId: parent ? authorIdOf(world, parent.authorHandle) : root?.authorUserId,
  }
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

function replyCount(world: SandboxWorld, postId: string): number {
  let n = 0
  for (const c of world.comments.values()) if (c.postId === postId && c.network === 'x') n += 1
  return n
}

/**
 * Lifetime totals of a post as of `now`: a deterministic daily value per metric from
 * (seed, post, day, metric), decaying with the post's age, summed day by day. Reproducible for a
 * seed, and growing as the clock moves, like live numbers.
 */
const DAILY_BASE: Record<string, number> = {
  impression_count: 900,
  like_count: 30,
  retweet_count: 6,
  quote_count: 2,
  bookmark_count: 4,
  url_link_clicks: 12,
  user_profile_clicks: 8,
}
function postTotals(seed: number, post: SandboxPost, now: number): Record<string, number> {
  const totals: Record<string, number> = {}
  for (const metric of Object.keys(DAILY_BASE)) totals[metric] = 0
  const ageDays = Math.min(Math.floor((now - post.createdAt) / DAY), 60)
  for (let d = 0; d <= ageDays; d++) {
    const day = dayOf(post.createdAt + d * DAY)
    const decay = 1 / (1 + d * 0.8)
    for (const [metric, base] of Object.entries(DAILY_BASE)) {
      totals[metric] = (totals[metric] ?? 0) + Math.round(base * (0.2 + 1.6 * unit(seed, post.id, day, metric)) * decay)
    }
  }
  return totals
}

/** Follower count of a channel on a day: a stable base, steady growth, daily wobble. */
function followersOn(seed: number, channelId: string, now: number): number {
  const day = dayOf(now)
  const days = Math.floor((now - Date.UTC(2025, 0, 1)) / DAY)
  const base = 1200 + Math.floor(8800 * unit(seed, channelId, 'followers-base'))
  const growth = 2 + 10 * unit(seed, channelId, 'followers-growth')
  return Math.max(0, Math.round(base + days * growth + 25 * (unit(seed, channelId, day, 'followers') - 0.5)))
}

function renderTweet(ctx: DialectContext, view: TweetView, fields: Set<string>, viewer: SandboxUser): Record<string, unknown> {
  // An edited post lists its first version's id before its own.
  const history = view.post?.editedAt ? [(BigInt(view.id) - 1n).toString(), view.id] : [view.id]
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
      reply_count: replyCount(ctx.world, view.id),
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

function userView(ctx: DialectContext, user: SandboxUser, fields: Set<string>): Record<string, unknown> {
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

const fieldSet = (req: SandboxRequest, name: string): Set<string> => new Set((req.query.get(name) ?? '').split(',').filter(Boolean))

/** Opaque page tokens over an offset, as X's are opaque strings. */
const pageToken = (offset: number): string => Buffer.from(`x-page:${offset}`).toString('base64url')
function pageOffset(token: string | null): number | undefined {
  if (!token) return 0
  const m = /^x-page:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'))
  return m?.[1] === undefined ? undefined : Number(m[1])
}

function parseTime(value: string | null): number | undefined | null {
  if (value === null) return undefined
  const t = Date.parse(value)
  return Number.isFinite(t) ? t : null
}

function page(
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
        const comment = ctx.world.comments.get(v.id)
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

// ---------------------------------------------------------------------------------------------
// Routes

function tokenEndpoint(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const auth = authenticateClient(req, ctx, 'x', { secretRequired: false })
  // [obs] X answers a confidential client without valid Basic credentials this way.
  if (!auth.ok) return oauthError(ctx, 401, 'unauthorized_client', 'Missing valid authorization header')
  const { app } = auth
  const grantType = req.form.get('grant_type')
  const { world } = ctx

  if (grantType === 'authorization_code') {
    if (!req.form.get('code_verifier')) return oauthError(ctx, 400, 'invalid_request', 'Missing required parameter [code_verifier].')
    const redeemed = redeemCode(ctx, app, {
      code: req.form.get('code'),
      redirectUri: req.form.get('redirect_uri'),
      codeVerifier: req.form.get('code_verifier'),
    })
    if (!redeemed.ok) {
      // X's sentences for the same failures [obs].
      const description = /code_verifier/.test(redeemed.description)
        ? 'Value passed for the code verifier did not match the code challenge.'
        : /redirect_uri/.test(redeemed.description)
          ? 'Value passed for the redirect uri did not match the uri of the authorization code.'
          : 'Value passed for the authorization code was invalid.'
      return oauthError(ctx, 400, 'invalid_request', description)
    }
    return issueTokens(ctx, redeemed.code)
  }

  if (grantType === 'refresh_token') {
    const value = req.form.get('refresh_token')
    if (!value) return oauthError(ctx, 400, 'invalid_request', 'Missing required parameter [refresh_token].')
    const record = world.tokens.get(value)
    if (!record || record.kind !== 'refresh' || record.network !== 'x' || record.clientId !== app.clientId) {
      return oauthError(ctx, 400, 'invalid_request', DEAD_TOKEN)
    }
    if (record.usedAt !== undefined) {
      // A spent refresh token presented again looks like theft: end the whole grant (RFC 9700 §4.14.2).
      world.revokeFamily(record.family)
      return oauthError(ctx, 400, 'invalid_request', DEAD_TOKEN)
    }
    const checked = world.check(value, ['refresh'])
    // A locked account can still renew its tokens; the API calls are what X refuses.
    if (!checked.ok && checked.problem !== 'action_required') return oauthError(ctx, 400, 'invalid_request', DEAD_TOKEN)
    record.usedAt = ctx.now
    return issueTokens(ctx, record)
  }

  return oauthError(ctx, 400, 'invalid_request', 'Value passed for the grant type was invalid.')
}

/** Mints a two-hour access token and, with `offline.access`, a new single-use refresh token. */
function issueTokens(ctx: DialectContext, from: TokenRecord): SandboxResponse {
  const base = { network: 'x' as const, clientId: from.clientId, userId: from.userId, scopes: from.scopes, family: from.family, prefix: 'x' }
  const access = ctx.world.mint({ ...base, kind: 'access', expiresAt: ctx.now + X_TOKENS.accessTtlMs })
  const refresh = from.scopes.includes('offline.access')
    ? ctx.world.mint({ ...base, kind: 'refresh', expiresAt: ctx.now + X_TOKENS.assumedRefreshTtlMs })
    : undefined
  const body: Record<string, unknown> = {
    token_type: 'bearer',
    expires_in: Math.round(X_TOKENS.accessTtlMs / 1000),
    access_token: access.value,
    scope: from.scopes.join(' '),
  }
  if (refresh) body.refresh_token = refresh.value
  return json(200, body, { date: httpDate(ctx.now), 'cache-control': 'no-store', pragma: 'no-cache' })
}

function revokeEndpoint(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const auth = authenticateClient(req, ctx, 'x', { secretRequired: false })
  if (!auth.ok) return oauthError(ctx, 401, 'unauthorized_client', 'Missing valid authorization header')
  const value = req.form.get('token')
  if (!value) return oauthError(ctx, 400, 'invalid_request', 'Missing required parameter [token].')
  const record = ctx.world.tokens.get(value)
  // RFC 7009 §2.2: unknown or already invalid tokens still answer 200. Revoking either token of a
  // grant ends the grant.
  if (record && record.network === 'x' && record.clientId === auth.app.clientId) ctx.world.revokeFamily(record.family)
  return ok(ctx, { revoked: true })
}

function me(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const a = authorizeCall(req, ctx, NEEDS.me, 'me')
  if (!a.ok) return a.response
  return ok(ctx, { data: userView(ctx, a.user, fieldSet(req, 'user.fields')) }, 200, a.rate)
}

function userTweets(req: SandboxRequest, ctx: DialectContext, userId: string): SandboxResponse {
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

function searchRecent(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
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
  const handleOf = (v: TweetView): string => (ctx.world.users.get(v.authorId)?.handle ?? ctx.world.comments.get(v.id)?.authorHandle ?? '').toLowerCase()
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

function tweetLookup(req: SandboxRequest, ctx: DialectContext, id: string): SandboxResponse {
  const a = authorizeCall(req, ctx, NEEDS.read, 'tweet')
  if (!a.ok) return a.response
  const post = ctx.world.posts.get(id)
  const comment = ctx.world.comments.get(id)
  const view = post && post.network === 'x' ? postView(post) : comment && comment.network === 'x' ? commentView(ctx.world, comment) : undefined
  if (!view || view.createdAt > ctx.now) return notFoundResource(ctx, 'tweet', id)
  return ok(ctx, { data: renderTweet(ctx, view, fieldSet(req, 'tweet.fields'), a.user) }, 200, a.rate)
}

/** PUT /2/tweets/:id/hidden — only replies in a conversation the account started can be hidden. */
function hideReply(req: SandboxRequest, ctx: DialectContext, id: string): SandboxResponse {
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
function likeTweet(req: SandboxRequest, ctx: DialectContext, userId: string): SandboxResponse {
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
function likingUsers(req: SandboxRequest, ctx: DialectContext, id: string): SandboxResponse {
  const a = authorizeCall(req, ctx, NEEDS.likers, 'likingUsers')
  if (!a.ok) return a.response
  const comment = ctx.world.comments.get(id)
  if (!comment || comment.network !== 'x') return notFoundResource(ctx, 'tweet', id)
  const users = (comment.likedBy ?? []).map((uid) => ctx.world.users.get(uid)).filter((u): u is SandboxUser => u !== undefined)
  return ok(ctx, { data: users.map((u) => ({ id: u.id, name: u.name, username: u.handle })), meta: { result_count: users.length } }, 200, a.rate)
}

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined

function createTweet(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const a = authorizeCall(req, ctx, NEEDS.write, 'createTweet')
  if (!a.ok) return a.response
  const { world } = ctx
  const body = obj(req.json)
  if (!body) return invalidRequest(ctx, 'Request body must be a JSON object')
  const text = typeof body.text === 'string' ? body.text : ''
  const mediaIds = obj(body.media)?.media_ids
  const ids = Array.isArray(mediaIds) ? mediaIds.filter((m): m is string => typeof m === 'string') : []
  const replyTo = obj(body.reply)?.in_reply_to_tweet_id
  if (text.trim() === '' && ids.length === 0) return invalidRequest(ctx, 'Post text or media is required', 'text')
  if (weighText(text).weightedLength > X_TEXT_RULES.maxWeightedLength) {
    return problem(ctx, 400, {
      title: 'Invalid Request',
      type: 'about:blank',
      detail: 'Your Tweet text is too long. For more information on how X determines text length see https://github.com/twitter/twitter-text.',
    })
  }
  const media = stateOf(world).media
  for (const id of ids) {
    const m = media.get(id)
    if (!m || m.userId !== a.user.id || m.expiresAt <= ctx.now) return invalidRequest(ctx, 'Your media IDs are invalid.', 'media.media_ids')
  }
  // [obs] X refuses the same text twice from one account.
  const recent = ctx.now - DAY
  const duplicate =
    text.trim() !== '' &&
    ([...world.posts.values()].some((p) => p.network === 'x' && p.authorUserId === a.user.id && p.text === text && p.createdAt >= recent) ||
      [...world.comments.values()].some((c) => c.network === 'x' && c.authorHandle === a.user.handle && c.text === text && c.createdAt >= recent))
  if (duplicate) return { ...forbidden(ctx, 'You are not allowed to create a Tweet with duplicate content.'), headers: { ...forbidden(ctx).headers, ...a.rate } }

  const id = snowflake(world, ctx.now)
  if (replyTo !== undefined) {
    const target = typeof replyTo === 'string' ? replyTo : ''
    const post = world.posts.get(target)
    const comment = world.comments.get(target)
    const rootId = post?.network === 'x' ? post.id : comment?.network === 'x' ? comment.postId : undefined
    const root = rootId ? world.posts.get(rootId) : undefined
    if (!root || (comment && comment.createdAt > ctx.now)) return invalidRequest(ctx, `Invalid 'in_reply_to_tweet_id':'${target}'.`, 'reply.in_reply_to_tweet_id')
    // Replies are allowed where the account is the author of the conversation or is replied to.
    const allowed = root.authorUserId === a.user.id || comment?.authorHandle === a.user.handle
    if (!allowed) {
      return problem(ctx, 403, {
        title: 'Authorization Error',
        type: 'https://api.x.com/2/problems/not-authorized-for-resource',
        detail: 'You can only reply to or quote posts where you are mentioned or are the author.',
      })
    }
    world.addComment({
      id,
      network: 'x',
      postId: root.id,
      parentId: comment ? comment.id : null,
      authorName: a.user.name,
      authorHandle: a.user.handle,
      text,
      createdAt: ctx.now,
      viaApi: true,
    })
  } else {
    world.addPost({
      id,
      network: 'x',
      channelId: a.user.id,
      authorUserId: a.user.id,
      text,
      imageUrl: ids[0] ? `${ctx.base}/media/${ids[0]}` : undefined,
      createdAt: ctx.now,
    })
  }
  return ok(ctx, { data: { id, text, edit_history_tweet_ids: [id] } }, 201, a.rate)
}

const IMAGE_LIMITS: Record<string, number> = {
  tweet_image: 5 * 1024 * 1024,
  dm_image: 5 * 1024 * 1024,
  tweet_gif: 15 * 1024 * 1024,
  dm_gif: 15 * 1024 * 1024,
}

function sniffImage(bytes: Buffer): string | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif'
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp'
  return undefined
}

function mediaUpload(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const a = authorizeCall(req, ctx, NEEDS.media, 'mediaUpload')
  if (!a.ok) return a.response
  const body = obj(req.json)
  if (!body || typeof body.media !== 'string') return invalidRequest(ctx, 'The `media` field is required', 'media')
  const category = typeof body.media_category === 'string' ? body.media_category : ''
  const limit = IMAGE_LIMITS[category]
  if (limit === undefined) return invalidRequest(ctx, `Invalid media_category: ${category}`, 'media_category')
  const bytes = Buffer.from(body.media, 'base64')
  const type = sniffImage(bytes)
  if (!type) return invalidRequest(ctx, 'media type unrecognized.', 'media')
  if (category.endsWith('_gif') && type !== 'image/gif') {
    return invalidRequest(ctx, `media_category ${category} does not match ${type}`, 'media_category')
  }
  if (bytes.length > limit) return invalidRequest(ctx, `File size exceeds ${limit} bytes.`, 'media')
  const id = snowflake(ctx.world, ctx.now)
  stateOf(ctx.world).media.set(id, { id, userId: a.user.id, size: bytes.length, type, expiresAt: ctx.now + MEDIA_TTL_MS })
  return ok(
    ctx,
    { data: { id, media_key: `3_${id}`, size: bytes.length, expires_after_secs: MEDIA_TTL_MS / 1000, image: { image_type: type } } },
    200,
    a.rate,
  )
}

function mediaMetadata(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const a = authorizeCall(req, ctx, NEEDS.media, 'mediaUpload')
  if (!a.ok) return a.response
  const body = obj(req.json)
  const id = typeof body?.id === 'string' ? body.id : ''
  const record = stateOf(ctx.world).media.get(id)
  if (!record || record.userId !== a.user.id) return invalidRequest(ctx, `Invalid media id: ${id}`, 'id')
  const altText = obj(obj(obj(body?.metadata)?.alt_text))?.text
  if (typeof altText === 'string') {
    if ([...altText].length > 1000) return invalidRequest(ctx, 'Alt text must be 1000 characters or fewer', 'metadata.alt_text.text')
    record.altText = altText
  }
  return ok(ctx, { data: { id, associated_metadata: true } }, 200, a.rate)
}

function authorize(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const params = req.method === 'POST' ? req.form : req.query
  // X requires `state` (CSRF defence, RFC 6749 §10.12) and shows an error page without it.
  if (!params.get('state')) {
    return html(400, '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>X (sandbox)</title></head><body><main><h1>X (sandbox)</h1><p role="alert">Something went wrong: the request is missing the required state parameter.</p></main></body></html>')
  }
  return handleAuthorize(req, ctx, SPEC)
}

// ---------------------------------------------------------------------------------------------
// Seed

const FANS = [
  { name: 'Ana Lima', handle: 'analima' },
  { name: 'Ben Okafor', handle: 'benokafor' },
  { name: 'Chloé Martin', handle: 'chloe_m' },
  { name: 'Dev Patel', handle: 'devpatel_io' },
  { name: '佐藤 花', handle: 'hana_sato' },
  { name: 'Erik Lund', handle: 'eriklund' },
] as const

const REPLIES = [
  'Is the oat milk option back yet?',
  'Best flat white in town, no contest ☕',
  'What time do you open on Sundays?',
  'Loved the new seasonal blend!',
  'Any vegan pastries this week?',
  'Can I pre-order for a team of 12?',
  'The playlist this morning was perfect 🎶',
  'Will you be at the market on Saturday?',
] as const

const POSTS: Record<keyof typeof X_SEED.users, readonly string[]> = {
  brand: [
    'Our autumn blend is here: notes of fig, cocoa and a hint of orange. Come taste it this week.',
    'Tuesday tip: grind right before brewing. Your cup will thank you.',
    'We are hiring a weekend barista in our riverside shop. DM us!',
    'Thank you for 10,000 cups this month ☕ You make mornings better.',
    'New: oat cortado on the menu from tomorrow.',
  ],
  labs: [
    'Relink Labs is testing a new cold brew process. Results next week.',
    'Behind the scenes: how we profile a roast, step by step.',
    'Open lab day on Friday, bring your questions.',
  ],
  maya: ['Coffee tasting notes from the weekend — thread soon.'],
}

function seedX(ctx: DialectContext, rng: () => number): void {
  const { world, now } = ctx
  world.addApp({
    network: 'x',
    clientId: X_SEED.clientId,
    clientSecret: X_SEED.clientSecret,
    name: 'Relink (sandbox)',
    // Exact allow-list on 127.0.0.1 with the fixed ports X users register (no any-port matching).
    redirectUris: xRedirectUris(),
    loopbackAnyPort: false,
  })
  for (const [key, u] of Object.entries(X_SEED.users) as [keyof typeof X_SEED.users, (typeof X_SEED.users)[keyof typeof X_SEED.users]][]) {
    world.addUser({ id: u.id, network: 'x', name: u.name, handle: u.handle, password: X_SEED.password })
    // The account is its own and only channel; X knows no other roles.
    world.addChannel({ id: X_SEED.channels[key], network: 'x', kind: 'account', name: u.name, handle: u.handle, roles: new Map([[u.id, ['owner']]]) })
    const texts = POSTS[key]
    texts.forEach((text, i) => {
      // Spread over the last nine days, newest last, at plausible hours.
      const createdAt = now - (texts.length - i) * Math.round((1.5 + rng()) * DAY) + Math.round(rng() * 6 * HOUR)
      const post = world.addPost({ id: snowflake(world, createdAt), network: 'x', channelId: X_SEED.channels[key], authorUserId: u.id, text, createdAt })
      if (key === 'maya') return
      // A few replies already there, a reply to a reply, and live-looking ones over the next 30 days.
      const past = 1 + Math.floor(rng() * 3)
      let last: SandboxComment | undefined
      for (let c = 0; c < past; c++) {
        const fan = FANS[Math.floor(rng() * FANS.length)] ?? FANS[0]
        const at = Math.min(createdAt + Math.round((0.2 + rng() * 20) * HOUR), now - 60 * 1000)
        last = pastComment(world, 'x', {
          id: snowflake(world, at),
          postId: post.id,
          parentId: c > 0 && rng() < 0.4 && last ? last.id : null,
          author: fan,
          text: REPLIES[Math.floor(rng() * REPLIES.length)] ?? REPLIES[0],
          createdAt: at,
        })
      }
      const upcoming = 2 + Math.floor(rng() * 3)
      for (let c = 0; c < upcoming; c++) {
        const fan = FANS[Math.floor(rng() * FANS.length)] ?? FANS[0]
        const at = now + Math.round(rng() * 30 * DAY)
        upcomingComment(world, 'x', {
          id: snowflake(world, at),
          postId: post.id,
          parentId: null,
          author: fan,
          text: REPLIES[Math.floor(rng() * REPLIES.length)] ?? REPLIES[0],
          createdAt: at,
        })
      }
    })
  }
}

// ---------------------------------------------------------------------------------------------

export const xDialect: SandboxDialect = {
  network: 'x',
  seed: seedX,
  commentId: (ctx, _post, at) => snowflake(ctx.world, at),
  postId: (ctx, _channel, at) => snowflake(ctx.world, at),

  handle(req, ctx) {
    const { method, path } = req
    if (path === X_PATHS.authorize && (method === 'GET' || method === 'POST')) return authorize(req, ctx)
    if (path === X_PATHS.token && method === 'POST') return tokenEndpoint(req, ctx)
    if (path === X_PATHS.revoke && method === 'POST') return revokeEndpoint(req, ctx)
    if (path === X_PATHS.me && method === 'GET') return me(req, ctx)
    if (path === X_PATHS.searchRecent && method === 'GET') return searchRecent(req, ctx)
    if (path === X_PATHS.tweets && method === 'POST') return createTweet(req, ctx)
    if (path === X_PATHS.mediaUpload && method === 'POST') return mediaUpload(req, ctx)
    if (path === X_PATHS.mediaMetadata && method === 'POST') return mediaMetadata(req, ctx)
    const timeline = /^\/2\/users\/(\d+)\/tweets$/.exec(path)
    if (timeline?.[1] && method === 'GET') return userTweets(req, ctx, timeline[1])
    const hidden = /^\/2\/tweets\/(\d+)\/hidden$/.exec(path)
    if (hidden?.[1] && method === 'PUT') return hideReply(req, ctx, hidden[1])
    const likes = /^\/2\/users\/(\d+)\/likes$/.exec(path)
    if (likes?.[1] && method === 'POST') return likeTweet(req, ctx, likes[1])
    const likers = /^\/2\/tweets\/(\d+)\/liking_users$/.exec(path)
    if (likers?.[1] && method === 'GET') return likingUsers(req, ctx, likers[1])
    const lookup = /^\/2\/tweets\/(\d+)$/.exec(path)
    if (lookup?.[1] && method === 'GET') return tweetLookup(req, ctx, lookup[1])
    return problem(ctx, 404, { title: 'Not Found Error', type: 'about:blank', detail: `Sorry, that page does not exist: ${method} ${path}` })
  },

  rateLimited(ctx, resetAtMs) {
    // [doc] 429 with x-rate-limit-* (reset in epoch seconds); X sends no Retry-After.
    return problem(
      ctx,
      429,
      { title: 'Too Many Requests', type: 'about:blank', detail: 'Too Many Requests' },
      { 'x-rate-limit-limit': '75', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(Math.ceil(resetAtMs / 1000)) },
    )
  },

  serverError(ctx, status) {
    const titles: Record<number, string> = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' }
    const title = titles[status] ?? 'Service Unavailable'
    return problem(ctx, status, { title, type: 'about:blank', detail: title })
  },

  endpoints: (base) => ({ x: { authBase: base, apiBase: base } }),

  // A public "Native App" client: no secret is handed to the adapter. Confidential use (Basic
  // auth with `X_SEED.clientSecret`) is accepted too.
  credentials: () => ({ x: { clientId: X_SEED.clientId } }),
}
