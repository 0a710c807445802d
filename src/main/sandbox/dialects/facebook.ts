/**
 * The Graph API dialect of the sandbox: Facebook Login (dialog, code exchange with the app
 * secret, `fb_exchange_token`), `debug_token`, `/me/accounts` with Page tokens and tasks, Page
 * publishing (feed, photos), comments with replies, Page and post insights, and the Instagram
 * business accounts linked to Pages (media containers, `media_publish`, comments, replies,
 * insights). Mounted under `/facebook`; the version prefix (`/v25.0`) is accepted and ignored.
 *
 * Token rules follow Meta's: short-lived user tokens last hours, long-lived ones ~60 days, Page
 * tokens minted from a long-lived user token never expire (`expires_at: 0`), and data access
 * lapses 90 days after the person last signed in. Every breaker answers with the real Graph
 * signature: OAuthException 190 with subcode 463 / 460 / 458 / 467 / 459 / 492, code 10 or 200
 * for missing permissions and lapsed data access, 80001 with `X-Business-Use-Case-Usage` for
 * throttling, and `is_transient` errors for 5xx.
 */
import { FACEBOOK_REDIRECT_PORTS } from '../../providers/facebook/config'
import { authenticateClient, handleAuthorize, redeemCode, type AuthorizeSpec } from '../oauth'
import { sandboxPictureUrl } from '../pictures'
import { hash32, unit } from '../../../shared/random'
import { pastComment, upcomingComment, type Voice } from './seed-comments'
import { json, type DialectContext, type SandboxDialect, type SandboxRequest, type SandboxResponse } from '../types'
import {
  SANDBOX_DAY_MS,
  type SandboxApp,
  type SandboxChannel,
  type SandboxComment,
  type SandboxPost,
  type SandboxUser,
  type SandboxWorld,
  type TokenProblem,
  type TokenRecord,
} from '../world'

const DAY = SANDBOX_DAY_MS
const HOUR = 60 * 60 * 1000

/** Short-lived user tokens from the code exchange: "expiring in hours". */
const SHORT_LIVED_MS = 2 * HOUR
/** Long-lived user tokens: ~60 days (`expires_in` 5,184,000 s). */
const LONG_LIVED_MS = 60 * DAY
/** Data access lapses 90 days after the person was last active in the app. */
const DATA_ACCESS_MS = 90 * DAY
/** Instagram's content publishing limit: 50 API-published posts per rolling 24 hours. */
const IG_PUBLISH_QUOTA = 50
/** Page insights accept at most 93 days between since and until; Instagram account insights 30. */
const PAGE_INSIGHTS_MAX_RANGE_S = 93 * 86_400
const IG_INSIGHTS_MAX_RANGE_S = 30 * 86_400

const ALL_TASKS = ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MESSAGING', 'MODERATE', 'MANAGE']

/** Ids and handles of the seeded world, for tests and the demo. Everyone's password is `demo`. */
export const FACEBOOK_SEED = {
  clientId: 'relink-sandbox-facebook',
  clientSecret: 'sandbox-secret-facebook',
  appName: 'Relink (sandbox)',
  password: 'demo',
  /** The business whose use-case usage the throttling headers report. */
  businessId: '1290000000000001',
  users: {
    /** Admin of Northwind Coffee and Northwind Outlet. */
    maria: { id: '100000000000001', handle: 'maria.ortega', name: 'Maria Ortega' },
    /** Admin of Northwind Coffee (a second, backup link to it) and of Harbor Books. */
    sam: { id: '100000000000002', handle: 'sam.lee', name: 'Sam Lee' },
    /** Only moderates and analyses Northwind Outlet: fewer roles, cannot publish. */
    jo: { id: '100000000000003', handle: 'jo.park', name: 'Jo Park' },
  },
  pages: {
    coffee: { id: '104000000000001', name: 'Northwind Coffee', handle: 'northwindcoffee' },
    outlet: { id: '104000000000002', name: 'Northwind Outlet', handle: 'northwindoutlet' },
    books: { id: '104000000000003', name: 'Harbor Books', handle: 'harborbooks' },
  },
  instagram: {
    coffee: { id: '17841400000000001', username: 'northwind.coffee', name: 'Northwind Coffee', pageId: '104000000000001' },
    books: { id: '17841400000000003', username: 'harbor.books', name: 'Harbor Books', pageId: '104000000000003' },
  },
  tasks: {
    all: ALL_TASKS,
    moderator: ['ANALYZE', 'MODERATE'],
  },
} as const

// ---------------------------------------------------------------------------------------------
// Per-world state the generic world does not model: photos (the CDN) and Instagram containers.

interface StoredPhoto {
  id: string
  pageId: string
  bytes: Buffer
  contentType: string
  published: boolean
  postId?: string
  createdAt: number
}

interface MediaContainer {
  id: string
  igUserId: string
  userId: string
  imageUrl: string
  caption: string
  altText?: string
  status: 'FINISHED' | 'PUBLISHED' | 'EXPIRED' | 'ERROR' | 'IN_PROGRESS'
  createdAt: number
  mediaId?: string
}

interface GraphState {
  serial: number
  photos: Map<string, StoredPhoto>
  containers: Map<string, MediaContainer>
  /** Times of API publishes per Instagram account, for the 24-hour quota. */
  igPublishes: Map<string, number[]>
}

const STATES = new WeakMap<SandboxWorld, GraphState>()

function stateOf(world: SandboxWorld): GraphState {
  let state = STATES.get(world)
  if (!state) {
    state = { serial: 0, photos: new Map(), containers: new Map(), igPublishes: new Map() }
    STATES.set(world, state)
  }
  return state
}

/** Graph ids are long decimal strings; the serial keeps them unique and reproducible. */
function newId(ctx: DialectContext, prefix: string): string {
  const state = stateOf(ctx.world)
  state.serial += 1
  return `${prefix}${String(state.serial).padStart(8, '0')}`
}

// ---------------------------------------------------------------------------------------------
// Wire helpers

const secs = (ms: number): number => Math.floor(ms / 1000)
/** Graph's timestamp format: `2026-01-05T09:00:00+0000`. */
const graphTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000')
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10)
const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`)

function traceId(ctx: DialectContext): string {
  const state = stateOf(ctx.world)
  state.serial += 1
  return `A${hash32(ctx.seed, state.serial, ctx.now).toString(36)}${hash32(state.serial, 'trace').toString(36)}`
}

interface GraphErrorOptions {
  subcode?: number
  type?: string
  transient?: boolean
  userTitle?: string
  userMsg?: string
  headers?: Record<string, string>
}

/** The Graph error envelope `{"error":{message,type,code,error_subcode,fbtrace_id}}`. */
function graphError(ctx: DialectContext, status: number, code: number, message: string, options: GraphErrorOptions = {}): SandboxResponse {
  const error: Record<string, unknown> = { message, type: options.type ?? 'OAuthException', code }
  if (options.subcode !== undefined) error.error_subcode = options.subcode
  if (options.transient) error.is_transient = true
  if (options.userTitle) error.error_user_title = options.userTitle
  if (options.userMsg) error.error_user_msg = options.userMsg
  error.fbtrace_id = traceId(ctx)
  const headers: Record<string, string> = { ...options.headers }
  // Graph repeats token errors in a WWW-Authenticate header of its own `OAuth` scheme.
  if (code === 190) headers['www-authenticate'] = `OAuth "Facebook Platform" "invalid_token" "${message.replace(/"/g, "'")}"`
  return json(status, { error }, headers)
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
/** Graph words expiry times in Pacific time: `Monday, 05-Jan-26 01:00:00 PST`. */
function sessionDate(ms: number): string {
  const d = new Date(ms - 8 * HOUR)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${WEEKDAYS[d.getUTCDay()] ?? 'Monday'}, ${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()] ?? 'Jan'}-${pad(d.getUTCFullYear() % 100)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} PST`
}

/** The 190-family answer for a token the world refuses, exactly as Graph words it. */
function tokenError(ctx: DialectContext, problem: TokenProblem | 'role_lost', token: TokenRecord | undefined): SandboxResponse {
  switch (problem) {
    case 'expired':
      return graphError(
        ctx,
        400,
        190,
        `Error validating access token: Session has expired on ${sessionDate(token?.expiresAt ?? ctx.now)}. The current time is ${sessionDate(ctx.now)}.`,
        { subcode: 463 },
      )
    case 'password_changed':
      return graphError(
        ctx,
        400,
        190,
        'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
        { subcode: 460 },
      )
    case 'app_removed':
      return graphError(ctx, 400, 190, `Error validating access token: The user has not authorized application ${token?.clientId ?? ''}.`, {
        subcode: 458,
      })
    case 'revoked':
      return graphError(ctx, 400, 190, 'Error validating access token: The session is invalid because the user logged out.', { subcode: 467 })
    case 'action_required':
      return graphError(
        ctx,
        400,
        190,
        'Error validating access token: You cannot access the app till you log in to www.facebook.com and follow the instructions given.',
        { subcode: 459 },
      )
    case 'role_lost':
      return graphError(
        ctx,
        400,
        190,
        'The user must be an administrator, editor, or moderator of the page in order to impersonate it. If the page business requires Two Factor Authentication, the user also needs to enable Two Factor Authentication.',
        { subcode: 492 },
      )
    default:
      return graphError(ctx, 400, 190, 'Invalid OAuth access token - Cannot parse access token')
  }
}

function unsupported(ctx: DialectContext, method: string, id: string): SandboxResponse {
  return graphError(
    ctx,
    400,
    100,
    `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    { type: 'GraphMethodException', subcode: 33 },
  )
}

const badParam = (ctx: DialectContext, message: string): SandboxResponse => graphError(ctx, 400, 100, `(#100) ${message}`)

// ---------------------------------------------------------------------------------------------
// Request parsing: Graph takes parameters from the query, a urlencoded form or multipart parts.

