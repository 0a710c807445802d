/** Facebook Login: the dialog, the token endpoint, `debug_token`, and the person's nodes (`/me`, `/me/accounts`, permissions). */
import { authenticateClient, redeemCode, type AuthorizeSpec } from '../../oauth'
import { sandboxPictureUrl } from '../../pictures'
import { json, type DialectContext, type SandboxRequest, type SandboxResponse } from '../../types'
import type { SandboxApp, SandboxChannel, SandboxUser, TokenProblem, TokenRecord } from '../../world'
import { type Caller, appFromAppToken, dataAccessExpiresAt, dataAccessLapsed, firstProblem, requireScopes, tokenValue } from './caller'
import { LONG_LIVED_MS, SHORT_LIVED_MS } from './constants'
import { type Params, badParam, graphError, paginate, pick, secs, tokenError, unsupported } from './wire'

export const AUTHORIZE: AuthorizeSpec = {
  network: 'facebook',
  label: 'Facebook',
  // Facebook Login's standard code flow relies on the app secret; PKCE (its OIDC variant) is
  // optional. When a challenge is sent it is enforced at the exchange.
  pkce: 'supported',
  scopeSeparator: ',',
  note: 'Relink will be able to manage the Pages and Instagram accounts you have a role on.',
}

export function tokenEndpoint(req: SandboxRequest, ctx: DialectContext, params: Params): SandboxResponse {
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

export function debugToken(req: SandboxRequest, ctx: DialectContext, params: Params): SandboxResponse {
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
export function pictureNode(ctx: DialectContext, page: SandboxChannel): { data: { url: string; is_silhouette: boolean; width: number; height: number } } {
  const url = sandboxPictureUrl(ctx.origin, page)
  return { data: { url: url ?? `${ctx.origin}/pictures/silhouette.png`, is_silhouette: url === undefined, width: 96, height: 96 } }
}

export function accounts(req: SandboxRequest, ctx: DialectContext, params: Params, caller: Caller): SandboxResponse {
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

export function permissions(req: SandboxRequest, ctx: DialectContext, user: SandboxUser, caller: Caller, permission: string | undefined): SandboxResponse {
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
