/**
 * The Mastodon dialect: one instance mounted at `/mastodon`, speaking Mastodon's REST API and its
 * Doorkeeper OAuth server as documented at docs.joinmastodon.org (apps, oauth, accounts,
 * statuses, media, notifications, instance) with the error bodies of `Api::BaseController` and
 * Doorkeeper. Tokens never expire and there are no refresh tokens; the breakers map to what
 * Mastodon really says:
 *
 * - password change, app removed, revoked → 401 `{"error":"The access token was revoked"}`
 *   (Mastodon revokes a user's tokens in those cases; it cannot tell them apart);
 * - unknown token → 401 `{"error":"The access token is invalid"}`;
 * - expireAccessTokens → 401 `{"error":"The access token expired"}` (Doorkeeper's sentence; real
 *   Mastodon tokens never reach it);
 * - account action required → 403 `{"error":"Your login is currently disabled"}` on methods that
 *   need a functional login (`require_user!`);
 * - scope withdrawn → 403 `{"error":"This action is outside the authorized scopes"}`;
 * - role lost, data access lapsed, refresh tokens killed: Mastodon has no such concept (one
 *   login is one account; no data-access clock; no refresh tokens), so they change nothing.
 */
import { randomBytes } from 'node:crypto'
import type { AppCredentials } from '../../providers/types'
import { authenticateClient, handleAuthorize, redeemCode, type AuthorizeSpec } from '../oauth'
import { hash32, unit } from '../../../shared/random'
import { pastComment, upcomingComment } from './seed-comments'
import { html, json, redirect, type DialectContext, type SandboxDialect, type SandboxRequest, type SandboxResponse } from '../types'
import { SANDBOX_DAY_MS, type SandboxChannel, type SandboxUser, type SandboxWorld, type TokenRecord } from '../world'
import { sandboxPictureUrl } from '../pictures'

const DAY = SANDBOX_DAY_MS
const HOUR = 60 * 60 * 1000

/**
 * Ids and handles of the seeded instance, for tests and the demo. Every password is `demo`.
 * Mastodon has no shared accounts or per-account roles: a login is exactly one account. A backup
 * link is therefore a second grant for the same account (another sign-in, revocable on its own),
 * and "fewer roles" is a grant with fewer scopes; the tests build both from these users.
 */
export const MASTODON_SEED = {
  clientId: 'relink-sandbox-mastodon',
  clientSecret: 'sandbox-secret-mastodon',
  password: 'demo',
  users: {
    /** The brand's account, the one the team publishes from. */
    brand: { id: 'mastodon-user-relinkdemo', handle: 'relinkdemo', name: 'Relink Demo' },
    /** A teammate's own account. */
    ana: { id: 'mastodon-user-ana', handle: 'ana', name: 'Ana Lima' },
    /** A second teammate with a quiet account (few posts, no comments). */
    sam: { id: 'mastodon-user-sam', handle: 'sam', name: 'Sam Okafor' },
  },
  /** Account ids (Mastodon's numeric strings); on Mastodon the channel is the signed-in account. */
  channels: {
    brand: '109384720000000101',
    ana: '109384720000000102',
    sam: '109384720000000103',
  },
  maxCharacters: 500,
} as const

/** What the sandbox developer app may ask for (Mastodon checks the request against the app's scopes). */
const SEED_APP_SCOPES = [
  'read',
  'write',
  'follow',
  'push',
  'profile',
  'read:accounts',
  'read:statuses',
  'read:notifications',
  'write:statuses',
  'write:media',
  'write:favourites',
]

const SPEC: AuthorizeSpec = { network: 'mastodon', label: 'Mastodon', pkce: 'supported', scopeSeparator: ' ' }

// Doorkeeper's sentences (config/locales/doorkeeper.en.yml) and Api::BaseController's.
const TOKEN_INVALID = 'The access token is invalid'
const TOKEN_REVOKED = 'The access token was revoked'
const TOKEN_EXPIRED = 'The access token expired'
const OUTSIDE_SCOPES = 'This action is outside the authorized scopes'
const LOGIN_DISABLED = 'Your login is currently disabled'
const NOT_FOUND = 'Record not found'
const INVALID_GRANT =
  'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.'
const INVALID_CLIENT = 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.'

/** v2 media: images up to this size are processed synchronously (200); larger ones and GIFs (202). */
const SYNC_MEDIA_BYTES = 1024 * 1024
const IMAGE_LIMIT_BYTES = 16 * 1024 * 1024
const DESCRIPTION_LIMIT = 1500
const MAX_ATTACHMENTS = 4
const URL_CHARS = 23
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/heic', 'image/heif', 'image/avif']

type Visibility = 'public' | 'unlisted' | 'private' | 'direct'
const VISIBILITIES: readonly Visibility[] = ['public', 'unlisted', 'private', 'direct']

interface MediaRecord {
  id: string
  userId: string
  mimeType: string
  description: string | null
  size: number
  /** Checks of `GET /api/v1/media/:id` still answered 206 before processing completes. */
  pendingChecks: number
  statusId?: string
}

interface MastodonState {
  /** Scopes each registered app declared. */
  appScopes: Map<string, string[]>
  /** user id → the account (channel) that login is. */
  accounts: Map<string, string>
  /** `${userId}:${key}` → the status created with that Idempotency-Key. */
  idempotency: Map<string, { statusId: string; at: number }>
  media: Map<string, MediaRecord>
  statusMedia: Map<string, string[]>
  visibility: Map<string, Visibility>
  /** The instance's `configuration.statuses.max_characters`; tests may change it. */
  settings: { maxCharacters: number }
  serial: number
  appSerial: number
}

const STATES = new WeakMap<SandboxWorld, MastodonState>()

function stateOf(world: SandboxWorld): MastodonState {
  let state = STATES.get(world)
  if (!state) {
    state = {
      appScopes: new Map(),
      accounts: new Map(),
      idempotency: new Map(),
      media: new Map(),
      statusMedia: new Map(),
      visibility: new Map(),
      settings: { maxCharacters: MASTODON_SEED.maxCharacters },
      serial: 0,
      appSerial: 1000,
    }
    STATES.set(world, state)
  }
  return state
}

/** The sandbox instance's settings (e.g. its character limit), for tests. */
export const mastodonSandboxSettings = (world: SandboxWorld): MastodonState['settings'] => stateOf(world).settings

/** Mastodon's snowflake-like ids: milliseconds shifted left 16 bits plus a sequence, as strings. */
function snowflake(state: MastodonState, ms: number): string {
  const seq = state.serial++ & 0xffff
  return ((BigInt(Math.max(0, Math.floor(ms))) << 16n) | BigInt(seq)).toString()
}

const cmpId = (a: string, b: string): number => {
  const x = BigInt(a)
  const y = BigInt(b)
  return x === y ? 0 : x < y ? -1 : 1
}
const isNumericId = (s: string | null | undefined): s is string => typeof s === 'string' && /^\d{1,30}$/.test(s)