interface Upload {
  filename: string
  contentType: string
  data: Buffer
}

interface Params {
  get(name: string): string | undefined
  file(name: string): Upload | undefined
}

function parseMultipart(body: Buffer, contentType: string): { fields: Map<string, string>; files: Map<string, Upload> } {
  const fields = new Map<string, string>()
  const files = new Map<string, Upload>()
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  const boundary = match?.[1] ?? match?.[2]
  if (!boundary) return { fields, files }
  const delimiter = Buffer.from(`--${boundary}`)
  let start = body.indexOf(delimiter)
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length)
    if (next === -1) break
    const part = body.subarray(start + delimiter.length + 2, next - 2)
    const split = part.indexOf('\r\n\r\n')
    if (split !== -1) {
      const head = part.subarray(0, split).toString('utf8')
      const data = part.subarray(split + 4)
      const name = /name="([^"]*)"/i.exec(head)?.[1]
      const filename = /filename="([^"]*)"/i.exec(head)?.[1]
      const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim() ?? 'application/octet-stream'
      if (name !== undefined) {
        if (filename !== undefined) files.set(name, { filename, contentType: type, data: Buffer.from(data) })
        else fields.set(name, data.toString('utf8'))
      }
    }
    start = next
  }
  return { fields, files }
}

function paramsOf(req: SandboxRequest): Params {
  const type = req.headers['content-type'] ?? ''
  const multipart = type.toLowerCase().startsWith('multipart/form-data') ? parseMultipart(req.body, type) : undefined
  return {
    get: (name) => multipart?.fields.get(name) ?? req.form.get(name) ?? req.query.get(name) ?? undefined,
    file: (name) => multipart?.files.get(name),
  }
}

