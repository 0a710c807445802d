/**
 * LinkedIn as the sandbox speaks it: the OAuth endpoints of www.linkedin.com (authorization code
 * with the native PKCE flow's any-port loopback redirects, 60-day access tokens, one 365-day
 * refresh token that refreshing never extends, introspection, revocation) and the versioned
 * Community Management API of api.linkedin.com (organisation ACLs, Posts, Images, Comments, share
 * and follower statistics), with LinkedIn's status codes, headers and error bodies.
 */
import { authenticateClient, handleAuthorize, redeemCode, type AuthorizeSpec } from '../oauth'
import { unit } from '../../../shared/random'
import { pastComment, upcomingComment } from './seed-comments'
import { json, type DialectContext, type SandboxDialect, type SandboxRequest, type SandboxResponse } from '../types'
import { SANDBOX_DAY_MS, type SandboxChannel, type SandboxComment, type SandboxPost, type SandboxUser, type SandboxWorld, type TokenProblem, type TokenRecord } from '../world'
import { sandboxPictureUrl } from '../pictures'

const NETWORK = 'linkedin'
const DAY = SANDBOX_DAY_MS
const HOUR = 60 * 60 * 1000
const ACCESS_TTL_MS = 60 * DAY
const REFRESH_TTL_MS = 365 * DAY
const MAX_COMMENTARY = 3000
const MAX_COMMENT = 1250

/** Ids of the seeded world, for tests and the demo. */
export const LINKEDIN_SEED = {
  clientId: 'relink-sandbox-linkedin',
  clientSecret: 'sandbox-secret-linkedin',
  password: 'demo',
  users: {
    ava: { id: 'li-ava', handle: 'ava-lindqvist', name: 'Ava Lindqvist' },
    ben: { id: 'li-ben', handle: 'ben-okafor', name: 'Ben Okafor' },
    /** Fewer roles: an analyst on one page only. */
    chloe: { id: 'li-chloe', handle: 'chloe-martin', name: 'Chloé Martin' },
  },
  channels: {
    /** Reachable through Ava (ADMINISTRATOR) and Ben (CONTENT_ADMINISTRATOR): a backup link. */
    northwind: { id: '74110001', name: 'Northwind Traders', handle: 'northwind-traders' },
    /** Ava (ADMINISTRATOR), Chloé (ANALYST). */
    contoso: { id: '74110002', name: 'Contoso Labs', handle: 'contoso-labs' },
    /** Ben (ADMINISTRATOR). */
    fabrikam: { id: '74110003', name: 'Fabrikam Studio', handle: 'fabrikam-studio' },
  },
} as const

/** Company page roles → what they allow through the API (organization-access-control doc). */
const ROLES_FOR = {
  publish: ['ADMINISTRATOR', 'CONTENT_ADMINISTRATOR', 'DIRECT_SPONSORED_CONTENT_POSTER', 'RECRUITING_POSTER'],
  moderate: ['ADMINISTRATOR', 'CONTENT_ADMINISTRATOR', 'DIRECT_SPONSORED_CONTENT_POSTER'],
  analyze: ['ADMINISTRATOR', 'CONTENT_ADMINISTRATOR', 'ANALYST'],
} as const
type Need = keyof typeof ROLES_FOR

/** Sandbox-only bookkeeping per world. */
interface DialectState {
  /** Grant families issued through the native PKCE flow, which may refresh without a secret. */
  nativeFamilies: Set<string>
  images: Map<string, { ownerUrn: string; userId: string; uploaded: boolean }>
}
const states = new WeakMap<SandboxWorld, DialectState>()
function stateOf(world: SandboxWorld): DialectState {
  let s = states.get(world)
  if (!s) {
    s = { nativeFamilies: new Set(), images: new Map() }
    states.set(world, s)
  }
  return s
}

// ---------------------------------------------------------------------------------------------
// LinkedIn's answers.

const apiError = (status: number, code: string | undefined, serviceErrorCode: number | undefined, message: string): SandboxResponse =>
  json(status, { status, ...(serviceErrorCode === undefined ? {} : { serviceErrorCode }), ...(code ? { code } : {}), message })

const oauthError = (status: number, error: string, description: string): SandboxResponse =>
  json(status, { error, error_description: description }, { 'cache-control': 'no-store' })

const INVALID_TOKEN = (): SandboxResponse => apiError(401, 'INVALID_ACCESS_TOKEN', 65600, 'Invalid access token')
const REVOKED_TOKEN = (): SandboxResponse =>
  apiError(401, 'REVOKED_ACCESS_TOKEN', 65601, 'The token used in the request has been revoked by the user')

/**
 * What LinkedIn says for each way a token dies. LinkedIn knows only expired, revoked and invalid:
 * a password change or a removed app shows as revoked; a restricted account as an invalid token.
 * (`serviceErrorCode` of an expired token is seen as both 65600 and 65601 in the wild.)
 */
const TOKEN_ERRORS: Record<TokenProblem, () => SandboxResponse> = {
  unknown: INVALID_TOKEN,
  expired: () => apiError(401, 'EXPIRED_ACCESS_TOKEN', 65601, 'The token used in the request has expired'),
  revoked: REVOKED_TOKEN,
  app_removed: REVOKED_TOKEN,
  password_changed: REVOKED_TOKEN,
  action_required: INVALID_TOKEN,
}

const VERSION = /^\d{6}(\.\d{2})?$/

function accessDenied(resource: string, method: string, version: string): SandboxResponse {
  return apiError(403, 'ACCESS_DENIED', 100, `Not enough permissions to access: ${resource}.${method}.${version}`)
}

const notFound = (what: string): SandboxResponse => apiError(404, 'NOT_FOUND', undefined, `${what} does not exist`)
const unprocessable = (message: string): SandboxResponse => apiError(422, undefined, undefined, message)
const badRequest = (message: string): SandboxResponse => apiError(400, undefined, undefined, message)

// ---------------------------------------------------------------------------------------------
// Rest.li helpers.

/** Items of `List(a,b,(id:c))` at depth 0. */
function parseList(value: string | null): string[] {
  const match = value ? /^List\((.*)\)$/.exec(value) : null
  if (!match?.[1]) return []
  const items: string[] = []
  let depth = 0
  let current = ''
  for (const ch of match[1]) {
    if (ch === '(') depth++
    if (ch === ')') depth--
    if (ch === ',' && depth === 0) {
      items.push(current)
      current = ''
    } else current += ch
  }
  if (current) items.push(current)
  return items
}

function parseIntervals(value: string | null): { start: number; end: number; granularity: string } | undefined {
  if (!value) return undefined
  const range = /timeRange:\(start:(\d+),end:(\d+)\)/.exec(value)
  const granularity = /timeGranularityType:([A-Z]+)/.exec(value)?.[1] ?? 'DAY'
  if (!range?.[1] || !range[2]) return undefined
  return { start: Number(range[1]), end: Number(range[2]), granularity }
}

const orgUrn = (id: string): string => `urn:li:organization:${id}`
const personUrn = (id: string): string => `urn:li:person:${id}`
const shareUrn = (id: string): string => `urn:li:share:${id}`
const activityUrn = (id: string): string => `urn:li:activity:${id}`
const commentUrn = (postId: string, id: string): string => `urn:li:comment:(${activityUrn(postId)},${id})`