const iso = (ms: number): string => new Date(ms).toISOString()
const dayOf = (ms: number): string => iso(ms).slice(0, 10)
/** Rack::Attack's reset time: ISO 8601 with microseconds (`Time#iso8601(6)`). */
const isoMicros = (ms: number): string => iso(ms).replace(/\.(\d{3})Z$/, '.$1000Z')

// ---------------------------------------------------------------------------------------------
// Responses in Mastodon's shapes

const withDate = (ctx: DialectContext, res: SandboxResponse): SandboxResponse => ({
  ...res,
  headers: { date: new Date(ctx.now).toUTCString(), ...res.headers },
})

const apiError = (status: number, error: string, headers: Record<string, string> = {}): SandboxResponse =>
  json(status, { error }, { 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate', ...headers })

/** Doorkeeper's 401 with its RFC 6750 header. */
const unauthorized = (description: string): SandboxResponse =>
  apiError(401, description, {
    'www-authenticate': `Bearer realm="Doorkeeper", error="invalid_token", error_description="${description}"`,
  })

const forbiddenScope = (): SandboxResponse =>
  apiError(403, OUTSIDE_SCOPES, {
    'www-authenticate':
      'Bearer realm="Doorkeeper", error="insufficient_scope", error_description="The request requires higher privileges than provided by the access token."',
  })

const oauthError = (status: number, error: string, description: string): SandboxResponse =>
  json(status, { error, error_description: description }, { 'cache-control': 'no-store', pragma: 'no-cache' })

// ---------------------------------------------------------------------------------------------
// Accounts, statuses, media as JSON entities

interface AccountRef {
  id: string
  username: string
  acct: string
  displayName: string
  channel?: SandboxChannel
}

function channelAccount(channel: SandboxChannel): AccountRef {
  return { id: channel.id, username: channel.handle, acct: channel.handle, displayName: channel.name, channel }
}

function mastodonChannels(world: SandboxWorld): SandboxChannel[] {
  return [...world.channels.values()].filter((c) => c.network === 'mastodon')
}

function accountByHandle(ctx: DialectContext, handle: string, name: string): AccountRef {
  const channel = mastodonChannels(ctx.world).find((c) => c.handle === handle)
  if (channel) return channelAccount(channel)
  const username = handle.split('@')[0] ?? handle
  return { id: String(100_000_000 + (hash32('mastodon-account', handle) % 900_000_000)), username, acct: handle, displayName: name }
}

function accountChannelOf(ctx: DialectContext, userId: string): SandboxChannel | undefined {
  const id = stateOf(ctx.world).accounts.get(userId)
  const channel = id ? ctx.world.channels.get(id) : undefined
  if (channel) return channel
  return mastodonChannels(ctx.world).find((c) => c.roles.get(userId)?.includes('OWNER'))
}

/** Followers on a day: a per-account base and trend plus a daily wobble, all from the seed. */
function followersOn(ctx: DialectContext, channelId: string, ms: number): number {
  const base = 400 + Math.floor(unit(ctx.seed, channelId, 'base') * 2600)
  const trend = 1 + Math.floor(unit(ctx.seed, channelId, 'trend') * 4)
  const dayIndex = Math.max(0, Math.floor(ms / DAY) - 20_000)
  return base + dayIndex * trend + Math.floor(unit(ctx.seed, channelId, dayOf(ms), 'followers') * 6)
}

interface StatusView {
  id: string
  kind: 'post' | 'comment'
  createdAt: number
  text: string
  author: AccountRef
  inReplyToId: string | null
  rootId: string
  editedAt?: number
}

function findStatus(ctx: DialectContext, id: string): StatusView | undefined {
  const post = ctx.world.posts.get(id)
  if (post && post.network === 'mastodon') {
    const channel = ctx.world.channels.get(post.channelId)
    if (!channel) return undefined
    return {
      id,
      kind: 'post',
      createdAt: post.createdAt,
      text: post.text,
      author: channelAccount(channel),
      inReplyToId: null,
      rootId: id,
      ...(post.editedAt !== undefined ? { editedAt: post.editedAt } : {}),
    }
  }
  const comment = ctx.world.comments.get(id)
  if (comment && comment.network === 'mastodon' && ctx.world.posts.has(comment.postId)) {
    return {
      id,
      kind: 'comment',
      createdAt: comment.createdAt,
      text: comment.text,
      author: accountByHandle(ctx, comment.authorHandle, comment.authorName),
      // A reply whose parent was deleted stands alone: `in_reply_to_id` cleared, a thread of its own.
      inReplyToId: comment.detached ? null : (comment.parentId ?? comment.postId),
      rootId: comment.detached ? id : comment.postId,
      ...(comment.editedAt !== undefined ? { editedAt: comment.editedAt } : {}),
    }
  }
  return undefined
}

function threadOf(ctx: DialectContext, rootId: string): StatusView[] {
  const out: StatusView[] = []
  for (const c of ctx.world.comments.values()) {
    if (c.network !== 'mastodon' || c.postId !== rootId || c.detached) continue
    const view = findStatus(ctx, c.id)
    if (view) out.push(view)
  }
  return out.sort((a, b) => cmpId(a.id, b.id))
}

function accountJson(ctx: DialectContext, account: AccountRef): Record<string, unknown> {
  const local = !account.acct.includes('@')
  const domain = local ? new URL(ctx.base).host : account.acct.split('@')[1]
  const url = local ? `${ctx.base}/@${account.username}` : `https://${domain}/@${account.username}`
  const channel = account.channel
  const statuses = channel
    ? [...ctx.world.posts.values()].filter((p) => p.channelId === channel.id).length +
      [...ctx.world.comments.values()].filter((c) => c.network === 'mastodon' && c.authorHandle === channel.handle).length
    : 10 + Math.floor(unit(ctx.seed, account.id, 'statuses') * 2000)
  return {
    id: account.id,
    username: account.username,
    acct: account.acct,
    display_name: account.displayName,
    locked: false,
    bot: false,
    discoverable: true,
    indexable: true,
    group: false,
    created_at: '2022-11-07T00:00:00.000Z',
    note: '',
    url,
    uri: local ? `${ctx.base}/users/${account.username}` : `https://${domain}/users/${account.username}`,
    avatar: (channel && sandboxPictureUrl(ctx.origin, channel)) ?? `${ctx.base}/avatars/original/missing.png`,
    avatar_static: (channel && sandboxPictureUrl(ctx.origin, channel)) ?? `${ctx.base}/avatars/original/missing.png`,
    header: `${ctx.base}/headers/original/missing.png`,
    header_static: `${ctx.base}/headers/original/missing.png`,
    followers_count: channel ? followersOn(ctx, channel.id, ctx.now) : 20 + Math.floor(unit(ctx.seed, account.id, 'followers') * 900),
    following_count: 40 + Math.floor(unit(ctx.seed, account.id, 'following') * 400),
    statuses_count: statuses,
    last_status_at: dayOf(ctx.now),
    emojis: [],
    fields: [],
  }
}

function mediaExtension(mime: string): string {
  return mime.split('/')[1]?.replace('jpeg', 'jpg') ?? 'bin'
}

function mediaJson(ctx: DialectContext, media: MediaRecord): Record<string, unknown> {
  const ext = mediaExtension(media.mimeType)
  const path = `${ctx.base}/system/media_attachments/files/${media.id}`
  return {
    id: media.id,
    // Mastodon turns GIFs into looping videos.
    type: media.mimeType === 'image/gif' ? 'gifv' : 'image',
    url: media.pendingChecks > 0 ? null : `${path}/original/${media.id}.${media.mimeType === 'image/gif' ? 'mp4' : ext}`,
    preview_url: `${path}/small/${media.id}.${media.mimeType === 'image/gif' ? 'png' : ext}`,
    remote_url: null,
    preview_remote_url: null,
    text_url: null,
    meta: {},
    description: media.description,
    blurhash: 'UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}',
  }
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

const URL_RE = /https?:\/\/[^\s<>"'`]+/g

/** Mastodon's plain-text formatting: paragraphs, line breaks, linked URLs. */
function toHtml(text: string): string {
  const linkify = (line: string): string => {
    let out = ''
    let last = 0
    for (const m of line.matchAll(URL_RE)) {
      const url = m[0].replace(/[.,;:!?)\]]+$/, '')
      const at = m.index ?? 0
      out += escapeHtml(line.slice(last, at))
      out += `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener">${escapeHtml(url)}</a>`
      last = at + url.length
    }
    return out + escapeHtml(line.slice(last))
  }
  return text
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p>${p.split('\n').map(linkify).join('<br />')}</p>`)
    .join('')
}

function statusJson(ctx: DialectContext, view: StatusView, viewer?: string): Record<string, unknown> {
  const state = stateOf(ctx.world)
  const parent = view.inReplyToId ? findStatus(ctx, view.inReplyToId) : undefined
  const thread = threadOf(ctx, view.rootId)
  const directReplies = thread.filter((c) => c.inReplyToId === view.id).length
  const { favourites, reblogs } = counters(ctx, view)
  const local = !view.author.acct.includes('@')
  const media = (state.statusMedia.get(view.id) ?? []).flatMap((id) => {
    const record = state.media.get(id)
    return record ? [mediaJson(ctx, record)] : []
  })
  return {
    id: view.id,
    created_at: iso(view.createdAt),
    in_reply_to_id: view.inReplyToId,
    in_reply_to_account_id: parent ? parent.author.id : null,
    sensitive: false,
    spoiler_text: '',
    visibility: state.visibility.get(view.id) ?? 'public',
    language: 'en',
    uri: local ? `${ctx.base}/users/${view.author.username}/statuses/${view.id}` : `https://${view.author.acct.split('@')[1]}/users/${view.author.username}/statuses/${view.id}`,
    url: local ? `${ctx.base}/@${view.author.username}/${view.id}` : `https://${view.author.acct.split('@')[1]}/@${view.author.username}/${view.id}`,
    replies_count: directReplies,
    reblogs_count: reblogs,
    favourites_count: favourites,
    edited_at: view.editedAt !== undefined ? iso(view.editedAt) : null,
    favourited: viewer !== undefined && (ctx.world.comments.get(view.id)?.likedBy ?? []).includes(viewer),
    reblogged: false,
    muted: false,
    bookmarked: false,
    pinned: false,
    content: toHtml(view.text),
    reblog: null,
    application: local ? { name: 'Web', website: null } : null,
    account: accountJson(ctx, view.author),
    media_attachments: media,
    mentions: [],
    tags: [],
    emojis: [],
    card: null,
    poll: null,
  }
}

/** Favourites and boosts grow day by day after publication, reproducibly from the seed. */
function counters(ctx: DialectContext, view: StatusView): { favourites: number; reblogs: number } {
  const ageDays = Math.floor((ctx.now - view.createdAt) / DAY)
  const scale = view.kind === 'post' ? 1 : 0.25
  let favourites = 0
  let reblogs = 0
  for (let d = 1; d <= Math.min(ageDays, 30); d++) {
    const day = dayOf(view.createdAt + d * DAY)
    favourites += Math.floor(unit(ctx.seed, view.id, day, 'favourites') * 9 * scale)
    reblogs += Math.floor(unit(ctx.seed, view.id, day, 'reblogs') * 4 * scale)
  }
  return { favourites, reblogs }
}

// ---------------------------------------------------------------------------------------------
// Request helpers

/** Form fields of an urlencoded body, or the same fields from a JSON body (Mastodon takes both). */
function paramsOf(req: SandboxRequest): URLSearchParams {
  if (req.json !== null && typeof req.json === 'object' && !Array.isArray(req.json)) {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(req.json as Record<string, unknown>)) {
      if (Array.isArray(v)) for (const item of v) params.append(`${k}[]`, String(item))
      else if (v !== undefined && v !== null) params.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v))
    }
    return params
  }
  return req.method === 'GET' ? req.query : req.form
}