/** Top-level names of a `fields` parameter: `id,name,instagram_business_account{id,username}`. */
function fieldNames(fields: string | undefined): Set<string> | undefined {
  if (!fields) return undefined
  const names = new Set<string>()
  let depth = 0
  let current = ''
  for (const ch of fields) {
    if (ch === '{') depth += 1
    if (ch === '}') depth -= 1
    if (ch === ',' && depth === 0) {
      names.add(current.trim().split(/[{.]/)[0] ?? '')
      current = ''
    } else current += ch
  }
  if (current.trim()) names.add(current.trim().split(/[{.]/)[0] ?? '')
  return names
}

/** Returns the requested fields (always with `id`), or the node's defaults. */
function pick(node: Record<string, unknown>, fields: string | undefined, defaults: readonly string[]): Record<string, unknown> {
  const names = fieldNames(fields) ?? new Set(defaults)
  names.add('id')
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(node)) if (names.has(k) && v !== undefined) out[k] = v
  return out
}

/** Cursor paging as Graph does it: `limit`, `after`, and `paging.cursors` / `paging.next`. */
function paginate(ctx: DialectContext, req: SandboxRequest, items: unknown[], params: Params, defaultLimit = 25): Record<string, unknown> {
  const limit = Math.min(Math.max(Number(params.get('limit') ?? defaultLimit) || defaultLimit, 1), 100)
  const after = params.get('after')
  const offset = after ? Number(Buffer.from(after, 'base64url').toString('utf8').replace(/^offset:/, '')) || 0 : 0
  const page = items.slice(offset, offset + limit)
  const cursor = (n: number): string => Buffer.from(`offset:${n}`, 'utf8').toString('base64url')
  const result: Record<string, unknown> = { data: page }
  if (items.length > 0) {
    const paging: Record<string, unknown> = { cursors: { before: cursor(offset), after: cursor(offset + page.length) } }
    if (offset + limit < items.length) {
      const next = new URL(`${ctx.base}${req.path}`)
      for (const [k, v] of req.query.entries()) if (k !== 'access_token' && k !== 'after') next.searchParams.set(k, v)
      next.searchParams.set('after', cursor(offset + page.length))
      paging.next = next.toString()
    }
    result.paging = paging
  }
  return result
}

// ---------------------------------------------------------------------------------------------
// Who is calling

type Caller =
  | { kind: 'user'; token: TokenRecord; user: SandboxUser; app: SandboxApp }
  | { kind: 'page'; token: TokenRecord; user: SandboxUser; app: SandboxApp; page: SandboxChannel }
  | { kind: 'app'; app: SandboxApp }

function tokenValue(req: SandboxRequest, params: Params): string | undefined {
  return req.bearer ?? params.get('access_token')
}

function appFromAppToken(ctx: DialectContext, value: string): SandboxApp | undefined {
  const [id, secret] = value.split('|')
  const app = ctx.world.apps.get(id ?? '')
  return app && app.network === 'facebook' && app.clientSecret === secret ? app : undefined
}

function authenticate(ctx: DialectContext, req: SandboxRequest, params: Params): Caller | SandboxResponse {
  const value = tokenValue(req, params)
  if (!value) return graphError(ctx, 400, 2500, 'An active access token must be used to query information about the current user.')
  if (value.includes('|')) {
    const app = appFromAppToken(ctx, value)
    return app ? { kind: 'app', app } : graphError(ctx, 400, 190, 'Invalid OAuth access token signature.')
  }
  const check = ctx.world.check(value, ['access', 'page'])
  if (!check.ok) return tokenError(ctx, check.problem, check.token)
  const app = ctx.world.apps.get(check.token.clientId)
  if (!app || check.token.network !== 'facebook') return tokenError(ctx, 'unknown', check.token)
  if (check.token.kind === 'page') {
    const page = ctx.world.channels.get(check.token.channelId ?? '')
    if (!page) return tokenError(ctx, 'unknown', check.token)
    // A Page token dies with its person's role on the Page; a new token fails the same way (492).
    if (!page.roles.has(check.user.id)) return tokenError(ctx, 'role_lost', check.token)
    return { kind: 'page', token: check.token, user: check.user, app, page }
  }
  return { kind: 'user', token: check.token, user: check.user, app }
}

const dataAccessExpiresAt = (user: SandboxUser): number => user.lastActiveAt + DATA_ACCESS_MS

/**
 * After data access lapses the person stays signed in, but the app reads none of their data
 * until they re-grant it through the Login dialog. Graph answers with a plain permission error.
 */
function dataAccessLapsed(ctx: DialectContext, caller: Caller): SandboxResponse | undefined {
  if (caller.kind === 'app') return undefined
  if (dataAccessExpiresAt(caller.user) > ctx.now) return undefined
  return graphError(ctx, 403, 10, '(#10) Application does not have permission for this action')
}

const effectiveScopes = (caller: Caller): string[] =>
  caller.kind === 'app' ? [] : caller.token.scopes.filter((s) => !caller.user.revokedScopes.has(s))

/** Read permissions answer code 10, management permissions code 200, as Graph does. */
function requireScopes(ctx: DialectContext, caller: Caller, scopes: readonly string[], code: 10 | 200): SandboxResponse | undefined {
  const granted = effectiveScopes(caller)
  const missing = scopes.filter((s) => !granted.includes(s))
  if (missing.length === 0) return undefined
  const list = missing.join(' and ')
  return code === 10
    ? graphError(ctx, 403, 10, `(#10) This endpoint requires the '${list}' permission.`)
    : graphError(ctx, 403, 200, `(#200) Requires ${list} permission to manage the object`)
}

function rolesOn(caller: Caller, page: SandboxChannel): string[] | undefined {
  if (caller.kind === 'app') return undefined
  if (caller.kind === 'page' && caller.page.id !== page.id) return undefined
  return page.roles.get(caller.user.id)
}

function requireTask(ctx: DialectContext, caller: Caller, page: SandboxChannel, tasks: readonly string[]): SandboxResponse | undefined {
  const roles = rolesOn(caller, page) ?? []
  if (tasks.some((t) => roles.includes(t))) return undefined
  return graphError(
    ctx,
    403,
    200,
    `(#200) The user must be able to perform the ${tasks.join(' or ')} task on the Page to do this, with sufficient administrative permission.`,
  )
}

const firstProblem = (...checks: (SandboxResponse | undefined)[]): SandboxResponse | undefined => checks.find((c) => c !== undefined)

// ---------------------------------------------------------------------------------------------
// The world, as Graph nodes

function fbUser(ctx: DialectContext, id: string): SandboxUser | undefined {
  const user = ctx.world.users.get(id)
  return user?.network === 'facebook' ? user : undefined
}

function channel(ctx: DialectContext, id: string, kind: SandboxChannel['kind']): SandboxChannel | undefined {
  const c = ctx.world.channels.get(id)
  return c && c.network === 'facebook' && c.kind === kind ? c : undefined
}

const pageOfIg = (ctx: DialectContext, igId: string): SandboxChannel | undefined =>
  [...ctx.world.channels.values()].find((c) => c.network === 'facebook' && c.kind === 'page' && c.linkedChannelId === igId)

function fbPost(ctx: DialectContext, id: string): SandboxPost | undefined {
  const post = ctx.world.posts.get(id)
  return post && post.network === 'facebook' && ctx.world.channels.get(post.channelId)?.kind === 'page' ? post : undefined
}

function igMedia(ctx: DialectContext, id: string): SandboxPost | undefined {
  const post = ctx.world.posts.get(id)
  return post && post.network === 'facebook' && ctx.world.channels.get(post.channelId)?.kind === 'business_account' ? post : undefined
}

const commentsOf = (ctx: DialectContext, postId: string): SandboxComment[] =>
  [...ctx.world.comments.values()].filter((c) => c.postId === postId && c.network === 'facebook')

const cdnUrl = (ctx: DialectContext, photo: StoredPhoto): string => `${ctx.base}/cdn/${photo.id}.${photo.contentType === 'image/png' ? 'png' : 'jpg'}`

function postNode(ctx: DialectContext, post: SandboxPost): Record<string, unknown> {
  const updated = Math.max(post.createdAt, ...commentsOf(ctx, post.id).map((c) => c.createdAt))
  const [pageId, local] = post.id.split('_')
  return {
    id: post.id,
    message: post.text || undefined,
    created_time: graphTime(post.createdAt),
    updated_time: graphTime(updated),
    permalink_url: `https://www.facebook.com/${pageId ?? ''}/posts/${local ?? ''}`,
    full_picture: post.imageUrl,
    link: post.link,
  }
}

function mediaNode(ctx: DialectContext, media: SandboxPost): Record<string, unknown> {
  const ig = ctx.world.channels.get(media.channelId)
  return {
    id: media.id,
    caption: media.text || undefined,
    media_type: 'IMAGE',
    media_product_type: 'FEED',
    media_url: media.imageUrl,
    permalink: `https://www.instagram.com/p/${hash32(media.id).toString(36)}/`,
    timestamp: graphTime(media.createdAt),
    username: ig?.handle,
    comments_count: commentsOf(ctx, media.id).length,
    like_count: Math.round(unit(ctx.seed, media.id, 'likes') * 120),
  }
}

function fbCommentNode(ctx: DialectContext, c: SandboxComment, withParent: boolean, viewer?: string): Record<string, unknown> {
  const author = fbUser(ctx, c.authorHandle)
  return {
    is_hidden: c.hidden === true,
    user_likes: viewer !== undefined && (c.likedBy ?? []).includes(viewer),
    id: c.id,
    message: c.text,
    created_time: graphTime(c.createdAt),
    from: { id: c.authorHandle, name: author?.name ?? c.authorName },
    parent: withParent && c.parentId ? { id: c.parentId } : undefined,
    can_comment: c.parentId === null,
  }
}

function igCommentNode(c: SandboxComment): Record<string, unknown> {
  return {
    id: c.id,
    text: c.text,
    timestamp: graphTime(c.createdAt),
    username: c.authorHandle,
    from: { id: String(hash32('igsid', c.authorHandle)), username: c.authorHandle },
    parent_id: c.parentId ?? undefined,
    hidden: c.hidden === true,
    like_count: 0,
  }
}

// ---------------------------------------------------------------------------------------------
// Token endpoint, dialog and debug_token

const AUTHORIZE: AuthorizeSpec = {
  network: 'facebook',
  label: 'Facebook',
  // Facebook Login's standard code flow relies on the app secret; PKCE (its OIDC variant) is
  // optional. When a challenge is sent it is enforced at the exchange.
  pkce: 'supported',
  scopeSeparator: ',',
  note: 'Relink will be able to manage the Pages and Instagram accounts you have a role on.',
}

function tokenEndpoint(req: SandboxRequest, ctx: DialectContext, params: Params): SandboxResponse {
  if (req.method !== 'GET' && req.method !== 'POST') return badParam(ctx, 'Unsupported method')
  const clientId = params.get('client_id')
  const app = clientId ? ctx.world.apps.get(clientId) : undefined
  if (!app || app.network !== 'facebook') return graphError(ctx, 400, 101, 'Error validating application. Invalid application ID.')
  // The app secret is required for both the code exchange and fb_exchange_token.
  const merged = new URLSearchParams()
  merged.set('client_id', app.clientId)
  const secret = params.get('client_secret')
  if (secret !== undefined) merged.set('client_secret', secret)
  const client = authenticateClient(req, ctx, 'facebook', { secretRequired: true, params: merged })
  if (!client.ok) return graphError(ctx, 400, 1, 'Error validating client secret.')

  if (params.get('grant_type') === 'fb_exchange_token') {
    const value = params.get('fb_exchange_token')
    if (!value) return badParam(ctx, 'Missing fb_exchange_token parameter')
    const check = ctx.world.check(value, ['access'])
    // An expired (or otherwise dead) token cannot be exchanged.
    if (!check.ok) return tokenError(ctx, check.problem, check.token)
    if (check.token.clientId !== app.clientId) return tokenError(ctx, 'unknown', check.token)
    // Exchanging a long-lived token again does not extend it: the person re-logs before day 60.
    const expiresAt = check.token.longLived ? (check.token.expiresAt ?? ctx.now + LONG_LIVED_MS) : ctx.now + LONG_LIVED_MS
    const long = ctx.world.mint({
      kind: 'access',
      network: 'facebook',
      clientId: app.clientId,
      userId: check.user.id,
      scopes: check.token.scopes,
      expiresAt,
      family: check.token.family,
      longLived: true,
      prefix: 'EAAL',
    })
    return json(200, { access_token: long.value, token_type: 'bearer', expires_in: secs(expiresAt - ctx.now) })
  }

  const redeemed = redeemCode(ctx, app, { code: params.get('code'), redirectUri: params.get('redirect_uri'), codeVerifier: params.get('code_verifier') })
  if (!redeemed.ok) {
    const d = redeemed.description
    if (/already used/.test(d)) return graphError(ctx, 400, 100, 'This authorization code has been used.', { subcode: 36009 })
    if (/expired/.test(d)) return graphError(ctx, 400, 100, 'This authorization code has expired.', { subcode: 36007 })
    if (/redirect_uri/.test(d)) {
      return graphError(
        ctx,
        400,
        100,
        'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
        { subcode: 36008 },
      )
    }
    if (/code_verifier/.test(d)) return graphError(ctx, 400, 100, 'Invalid code verifier.')
    return graphError(ctx, 400, 100, 'Invalid verification code format.')
  }
  const code = redeemed.code
  const short = ctx.world.mint({
    kind: 'access',
    network: 'facebook',
    clientId: app.clientId,
    userId: code.userId,
    scopes: code.scopes,
    expiresAt: ctx.now + SHORT_LIVED_MS,
    family: code.family,
    prefix: 'EAAS',
  })
  return json(200, { access_token: short.value, token_type: 'bearer', expires_in: secs(SHORT_LIVED_MS) })
}

const SUBCODE_OF: Record<TokenProblem, number | undefined> = {
  unknown: undefined,
  expired: 463,
  revoked: 467,
  password_changed: 460,
  app_removed: 458,
  action_required: 459,
}

function debugToken(req: SandboxRequest, ctx: DialectContext, params: Params): SandboxResponse {
  const access = tokenValue(req, params)
  if (!access) {
    return graphError(ctx, 400, 100, '(#100) You must provide an app access token, or a user access token that is an owner or developer of the app')
  }
  let app: SandboxApp | undefined
  if (access.includes('|')) {
    app = appFromAppToken(ctx, access)
    if (!app) return graphError(ctx, 400, 190, 'Invalid OAuth access token signature.')
  } else {
    const check = ctx.world.check(access, ['access', 'page'])
    if (!check.ok) return tokenError(ctx, check.problem, check.token)
    app = ctx.world.apps.get(check.token.clientId)
  }
  const input = params.get('input_token')
  if (!input) return badParam(ctx, 'The parameter input_token is required')
  const record = ctx.world.tokens.get(input)
  if (!app || !record || !['access', 'page'].includes(record.kind) || record.clientId !== app.clientId) {
    return json(200, { data: { error: { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' }, is_valid: false, scopes: [] } })
  }
  const user = ctx.world.users.get(record.userId)
  const scopes = record.scopes.filter((s) => !user?.revokedScopes.has(s))
  const data: Record<string, unknown> = {
    app_id: app.clientId,
    type: record.kind === 'page' ? 'PAGE' : 'USER',
    application: app.name,
    data_access_expires_at: user ? secs(dataAccessExpiresAt(user)) : 0,
    expires_at: record.expiresAt === null ? 0 : secs(record.expiresAt),
    is_valid: true,
    issued_at: secs(record.issuedAt),
    scopes,
    granular_scopes: scopes.map((scope) => ({ scope })),
    user_id: record.userId,
  }
  if (record.kind === 'page') data.profile_id = record.channelId
  const check = ctx.world.check(input, ['access', 'page'])
  let problem: TokenProblem | 'role_lost' | undefined = check.ok ? undefined : check.problem
  if (!problem && record.kind === 'page' && !ctx.world.channels.get(record.channelId ?? '')?.roles.has(record.userId)) problem = 'role_lost'
  if (problem) {
    const answer = tokenError(ctx, problem, record)
    const message = ((answer.body as { error?: { message?: string } }).error?.message ?? '').toString()
    const subcode = problem === 'role_lost' ? 492 : SUBCODE_OF[problem]
    data.is_valid = false
    data.error = subcode === undefined ? { code: 190, message } : { code: 190, message, subcode }
  }
  return json(200, { data })
}

// ---------------------------------------------------------------------------------------------
// Users: /me, /me/accounts, /{user-id}/permissions

function pageTokenFor(ctx: DialectContext, caller: Extract<Caller, { kind: 'user' }>, page: SandboxChannel): TokenRecord {
  // Page tokens from a long-lived user token never expire; from a short-lived one they end with it.
  const expiresAt = caller.token.longLived ? null : caller.token.expiresAt
  const existing = [...ctx.world.tokens.values()].find(
    (t) =>
      t.kind === 'page' &&
      t.userId === caller.user.id &&
      t.channelId === page.id &&
      t.clientId === caller.app.clientId &&
      !t.revoked &&
      t.passwordVersion === caller.user.passwordVersion &&
      t.expiresAt === expiresAt &&
      t.family === caller.token.family,
  )
  if (existing) return existing
  return ctx.world.mint({
    kind: 'page',
    network: 'facebook',
    clientId: caller.app.clientId,
    userId: caller.user.id,
    scopes: caller.token.scopes,
    expiresAt,
    family: caller.token.family,
    channelId: page.id,
    prefix: 'EAAP',
  })
}

/** Graph's `picture` edge of a Page: a silhouette stands in for a Page without a picture. */
function pictureNode(ctx: DialectContext, page: SandboxChannel): { data: { url: string; is_silhouette: boolean; width: number; height: number } } {
  const url = sandboxPictureUrl(ctx.origin, page)
  return { data: { url: url ?? `${ctx.origin}/pictures/silhouette.png`, is_silhouette: url === undefined, width: 96, height: 96 } }
}

function accounts(req: SandboxRequest, ctx: DialectContext, params: Params, caller: Caller): SandboxResponse {
  if (caller.kind !== 'user') return badParam(ctx, 'Tried accessing nonexisting field (accounts) on node type (Page)')
  const problem = firstProblem(dataAccessLapsed(ctx, caller), requireScopes(ctx, caller, ['pages_show_list'], 10))
  if (problem) return problem
  const fields = params.get('fields')
  const pages = [...ctx.world.channels.values()]
    .filter((c) => c.network === 'facebook' && c.kind === 'page' && c.roles.has(caller.user.id))
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((page) => {
      const ig = page.linkedChannelId ? ctx.world.channels.get(page.linkedChannelId) : undefined
      const node: Record<string, unknown> = {
        id: page.id,
        name: page.name,
        username: page.handle,
        category: 'Local business',
        access_token: pageTokenFor(ctx, caller, page).value,
        tasks: page.roles.get(caller.user.id) ?? [],
        picture: pictureNode(ctx, page),
        instagram_business_account: ig ? { id: ig.id, username: ig.handle, name: ig.name, profile_picture_url: sandboxPictureUrl(ctx.origin, ig) } : undefined,
      }
      return pick(node, fields, ['name', 'access_token', 'category', 'tasks'])
    })
  return json(200, paginate(ctx, req, pages, params))
}

function permissions(req: SandboxRequest, ctx: DialectContext, user: SandboxUser, caller: Caller, permission: string | undefined): SandboxResponse {
  const app = caller.app
  if (caller.kind !== 'app' && caller.user.id !== user.id) return unsupported(ctx, req.method, `${user.id}/permissions`)
  if (req.method === 'DELETE') {
    // Removing the whole login deauthorizes the app: every token of this person for it dies (458).
    if (permission) user.revokedScopes.add(permission)
    else user.authorizedApps.delete(app.clientId)
    return json(200, { success: true })
  }
  if (req.method !== 'GET') return unsupported(ctx, req.method, `${user.id}/permissions`)
  const granted = caller.kind === 'app' ? [] : caller.token.scopes
  const data = granted.map((p) => ({ permission: p, status: user.revokedScopes.has(p) ? 'declined' : 'granted' }))
  return json(200, { data })
}

// ---------------------------------------------------------------------------------------------
// Pages: node, feed, photos, insights

function canSeePage(caller: Caller, page: SandboxChannel): boolean {
  return rolesOn(caller, page) !== undefined
}

function createPost(ctx: DialectContext, page: SandboxChannel, caller: Caller, input: { text: string; link?: string; imageUrl?: string }): SandboxPost | SandboxResponse {
  if (caller.kind !== 'page') {
    return graphError(
      ctx,
      403,
      200,
      '(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission',
    )
  }
  if (input.text !== '') {
    const duplicate = [...ctx.world.posts.values()].some(
      (p) => p.channelId === page.id && p.text === input.text && p.createdAt > ctx.now - DAY,
    )
    if (duplicate) return graphError(ctx, 400, 506, '(#506) Duplicate status message')
  }
  const id = `${page.id}_${newId(ctx, '9')}`
  return ctx.world.addPost({ id, network: 'facebook', channelId: page.id, authorUserId: caller.user.id, text: input.text, link: input.link, imageUrl: input.imageUrl })
}

function pageRoute(req: SandboxRequest, ctx: DialectContext, params: Params, caller: Caller, page: SandboxChannel, edge: string | undefined): SandboxResponse {
  if (!canSeePage(caller, page)) return unsupported(ctx, req.method, page.id)
  const lapsed = dataAccessLapsed(ctx, caller)
  if (lapsed) return lapsed
  const ig = page.linkedChannelId ? ctx.world.channels.get(page.linkedChannelId) : undefined

  if (edge === undefined && req.method === 'GET') {
    const node = {
      id: page.id,
      name: page.name,
      username: page.handle,
      link: `https://www.facebook.com/${page.handle}`,
      followers_count: pageFollowers(ctx, page.id, dayOf(ctx.now - DAY)),
      picture: pictureNode(ctx, page),
      instagram_business_account: ig ? { id: ig.id, username: ig.handle, name: ig.name, profile_picture_url: sandboxPictureUrl(ctx.origin, ig) } : undefined,
    }
    return json(200, pick(node, params.get('fields'), ['name']))
  }

  if ((edge === 'feed' || edge === 'posts' || edge === 'published_posts') && req.method === 'GET') {
    const problem = requireScopes(ctx, caller, ['pages_read_engagement'], 10)
    if (problem) return problem
    const since = Number(params.get('since') ?? 0) * 1000
    const until = params.get('until') !== undefined ? Number(params.get('until')) * 1000 : Infinity
    const posts = [...ctx.world.posts.values()]
      .filter((p) => p.channelId === page.id && p.createdAt >= since && p.createdAt <= until)
      .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id))
      .map((p) => pick(postNode(ctx, p), params.get('fields'), ['message', 'created_time']))
    return json(200, paginate(ctx, req, posts, params))
  }

  if (edge === 'feed' && req.method === 'POST') {
    const problem = firstProblem(
      requireScopes(ctx, caller, ['pages_manage_posts', 'pages_read_engagement'], 200),
      requireTask(ctx, caller, page, ['CREATE_CONTENT']),
    )
    if (problem) return problem
    const message = params.get('message') ?? ''
    const link = params.get('link')
    if (message === '' && !link) return badParam(ctx, 'Missing message or attachment')
    const post = createPost(ctx, page, caller, { text: message, link })
    return 'status' in post ? post : json(200, { id: post.id })
  }

  if (edge === 'photos' && req.method === 'POST') {
    const problem = firstProblem(
      requireScopes(ctx, caller, ['pages_manage_posts', 'pages_read_engagement'], 200),
      requireTask(ctx, caller, page, ['CREATE_CONTENT']),
    )
    if (problem) return problem
    if (caller.kind !== 'page') {
      return graphError(ctx, 403, 200, '(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission')
    }
    const source = params.file('source')
    if (!source || source.data.length === 0) return graphError(ctx, 400, 324, '(#324) Requires upload file')
    if (!['image/jpeg', 'image/png', 'image/gif'].includes(source.contentType)) {
      return graphError(ctx, 400, 324, '(#324) Missing or invalid image file')
    }
    const photo: StoredPhoto = {
      id: newId(ctx, '77'),
      pageId: page.id,
      bytes: source.data,
      contentType: source.contentType,
      published: params.get('published') !== 'false',
      createdAt: ctx.now,
    }
    stateOf(ctx.world).photos.set(photo.id, photo)
    if (!photo.published) return json(200, { id: photo.id })
    const post = createPost(ctx, page, caller, { text: params.get('message') ?? params.get('caption') ?? '', imageUrl: cdnUrl(ctx, photo) })
    if ('status' in post) {
      stateOf(ctx.world).photos.delete(photo.id)
      return post
    }
    photo.postId = post.id
    return json(200, { id: photo.id, post_id: post.id })
  }

  if (edge === 'insights' && req.method === 'GET') {
    const problem = firstProblem(requireScopes(ctx, caller, ['read_insights', 'pages_read_engagement'], 10), requireTask(ctx, caller, page, ['ANALYZE']))
    if (problem) return problem
    return pageInsights(req, ctx, params, page)
  }
  return unsupported(ctx, req.method, `${page.id}/${edge ?? ''}`)
}

/** Page metrics the sandbox serves, with a typical daily size; anything else is invalid. */
const PAGE_METRIC_BASE: Record<string, number> = {
  page_media_view: 900,
  page_total_media_view_unique: 600,
  page_post_engagements: 80,
  page_daily_follows_unique: 12,
  page_views_total: 70,
}
const POST_METRIC_BASE: Record<string, number> = {
  post_media_view: 1400,
  post_total_media_view_unique: 950,
  post_clicks: 60,
  post_reactions_by_type_total: 0,
}
const IG_SERIES_BASE: Record<string, number> = { reach: 450, follower_count: 9 }
const IG_TOTAL_BASE: Record<string, number> = { views: 1100, total_interactions: 75, accounts_engaged: 50 }
const IG_MEDIA_BASE: Record<string, number> = { views: 1300, reach: 800, likes: 110, comments: 9, saved: 14, shares: 7, total_interactions: 140 }

const dailyValue = (ctx: DialectContext, channelId: string, day: string, metric: string, base: number): number =>
  Math.round(base * (0.6 + 0.8 * unit(ctx.seed, channelId, day, metric)))

function pageFollowers(ctx: DialectContext, channelId: string, day: string): number {
  const index = Math.floor((dayStart(day) - Date.UTC(2025, 0, 1)) / DAY)
  return 4000 + (hash32(ctx.seed, channelId) % 3000) + index * 4 + Math.floor(unit(ctx.seed, channelId, day, 'page_follows') * 10)
}

function invalidMetric(ctx: DialectContext): SandboxResponse {
  return graphError(ctx, 400, 100, '(#100) The value must be a valid insights metric')
}

/** Days whose whole UTC day lies in [since, until) and that have ended (insights lag a day). */
function daysIn(ctx: DialectContext, sinceS: number, untilS: number): string[] {
  const days: string[] = []
  const last = dayStart(dayOf(ctx.now)) - DAY
  for (let t = dayStart(dayOf(sinceS * 1000)); t < untilS * 1000 && t <= last; t += DAY) if (t >= sinceS * 1000) days.push(dayOf(t))
  return days
}

/** Graph stamps a daily value with the end of the day (midnight Pacific, 08:00 UTC next day). */
const endTimeOf = (day: string): string => graphTime(dayStart(day) + DAY + 8 * HOUR)

function sinceUntil(ctx: DialectContext, params: Params, maxRangeS: number): { since: number; until: number } | SandboxResponse {
  const until = Number(params.get('until') ?? secs(dayStart(dayOf(ctx.now))))
  const since = Number(params.get('since') ?? until - 2 * 86_400)
  if (!Number.isFinite(since) || !Number.isFinite(until) || until < since) return badParam(ctx, 'The since and until parameters are invalid')
  if (until - since > maxRangeS) {
    return badParam(ctx, `There cannot be more than ${Math.round(maxRangeS / 86_400)} days (${maxRangeS} s) between since and until`)
  }
  return { since, until }
}

function pageInsights(req: SandboxRequest, ctx: DialectContext, params: Params, page: SandboxChannel): SandboxResponse {
  const metrics = (params.get('metric') ?? '').split(',').map((m) => m.trim()).filter(Boolean)
  if (metrics.length === 0) return badParam(ctx, 'The parameter metric is required')
  if (metrics.some((m) => m !== 'page_follows' && PAGE_METRIC_BASE[m] === undefined)) return invalidMetric(ctx)
  const period = params.get('period') ?? 'day'
  if (period !== 'day') return badParam(ctx, 'period must be one of the following values: day')
  const range = sinceUntil(ctx, params, PAGE_INSIGHTS_MAX_RANGE_S)
  if ('status' in range) return range
  const days = daysIn(ctx, range.since, range.until)
  const data = metrics.map((name) => ({
    name,
    period: 'day',
    values: days.map((day) => ({
      value: name === 'page_follows' ? pageFollowers(ctx, page.id, day) : dailyValue(ctx, page.id, day, name, PAGE_METRIC_BASE[name] ?? 0),
      end_time: endTimeOf(day),
    })),
    title: name,
    description: `Daily: ${name}`,
    id: `${page.id}/insights/${name}/day`,
  }))
  return json(200, { data, paging: { previous: `${ctx.base}${req.path}?until=${range.since}`, next: `${ctx.base}${req.path}?since=${range.until}` } })
}

function photoRoute(req: SandboxRequest, ctx: DialectContext, params: Params, caller: Caller, photo: StoredPhoto): SandboxResponse {
  const page = channel(ctx, photo.pageId, 'page')
  if (!page || !canSeePage(caller, page)) return unsupported(ctx, req.method, photo.id)
  if (req.method === 'DELETE') {
    stateOf(ctx.world).photos.delete(photo.id)
    if (photo.postId) ctx.world.posts.delete(photo.postId)
    return json(200, { success: true })
  }
  if (req.method !== 'GET') return unsupported(ctx, req.method, photo.id)
  const node = {
    id: photo.id,
    created_time: graphTime(photo.createdAt),
    images: [{ source: cdnUrl(ctx, photo) }],
    link: `https://www.facebook.com/photo.php?fbid=${photo.id}`,
    page_story_id: photo.postId,
  }
  return json(200, pick(node, params.get('fields'), ['created_time', 'images']))
}

// ---------------------------------------------------------------------------------------------
// Posts and comments

function postRoute(req: SandboxRequest, ctx: DialectContext, params: Params, caller: Caller, post: SandboxPost, edge: string | undefined): SandboxResponse {
  const page = channel(ctx, post.channelId, 'page')
  if (!page || !canSeePage(caller, page)) return unsupported(ctx, req.method, post.id)
  const lapsed = dataAccessLapsed(ctx, caller)
  if (lapsed) return lapsed
  if (edge === undefined && req.method === 'GET') {
    const problem = requireScopes(ctx, caller, ['pages_read_engagement'], 10)
    return problem ?? json(200, pick(postNode(ctx, post), params.get('fields'), ['message', 'created_time']))
  }
  if (edge === 'comments') return commentsEdge(req, ctx, params, caller, page, post, null)
  if (edge === 'insights' && req.method === 'GET') {
    const problem = firstProblem(requireScopes(ctx, caller, ['read_insights', 'pages_read_engagement'], 10), requireTask(ctx, caller, page, ['ANALYZE']))
    if (problem) return problem
    const metrics = (params.get('metric') ?? '').split(',').map((m) => m.trim()).filter(Boolean)
    if (metrics.length === 0) return badParam(ctx, 'The parameter metric is required')
    if (metrics.some((m) => POST_METRIC_BASE[m] === undefined)) return invalidMetric(ctx)
    const data = metrics.map((name) => ({
      name,
      period: 'lifetime',
      values: [{ value: postMetric(ctx, post, name) }],
      title: name,
      description: `Lifetime: ${name}`,
      id: `${post.id}/insights/${name}/lifetime`,
    }))
    return json(200, { data })
  }
  return unsupported(ctx, req.method, `${post.id}/${edge ?? ''}`)
}

/** Lifetime post numbers grow over the first three days, then settle. */
function postMetric(ctx: DialectContext, post: SandboxPost, name: string): number | Record<string, number> {
  const age = Math.min(1, Math.max(0.05, (ctx.now - post.createdAt) / (3 * DAY)))
  if (name === 'post_reactions_by_type_total') {
    const scale = (kind: string, base: number): number => Math.round(base * age * (0.5 + unit(ctx.seed, post.id, 'lifetime', kind)))
    return { like: scale('like', 60), love: scale('love', 18), wow: scale('wow', 4), haha: scale('haha', 6) }
  }
  return Math.round((POST_METRIC_BASE[name] ?? 0) * age * (0.5 + unit(ctx.seed, post.id, 'lifetime', name)))
}

function commentsEdge(
  req: SandboxRequest,
  ctx: DialectContext,
  params: Params,
  caller: Caller,
  page: SandboxChannel,
  post: SandboxPost,
  parent: SandboxComment | null,
): SandboxResponse {
  if (req.method === 'GET') {
    const problem = requireScopes(ctx, caller, ['pages_read_engagement', 'pages_read_user_content'], 10)
    if (problem) return problem
    const stream = params.get('filter') === 'stream'
    const all = commentsOf(ctx, post.id)
    const selected = parent ? all.filter((c) => c.parentId === parent.id) : stream ? all : all.filter((c) => c.parentId === null)
    const reverse = params.get('order') === 'reverse_chronological'
    const sorted = selected.sort((a, b) => (reverse ? b.createdAt - a.createdAt : a.createdAt - b.createdAt) || a.id.localeCompare(b.id))
    const nodes = sorted.map((c) => pick(fbCommentNode(ctx, c, stream || parent !== null), params.get('fields'), ['message', 'created_time', 'from']))
    return json(200, paginate(ctx, req, nodes, params))
  }
  if (req.method === 'POST') {
    const problem = firstProblem(
      requireScopes(ctx, caller, ['pages_manage_engagement'], 200),
      requireTask(ctx, caller, page, ['MODERATE', 'CREATE_CONTENT']),
    )
    if (problem) return problem
    if (caller.kind !== 'page') return graphError(ctx, 403, 200, '(#200) Permissions error: comment as the Page with a Page access token')
    const message = params.get('message') ?? ''
    if (message.trim() === '') return badParam(ctx, 'Missing message or attachment')
    // Facebook threads are two levels deep: a reply to a reply joins the top-level thread.
    const parentId = parent ? (parent.parentId ?? parent.id) : null
    const local = post.id.split('_')[1] ?? post.id
    const comment = ctx.world.addComment({
      id: `${local}_${newId(ctx, '8')}`,
      network: 'facebook',
      postId: post.id,
      parentId,
      authorName: page.name,
      authorHandle: page.id,
      text: message,
      viaApi: true,
    })
    return json(200, { id: comment.id })
  }
  return unsupported(ctx, req.method, `${post.id}/comments`)
}

function fbCommentRoute(req: SandboxRequest, ctx: DialectContext, params: Params, caller: Caller, comment: SandboxComment, edge: string | undefined): SandboxResponse {
  const post = fbPost(ctx, comment.postId)
  const page = post ? channel(ctx, post.channelId, 'page') : undefined
  if (!post || !page || !canSeePage(caller, page)) return unsupported(ctx, req.method, comment.id)
  const lapsed = dataAccessLapsed(ctx, caller)
  if (lapsed) return lapsed
  if (edge === undefined && req.method === 'GET') {
    const problem = requireScopes(ctx, caller, ['pages_read_engagement', 'pages_read_user_content'], 10)
    const viewer = caller.kind === 'page' ? caller.page.id : caller.kind === 'user' ? caller.user.id : undefined
    return problem ?? json(200, pick(fbCommentNode(ctx, comment, true, viewer), params.get('fields'), ['message', 'created_time', 'from']))
  }
  if (edge === 'comments') return commentsEdge(req, ctx, params, caller, page, post, comment)
  // Moderation: hide or unhide (POST is_hidden), delete, like — as the Page, with a moderator's task.
  if ((edge === undefined && (req.method === 'POST' || req.method === 'DELETE')) || (edge === 'likes' && req.method === 'POST')) {
    const problem = firstProblem(requireScopes(ctx, caller, ['pages_manage_engagement'], 200), requireTask(ctx, caller, page, ['MODERATE']))
    if (problem) return problem
    if (caller.kind !== 'page') return graphError(ctx, 403, 200, '(#200) Permissions error: moderate as the Page with a Page access token')
    if (edge === 'likes') {
      comment.likedBy = [...new Set([...(comment.likedBy ?? []), caller.page.id])]
      return json(200, { success: true })
    }
    if (req.method === 'DELETE') {
      ctx.world.deleteComment(comment.id)
      return json(200, { success: true })
    }
    const hidden = params.get('is_hidden')
    if (hidden !== 'true' && hidden !== 'false') return badParam(ctx, 'The parameter is_hidden is required')
    // A Page's own comments cannot be hidden.
    if (comment.authorHandle === page.id) return graphError(ctx, 400, 100, 'Invalid parameter', { subcode: 1446036 })
    comment.hidden = hidden === 'true'
    return json(200, { success: true })
  }
  return unsupported(ctx, req.method, `${comment.id}/${edge ?? ''}`)
}

// ---------------------------------------------------------------------------------------------
// Instagram business accounts

function igRoute(req: SandboxRequest, ctx: DialectContext, params: Params, caller: Caller, ig: SandboxChannel, edge: string | undefined): SandboxResponse {
  const page = pageOfIg(ctx, ig.id)
  if (!page || !canSeePage(caller, page)) return unsupported(ctx, req.method, ig.id)
  const lapsed = dataAccessLapsed(ctx, caller)
  if (lapsed) return lapsed

  if (edge === undefined && req.method === 'GET') {
    const problem = requireScopes(ctx, caller, ['instagram_basic'], 10)
    if (problem) return problem
    const node = {
      id: ig.id,
      username: ig.handle,
      name: ig.name,
      followers_count: pageFollowers(ctx, ig.id, dayOf(ctx.now - DAY)),
      media_count: [...ctx.world.posts.values()].filter((p) => p.channelId === ig.id).length,
      profile_picture_url: sandboxPictureUrl(ctx.origin, ig),
    }
    return json(200, pick(node, params.get('fields'), ['username']))
  }
  if (edge === 'media' && req.method === 'GET') {
    const problem = requireScopes(ctx, caller, ['instagram_basic'], 10)
    if (problem) return problem
    const media = [...ctx.world.posts.values()]
      .filter((p) => p.channelId === ig.id)
      .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id))
      .map((m) => pick(mediaNode(ctx, m), params.get('fields'), []))
    return json(200, paginate(ctx, req, media, params))
  }
  if (edge === 'media' && req.method === 'POST') {
    const problem = firstProblem(
      requireScopes(ctx, caller, ['instagram_basic', 'instagram_content_publish'], 200),
      requireTask(ctx, caller, page, ['CREATE_CONTENT']),
    )
    if (problem) return problem
    if (params.get('video_url') || params.get('media_type')) return badParam(ctx, 'Only image containers are supported by the sandbox')
    const imageUrl = params.get('image_url')
    if (!imageUrl) return badParam(ctx, 'The parameter image_url is required')
    const caption = params.get('caption') ?? ''
    if ([...caption].length > 2200) return badParam(ctx, 'The caption is longer than 2,200 characters')
    // Instagram cURLs the image: the sandbox can only reach its own CDN, and takes JPEG only.
    const photo = photoAtUrl(ctx, imageUrl)
    if (!photo || photo.contentType !== 'image/jpeg') {
      return graphError(ctx, 400, 9004, 'Only photo or video can be accepted as media type.', {
        subcode: 2207052,
        userTitle: 'Media download has failed.',
        userMsg: 'The media could not be fetched from this URI. Check that it is a public JPEG image.',
      })
    }
    const container: MediaContainer = {
      id: newId(ctx, '1790'),
      igUserId: ig.id,
      userId: caller.kind === 'app' ? '' : caller.user.id,
      imageUrl: cdnUrl(ctx, photo),
      caption,
      altText: params.get('alt_text'),
      status: 'FINISHED',
      createdAt: ctx.now,
    }
    stateOf(ctx.world).containers.set(container.id, container)
    return json(200, { id: container.id })
  }
  if (edge === 'media_publish' && req.method === 'POST') {
    const problem = firstProblem(
      requireScopes(ctx, caller, ['instagram_basic', 'instagram_content_publish'], 200),
      requireTask(ctx, caller, page, ['CREATE_CONTENT']),
    )
    if (problem) return problem
    const container = stateOf(ctx.world).containers.get(params.get('creation_id') ?? '')
    if (!container || container.igUserId !== ig.id || container.status !== 'FINISHED') {
      return graphError(ctx, 400, 9007, 'Media ID is not available', {
        subcode: 2207027,
        userTitle: 'Media not ready for publishing',
        userMsg: 'The media is not ready for publishing, please wait for a moment',
      })
    }
    const recent = (stateOf(ctx.world).igPublishes.get(ig.id) ?? []).filter((t) => t > ctx.now - DAY)
    if (recent.length >= IG_PUBLISH_QUOTA) {
      return graphError(ctx, 400, 9, 'Application request limit reached', {
        subcode: 2207042,
        userTitle: 'Reached maximum number of posts',
        userMsg: 'You reached the maximum number of posts allowed in 24 hours.',
      })
    }
    const media = ctx.world.addPost({
      id: newId(ctx, '1800'),
      network: 'facebook',
      channelId: ig.id,
      authorUserId: container.userId,
      text: container.caption,
      imageUrl: container.imageUrl,
    })
    container.status = 'PUBLISHED'
    container.mediaId = media.id
    stateOf(ctx.world).igPublishes.set(ig.id, [...recent, ctx.now])
    return json(200, { id: media.id })
  }
  if (edge === 'content_publishing_limit' && req.method === 'GET') {
    const recent = (stateOf(ctx.world).igPublishes.get(ig.id) ?? []).filter((t) => t > ctx.now - DAY)
    return json(200, { data: [{ quota_usage: recent.length, config: { quota_total: IG_PUBLISH_QUOTA, quota_duration: 86_400 } }] })
  }
  if (edge === 'insights' && req.method === 'GET') {
    const problem = firstProblem(
      requireScopes(ctx, caller, ['instagram_basic', 'instagram_manage_insights'], 10),
      requireTask(ctx, caller, page, ['ANALYZE']),
    )
    if (problem) return problem
    return igUserInsights(ctx, params, ig)
  }
  return unsupported(ctx, req.method, `${ig.id}/${edge ?? ''}`)
}

function photoAtUrl(ctx: DialectContext, url: string): StoredPhoto | undefined {
  const prefix = `${ctx.base}/cdn/`
  if (!url.startsWith(prefix)) return undefined
  const id = url.slice(prefix.length).replace(/\.[a-z]+$/, '')
  return stateOf(ctx.world).photos.get(id)
}

function igUserInsights(ctx: DialectContext, params: Params, ig: SandboxChannel): SandboxResponse {
  const metrics = (params.get('metric') ?? '').split(',').map((m) => m.trim()).filter(Boolean)
  if (metrics.length === 0) return badParam(ctx, 'The parameter metric is required')
  const allowed = [...Object.keys(IG_SERIES_BASE), ...Object.keys(IG_TOTAL_BASE)]
  const invalid = metrics.find((m) => !allowed.includes(m))
  if (invalid) return badParam(ctx, `metric[${metrics.indexOf(invalid)}] must be one of the following values: ${allowed.join(', ')}`)
  const range = sinceUntil(ctx, params, IG_INSIGHTS_MAX_RANGE_S)
  if ('status' in range) return range
  const totalValue = params.get('metric_type') === 'total_value'
  if (!totalValue) {
    const needsTotal = metrics.filter((m) => IG_TOTAL_BASE[m] !== undefined)
    if (needsTotal.length > 0) {
      return badParam(ctx, `The following metrics (${needsTotal.join(', ')}) should be specified with parameter metric_type=total_value`)
    }
    const days = daysIn(ctx, range.since, range.until)
    const data = metrics.map((name) => ({
      name,
      period: 'day',
      values: days.map((day) => ({ value: dailyValue(ctx, ig.id, day, name, IG_SERIES_BASE[name] ?? 0), end_time: endTimeOf(day) })),
      title: name,
      description: `Daily: ${name}`,
      id: `${ig.id}/insights/${name}/day`,
    }))
    return json(200, { data })
  }
  const days = daysIn(ctx, range.since, range.until)
  const data = metrics.map((name) => ({
    name,
    period: 'day',
    title: name,
    description: `Total: ${name}`,
    total_value: { value: days.reduce((sum, day) => sum + dailyValue(ctx, ig.id, day, name, IG_TOTAL_BASE[name] ?? IG_SERIES_BASE[name] ?? 0), 0) },
    id: `${ig.id}/insights/${name}/day`,
  }))
  return json(200, { data })
}

function mediaRoute(req: SandboxRequest, ctx: DialectContext, params: Params, caller: Caller, media: SandboxPost, edge: string | undefined): SandboxResponse {
  const ig = channel(ctx, media.channelId, 'business_account')
  const page = ig ? pageOfIg(ctx, ig.id) : undefined
  if (!ig || !page || !canSeePage(caller, page)) return unsupported(ctx, req.method, media.id)
  const lapsed = dataAccessLapsed(ctx, caller)
  if (lapsed) return lapsed
  if (edge === undefined && req.method === 'GET') {
    const problem = requireScopes(ctx, caller, ['instagram_basic'], 10)
    return problem ?? json(200, pick(mediaNode(ctx, media), params.get('fields'), []))
  }
  if (edge === 'comments' && req.method === 'GET') {
    const problem = requireScopes(ctx, caller, ['instagram_basic', 'instagram_manage_comments'], 10)
    if (problem) return problem
    const names = fieldNames(params.get('fields'))
    const all = commentsOf(ctx, media.id)
    const nodes = all
      .filter((c) => c.parentId === null)
      .sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id))
      .map((c) => {
        const node = pick(igCommentNode(c), params.get('fields'), ['text', 'timestamp'])
        if (names?.has('replies')) {
          const replies = all
            .filter((r) => r.parentId === c.id)
            .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
            .map((r) => igCommentNode(r))
          if (replies.length > 0) node.replies = { data: replies }
        }
        return node
      })
    return json(200, paginate(ctx, req, nodes, params))
  }
  if (edge === 'comments' && req.method === 'POST') {
    const problem = firstProblem(requireScopes(ctx, caller, ['instagram_manage_comments'], 200), requireTask(ctx, caller, page, ['MODERATE', 'CREATE_CONTENT']))
    if (problem) return problem
    const message = params.get('message') ?? ''
    if (message.trim() === '') return badParam(ctx, 'The parameter message is required')
    const comment = ctx.world.addComment({
      id: newId(ctx, '1795'),
      network: 'facebook',
      postId: media.id,
      parentId: null,
      authorName: ig.name,
      authorHandle: ig.handle,
      text: message,
      viaApi: true,
    })
    return json(200, { id: comment.id })
  }
  if (edge === 'insights' && req.method === 'GET') {
    const problem = firstProblem(
      requireScopes(ctx, caller, ['instagram_basic', 'instagram_manage_insights'], 10),
      requireTask(ctx, caller, page, ['ANALYZE']),
    )
    if (problem) return problem
    const metrics = (params.get('metric') ?? '').split(',').map((m) => m.trim()).filter(Boolean)
    if (metrics.length === 0) return badParam(ctx, 'The parameter metric is required')
    const retired = metrics.find((m) => ['impressions', 'plays', 'video_views'].includes(m))
    if (retired) {
      return badParam(ctx, `Starting from version v22.0 and above, the ${retired} metric is no longer supported for the media.`)
    }
    if (metrics.some((m) => IG_MEDIA_BASE[m] === undefined)) return invalidMetric(ctx)
    // Fresh media has too few viewers for insights; Graph answers code 10 for that.
    if (ctx.now - media.createdAt < HOUR) return graphError(ctx, 400, 10, '(#10) Not enough viewers for the media to show insights')
    const age = Math.min(1, (ctx.now - media.createdAt) / (3 * DAY))
    const data = metrics.map((name) => ({
      name,
      period: 'lifetime',
      values: [{ value: Math.round((IG_MEDIA_BASE[name] ?? 0) * age * (0.5 + unit(ctx.seed, media.id, 'lifetime', name))) }],
      title: name,
      description: `Lifetime: ${name}`,
      id: `${media.id}/insights/${name}/lifetime`,
    }))
    return json(200, { data })
  }
  return unsupported(ctx, req.method, `${media.id}/${edge ?? ''}`)
}