/** The post id behind a share, ugcPost or activity URN (the sandbox uses one id for all three). */
const postIdOf = (urn: string): string | undefined => /^urn:li:(?:share|ugcPost|activity):(\d+)$/.exec(urn)?.[1]

function parseCommentUrn(urn: string): { postId: string; commentId: string } | undefined {
  const m = /^urn:li:comment:\(urn:li:(?:share|ugcPost|activity):(\d+),(\d+)\)$/.exec(urn)
  return m?.[1] && m[2] ? { postId: m[1], commentId: m[2] } : undefined
}

const numericId = (world: SandboxWorld): string => `7${world.nextId('').padStart(18, '0')}`

const seconds = (ms: number): number => Math.floor(ms / 1000)

// ---------------------------------------------------------------------------------------------
// Who is calling, and what may they do.

interface Caller {
  token: TokenRecord
  user: SandboxUser
  scopes: Set<string>
}

function authenticate(req: SandboxRequest, ctx: DialectContext): { ok: true; caller: Caller } | { ok: false; res: SandboxResponse } {
  if (!req.bearer) return { ok: false, res: apiError(401, 'EMPTY_ACCESS_TOKEN', 65604, 'Empty oauth2 access token') }
  const checked = ctx.world.check(req.bearer, ['access'])
  if (!checked.ok) return { ok: false, res: TOKEN_ERRORS[checked.problem]() }
  if (checked.token.network !== NETWORK) return { ok: false, res: INVALID_TOKEN() }
  const scopes = new Set(checked.token.scopes.filter((s) => !checked.user.revokedScopes.has(s)))
  return { ok: true, caller: { token: checked.token, user: checked.user, scopes } }
}

const hasAny = (caller: Caller, scopes: readonly string[]): boolean => scopes.some((s) => caller.scopes.has(s))

const linkedinChannel = (ctx: DialectContext, id: string): SandboxChannel | undefined => {
  const c = ctx.world.channels.get(id)
  return c && c.network === NETWORK ? c : undefined
}

/** May the caller act as `actor` (an organisation or themselves) for this need? */
function mayActAs(ctx: DialectContext, caller: Caller, actor: string, need: Need): boolean {
  const orgId = /^urn:li:organization:(\d+)$/.exec(actor)?.[1]
  if (orgId) {
    const channel = linkedinChannel(ctx, orgId)
    const roles = channel?.kind === 'organization' ? (channel.roles.get(caller.user.id) ?? []) : []
    return roles.some((r) => (ROLES_FOR[need] as readonly string[]).includes(r))
  }
  return actor === personUrn(caller.user.id)
}

/** Scope a call needs for acting as an organisation or as the member. */
const scopeFor = (actor: string, write: boolean): string =>
  actor.startsWith('urn:li:organization:')
    ? write
      ? 'w_organization_social'
      : 'r_organization_social'
    : write
      ? 'w_member_social'
      : 'r_member_social'

/** The URN a channel acts under. */
const channelUrn = (channel: SandboxChannel): string => (channel.kind === 'organization' ? orgUrn(channel.id) : personUrn(channel.id))

// ---------------------------------------------------------------------------------------------
// OAuth endpoints (www.linkedin.com/oauth/v2).

const AUTHORIZE_SPEC: AuthorizeSpec = {
  network: NETWORK,
  label: 'LinkedIn',
  // Codes with a challenge belong to the native PKCE flow; codes without, to the standard flow.
  pkce: 'supported',
  scopeSeparator: ' ',
}

function tokenEndpoint(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const { world } = ctx
  const state = stateOf(world)
  const grantType = req.form.get('grant_type')
  if (grantType === 'authorization_code') {
    const code = req.form.get('code') ?? ''
    const record = world.tokens.get(code)
    const native = record?.kind === 'code' && record.codeChallenge !== undefined
    // The standard flow authenticates with client_secret; the native flow proves itself with PKCE.
    const auth = authenticateClient(req, ctx, NETWORK, { secretRequired: !native })
    if (!auth.ok) return oauthError(auth.status, auth.error, auth.description)
    const redeemed = redeemCode(ctx, auth.app, {
      code,
      redirectUri: req.form.get('redirect_uri'),
      codeVerifier: req.form.get('code_verifier'),
    })
    if (!redeemed.ok) {
      return oauthError(
        400,
        'invalid_request',
        'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired. Or external member binding exists',
      )
    }
    const grant = redeemed.code
    const grantEndsAt = ctx.now + REFRESH_TTL_MS
    const common = { network: NETWORK, clientId: auth.app.clientId, userId: grant.userId, scopes: grant.scopes, family: grant.family, grantEndsAt } as const
    const access = world.mint({ ...common, kind: 'access', expiresAt: ctx.now + ACCESS_TTL_MS, prefix: 'AQV' })
    const refresh = world.mint({ ...common, kind: 'refresh', expiresAt: grantEndsAt, prefix: 'AQX' })
    if (native) state.nativeFamilies.add(grant.family)
    return json(
      200,
      {
        access_token: access.value,
        expires_in: seconds(ACCESS_TTL_MS),
        refresh_token: refresh.value,
        refresh_token_expires_in: seconds(REFRESH_TTL_MS),
        scope: grant.scopes.join(','),
      },
      { 'cache-control': 'no-store' },
    )
  }
  if (grantType === 'refresh_token') {
    const value = req.form.get('refresh_token') ?? ''
    const record = world.tokens.get(value)
    const native = record !== undefined && state.nativeFamilies.has(record.family)
    const auth = authenticateClient(req, ctx, NETWORK, { secretRequired: !native })
    if (!auth.ok) return oauthError(auth.status, auth.error, auth.description)
    const checked = world.check(value, ['refresh'])
    if (!checked.ok || checked.token.clientId !== auth.app.clientId || checked.token.network !== NETWORK) {
      return oauthError(400, 'invalid_grant', 'The provided authorization grant or refresh token is invalid, expired or revoked.')
    }
    const token = checked.token
    // Programmatic refresh tokens: the end is fixed at consent + 365 days; the access token never outlives it.
    const end = token.grantEndsAt ?? token.expiresAt ?? ctx.now + REFRESH_TTL_MS
    const accessExpiresAt = Math.min(ctx.now + ACCESS_TTL_MS, end)
    const scopes = token.scopes.filter((s) => !checked.user.revokedScopes.has(s))
    const access = world.mint({
      network: NETWORK,
      kind: 'access',
      clientId: token.clientId,
      userId: token.userId,
      scopes,
      family: token.family,
      grantEndsAt: end,
      expiresAt: accessExpiresAt,
      prefix: 'AQV',
    })
    return json(
      200,
      {
        access_token: access.value,
        expires_in: seconds(accessExpiresAt - ctx.now),
        refresh_token: value,
        refresh_token_expires_in: seconds(end - ctx.now),
        scope: scopes.join(','),
      },
      { 'cache-control': 'no-store' },
    )
  }
  return oauthError(400, 'unsupported_grant_type', 'The grant type is not supported.')
}