function countable(text: string): number {
  const withoutDomains = text.replace(/(^|[^\w/@])@(\w+)@[\w.-]+\.\w+/g, '$1@$2')
  const withUrls = withoutDomains.replace(URL_RE, (m) => {
    const trailing = /[.,;:!?)\]]+$/.exec(m)?.[0] ?? ''
    return 'x'.repeat(URL_CHARS) + trailing
  })
  let n = 0
  for (const _ of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(withUrls)) n += 1
  return n
}

function paginate<T extends { id: string }>(items: T[], query: URLSearchParams, defaultLimit: number): { page: T[]; limit: number } {
  const requested = Math.abs(Number.parseInt(query.get('limit') ?? '', 10))
  const limit = Math.min(Number.isFinite(requested) && requested > 0 ? requested : defaultLimit, defaultLimit * 2)
  const maxId = query.get('max_id')
  const sinceId = query.get('since_id')
  const minId = query.get('min_id')
  const desc = [...items].sort((a, b) => cmpId(b.id, a.id))
  const inRange = desc.filter(
    (x) =>
      (!isNumericId(maxId) || cmpId(x.id, maxId) < 0) &&
      (!isNumericId(sinceId) || cmpId(x.id, sinceId) > 0) &&
      (!isNumericId(minId) || cmpId(x.id, minId) > 0),
  )
  // min_id pages forward from the cursor (the oldest matches), still returned newest first.
  const page = isNumericId(minId) ? inRange.slice(-limit) : inRange.slice(0, limit)
  return { page, limit }
}

function linkHeader(url: string, page: { id: string }[]): Record<string, string> {
  const first = page[0]
  const last = page.at(-1)
  if (!first || !last) return {}
  const next = new URL(url)
  next.searchParams.delete('min_id')
  next.searchParams.delete('since_id')
  next.searchParams.set('max_id', last.id)
  const prev = new URL(url)
  prev.searchParams.delete('max_id')
  prev.searchParams.delete('since_id')
  prev.searchParams.set('min_id', first.id)
  return { link: `<${next.toString()}>; rel="next", <${prev.toString()}>; rel="prev"` }
}

const requestUrl = (ctx: DialectContext, req: SandboxRequest): string => {
  const qs = req.query.toString()
  return `${ctx.base}${req.path}${qs ? `?${qs}` : ''}`
}