function igCommentRoute(req: SandboxRequest, ctx: DialectContext, params: Params, caller: Caller, comment: SandboxComment, edge: string | undefined): SandboxResponse {
  const media = igMedia(ctx, comment.postId)
  const ig = media ? channel(ctx, media.channelId, 'business_account') : undefined
  const page = ig ? pageOfIg(ctx, ig.id) : undefined
  if (!media || !ig || !page || !canSeePage(caller, page)) return unsupported(ctx, req.method, comment.id)
  const lapsed = dataAccessLapsed(ctx, caller)
  if (lapsed) return lapsed
  const problem = requireScopes(ctx, caller, ['instagram_basic', 'instagram_manage_comments'], req.method === 'GET' ? 10 : 200)
  if (problem) return problem
  if (edge === undefined && req.method === 'GET') return json(200, pick(igCommentNode(comment), params.get('fields'), ['text', 'timestamp']))
  // Moderation: hide or unhide (POST hide), delete; Instagram has no likes for apps.
  if (edge === undefined && (req.method === 'POST' || req.method === 'DELETE')) {
    const task = requireTask(ctx, caller, page, ['MODERATE'])
    if (task) return task
    if (req.method === 'DELETE') {
      ctx.world.deleteComment(comment.id)
      return json(200, { success: true })
    }
    const hide = params.get('hide')
    if (hide !== 'true' && hide !== 'false') return badParam(ctx, 'The parameter hide is required')
    comment.hidden = hide === 'true'
    return json(200, { success: true })
  }
  if (edge === 'replies' && req.method === 'GET') {
    const replies = commentsOf(ctx, media.id)
      .filter((c) => c.parentId === comment.id)
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
      .map((c) => pick(igCommentNode(c), params.get('fields'), ['text', 'timestamp']))
    return json(200, paginate(ctx, req, replies, params))
  }
  if (edge === 'replies' && req.method === 'POST') {
    const task = requireTask(ctx, caller, page, ['MODERATE', 'CREATE_CONTENT'])
    if (task) return task
    // Only top-level comments take replies on Instagram.
    if (comment.parentId !== null) return badParam(ctx, 'Replies can only be made to top-level comments')
    const message = params.get('message') ?? ''
    if (message.trim() === '') return badParam(ctx, 'The parameter message is required')
    const reply = ctx.world.addComment({
      id: newId(ctx, '1796'),
      network: 'facebook',
      postId: media.id,
      parentId: comment.id,
      authorName: ig.name,
      authorHandle: ig.handle,
      text: message,
      viaApi: true,
    })
    return json(200, { id: reply.id })
  }
  return unsupported(ctx, req.method, `${comment.id}/${edge ?? ''}`)
}