/** POST /oauth/v2/introspectToken: needs client_id and client_secret; 400 for an unknown token. */
function introspect(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const clientId = req.form.get('client_id') ?? ''
  const app = ctx.world.apps.get(clientId)
  if (!app || app.network !== NETWORK) return oauthError(400, 'invalid_request', 'Invalid client id.')
  const auth = authenticateClient(req, ctx, NETWORK, { secretRequired: true })
  if (!auth.ok) return oauthError(401, 'invalid_client', 'Client authentication failed.')
  const value = req.form.get('token') ?? ''
  const record = ctx.world.tokens.get(value)
  if (!record || record.network !== NETWORK || record.clientId !== app.clientId || !['access', 'refresh'].includes(record.kind)) {
    return oauthError(400, 'invalid_request', 'The token is not valid.')
  }
  const checked = ctx.world.check(value, ['access', 'refresh'])
  const user = ctx.world.users.get(record.userId)
  const consentAt = (record.grantEndsAt ?? record.issuedAt + REFRESH_TTL_MS) - REFRESH_TTL_MS
  const base = {
    client_id: app.clientId,
    authorized_at: seconds(consentAt),
    created_at: seconds(record.issuedAt),
    ...(record.expiresAt === null ? {} : { expires_at: seconds(record.expiresAt) }),
    auth_type: '3L',
  }
  if (checked.ok) {
    const scope = record.scopes.filter((s) => !user?.revokedScopes.has(s)).join(',')
    return json(200, { active: true, status: 'active', scope, ...base })
  }
  // Introspection knows two ways to die: the clock (expired) and everything else (revoked).
  return json(200, { active: false, status: checked.problem === 'expired' ? 'expired' : 'revoked', ...base })
}

/** POST /oauth/v2/revoke: revokes the whole grant; 200 whatever the token was (RFC 7009 §2.2). */
function revoke(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const auth = authenticateClient(req, ctx, NETWORK, { secretRequired: false })
  if (!auth.ok) return oauthError(auth.status, auth.error, auth.description)
  const record = ctx.world.tokens.get(req.form.get('token') ?? '')
  if (record && record.network === NETWORK && record.clientId === auth.app.clientId) ctx.world.revokeFamily(record.family)
  return { status: 200, headers: { 'cache-control': 'no-store' } }
}

// ---------------------------------------------------------------------------------------------
// Identity.

function splitName(name: string): { first: string; last: string } {
  const i = name.indexOf(' ')
  return i === -1 ? { first: name, last: '' } : { first: name.slice(0, i), last: name.slice(i + 1) }
}

/**
 * `/v2/me`: with the projection `profilePicture(displayImage~:playableStreams)` the member's
 * picture comes decorated with its renditions (100 to 800 px), each with its download address.
 */
function me(req: SandboxRequest, ctx: DialectContext, caller: Caller): SandboxResponse {
  if (!hasAny(caller, ['r_basicprofile', 'r_liteprofile'])) return accessDenied('me', 'GET', 'NO_VERSION')
  const { first, last } = splitName(caller.user.name)
  const locale = { country: 'US', language: 'en' }
  const member = linkedinChannel(ctx, caller.user.id)
  const picture = member && sandboxPictureUrl(ctx.origin, member)
  const withPicture = picture !== undefined && (req.query.get('projection') ?? '').includes('displayImage~:playableStreams')
  return json(200, {
    ...(withPicture
      ? {
          profilePicture: {
            displayImage: `urn:li:digitalmediaAsset:member-${caller.user.id}`,
            'displayImage~': {
              elements: [100, 200, 400].map((size) => ({
                data: { 'com.linkedin.digitalmedia.mediaartifact.StillImage': { displaySize: { width: size, height: size, uom: 'PX' } } },
                identifiers: [{ identifier: `${picture}?size=${size}`, identifierType: 'EXTERNAL_URL', mediaType: 'image/png' }],
              })),
            },
          },
        }
      : {}),
    id: caller.user.id,
    localizedFirstName: first,
    localizedLastName: last,
    firstName: { localized: { en_US: first }, preferredLocale: locale },
    lastName: { localized: { en_US: last }, preferredLocale: locale },
    vanityName: caller.user.handle,
    localizedHeadline: 'Social media at work',
  })
}

function userinfo(caller: Caller): SandboxResponse {
  if (!caller.scopes.has('openid') || !caller.scopes.has('profile')) return accessDenied('userinfo', 'GET', 'NO_VERSION')
  const { first, last } = splitName(caller.user.name)
  return json(200, { sub: caller.user.id, name: caller.user.name, given_name: first, family_name: last, locale: 'en-US' })
}

// ---------------------------------------------------------------------------------------------
// Organisations and people.

function organizationAcls(req: SandboxRequest, ctx: DialectContext, caller: Caller, version: string): SandboxResponse {
  if (!hasAny(caller, ['rw_organization_admin', 'r_organization_admin'])) return accessDenied('organizationAcls', 'FINDER-roleAssignee', version)
  if (req.query.get('q') !== 'roleAssignee') return badRequest('Unsupported finder; use q=roleAssignee.')
  const role = req.query.get('role')
  const state = req.query.get('state')
  const all = [...ctx.world.channels.values()]
    .filter((c) => c.network === NETWORK && c.kind === 'organization')
    .flatMap((c) =>
      (c.roles.get(caller.user.id) ?? []).map((r) => ({
        roleAssignee: personUrn(caller.user.id),
        role: r,
        state: 'APPROVED',
        organization: orgUrn(c.id),
        created: { actor: personUrn(caller.user.id), time: ctx.now - 400 * DAY },
        lastModified: { actor: personUrn(caller.user.id), time: ctx.now - 30 * DAY },
      })),
    )
    .filter((a) => (!role || a.role === role) && (!state || a.state === state))
  return paged(req, all, 10)
}

function paged<T>(req: SandboxRequest, all: T[], defaultCount: number): SandboxResponse {
  const start = Math.max(0, Number(req.query.get('start') ?? 0) || 0)
  const count = Math.max(1, Math.min(100, Number(req.query.get('count') ?? defaultCount) || defaultCount))
  const elements = all.slice(start, start + count)
  const links = start + count < all.length ? [{ type: 'application/json', rel: 'next', href: `?start=${start + count}&count=${count}` }] : []
  return json(200, { paging: { start, count, total: all.length, links }, elements })
}

function organizationJson(c: SandboxChannel) {
  const logo = c.hasPicture === false ? undefined : logoUrn(c)
  return { id: Number(c.id), localizedName: c.name, vanityName: c.handle, $URN: orgUrn(c.id), ...(logo ? { logoV2: { original: logo, cropped: logo } } : {}) }
}

const logoUrn = (c: SandboxChannel): string => `urn:li:image:logo-${c.id}-${c.pictureVersion ?? 1}`