// ---------------------------------------------------------------------------------------------
// Authentication of API calls (Doorkeeper, then `require_user!`)

type Authed = { ok: true; user: SandboxUser; token: TokenRecord } | { ok: false; response: SandboxResponse }

/** `read:statuses` is granted by `read:statuses` or `read`; a withdrawn scope (either form) is not. */
function scopeGranted(token: TokenRecord, user: SandboxUser, accepted: readonly string[]): boolean {
  return accepted.some((scope) => {
    const top = scope.split(':')[0] ?? scope
    const granted = token.scopes.includes(scope) || token.scopes.includes(top)
    const withdrawn = user.revokedScopes.has(scope) || user.revokedScopes.has(top)
    return granted && !withdrawn
  })
}

function authenticate(req: SandboxRequest, ctx: DialectContext, accepted: readonly string[], requireUser: boolean): Authed {
  const fail = (response: SandboxResponse): Authed => ({ ok: false, response })
  const check = ctx.world.check(req.bearer, ['access'])
  if (!check.ok) {
    switch (check.problem) {
      case 'revoked':
      case 'app_removed':
      case 'password_changed':
        return fail(unauthorized(TOKEN_REVOKED))
      case 'expired':
        return fail(unauthorized(TOKEN_EXPIRED))
      case 'action_required':
        // The token is fine; the login is not. Doorkeeper passes, `require_user!` answers 403.
        break
      default:
        return fail(unauthorized(TOKEN_INVALID))
    }
  }
  const token = check.token
  if (!token || token.network !== 'mastodon') return fail(unauthorized(TOKEN_INVALID))
  if (token.expiresAt !== null && token.expiresAt <= ctx.now) return fail(unauthorized(TOKEN_EXPIRED))
  const user = ctx.world.users.get(token.userId)
  if (!user) return fail(unauthorized(TOKEN_INVALID))
  if (!scopeGranted(token, user, accepted)) return fail(forbiddenScope())
  if (requireUser && user.actionRequired) return fail(apiError(403, LOGIN_DISABLED))
  return { ok: true, user, token }
}

/** Public methods check a token only when one is sent (`authorize_if_got_token!`). */
function authenticateIfToken(req: SandboxRequest, ctx: DialectContext, accepted: readonly string[]): { ok: true } | { ok: false; response: SandboxResponse } {
  if (!req.bearer) return { ok: true }
  const result = authenticate(req, ctx, accepted, false)
  return result.ok ? { ok: true } : result
}

// ---------------------------------------------------------------------------------------------
// OAuth: apps, authorize, token, revoke

function createApp(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const params = paramsOf(req)
  const name = (params.get('client_name') ?? '').trim()
  if (!name) return apiError(422, "Validation failed: Application name can't be blank")
  const uris = [
    ...(params.get('redirect_uris') ?? '').split(/\s+/),
    ...params.getAll('redirect_uris[]'),
  ].filter(Boolean)
  if (uris.length === 0) return apiError(422, "Validation failed: Redirect URI can't be blank")
  for (const uri of uris) {
    if (uri === 'urn:ietf:wg:oauth:2.0:oob') continue
    try {
      const parsed = new URL(uri)
      if (!parsed.protocol || parsed.hash) throw new Error('fragment')
    } catch {
      return apiError(422, 'Validation failed: Redirect URI must be an absolute URI.')
    }
  }
  const scopes = (params.get('scopes') ?? 'read').split(/[\s+]+/).filter(Boolean)
  const state = stateOf(ctx.world)
  const clientId = randomBytes(32).toString('base64url')
  const clientSecret = randomBytes(32).toString('base64url')
  // Doorkeeper ignores the port of loopback IP redirects (RFC 8252 §7.3, its URIChecker); the
  // adapter still registers the exact URI because that is not confirmed for every instance.
  ctx.world.addApp({ network: 'mastodon', clientId, clientSecret, name, redirectUris: uris, loopbackAnyPort: true, instance: ctx.base })
  state.appScopes.set(clientId, scopes)
  state.appSerial += 1
  return json(200, {
    id: String(state.appSerial),
    name,
    website: params.get('website') || null,
    scopes,
    redirect_uri: uris.join('\n'),
    redirect_uris: uris,
    client_id: clientId,
    client_secret: clientSecret,
    client_secret_expires_at: 0,
  })
}

function appendParams(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri)
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v)
  return url.toString()
}

/**
 * Mastodon's rules on top of the shared authorize page: PKCE is optional but only `S256`
 * (4.3+), the scope defaults to `read` and must be among the app's registered scopes.
 */
function authorize(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const params = new URLSearchParams(req.method === 'POST' ? req.form : req.query)
  const app = ctx.world.apps.get(params.get('client_id') ?? '')
  const redirectUri = params.get('redirect_uri') ?? ''
  if (app && app.network === 'mastodon' && ctx.world.redirectAllowed(app, redirectUri)) {
    const state = params.get('state') ?? undefined
    const fail = (error: string, description: string): SandboxResponse =>
      redirect(appendParams(redirectUri, { error, error_description: description, state }))
    if (params.get('code_challenge') && params.get('code_challenge_method') !== 'S256') {
      return fail('invalid_request', 'The code_challenge_method must be one of S256.')
    }
    if (!params.get('scope')) params.set('scope', 'read')
    const registered = stateOf(ctx.world).appScopes.get(app.clientId) ?? ['read']
    const requested = (params.get('scope') ?? '').split(/[\s+]+/).filter(Boolean)
    if (requested.some((s) => !registered.includes(s))) {
      return fail('invalid_scope', 'The requested scope is invalid, unknown, or malformed.')
    }
  }
  const adjusted: SandboxRequest = req.method === 'POST' ? { ...req, form: params } : { ...req, query: params }
  return handleAuthorize(adjusted, ctx, SPEC)
}