// ---------------------------------------------------------------------------------------------
// Routing

function serveCdn(ctx: DialectContext, file: string): SandboxResponse {
  const photo = stateOf(ctx.world).photos.get(file.replace(/\.[a-z]+$/, ''))
  if (!photo) return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not found' }
  return { status: 200, headers: { 'content-type': photo.contentType, 'cache-control': 'public, max-age=86400' }, body: photo.bytes }
}

function route(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const path = req.path.replace(/^\/v\d+\.\d+(?=\/|$)/, '')
  const segments = path.split('/').filter(Boolean).map((s) => decodeURIComponent(s))
  const [node, edge, sub] = segments
  if (node === 'dialog' && edge === 'oauth') return handleAuthorize(req, ctx, AUTHORIZE)
  if (node === 'cdn' && edge && req.method === 'GET') return serveCdn(ctx, edge)
  const params = paramsOf(req)
  if (node === 'oauth' && edge === 'access_token') return tokenEndpoint(req, ctx, params)
  if (node === 'debug_token' && req.method === 'GET') return debugToken(req, ctx, params)
  if (!node) return badParam(ctx, 'Unknown path components')

  const caller = authenticate(ctx, req, params)
  if ('status' in caller) return caller

  // `me` is the person for a user token and the Page for a Page token.
  const id = node === 'me' ? (caller.kind === 'page' ? caller.page.id : caller.kind === 'user' ? caller.user.id : '') : node
  if (!id) return graphError(ctx, 400, 2500, 'An active access token must be used to query information about the current user.')

  const user = fbUser(ctx, id)
  if (user) {
    if (edge === 'permissions') return permissions(req, ctx, user, caller, sub)
    if (caller.kind === 'app' || caller.user.id !== user.id) return unsupported(ctx, req.method, id)
    const lapsed = dataAccessLapsed(ctx, caller)
    if (lapsed) return lapsed
    if (edge === 'accounts' && req.method === 'GET') return accounts(req, ctx, params, caller)
    if (edge === undefined && req.method === 'GET') {
      return json(200, pick({ id: user.id, name: user.name, short_name: user.handle }, params.get('fields'), ['name']))
    }
    return unsupported(ctx, req.method, `${id}/${edge ?? ''}`)
  }
  const page = channel(ctx, id, 'page')
  if (page) return pageRoute(req, ctx, params, caller, page, edge)
  const ig = channel(ctx, id, 'business_account')
  if (ig) return igRoute(req, ctx, params, caller, ig, edge)
  const post = fbPost(ctx, id)
  if (post) return postRoute(req, ctx, params, caller, post, edge)
  const media = igMedia(ctx, id)
  if (media) return mediaRoute(req, ctx, params, caller, media, edge)
  const comment = ctx.world.comments.get(id)
  if (comment && comment.network === 'facebook') {
    return igMedia(ctx, comment.postId) ? igCommentRoute(req, ctx, params, caller, comment, edge) : fbCommentRoute(req, ctx, params, caller, comment, edge)
  }
  const photo = stateOf(ctx.world).photos.get(id)
  if (photo) return photoRoute(req, ctx, params, caller, photo)
  const container = stateOf(ctx.world).containers.get(id)
  if (container && edge === undefined && req.method === 'GET') {
    const igAccount = channel(ctx, container.igUserId, 'business_account')
    const owner = igAccount ? pageOfIg(ctx, igAccount.id) : undefined
    if (!owner || !canSeePage(caller, owner)) return unsupported(ctx, req.method, id)
    return json(200, pick({ id: container.id, status_code: container.status, status: container.status }, params.get('fields'), ['status_code']))
  }
  return unsupported(ctx, req.method, id)
}