/** The Images API read: `GET /rest/images/{urn}` or a batch `?ids=List(…)`; only logos are known here. */
function images(req: SandboxRequest, ctx: DialectContext, urn: string | undefined): SandboxResponse {
  const view = (key: string) => {
    const id = /^urn:li:image:logo-(.+)-\d+$/.exec(key)?.[1]
    const c = id === undefined ? undefined : linkedinChannel(ctx, id)
    const url = c && logoUrn(c) === key ? sandboxPictureUrl(ctx.origin, c) : undefined
    // Download addresses are signed and expire, as LinkedIn's are: a new query on every read.
    const signed = `${url}?e=${Math.floor((ctx.now + HOUR) / 1000)}&v=beta&t=${ctx.now.toString(36)}`
    return url && c ? { id: key, owner: orgUrn(c.id), status: 'AVAILABLE', downloadUrl: signed, downloadUrlExpiresAt: ctx.now + HOUR } : undefined
  }
  if (urn !== undefined) {
    const found = view(urn)
    return found ? json(200, found) : notFound(`Image ${urn}`)
  }
  const results: Record<string, unknown> = {}
  const statuses: Record<string, number> = {}
  const errors: Record<string, unknown> = {}
  for (const key of parseList(req.query.get('ids'))) {
    const found = view(key)
    if (found) {
      results[key] = found
      statuses[key] = 200
    } else {
      statuses[key] = 404
      errors[key] = { status: 404, message: `Image ${key} does not exist` }
    }
  }
  return json(200, { results, statuses, errors })
}

function organizations(req: SandboxRequest, ctx: DialectContext, id: string | undefined): SandboxResponse {
  if (id !== undefined) {
    const c = linkedinChannel(ctx, id)
    return c?.kind === 'organization' ? json(200, organizationJson(c)) : notFound(`Organization ${id}`)
  }
  const results: Record<string, unknown> = {}
  const statuses: Record<string, number> = {}
  const errors: Record<string, unknown> = {}
  for (const key of parseList(req.query.get('ids'))) {
    const c = linkedinChannel(ctx, key)
    if (c?.kind === 'organization') {
      results[key] = organizationJson(c)
      statuses[key] = 200
    } else {
      statuses[key] = 404
      errors[key] = { status: 404, message: `Organization ${key} does not exist` }
    }
  }
  return json(200, { results, statuses, errors })
}

function people(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const results: Record<string, unknown> = {}
  const statuses: Record<string, number> = {}
  const errors: Record<string, unknown> = {}
  for (const key of parseList(req.query.get('ids'))) {
    const id = /^\(id:(.+)\)$/.exec(key)?.[1] ?? key
    const user = ctx.world.users.get(id)
    const person =
      user && user.network === NETWORK
        ? { name: user.name, vanity: user.handle }
        : (() => {
            const c = [...ctx.world.comments.values()].find((x) => x.network === NETWORK && x.authorHandle === id)
            return c ? { name: c.authorName, vanity: c.authorHandle } : undefined
          })()
    if (person) {
      const { first, last } = splitName(person.name)
      results[key] = { id, localizedFirstName: first, localizedLastName: last, vanityName: person.vanity }
      statuses[key] = 200
    } else {
      statuses[key] = 404
      errors[key] = { status: 404, message: `Person ${id} does not exist` }
    }
  }
  return json(200, { results, statuses, errors })
}

// ---------------------------------------------------------------------------------------------
// Images and posts.

function initializeUpload(req: SandboxRequest, ctx: DialectContext, caller: Caller, version: string): SandboxResponse {
  if (req.query.get('action') !== 'initializeUpload') return badRequest('Unsupported action.')
  const body = req.json as { initializeUploadRequest?: { owner?: unknown } } | undefined
  const owner = body?.initializeUploadRequest?.owner
  if (typeof owner !== 'string') return unprocessable('/initializeUploadRequest/owner :: field is required but not found')
  if (!caller.scopes.has(scopeFor(owner, true)) || !mayActAs(ctx, caller, owner, 'publish')) {
    return accessDenied('images', 'ACTION-initializeUpload', version)
  }
  const id = `D4E10AQ${numericId(ctx.world).slice(-10)}`
  const image = `urn:li:image:${id}`
  stateOf(ctx.world).images.set(image, { ownerUrn: owner, userId: caller.user.id, uploaded: false })
  return json(200, {
    value: { uploadUrlExpiresAt: ctx.now + HOUR, uploadUrl: `${ctx.base}/dms-uploads/${id}?ca=vector_feedshare`, image },
  })
}

function uploadBytes(req: SandboxRequest, ctx: DialectContext, caller: Caller, id: string): SandboxResponse {
  const image = stateOf(ctx.world).images.get(`urn:li:image:${id}`)
  if (!image || image.userId !== caller.user.id) return notFound('Upload')
  if (req.body.length === 0) return badRequest('Empty upload.')
  image.uploaded = true
  return { status: 201 }
}

/** Characters of little text as a reader sees them (escapes removed). */
const plainLength = (commentary: string): number => [...commentary.replace(/\\(.)/g, '$1')].length

function createPost(req: SandboxRequest, ctx: DialectContext, caller: Caller, version: string): SandboxResponse {
  const body = req.json as Record<string, unknown> | undefined
  if (!body || typeof body !== 'object') return badRequest('Request body must be JSON.')
  const author = body.author
  if (typeof author !== 'string') return unprocessable('/author :: field is required but not found')
  if (!caller.scopes.has(scopeFor(author, true)) || !mayActAs(ctx, caller, author, 'publish')) {
    return accessDenied('partnerApiPostsExternal', 'CREATE', version)
  }
  if (body.lifecycleState !== 'PUBLISHED') return unprocessable('/lifecycleState :: only PUBLISHED is supported')
  const commentary = typeof body.commentary === 'string' ? body.commentary : ''
  if (plainLength(commentary) > MAX_COMMENTARY) {
    return unprocessable(`/commentary :: length ${plainLength(commentary)} exceeds the maximum allowed length ${MAX_COMMENTARY}`)
  }
  const content = (body.content ?? {}) as { media?: { id?: unknown }; article?: { source?: unknown; title?: unknown } }
  let imageUrl: string | undefined
  let link: string | undefined
  if (content.media) {
    const id = content.media.id
    const image = typeof id === 'string' ? stateOf(ctx.world).images.get(id) : undefined
    if (!image || !image.uploaded || image.ownerUrn !== author) return unprocessable('/content/media/id :: image is not uploaded or belongs to another owner')
    imageUrl = `${ctx.base}/media/${String(id)}`
  } else if (content.article) {
    if (typeof content.article.source !== 'string' || typeof content.article.title !== 'string') {
      return unprocessable('/content/article :: source and title are required')
    }
    link = content.article.source
  }
  const channelId = author.replace(/^urn:li:(organization|person):/, '')
  const post = ctx.world.addPost({
    id: numericId(ctx.world),
    network: NETWORK,
    channelId,
    authorUserId: caller.user.id,
    text: commentary,
    ...(link ? { link } : {}),
    ...(imageUrl ? { imageUrl } : {}),
  })
  const urn = shareUrn(post.id)
  return { status: 201, headers: { 'x-restli-id': urn, 'x-linkedin-id': urn } }
}