function token(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const params = paramsOf(req)
  const client = authenticateClient(req, ctx, 'mastodon', { secretRequired: true, params })
  if (!client.ok) return oauthError(401, 'invalid_client', INVALID_CLIENT)
  const grantType = params.get('grant_type')
  if (grantType !== 'authorization_code') {
    return oauthError(400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server.')
  }
  const redeemed = redeemCode(ctx, client.app, {
    code: params.get('code'),
    redirectUri: params.get('redirect_uri'),
    codeVerifier: params.get('code_verifier'),
  })
  if (!redeemed.ok) return oauthError(400, 'invalid_grant', INVALID_GRANT)
  const code = redeemed.code
  const access = ctx.world.mint({
    kind: 'access',
    network: 'mastodon',
    clientId: client.app.clientId,
    userId: code.userId,
    scopes: code.scopes,
    // Mastodon access tokens never expire.
    expiresAt: null,
    family: code.family,
  })
  return json(
    200,
    { access_token: access.value, token_type: 'Bearer', scope: code.scopes.join(' '), created_at: Math.floor(ctx.now / 1000) },
    { 'cache-control': 'no-store', pragma: 'no-cache' },
  )
}

/** Doorkeeper's revoke (RFC 7009): 200 for unknown tokens, 403 for another client's token. */
function revoke(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const params = paramsOf(req)
  const denied = oauthError(403, 'unauthorized_client', 'You are not authorized to revoke this token')
  const client = authenticateClient(req, ctx, 'mastodon', { secretRequired: true, params })
  if (!client.ok) return denied
  const value = params.get('token')
  if (!value) return denied
  const record = ctx.world.tokens.get(value)
  if (!record || record.network !== 'mastodon') return json(200, {})
  if (record.clientId !== client.app.clientId) return denied
  ctx.world.revokeFamily(record.family)
  return json(200, {})
}

function authorizationServerMetadata(ctx: DialectContext): SandboxResponse {
  return json(200, {
    issuer: `${ctx.base}/`,
    service_documentation: 'https://docs.joinmastodon.org/',
    authorization_endpoint: `${ctx.base}/oauth/authorize`,
    token_endpoint: `${ctx.base}/oauth/token`,
    revocation_endpoint: `${ctx.base}/oauth/revoke`,
    app_registration_endpoint: `${ctx.base}/api/v1/apps`,
    scopes_supported: SEED_APP_SCOPES,
    response_types_supported: ['code'],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    code_challenge_methods_supported: ['S256'],
    grant_types_supported: ['authorization_code', 'client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  })
}

// ---------------------------------------------------------------------------------------------
// Instance

function instanceConfiguration(ctx: DialectContext): Record<string, unknown> {
  return {
    urls: { streaming: ctx.base.replace(/^http/, 'ws') },
    accounts: { max_featured_tags: 10, max_pinned_statuses: 5 },
    statuses: { max_characters: stateOf(ctx.world).settings.maxCharacters, max_media_attachments: MAX_ATTACHMENTS, characters_reserved_per_url: URL_CHARS },
    media_attachments: {
      supported_mime_types: IMAGE_TYPES,
      description_limit: DESCRIPTION_LIMIT,
      image_size_limit: IMAGE_LIMIT_BYTES,
      image_matrix_limit: 33_177_600,
      video_size_limit: 103_809_024,
      video_frame_rate_limit: 120,
      video_matrix_limit: 8_294_400,
    },
    polls: { max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2_629_746 },
    translation: { enabled: false },
  }
}

function instance(ctx: DialectContext, version: 1 | 2): SandboxResponse {
  const host = new URL(ctx.base).host
  const users = [...ctx.world.users.values()].filter((u) => u.network === 'mastodon').length
  if (version === 2) {
    return json(200, {
      domain: host,
      title: 'Relink Sandbox',
      version: '4.4.0',
      source_url: 'https://github.com/mastodon/mastodon',
      description: 'A simulated Mastodon instance for Relink’s demo mode and tests.',
      usage: { users: { active_month: users } },
      thumbnail: { url: `${ctx.base}/packs/media/images/preview.png` },
      languages: ['en'],
      configuration: instanceConfiguration(ctx),
      registrations: { enabled: false, approval_required: false, message: null },
      api_versions: { mastodon: 6 },
      contact: { email: 'admin@sandbox.invalid', account: null },
      rules: [],
    })
  }
  return json(200, {
    uri: host,
    title: 'Relink Sandbox',
    short_description: 'A simulated Mastodon instance.',
    description: 'A simulated Mastodon instance for Relink’s demo mode and tests.',
    email: 'admin@sandbox.invalid',
    version: '4.4.0',
    urls: { streaming_api: ctx.base.replace(/^http/, 'ws') },
    stats: { user_count: users, status_count: ctx.world.posts.size, domain_count: 1 },
    languages: ['en'],
    registrations: false,
    approval_required: false,
    invites_enabled: false,
    configuration: instanceConfiguration(ctx),
    contact_account: null,
    rules: [],
  })
}

// ---------------------------------------------------------------------------------------------
// Accounts, statuses, notifications

const READ_ACCOUNTS = ['read', 'read:accounts', 'profile'] as const
const READ_STATUSES = ['read', 'read:statuses'] as const
const READ_NOTIFICATIONS = ['read', 'read:notifications'] as const
const WRITE_STATUSES = ['write', 'write:statuses'] as const
const WRITE_MEDIA = ['write', 'write:media'] as const
const WRITE_FAVOURITES = ['write', 'write:favourites'] as const

function verifyCredentials(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const auth = authenticate(req, ctx, READ_ACCOUNTS, true)
  if (!auth.ok) return auth.response
  const channel = accountChannelOf(ctx, auth.user.id)
  if (!channel) return apiError(404, NOT_FOUND)
  return json(200, {
    ...accountJson(ctx, channelAccount(channel)),
    source: { privacy: 'public', sensitive: false, language: 'en', note: '', fields: [], follow_requests_count: 0 },
    role: { id: '-99', name: '', permissions: '0', color: '', highlighted: false },
  })
}

function getAccount(req: SandboxRequest, ctx: DialectContext, id: string): SandboxResponse {
  const auth = authenticateIfToken(req, ctx, READ_ACCOUNTS)
  if (!auth.ok) return auth.response
  const channel = ctx.world.channels.get(id)
  if (!channel || channel.network !== 'mastodon') return apiError(404, NOT_FOUND)
  return json(200, accountJson(ctx, channelAccount(channel)))
}

function accountStatuses(req: SandboxRequest, ctx: DialectContext, id: string): SandboxResponse {
  const auth = authenticateIfToken(req, ctx, READ_STATUSES)
  if (!auth.ok) return auth.response
  const channel = ctx.world.channels.get(id)
  if (!channel || channel.network !== 'mastodon') return apiError(404, NOT_FOUND)
  const excludeReplies = ['true', '1'].includes(req.query.get('exclude_replies') ?? '')
  const views: StatusView[] = []
  for (const post of ctx.world.posts.values()) {
    if (post.network !== 'mastodon' || post.channelId !== channel.id) continue
    const view = findStatus(ctx, post.id)
    if (view) views.push(view)
  }
  for (const comment of ctx.world.comments.values()) {
    if (comment.network !== 'mastodon' || comment.authorHandle !== channel.handle) continue
    const view = findStatus(ctx, comment.id)
    if (!view) continue
    // `exclude_replies` drops replies to other accounts; a self-thread stays.
    const parent = view.inReplyToId ? findStatus(ctx, view.inReplyToId) : undefined
    if (excludeReplies && parent?.author.id !== channel.id) continue
    views.push(view)
  }
  const { page } = paginate(views, req.query, 20)
  return json(
    200,
    page.map((v) => statusJson(ctx, v)),
    linkHeader(requestUrl(ctx, req), page),
  )
}

function getStatus(req: SandboxRequest, ctx: DialectContext, id: string): SandboxResponse {
  const auth = authenticateIfToken(req, ctx, READ_STATUSES)
  if (!auth.ok) return auth.response
  const view = findStatus(ctx, id)
  return view ? json(200, statusJson(ctx, view, viewerOf(req, ctx))) : apiError(404, NOT_FOUND)
}

/** The account behind the request's token, for `favourited`. */
function viewerOf(req: SandboxRequest, ctx: DialectContext): string | undefined {
  if (!req.bearer) return undefined
  const auth = authenticate(req, ctx, READ_STATUSES, false)
  return auth.ok ? accountChannelOf(ctx, auth.user.id)?.id : undefined
}

/** POST /api/v1/statuses/:id/favourite — idempotent: a second favourite changes nothing. */
function favourite(req: SandboxRequest, ctx: DialectContext, id: string): SandboxResponse {
  const auth = authenticate(req, ctx, WRITE_FAVOURITES, true)
  if (!auth.ok) return auth.response
  const view = findStatus(ctx, id)
  const account = accountChannelOf(ctx, auth.user.id)
  if (!view || !account) return apiError(404, NOT_FOUND)
  const comment = ctx.world.comments.get(id)
  if (comment) comment.likedBy = [...new Set([...(comment.likedBy ?? []), account.id])]
  return json(200, statusJson(ctx, view, account.id))
}

function statusContext(req: SandboxRequest, ctx: DialectContext, id: string): SandboxResponse {
  const auth = authenticateIfToken(req, ctx, READ_STATUSES)
  if (!auth.ok) return auth.response
  const view = findStatus(ctx, id)
  if (!view) return apiError(404, NOT_FOUND)
  const ancestors: StatusView[] = []
  let parentId = view.inReplyToId
  while (parentId) {
    const parent = findStatus(ctx, parentId)
    if (!parent) break
    ancestors.unshift(parent)
    parentId = parent.inReplyToId
  }
  const thread = threadOf(ctx, view.rootId)
  const below = new Set([view.id])
  const descendants: StatusView[] = []
  for (const c of thread) {
    if (c.inReplyToId && below.has(c.inReplyToId)) {
      below.add(c.id)
      descendants.push(c)
    }
  }
  const viewer = viewerOf(req, ctx)
  return json(200, { ancestors: ancestors.map((a) => statusJson(ctx, a, viewer)), descendants: descendants.map((d) => statusJson(ctx, d, viewer)) })
}

function notifications(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const auth = authenticate(req, ctx, READ_NOTIFICATIONS, true)
  if (!auth.ok) return auth.response
  const channel = accountChannelOf(ctx, auth.user.id)
  if (!channel) return json(200, [])
  const types = [...req.query.getAll('types[]'), ...req.query.getAll('types')]
  const excluded = [...req.query.getAll('exclude_types[]'), ...req.query.getAll('exclude_types')]
  if ((types.length > 0 && !types.includes('mention')) || excluded.includes('mention')) return json(200, [])
  // Replies in a thread that starts with one of the account's posts mention the account.
  const mentions: StatusView[] = []
  for (const comment of ctx.world.comments.values()) {
    if (comment.network !== 'mastodon' || comment.authorHandle === channel.handle) continue
    const root = ctx.world.posts.get(comment.postId)
    if (!root || root.channelId !== channel.id) continue
    const view = findStatus(ctx, comment.id)
    if (view) mentions.push(view)
  }
  const { page } = paginate(mentions, req.query, 40)
  return json(
    200,
    page.map((view) => ({
      id: view.id,
      type: 'mention',
      group_key: `ungrouped-${view.id}`,
      created_at: iso(view.createdAt),
      account: accountJson(ctx, view.author),
      status: statusJson(ctx, view),
    })),
    linkHeader(requestUrl(ctx, req), page),
  )
}

function createStatus(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const auth = authenticate(req, ctx, WRITE_STATUSES, true)
  if (!auth.ok) return auth.response
  const { user } = auth
  const channel = accountChannelOf(ctx, user.id)
  if (!channel) return apiError(422, 'This method requires an authenticated user')
  const state = stateOf(ctx.world)
  const params = paramsOf(req)

  // Idempotency-Key: the same key from the same account within an hour returns the first status.
  const key = req.headers['idempotency-key']
  const keyId = key ? `${user.id}:${key}` : undefined
  const previous = keyId ? state.idempotency.get(keyId) : undefined
  if (previous && previous.at + HOUR > ctx.now) {
    const view = findStatus(ctx, previous.statusId)
    if (view) return json(200, statusJson(ctx, view))
  }

  const text = params.get('status') ?? ''
  const mediaIds = [...params.getAll('media_ids[]'), ...params.getAll('media_ids')].filter(Boolean)
  if (mediaIds.length > MAX_ATTACHMENTS) return apiError(422, `Cannot attach more than ${MAX_ATTACHMENTS} files`)
  const media = mediaIds.flatMap((id) => {
    const record = state.media.get(id)
    return record && record.userId === user.id && record.statusId === undefined ? [record] : []
  })
  if (media.some((m) => m.pendingChecks > 0)) {
    return apiError(422, 'Cannot attach files that have not finished processing. Try again in a moment!')
  }
  if (text.trim() === '' && media.length === 0) return apiError(422, "Validation failed: Text can't be blank")
  const max = state.settings.maxCharacters
  if (countable(text) + countable(params.get('spoiler_text') ?? '') > max) {
    return apiError(422, `Validation failed: Text character limit of ${max} exceeded`)
  }
  const visibility = (params.get('visibility') ?? 'public') as Visibility
  if (!VISIBILITIES.includes(visibility)) return apiError(422, 'Validation failed: Visibility is not included in the list')

  const replyTo = params.get('in_reply_to_id')
  const parent = replyTo ? findStatus(ctx, replyTo) : undefined
  if (replyTo && !parent) return apiError(422, 'The post you are trying to reply to does not appear to exist.')

  const id = snowflake(state, ctx.now)
  if (parent) {
    ctx.world.addComment({
      id,
      network: 'mastodon',
      postId: parent.rootId,
      parentId: parent.kind === 'comment' ? parent.id : null,
      authorName: channel.name,
      authorHandle: channel.handle,
      text,
      createdAt: ctx.now,
      viaApi: true,
    })
  } else {
    const firstMedia = media[0]
    ctx.world.addPost({
      id,
      network: 'mastodon',
      channelId: channel.id,
      authorUserId: user.id,
      text,
      link: /https?:\/\/\S+/.exec(text)?.[0],
      imageUrl: firstMedia ? String(mediaJson(ctx, firstMedia).url) : undefined,
      createdAt: ctx.now,
    })
  }
  for (const m of media) m.statusId = id
  if (media.length > 0) state.statusMedia.set(id, media.map((m) => m.id))
  state.visibility.set(id, visibility)
  if (keyId) state.idempotency.set(keyId, { statusId: id, at: ctx.now })
  const view = findStatus(ctx, id)
  return view ? json(200, statusJson(ctx, view)) : apiError(500, 'Internal Server Error')
}

// ---------------------------------------------------------------------------------------------
// Media

interface FilePart {
  data: Buffer
  filename?: string
  contentType?: string
}

/** Minimal multipart/form-data reader (RFC 7578) for media uploads. */
function parseMultipart(body: Buffer, contentType: string | undefined): Map<string, FilePart> {
  const parts = new Map<string, FilePart>()
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '')
  const boundaryText = match?.[1] ?? match?.[2]
  if (!boundaryText) return parts
  const boundary = Buffer.from(`--${boundaryText}`)
  let pos = body.indexOf(boundary)
  while (pos !== -1) {
    let start = pos + boundary.length
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2
    const next = body.indexOf(boundary, start)
    if (next === -1) break
    const end = body[next - 2] === 0x0d && body[next - 1] === 0x0a ? next - 2 : next
    const part = body.subarray(start, end)
    const headerEnd = part.indexOf('\r\n\r\n')
    if (headerEnd !== -1) {
      const head = part.subarray(0, headerEnd).toString('utf8')
      const name = /;\s*name="([^"]*)"/i.exec(head)?.[1]
      if (name) {
        parts.set(name, {
          data: Buffer.from(part.subarray(headerEnd + 4)),
          filename: /filename="([^"]*)"/i.exec(head)?.[1],
          contentType: /content-type:\s*([^\r\n;]+)/i.exec(head)?.[1]?.trim(),
        })
      }
    }
    pos = next
  }
  return parts
}