// ---------------------------------------------------------------------------------------------
// Seed

/** A 1×1 JPEG, so seeded media and photos have real bytes behind their CDN URLs. */
const TINY_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
)

const COMMENTERS = [
  { name: 'Ana Souza', handle: 'ana.souza' },
  { name: 'Ben Carter', handle: 'bencarter' },
  { name: 'Chloe Martin', handle: 'chloe.m' },
  { name: 'Dev Patel', handle: 'devpatel' },
  { name: 'Emma Novak', handle: 'emma_novak' },
  { name: 'Felix Wong', handle: 'felixw' },
]
const COMMENT_TEXTS = [
  'Love this!',
  'What time do you open on Sundays?',
  'Is this available online too?',
  'Great news, congrats to the team.',
  'Do you ship abroad?',
  'Can I book a table for six?',
  'The new menu looks amazing.',
  'Any vegan options?',
  'See you on Saturday!',
  'Where can I find the full list?',
]
const REPLY_TEXTS = ['Thanks so much!', 'Yes, send us a message and we will sort it out.', 'Every day from 8am.', 'We do, check the link in our profile.']

const PAGE_POSTS: Record<string, string[]> = {
  coffee: ['New winter blend is here: notes of cocoa and orange.', 'We are hiring baristas for the harbour shop.', 'Latte art Thursday is back!', 'Thank you for 5,000 follows!'],
  outlet: ['Clearance weekend: 30% off everything in store.', 'Our outlet is open late on Fridays.', 'Fresh stock of mugs and grinders just arrived.'],
  books: ['Author reading next Tuesday at 7pm.', 'Staff picks for January are on the front table.', 'Our poetry club meets every first Monday.'],
}
const IG_CAPTIONS: Record<string, string[]> = {
  coffee: ['Morning light, first pour. #northwindcoffee', 'Beans from our new roaster partner.', 'Weekend mood ☕'],
  books: ['Stacks on stacks. #harborbooks', 'New arrivals shelf, freshly dusted.', 'Reading corner, reserved for you.'],
}