function postJson(post: SandboxPost, channel: SandboxChannel | undefined) {
  const author = channel ? channelUrn(channel) : personUrn(post.authorUserId)
  return {
    id: shareUrn(post.id),
    author,
    commentary: post.text,
    visibility: 'PUBLIC',
    distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
    lifecycleState: 'PUBLISHED',
    lifecycleStateInfo: { isEditedByAuthor: post.editedAt !== undefined },
    isReshareDisabledByAuthor: false,
    createdAt: post.createdAt,
    publishedAt: post.createdAt,
    lastModifiedAt: post.editedAt ?? post.createdAt,
    ...(post.imageUrl ? { content: { media: { id: post.imageUrl.replace(/^.*\/media\//, '') } } } : {}),
    ...(post.link ? { content: { article: { source: post.link } } } : {}),
  }
}

function postsByAuthor(req: SandboxRequest, ctx: DialectContext, caller: Caller, version: string): SandboxResponse {
  if (req.query.get('q') !== 'author') return badRequest('Unsupported finder; use q=author.')
  const author = req.query.get('author') ?? ''
  if (!caller.scopes.has(scopeFor(author, false)) || !mayActAs(ctx, caller, author, 'moderate')) {
    return accessDenied('partnerApiPostsExternal', 'FINDER-author', version)
  }
  const channelId = author.replace(/^urn:li:(organization|person):/, '')
  const channel = linkedinChannel(ctx, channelId)
  const all = [...ctx.world.posts.values()]
    .filter((p) => p.network === NETWORK && p.channelId === channelId)
    .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id))
    .map((p) => postJson(p, channel))
  return paged(req, all, 10)
}

// ---------------------------------------------------------------------------------------------
// Comments.

/** The URN a comment's author acts under: a page or member the sandbox knows, else a person by handle. */
function actorOf(ctx: DialectContext, c: SandboxComment): string {
  const channel = [...ctx.world.channels.values()].find((ch) => ch.network === NETWORK && ch.handle === c.authorHandle)
  if (channel) return channelUrn(channel)
  const user = [...ctx.world.users.values()].find((u) => u.network === NETWORK && u.handle === c.authorHandle)
  return personUrn(user?.id ?? c.authorHandle)
}

function commentJson(ctx: DialectContext, c: SandboxComment) {
  const urn = commentUrn(c.postId, c.id)
  const actor = actorOf(ctx, c)
  const replies = [...ctx.world.comments.values()].filter((x) => x.network === NETWORK && x.parentId === c.id).length
  return {
    id: c.id,
    commentUrn: urn,
    $URN: urn,
    actor,
    created: { actor, time: c.createdAt },
    lastModified: { actor, time: c.editedAt ?? c.createdAt },
    message: { text: c.text, attributes: [] },
    object: activityUrn(c.postId),
    ...(c.parentId ? { parentComment: commentUrn(c.postId, c.parentId) } : {}),
    commentsSummary: { selectedComments: [], aggregatedTotalComments: replies, totalFirstLevelComments: replies },
    likesSummary: { selectedLikes: [], aggregatedTotalLikes: Math.floor(unit(ctx.seed, c.id, 'likes') * 6), likedByCurrentUser: false, totalLikes: 0 },
  }
}

/** The post (and parent comment) a socialActions target names. */
function resolveTarget(ctx: DialectContext, urn: string): { post: SandboxPost; parentId: string | null } | undefined {
  const asComment = parseCommentUrn(urn)
  const postId = asComment?.postId ?? postIdOf(urn)
  const post = postId ? ctx.world.posts.get(postId) : undefined
  if (!post || post.network !== NETWORK) return undefined
  if (asComment) {
    const parent = ctx.world.comments.get(asComment.commentId)
    if (!parent || parent.postId !== post.id) return undefined
    return { post, parentId: parent.id }
  }
  return { post, parentId: null }
}

function socialActions(req: SandboxRequest, ctx: DialectContext, caller: Caller, version: string, targetUrn: string, commentId: string | undefined): SandboxResponse {
  const target = resolveTarget(ctx, targetUrn)
  if (!target) return notFound(`Social actions of ${targetUrn}`)
  const channel = linkedinChannel(ctx, target.post.channelId)
  const owner = channel ? channelUrn(channel) : personUrn(target.post.authorUserId)

  if (req.method === 'GET') {
    if (!caller.scopes.has(scopeFor(owner, false)) || !mayActAs(ctx, caller, owner, 'moderate')) {
      return accessDenied('socialActions.comments', 'GET', version)
    }
    if (commentId !== undefined) {
      const c = ctx.world.comments.get(commentId)
      return c && c.network === NETWORK && c.postId === target.post.id ? json(200, commentJson(ctx, c)) : notFound(`Comment ${commentId}`)
    }
    const all = [...ctx.world.comments.values()]
      .filter((c) => c.network === NETWORK && c.postId === target.post.id && c.parentId === target.parentId)
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
      .map((c) => commentJson(ctx, c))
    return paged(req, all, 10)
  }

  if (req.method === 'POST' && commentId === undefined) {
    const body = req.json as { actor?: unknown; object?: unknown; parentComment?: unknown; message?: { text?: unknown } } | undefined
    const actor = body?.actor
    const text = body?.message?.text
    if (typeof actor !== 'string') return unprocessable('/actor :: field is required but not found')
    if (typeof text !== 'string' || text.trim() === '') return unprocessable('/message/text :: field is required but not found')
    if (!caller.scopes.has(scopeFor(actor, true)) || !mayActAs(ctx, caller, actor, 'moderate')) {
      return accessDenied('socialActions.comments', 'CREATE', version)
    }
    if (typeof body?.object === 'string' && postIdOf(body.object) !== target.post.id) return unprocessable('/object :: does not match the target')
    if (target.parentId !== null) {
      const parent = ctx.world.comments.get(target.parentId)
      if (body?.parentComment !== targetUrn) return unprocessable('/parentComment :: must name the comment in the path')
      // Comment threads are two levels deep on LinkedIn.
      if (parent?.parentId) return unprocessable('/parentComment :: nested comments can not be replied to')
    }
    if ([...text].length > MAX_COMMENT) return unprocessable(`/message/text :: length exceeds the maximum allowed length ${MAX_COMMENT}`)
    const actorChannel = linkedinChannel(ctx, actor.replace(/^urn:li:(organization|person):/, ''))
    const comment = ctx.world.addComment({
      id: numericId(ctx.world),
      network: NETWORK,
      postId: target.post.id,
      parentId: target.parentId,
      authorName: actorChannel?.name ?? caller.user.name,
      authorHandle: actorChannel?.handle ?? caller.user.handle,
      text,
      viaApi: true,
    })
    return json(201, commentJson(ctx, comment), { 'x-restli-id': comment.id })
  }

  // DELETE …/comments/{id}?actor= — the owner of the post (its admins) may delete any comment on it.
  if (req.method === 'DELETE' && commentId !== undefined) {
    const actor = req.query.get('actor') ?? ''
    if (actor !== owner || !caller.scopes.has(scopeFor(owner, true)) || !mayActAs(ctx, caller, owner, 'moderate')) {
      return accessDenied('socialActions.comments', 'DELETE', version)
    }
    const c = ctx.world.comments.get(commentId)
    if (!c || c.network !== NETWORK || c.postId !== target.post.id) return notFound(`Comment ${commentId}`)
    ctx.world.deleteComment(c.id)
    return { status: 204, headers: {}, body: undefined }
  }
  return apiError(405, undefined, undefined, 'Method not allowed')
}

/** How long LinkedIn keeps an organisation's social action notifications. */
const NOTIFICATION_RETENTION_MS = 60 * DAY

/**
 * `/rest/organizationalEntityNotifications?q=criteria`: comments on an organisation's posts in a
 * `timeRange`, newest first, kept 60 days (COMMENT by others, ADMIN_COMMENT by the page itself,
 * COMMENT_EDIT; the sandbox models no other actions).
 */
function notifications(req: SandboxRequest, ctx: DialectContext, caller: Caller, version: string): SandboxResponse {
  if (req.query.get('q') !== 'criteria') return badRequest('Unsupported finder; use q=criteria.')
  const entity = req.query.get('organizationalEntity') ?? ''
  const channel = linkedinChannel(ctx, /^urn:li:organization:(\d+)$/.exec(entity)?.[1] ?? '')
  if (!channel || channel.kind !== 'organization') return unprocessable('/organizationalEntity :: must name an organization')
  if (!caller.scopes.has(scopeFor(entity, false)) || !mayActAs(ctx, caller, entity, 'moderate')) {
    return accessDenied('organizationalEntityNotifications', 'FINDER-criteria', version)
  }
  const range = /^\(start:(\d+),end:(\d+)\)$/.exec(req.query.get('timeRange') ?? '')
  const start = Math.max(range ? Number(range[1]) : 0, ctx.now - NOTIFICATION_RETENTION_MS)
  const end = range ? Number(range[2]) : ctx.now
  const actions = new Set(parseList(req.query.get('actions')))
  const within = (t: number | undefined): t is number => t !== undefined && t >= start && t <= end
  const all = [...ctx.world.comments.values()]
    .filter((c) => c.network === NETWORK && ctx.world.posts.get(c.postId)?.channelId === channel.id)
    .flatMap((c) => {
      const actor = actorOf(ctx, c)
      const about = { actor, organizationalEntity: entity, sourcePost: shareUrn(c.postId), generatedActivity: commentUrn(c.postId, c.id) }
      return [
        ...(within(c.createdAt) ? [{ action: actor === entity ? 'ADMIN_COMMENT' : 'COMMENT', ...about, lastModifiedAt: c.createdAt }] : []),
        ...(within(c.editedAt) ? [{ action: 'COMMENT_EDIT', ...about, lastModifiedAt: c.editedAt }] : []),
      ]
    })
    .filter((n) => actions.size === 0 || actions.has(n.action))
    .sort((a, b) => b.lastModifiedAt - a.lastModifiedAt || b.generatedActivity.localeCompare(a.generatedActivity))
  return paged(req, all, 10)
}

/** `/rest/reactions`: a like on a comment (POST `?actor=`), and one reaction read by its key `(actor:…,entity:…)`. */
function reactions(req: SandboxRequest, ctx: DialectContext, caller: Caller, version: string, key: string | undefined): SandboxResponse {
  const commentOf = (urn: string): SandboxComment | undefined => {
    const parsed = parseCommentUrn(urn)
    const c = parsed ? ctx.world.comments.get(parsed.commentId) : undefined
    return c && c.network === NETWORK ? c : undefined
  }
  if (req.method === 'POST' && key === undefined) {
    const actor = req.query.get('actor') ?? ''
    const body = req.json as { root?: unknown; reactionType?: unknown } | undefined
    if (typeof body?.root !== 'string') return unprocessable('/root :: field is required but not found')
    if (body.reactionType !== 'LIKE' && typeof body.reactionType !== 'string') return unprocessable('/reactionType :: field is required but not found')
    if (!actor || !caller.scopes.has(scopeFor(actor, true)) || !mayActAs(ctx, caller, actor, 'moderate')) return accessDenied('reactions', 'CREATE', version)
    const c = commentOf(body.root)
    if (!c) return notFound(`Entity ${body.root}`)
    if ((c.likedBy ?? []).includes(actor)) return unprocessable('ERROR :: /root :: the actor already reacted to this entity')
    c.likedBy = [...(c.likedBy ?? []), actor]
    return json(201, {}, { 'x-restli-id': `urn:li:reaction:(${actor},${body.root})` })
  }
  if (req.method === 'GET' && key !== undefined) {
    const m = /^\(actor:([^,]+),entity:(.+)\)$/.exec(key)
    if (!m?.[1] || !m[2]) return badRequest('Malformed reaction key')
    if (!caller.scopes.has(scopeFor(m[1], false)) || !mayActAs(ctx, caller, m[1], 'moderate')) return accessDenied('reactions', 'GET', version)
    const c = commentOf(m[2])
    if (!c || !(c.likedBy ?? []).includes(m[1])) return notFound(`Reaction ${key}`)
    return json(200, { actor: m[1], root: m[2], reactionType: 'LIKE', created: { actor: m[1], time: ctx.now } })
  }
  return apiError(405, undefined, undefined, 'Method not allowed')
}

// ---------------------------------------------------------------------------------------------
// Statistics: deterministic daily values from (seed, channel, day, metric), so they look live but
// are the same on every run.

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

function dailyShareStats(seed: number, channelId: string, day: string) {
  const u = (metric: string): number => unit(seed, channelId, day, metric)
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  const weekend = weekday === 0 || weekday === 6 ? 0.55 : 1
  const impressionCount = Math.floor((300 + u('impressions') * 1700) * weekend)
  const uniqueImpressionsCount = Math.floor(impressionCount * (0.55 + u('unique') * 0.3))
  const clickCount = Math.floor(impressionCount * (0.01 + u('clicks') * 0.04))
  const likeCount = Math.floor(impressionCount * (0.01 + u('likes') * 0.03))
  const commentCount = Math.floor(u('comments') * 12 * weekend)
  const shareCount = Math.floor(u('shares') * 8 * weekend)
  const engagement = impressionCount === 0 ? 0 : Math.round(((clickCount + likeCount + commentCount + shareCount) / impressionCount) * 1e6) / 1e6
  return { impressionCount, uniqueImpressionsCount, clickCount, likeCount, commentCount, shareCount, engagement }
}

function postLifetimeStats(ctx: DialectContext, post: SandboxPost) {
  const ageDays = Math.max(0, (ctx.now - post.createdAt) / DAY)
  const growth = 1 - Math.exp(-ageDays / 2)
  const u = (metric: string): number => unit(ctx.seed, post.id, 'lifetime', metric)
  const impressionCount = Math.floor((400 + u('impressions') * 3600) * growth)
  const uniqueImpressionsCount = Math.floor(impressionCount * (0.6 + u('unique') * 0.3))
  const clickCount = Math.floor(impressionCount * (0.01 + u('clicks') * 0.05))
  const likeCount = Math.floor(impressionCount * (0.01 + u('likes') * 0.04))
  const commentCount = [...ctx.world.comments.values()].filter((c) => c.network === NETWORK && c.postId === post.id).length
  const shareCount = Math.floor(u('shares') * 10 * growth)
  const engagement = impressionCount === 0 ? 0 : Math.round(((clickCount + likeCount + commentCount + shareCount) / impressionCount) * 1e6) / 1e6
  return { impressionCount, uniqueImpressionsCount, clickCount, likeCount, commentCount, shareCount, engagement }
}

function dailyFollowerGains(seed: number, channelId: string, day: string) {
  const u = (metric: string): number => unit(seed, channelId, day, metric)
  return {
    organicFollowerGain: Math.floor(u('organic') * 15),
    paidFollowerGain: u('paid') < 0.8 ? 0 : Math.floor(u('paid-size') * 6),
  }
}

/** Complete UTC days in [start, end) that have already ended on the sandbox clock. */
function completeDays(ctx: DialectContext, start: number, end: number): number[] {
  const days: number[] = []
  for (let d = Math.floor(start / DAY) * DAY; d < end && d + DAY <= ctx.now; d += DAY) if (d >= start) days.push(d)
  return days
}

function statistics(req: SandboxRequest, ctx: DialectContext, caller: Caller, version: string, kind: 'share' | 'follower'): SandboxResponse {
  const resource = kind === 'share' ? 'organizationalEntityShareStatistics' : 'organizationalEntityFollowerStatistics'
  if (req.query.get('q') !== 'organizationalEntity') return badRequest('Unsupported finder; use q=organizationalEntity.')
  const entity = req.query.get('organizationalEntity') ?? ''
  const orgId = /^urn:li:organization:(\d+)$/.exec(entity)?.[1]
  const channel = orgId ? linkedinChannel(ctx, orgId) : undefined
  if (!channel || channel.kind !== 'organization') return badRequest(`Invalid organizationalEntity ${entity}`)
  if (!hasAny(caller, ['rw_organization_admin', 'r_organization_admin']) || !mayActAs(ctx, caller, entity, 'analyze')) {
    return accessDenied(resource, 'FINDER-organizationalEntity', version)
  }
  const intervals = parseIntervals(req.query.get('timeIntervals'))
  if (req.query.get('timeIntervals') && !intervals) return badRequest('Invalid timeIntervals.')
  if (intervals && intervals.granularity !== 'DAY') return badRequest('The sandbox serves DAY granularity only.')

  if (kind === 'share') {
    const posts = [...parseList(req.query.get('shares')), ...parseList(req.query.get('ugcPosts'))]
    if (posts.length > 0) {
      const elements = posts.flatMap((urn) => {
        const post = ctx.world.posts.get(postIdOf(urn) ?? '')
        if (!post || post.network !== NETWORK || post.channelId !== channel.id) return []
        const key = urn.startsWith('urn:li:ugcPost:') ? 'ugcPost' : 'share'
        return [{ organizationalEntity: entity, [key]: urn, totalShareStatistics: postLifetimeStats(ctx, post) }]
      })
      return json(200, { paging: { start: 0, count: 10, links: [] }, elements })
    }
    if (intervals) {
      const elements = completeDays(ctx, intervals.start, intervals.end).map((d) => ({
        organizationalEntity: entity,
        timeRange: { start: d, end: d + DAY },
        totalShareStatistics: dailyShareStats(ctx.seed, channel.id, dayOf(d)),
      }))
      return json(200, { paging: { start: 0, count: elements.length, links: [] }, elements })
    }
    const totals = completeDays(ctx, ctx.now - 365 * DAY, ctx.now)
      .map((d) => dailyShareStats(ctx.seed, channel.id, dayOf(d)))
      .reduce(
        (sum, s) => ({
          impressionCount: sum.impressionCount + s.impressionCount,
          uniqueImpressionsCount: sum.uniqueImpressionsCount + s.uniqueImpressionsCount,
          clickCount: sum.clickCount + s.clickCount,
          likeCount: sum.likeCount + s.likeCount,
          commentCount: sum.commentCount + s.commentCount,
          shareCount: sum.shareCount + s.shareCount,
        }),
        { impressionCount: 0, uniqueImpressionsCount: 0, clickCount: 0, likeCount: 0, commentCount: 0, shareCount: 0 },
      )
    return json(200, { paging: { start: 0, count: 10, links: [] }, elements: [{ organizationalEntity: entity, totalShareStatistics: totals }] })
  }

  if (intervals) {
    const elements = completeDays(ctx, intervals.start, intervals.end).map((d) => ({
      organizationalEntity: entity,
      timeRange: { start: d, end: d + DAY },
      followerGains: dailyFollowerGains(ctx.seed, channel.id, dayOf(d)),
    }))
    return json(200, { paging: { start: 0, count: elements.length, links: [] }, elements })
  }
  // Without timeIntervals LinkedIn answers with lifetime demographic breakdowns.
  return json(200, {
    paging: { start: 0, count: 10, links: [] },
    elements: [
      {
        organizationalEntity: entity,
        followerCountsBySeniority: [],
        followerCountsByIndustry: [],
        followerCountsByFunction: [],
        followerCountsByStaffCountRange: [],
        followerCountsByGeoCountry: [],
        followerCountsByGeo: [],
        followerCountsByAssociationType: [],
      },
    ],
  })
}

// ---------------------------------------------------------------------------------------------
// Routing.

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

function handle(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const segments = req.path.split('/').filter(Boolean).map(safeDecode)
  const [root, second, third, fourth, fifth] = segments

  if (root === 'oauth' && second === 'v2') {
    if (third === 'authorization' && (req.method === 'GET' || req.method === 'POST')) return handleAuthorize(req, ctx, AUTHORIZE_SPEC)
    if (req.method !== 'POST') return apiError(405, undefined, undefined, 'Method not allowed')
    if (third === 'accessToken') return tokenEndpoint(req, ctx)
    if (third === 'introspectToken') return introspect(req, ctx)
    if (third === 'revoke') return revoke(req, ctx)
    return notFound(req.path)
  }

  const authed = authenticate(req, ctx)

  if (root === 'dms-uploads' && second && req.method === 'PUT') {
    return authed.ok ? uploadBytes(req, ctx, authed.caller, second) : authed.res
  }

  if (root === 'v2' && req.method === 'GET' && (second === 'me' || second === 'userinfo') && segments.length === 2) {
    if (!authed.ok) return authed.res
    return second === 'me' ? me(req, ctx, authed.caller) : userinfo(authed.caller)
  }

  if (root !== 'rest') return notFound(req.path)
  // Versioned APIs refuse calls that do not name a version.
  const version = req.headers['linkedin-version']
  if (!version || !VERSION.test(version)) {
    return apiError(400, 'VERSION_MISSING', undefined, 'A version must be present. Please specify a version by adding the LinkedIn-Version header.')
  }
  if (!authed.ok) return authed.res
  const caller = authed.caller

  switch (second) {
    case 'organizationAcls':
      return req.method === 'GET' ? organizationAcls(req, ctx, caller, version) : notFound(req.path)
    case 'organizations':
      return req.method === 'GET' ? organizations(req, ctx, third) : notFound(req.path)
    case 'people':
      return req.method === 'GET' && !third ? people(req, ctx) : notFound(req.path)
    case 'images':
      if (req.method === 'GET') return images(req, ctx, third)
      return req.method === 'POST' ? initializeUpload(req, ctx, caller, version) : notFound(req.path)
    case 'posts':
      if (req.method === 'POST' && !third) return createPost(req, ctx, caller, version)
      if (req.method === 'GET' && !third) return postsByAuthor(req, ctx, caller, version)
      return notFound(req.path)
    case 'socialActions':
      if (third && fourth === 'comments') return socialActions(req, ctx, caller, version, third, fifth)
      return notFound(req.path)
    case 'reactions':
      return reactions(req, ctx, caller, version, third)
    case 'organizationalEntityNotifications':
      return req.method === 'GET' && !third ? notifications(req, ctx, caller, version) : notFound(req.path)
    case 'organizationalEntityShareStatistics':
      return req.method === 'GET' ? statistics(req, ctx, caller, version, 'share') : notFound(req.path)
    case 'organizationalEntityFollowerStatistics':
      return req.method === 'GET' ? statistics(req, ctx, caller, version, 'follower') : notFound(req.path)
    default:
      return notFound(req.path)
  }
}

// ---------------------------------------------------------------------------------------------
// Seed.

const POST_TEXTS = [
  'We just opened our new warehouse in Rotterdam. Faster deliveries across the Benelux start today.',
  'Hiring: two backend engineers who love boring, reliable systems. Remote within the EU.',
  'Our Q4 sustainability report is out: 18% less packaging waste than last year.',
  'Thank you to everyone who joined our customer day. Slides and recordings are on our website.',
  'Five lessons from a year of four-day weeks, from the people who lived them.',
  'New in the product: scheduled exports to your own storage, every night.',
]

const COMMENTERS = [
  { name: 'Maya Chen', handle: 'maya-chen' },
  { name: 'Tomás Ruiz', handle: 'tomas-ruiz' },
  { name: 'Priya Nair', handle: 'priya-nair' },
  { name: 'Jonas Weber', handle: 'jonas-weber' },
  { name: 'Aiko Tanaka', handle: 'aiko-tanaka' },
  { name: 'Samuel Osei', handle: 'samuel-osei' },
]

const COMMENT_TEXTS = [
  'Congratulations to the whole team!',
  'Is this available in Germany as well?',
  'Great read, thanks for sharing.',
  'How do I apply? The link seems broken.',
  'Impressive numbers. What made the biggest difference?',
  'Looking forward to trying this.',
  'Could you share the recording link again?',
  'Proud to work with you on this.',
]

const REPLY_TEXTS = ['Thanks so much!', 'Yes, it is! Details are on our website.', 'Fixed, thank you for letting us know.', 'Sent you a message with the link.']

function seed(ctx: DialectContext, rng: () => number): void {
  const { world } = ctx
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T
  const S = LINKEDIN_SEED

  world.addApp({
    network: NETWORK,
    clientId: S.clientId,
    clientSecret: S.clientSecret,
    name: 'Relink (sandbox)',
    // Native PKCE flow: LinkedIn answers only loopback IPs, on whatever port the app listens on.
    redirectUris: ['http://127.0.0.1/callback/linkedin', 'http://[::1]/callback/linkedin'],
    loopbackAnyPort: true,
  })

  for (const u of Object.values(S.users)) {
    world.addUser({ id: u.id, network: NETWORK, name: u.name, handle: u.handle, password: S.password })
    world.addChannel({ id: u.id, network: NETWORK, kind: 'member', name: u.name, handle: u.handle, roles: new Map([[u.id, ['MEMBER']]]) })
  }

  const { ava, ben, chloe } = S.users
  // Many members never upload a photo: Chloé's profile shows Relink's initials instead.
  const chloeMember = world.channels.get(chloe.id)
  if (chloeMember) chloeMember.hasPicture = false
  const orgRoles: Record<keyof typeof S.channels, [string, string[]][]> = {
    northwind: [
      [ava.id, ['ADMINISTRATOR']],
      [ben.id, ['CONTENT_ADMINISTRATOR']],
    ],
    contoso: [
      [ava.id, ['ADMINISTRATOR']],
      [chloe.id, ['ANALYST']],
    ],
    fabrikam: [[ben.id, ['ADMINISTRATOR']]],
  }
  for (const [key, c] of Object.entries(S.channels) as [keyof typeof S.channels, (typeof S.channels)[keyof typeof S.channels]][]) {
    world.addChannel({ id: c.id, network: NETWORK, kind: 'organization', name: c.name, handle: c.handle, roles: new Map(orgRoles[key]) })
  }

  const authorOf: Record<keyof typeof S.channels, string> = { northwind: ava.id, contoso: ava.id, fabrikam: ben.id }
  const orgPosts: SandboxPost[] = []
  for (const [key, c] of Object.entries(S.channels) as [keyof typeof S.channels, (typeof S.channels)[keyof typeof S.channels]][]) {
    for (let i = 0; i < 4; i++) {
      const createdAt = ctx.now - (3 + i * 5) * DAY - Math.floor(rng() * 8) * HOUR
      const post = world.addPost({
        id: numericId(world),
        network: NETWORK,
        channelId: c.id,
        authorUserId: authorOf[key],
        text: pick(POST_TEXTS),
        createdAt,
      })
      orgPosts.push(post)
      // Past conversation: a few comments in the hours after posting, some answered by the page.
      const count = 1 + Math.floor(rng() * 3)
      for (let k = 0; k < count; k++) {
        const who = pick(COMMENTERS)
        const comment = pastComment(world, NETWORK, {
          id: numericId(world),
          postId: post.id,
          parentId: null,
          author: who,
          text: pick(COMMENT_TEXTS),
          createdAt: createdAt + (1 + k * 3) * HOUR,
        })
        if (rng() < 0.5) {
          pastComment(world, NETWORK, {
            id: numericId(world),
            postId: post.id,
            parentId: comment.id,
            author: c,
            text: pick(REPLY_TEXTS),
            createdAt: comment.createdAt + 2 * HOUR,
          })
        }
      }
    }
  }
  world.addPost({
    id: numericId(world),
    network: NETWORK,
    channelId: ava.id,
    authorUserId: ava.id,
    text: 'Ten years in social media this week. Thank you to everyone who taught me something along the way.',
    createdAt: ctx.now - 6 * DAY,
  })

  // Live-looking activity: about two comments a day over the next 30 days, some of them replies.
  for (let day = 0; day < 30; day++) {
    const perDay = 1 + Math.floor(rng() * 3)
    for (let k = 0; k < perDay; k++) {
      const post = pick(orgPosts)
      const who = pick(COMMENTERS)
      const at = ctx.now + day * DAY + Math.floor(rng() * 20 * HOUR) + 5 * 60 * 1000
      const tops = [...world.comments.values()].filter((c) => c.postId === post.id && c.parentId === null)
      const replyTo = tops.length > 0 && rng() < 0.3 ? pick(tops) : undefined
      upcomingComment(world, NETWORK, {
        id: numericId(world),
        postId: post.id,
        parentId: replyTo?.id ?? null,
        author: who,
        text: replyTo ? pick(REPLY_TEXTS) : pick(COMMENT_TEXTS),
        createdAt: at,
      })
    }
  }
}

export const linkedinDialect: SandboxDialect = {
  network: NETWORK,
  seed,
  handle,
  commentId: (ctx) => numericId(ctx.world),
  postId: (ctx) => numericId(ctx.world),
  /**
   * LinkedIn's quotas are daily and reset at midnight UTC; its 429 names the limit and sends no
   * Retry-After. The `Date` header carries the sandbox clock so clients can compute the wait.
   */
  rateLimited: (ctx) =>
    json(
      429,
      { status: 429, serviceErrorCode: 101, message: 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.' },
      { date: new Date(ctx.now).toUTCString() },
    ),
  serverError: (_ctx, status) =>
    json(status, { status, message: status === 503 ? 'Service Unavailable' : status === 504 ? 'Gateway Timeout' : 'Internal Server Error' }),
  endpoints: (base) => ({ linkedin: { authBase: `${base}/oauth/v2`, apiBase: base, tokenBase: `${base}/oauth/v2` } }),
  credentials: () => ({ linkedin: { clientId: LINKEDIN_SEED.clientId, clientSecret: LINKEDIN_SEED.clientSecret } }),
}