function uploadMedia(req: SandboxRequest, ctx: DialectContext, version: 1 | 2): SandboxResponse {
  const auth = authenticate(req, ctx, WRITE_MEDIA, true)
  if (!auth.ok) return auth.response
  const parts = parseMultipart(req.body, req.headers['content-type'])
  const file = parts.get('file')
  if (!file) return apiError(400, 'param is missing or the value is empty: file')
  const mime = file.contentType ?? ''
  if (!IMAGE_TYPES.includes(mime) || file.data.byteLength === 0) {
    return apiError(422, 'Validation failed: File content type is invalid, File is invalid')
  }
  if (file.data.byteLength > IMAGE_LIMIT_BYTES) return apiError(422, 'Validation failed: File file size must be less than 16 MB')
  const description = parts.get('description')?.data.toString('utf8') ?? null
  if (description !== null && [...description].length > DESCRIPTION_LIMIT) {
    return apiError(422, `Validation failed: Description is too long (maximum is ${DESCRIPTION_LIMIT} characters)`)
  }
  const state = stateOf(ctx.world)
  // v2 processes small still images synchronously (4.0+); GIFs become video and larger files are
  // processed in the background, answered 202 with a null `url`.
  const background = version === 2 && (mime === 'image/gif' || file.data.byteLength > SYNC_MEDIA_BYTES)
  const record: MediaRecord = {
    id: snowflake(state, ctx.now),
    userId: auth.user.id,
    mimeType: mime,
    description,
    size: file.data.byteLength,
    pendingChecks: background ? 1 : 0,
  }
  state.media.set(record.id, record)
  return json(background ? 202 : 200, mediaJson(ctx, record))
}