function seed(ctx: DialectContext, rng: () => number): void {
  const { world } = ctx
  const S = FACEBOOK_SEED
  const redirectUris = FACEBOOK_REDIRECT_PORTS.flatMap((port) =>
    ['facebook', 'instagram'].map((network) => `http://localhost:${port}/callback/${network}`),
  )
  world.addApp({
    network: 'facebook',
    clientId: S.clientId,
    clientSecret: S.clientSecret,
    name: S.appName,
    redirectUris,
    // Strict Mode: exact matching, no any-port loopback.
    loopbackAnyPort: false,
  })
  for (const u of Object.values(S.users)) {
    world.addUser({ id: u.id, network: 'facebook', name: u.name, handle: u.handle, password: S.password, lastActiveAt: ctx.now - 3 * DAY })
  }
  const { maria, sam, jo } = S.users
  const roles: Record<keyof typeof S.pages, [string, readonly string[]][]> = {
    coffee: [
      [maria.id, S.tasks.all],
      [sam.id, S.tasks.all],
    ],
    outlet: [
      [maria.id, S.tasks.all],
      [jo.id, S.tasks.moderator],
    ],
    books: [[sam.id, S.tasks.all]],
  }
  for (const [key, p] of Object.entries(S.pages) as [keyof typeof S.pages, (typeof S.pages)[keyof typeof S.pages]][]) {
    const ig = key === 'coffee' || key === 'books' ? S.instagram[key] : undefined
    world.addChannel({
      id: p.id,
      network: 'facebook',
      kind: 'page',
      name: p.name,
      handle: p.handle,
      roles: new Map(roles[key].map(([userId, tasks]) => [userId, [...tasks]])),
      linkedChannelId: ig?.id,
    })
    if (ig) world.addChannel({ id: ig.id, network: 'facebook', kind: 'business_account', name: ig.name, handle: ig.username, roles: new Map() })
  }

  const state = stateOf(world)
  const fanOnPages = (who: Voice): Voice => ({ name: who.name, handle: `10009${String(hash32(who.handle) % 1_000_000_000).padStart(10, '0')}` })

  // Past Page posts with a few comments and a Page reply, then activity over the next 30 days.
  for (const [key, texts] of Object.entries(PAGE_POSTS) as [keyof typeof S.pages, string[]][]) {
    const page = S.pages[key]
    texts.forEach((text, i) => {
      const createdAt = ctx.now - (texts.length - i) * 4 * DAY - Math.floor(rng() * 6) * HOUR
      const post = world.addPost({ id: `${page.id}_${String(500 + i)}`, network: 'facebook', channelId: page.id, authorUserId: roles[key][0]?.[0] ?? '', text, createdAt })
      const local = post.id.split('_')[1] ?? post.id
      let n = 0
      seedThreads(ctx, rng, post, {
        commentId: () => `${local}_${100 + n++}`,
        fan: fanOnPages,
        owner: { name: page.name, handle: page.id },
        firstWithinMs: 2 * DAY,
        ownerAnswersAfterMs: 2 * HOUR,
        upcomingSpread: 4,
        replier: (choose) => fanOnPages(choose(COMMENTERS)),
        replyWithinMs: 6 * HOUR,
      })
    })
  }

  // Instagram media (with real bytes on the CDN), comments, replies and upcoming activity.
  for (const [key, captions] of Object.entries(IG_CAPTIONS) as ['coffee' | 'books', string[]][]) {
    const ig = S.instagram[key]
    captions.forEach((caption, i) => {
      const createdAt = ctx.now - (captions.length - i) * 5 * DAY - Math.floor(rng() * 8) * HOUR
      const photo: StoredPhoto = {
        id: `7700000${key === 'coffee' ? 1 : 3}${String(i).padStart(3, '0')}`,
        pageId: ig.pageId,
        bytes: TINY_JPEG,
        contentType: 'image/jpeg',
        published: false,
        createdAt,
      }
      state.photos.set(photo.id, photo)
      const media = world.addPost({
        id: `1800000${key === 'coffee' ? 1 : 3}${String(i).padStart(4, '0')}`,
        network: 'facebook',
        channelId: ig.id,
        authorUserId: '',
        text: caption,
        imageUrl: cdnUrl(ctx, photo),
        createdAt,
      })
      let n = 0
      const owner = { name: ig.username, handle: ig.username }
      seedThreads(ctx, rng, media, {
        commentId: () => `1790${media.id.slice(-5)}${String(n++).padStart(3, '0')}`,
        // Instagram shows usernames only.
        fan: (who) => ({ name: who.handle, handle: who.handle }),
        owner,
        firstWithinMs: DAY,
        ownerAnswersAfterMs: 3 * HOUR,
        upcomingSpread: 3,
        replier: () => owner,
        replyWithinMs: 5 * HOUR,
      })
    })
  }
}