function getMedia(req: SandboxRequest, ctx: DialectContext, id: string): SandboxResponse {
  const auth = authenticate(req, ctx, WRITE_MEDIA, true)
  if (!auth.ok) return auth.response
  const record = stateOf(ctx.world).media.get(id)
  if (!record || record.userId !== auth.user.id) return apiError(404, NOT_FOUND)
  if (record.pendingChecks > 0) {
    // Still processing: 206 Partial Content with the attachment as it is; ready at the next check.
    const body = mediaJson(ctx, record)
    record.pendingChecks -= 1
    return json(206, body)
  }
  return json(200, mediaJson(ctx, record))
}

// ---------------------------------------------------------------------------------------------
// Seed

const COMMENTERS = [
  { name: 'Marta Díaz', handle: 'marta@fosstodon.example' },
  { name: 'Kenji Mori', handle: 'kenji@mstdn.example' },
  { name: 'Lou Bernard', handle: 'lou@social.example' },
  { name: 'Priya Nair', handle: 'priya@hachyderm.example' },
  { name: 'Tomás Weller', handle: 'tomas@mastodon.example' },
] as const

const BRAND_POSTS = [
  'Our spring collection is live! Which colour should we restock first? 🌱',
  'Behind the scenes: packing orders with the whole team this morning.',
  'We are hiring a community manager. Details on our site: https://relink.example/jobs',
  'Thank you for 1,000 followers here on the fediverse! 💙',
  'Quick poll in the replies: tea or coffee while you work?',
]
const ANA_POSTS = [
  'Trying out a new scheduling workflow for the team. Fewer tabs, more coffee.',
  'Notes from today’s meetup on accessible alt text: describe, don’t decorate.',
  'Reminder to self: check the connection health before the weekend.',
]
const SAM_POSTS = ['First post from the new account. Hello, fediverse!', 'Reading list for the week is up.']
const COMMENTS = [
  'Love this! 😍',
  'The green one, obviously.',
  'Is shipping to Portugal available?',
  'Great news, congratulations!',
  'Coffee, always.',
  'Could you share the size guide?',
  'This made my day.',
  'Any plans for a winter edition?',
  'Tea here 🍵',
  'Thanks for the thoughtful thread.',
]

function pick<T>(items: readonly T[], rng: () => number): T {
  const item = items[Math.floor(rng() * items.length) % items.length]
  if (item === undefined) throw new Error('pick from an empty list')
  return item
}

function seed(ctx: DialectContext, rng: () => number): void {
  const { world } = ctx
  const state = stateOf(world)
  world.addApp({
    network: 'mastodon',
    clientId: MASTODON_SEED.clientId,
    clientSecret: MASTODON_SEED.clientSecret,
    name: 'Relink (sandbox)',
    redirectUris: ['http://127.0.0.1/callback/mastodon'],
    loopbackAnyPort: true,
    instance: ctx.base,
  })
  state.appScopes.set(MASTODON_SEED.clientId, SEED_APP_SCOPES)

  const postsByChannel: Record<keyof typeof MASTODON_SEED.users, readonly string[]> = { brand: BRAND_POSTS, ana: ANA_POSTS, sam: SAM_POSTS }
  const seededPosts: { id: string; channelId: string; createdAt: number }[] = []
  for (const key of ['brand', 'ana', 'sam'] as const) {
    const person = MASTODON_SEED.users[key]
    const channelId = MASTODON_SEED.channels[key]
    world.addUser({ id: person.id, network: 'mastodon', name: person.name, handle: person.handle, password: MASTODON_SEED.password })
    // On Mastodon a login is exactly one account: the only role is owning it.
    world.addChannel({
      id: channelId,
      network: 'mastodon',
      kind: 'account',
      name: person.name,
      handle: person.handle,
      roles: new Map([[person.id, ['OWNER']]]),
      instance: ctx.base,
    })
    state.accounts.set(person.id, channelId)
    const texts = postsByChannel[key]
    texts.forEach((text, i) => {
      const createdAt = ctx.now - (texts.length - i) * 2.5 * DAY - Math.floor(rng() * 6 * HOUR)
      const id = snowflake(state, createdAt)
      world.addPost({ id, network: 'mastodon', channelId, authorUserId: person.id, text, link: /https?:\/\/\S+/.exec(text)?.[0], createdAt })
      state.visibility.set(id, 'public')
      seededPosts.push({ id, channelId, createdAt })
    })
  }

  // Past conversations on the brand's and Ana's posts, with one thread answered by the brand.
  const talkative = seededPosts.filter((p) => p.channelId !== MASTODON_SEED.channels.sam)
  for (const post of talkative) {
    const count = 1 + Math.floor(rng() * 3)
    for (let i = 0; i < count; i++) {
      const who = pick(COMMENTERS, rng)
      const createdAt = Math.min(ctx.now - HOUR, post.createdAt + Math.floor((0.1 + rng()) * 20 * HOUR))
      pastComment(world, 'mastodon', {
        id: snowflake(state, createdAt),
        postId: post.id,
        parentId: null,
        author: who,
        text: `@${post.channelId === MASTODON_SEED.channels.brand ? MASTODON_SEED.users.brand.handle : MASTODON_SEED.users.ana.handle} ${pick(COMMENTS, rng)}`,
        createdAt,
      })
    }
  }
  const firstBrand = seededPosts.find((p) => p.channelId === MASTODON_SEED.channels.brand)
  const opener = firstBrand ? [...world.comments.values()].find((c) => c.postId === firstBrand.id) : undefined
  if (firstBrand && opener) {
    const answerAt = Math.min(ctx.now - 30 * 60 * 1000, opener.createdAt + 2 * HOUR)
    const answer = pastComment(world, 'mastodon', {
      id: snowflake(state, answerAt),
      postId: firstBrand.id,
      parentId: opener.id,
      author: { name: MASTODON_SEED.users.brand.name, handle: MASTODON_SEED.users.brand.handle },
      text: `@${opener.authorHandle} Thank you! Restocking this week.`,
      createdAt: answerAt,
    })
    const backAt = Math.min(ctx.now - 10 * 60 * 1000, answerAt + HOUR)
    pastComment(world, 'mastodon', {
      id: snowflake(state, backAt),
      postId: firstBrand.id,
      parentId: answer.id,
      author: { name: opener.authorName, handle: opener.authorHandle },
      text: `@${MASTODON_SEED.users.brand.handle} Perfect, I’ll keep an eye out!`,
      createdAt: backAt,
    })
  }

  // Live-looking activity: replies arriving over the next 30 days.
  const upcoming = Array.from({ length: 24 }, () => Math.floor(rng() * 30 * DAY) + 5 * 60 * 1000).sort((a, b) => a - b)
  for (const offset of upcoming) {
    const post = pick(talkative, rng)
    const who = pick(COMMENTERS, rng)
    const createdAt = ctx.now + offset
    const owner = post.channelId === MASTODON_SEED.channels.brand ? MASTODON_SEED.users.brand.handle : MASTODON_SEED.users.ana.handle
    upcomingComment(world, 'mastodon', {
      id: snowflake(state, createdAt),
      postId: post.id,
      parentId: null,
      author: who,
      text: `@${owner} ${pick(COMMENTS, rng)}`,
      createdAt,
    })
  }
}

// ---------------------------------------------------------------------------------------------
// Routing

async function route(req: SandboxRequest, ctx: DialectContext): Promise<SandboxResponse> {
  const { method, path } = req
  if (path === '/.well-known/oauth-authorization-server' && method === 'GET') return authorizationServerMetadata(ctx)
  if (path === '/oauth/authorize' && (method === 'GET' || method === 'POST')) return authorize(req, ctx)
  if (path === '/oauth/token' && method === 'POST') return token(req, ctx)
  if (path === '/oauth/revoke' && method === 'POST') return revoke(req, ctx)
  if (path === '/api/v1/apps' && method === 'POST') return createApp(req, ctx)
  if (path === '/api/v2/instance' && method === 'GET') return instance(ctx, 2)
  if (path === '/api/v1/instance' && method === 'GET') return instance(ctx, 1)
  if (path === '/api/v1/accounts/verify_credentials' && method === 'GET') return verifyCredentials(req, ctx)
  if (path === '/api/v1/notifications' && method === 'GET') return notifications(req, ctx)
  if (path === '/api/v1/statuses' && method === 'POST') return createStatus(req, ctx)
  if (path === '/api/v2/media' && method === 'POST') return uploadMedia(req, ctx, 2)
  if (path === '/api/v1/media' && method === 'POST') return uploadMedia(req, ctx, 1)
  let m: RegExpExecArray | null
  if ((m = /^\/api\/v1\/accounts\/(\d+)$/.exec(path)) && method === 'GET') return getAccount(req, ctx, m[1] ?? '')
  if ((m = /^\/api\/v1\/accounts\/(\d+)\/statuses$/.exec(path)) && method === 'GET') return accountStatuses(req, ctx, m[1] ?? '')
  if ((m = /^\/api\/v1\/statuses\/(\d+)$/.exec(path)) && method === 'GET') return getStatus(req, ctx, m[1] ?? '')
  if ((m = /^\/api\/v1\/statuses\/(\d+)\/context$/.exec(path)) && method === 'GET') return statusContext(req, ctx, m[1] ?? '')
  if ((m = /^\/api\/v1\/statuses\/(\d+)\/favourite$/.exec(path)) && method === 'POST') return favourite(req, ctx, m[1] ?? '')
  if ((m = /^\/api\/v1\/media\/(\d+)$/.exec(path)) && method === 'GET') return getMedia(req, ctx, m[1] ?? '')
  if (path.startsWith('/api/')) return apiError(404, NOT_FOUND)
  return html(404, '<!doctype html><title>The page you are looking for isn’t here.</title><h1>404</h1>')
}

export const mastodonDialect: SandboxDialect = {
  network: 'mastodon',
  seed,
  commentId: (ctx, _post, at) => snowflake(stateOf(ctx.world), at),
  postId: (ctx, _channel, at) => snowflake(stateOf(ctx.world), at),
  async handle(req, ctx) {
    return withDate(ctx, await route(req, ctx))
  },
  /** Rack::Attack's throttled answer (config/initializers/rack_attack.rb). */
  rateLimited(ctx, resetAtMs) {
    return withDate(
      ctx,
      json(
        429,
        { error: 'Too many requests' },
        { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': isoMicros(resetAtMs) },
      ),
    )
  },
  /** 503 from Rails in Mastodon's JSON; 500 is Rails' static page; 502/504 come from nginx in front. */
  serverError(ctx, status) {
    if (status === 503) return withDate(ctx, apiError(503, 'There was a temporary problem serving your request, please try again'))
    if (status === 502 || status === 504) {
      const title = status === 502 ? '502 Bad Gateway' : '504 Gateway Time-out'
      return withDate(ctx, html(status, `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`))
    }
    return withDate(
      ctx,
      html(status, '<!DOCTYPE html><html><head><title>Mastodon</title></head><body><div class="dialog"><h1>We’re sorry, but something went wrong on our end.</h1></div></body></html>'),
    )
  },
  endpoints: (base) => ({ mastodon: { authBase: base, apiBase: base } }),
  credentials: (ctx): Partial<Record<'mastodon', AppCredentials>> => ({
    mastodon: { clientId: MASTODON_SEED.clientId, clientSecret: MASTODON_SEED.clientSecret, instance: ctx.base },
  }),
}