/** How a Page's or an Instagram account's comment threads look in the seed. */
interface ThreadStyle {
  commentId(): string
  fan(who: Voice): Voice
  owner: Voice
  /** Past comments come within this time of the post (plus an hour). */
  firstWithinMs: number
  /** Half of the past comments are answered by the owner this long after. */
  ownerAnswersAfterMs: number
  /** Upcoming comments: 2 plus up to this many less one. */
  upcomingSpread: number
  /** Who answers an upcoming comment (four times in ten). */
  replier(choose: <T>(list: readonly T[]) => T): Voice
  replyWithinMs: number
}

/** One to three comments already under a post, some answered by its owner, and more over the next 30 days. */
function seedThreads(ctx: DialectContext, rng: () => number, post: SandboxPost, style: ThreadStyle): void {
  const { world } = ctx
  const choose = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length) % list.length] as T
  const past = 1 + Math.floor(rng() * 3)
  for (let c = 0; c < past; c++) {
    const who = choose(COMMENTERS)
    const comment = pastComment(world, 'facebook', {
      id: style.commentId(),
      postId: post.id,
      parentId: null,
      author: style.fan(who),
      text: choose(COMMENT_TEXTS),
      createdAt: post.createdAt + Math.floor(rng() * style.firstWithinMs) + HOUR,
    })
    if (rng() < 0.5) {
      const createdAt = comment.createdAt + style.ownerAnswersAfterMs
      pastComment(world, 'facebook', { id: style.commentId(), postId: post.id, parentId: comment.id, author: style.owner, text: choose(REPLY_TEXTS), createdAt })
    }
  }
  const upcoming = 2 + Math.floor(rng() * style.upcomingSpread)
  for (let c = 0; c < upcoming; c++) {
    const who = choose(COMMENTERS)
    const at = ctx.now + Math.floor(rng() * 30 * DAY) + 60_000
    const id = style.commentId()
    upcomingComment(world, 'facebook', { id, postId: post.id, parentId: null, author: style.fan(who), text: choose(COMMENT_TEXTS), createdAt: at })
    if (rng() < 0.4) {
      const author = style.replier(choose)
      upcomingComment(world, 'facebook', {
        id: style.commentId(),
        postId: post.id,
        parentId: id,
        author,
        text: choose(REPLY_TEXTS),
        createdAt: at + Math.floor(rng() * style.replyWithinMs) + 60_000,
      })
    }
  }
}

// ---------------------------------------------------------------------------------------------

export const facebookDialect: SandboxDialect = {
  network: 'facebook',
  seed,
  handle: (req, ctx) => route(req, ctx),
  // Page post comments are `{post}_{n}`; Instagram media comments are plain numbers.
  // A Page post is `{page}_{post}`; an Instagram media id is a plain number.
  postId: (ctx, channel) => (channel.kind === 'page' ? `${channel.id}_${newId(ctx, '9')}` : newId(ctx, '1800')),
  commentId: (ctx, post) => (post.id.includes('_') ? `${post.id.split('_')[1] ?? post.id}_${newId(ctx, '8')}` : newId(ctx, '1795')),

  /**
   * Graph throttling: HTTP 400 with a throttling code in the body (80001, "too many calls to this
   * Page account") and the usage headers; `estimated_time_to_regain_access` is in minutes.
   */
  rateLimited(ctx, resetAtMs) {
    const minutes = Math.max(1, Math.ceil((resetAtMs - ctx.now) / 60_000))
    const usage = { call_count: 100, total_cputime: 37, total_time: 41 }
    return graphError(
      ctx,
      400,
      80001,
      '(#80001) There have been too many calls to this Page account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
      {
        transient: true,
        headers: {
          'x-business-use-case-usage': JSON.stringify({ [FACEBOOK_SEED.businessId]: [{ type: 'pages', ...usage, estimated_time_to_regain_access: minutes }] }),
          'x-app-usage': JSON.stringify(usage),
        },
      },
    )
  },

  /** Graph's own retry-later errors: code 1 "unknown error" (500) or code 2 "temporarily unavailable". */
  serverError(ctx, status) {
    return status === 500
      ? graphError(ctx, 500, 1, 'An unknown error has occurred.', { transient: true })
      : graphError(ctx, status, 2, 'Service temporarily unavailable', { transient: true })
  },

  endpoints(base) {
    const endpoints = { authBase: base, apiBase: base }
    return { facebook: endpoints, instagram: endpoints }
  },

  credentials() {
    const app = { clientId: FACEBOOK_SEED.clientId, clientSecret: FACEBOOK_SEED.clientSecret }
    return { facebook: app, instagram: app }
  },
}
