/**
 * The OAuth endpoints of www.linkedin.com (authorization, access token with the native PKCE
 * flow, introspection, revocation) and the member identity of `/v2/me` and `/v2/userinfo`.
 */
import { authenticateClient, redeemCode, type AuthorizeSpec } from '../../oauth'
import { json, type DialectContext, type SandboxRequest, type SandboxResponse } from '../../types'
import { sandboxPictureUrl } from '../../pictures'
import { type Caller, hasAny, linkedinChannel } from './caller'
import { ACCESS_TTL_MS, NETWORK, REFRESH_TTL_MS, seconds, stateOf } from './state'
import { accessDenied, oauthError } from './wire'

export const AUTHORIZE_SPEC: AuthorizeSpec = {
  network: NETWORK,
  label: 'LinkedIn',
  // Codes with a challenge belong to the native PKCE flow; codes without, to the standard flow.
  pkce: 'supported',
  scopeSeparator: ' ',
}

export function tokenEndpoint(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
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
export function introspect(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
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
export function revoke(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const auth = authenticateClient(req, ctx, NETWORK, { secretRequired: false })
  if (!auth.ok) return oauthError(auth.status, auth.error, auth.description)
  const record = ctx.world.tokens.get(req.form.get('token') ?? '')
  if (record && record.network === NETWORK && record.clientId === auth.app.clientId) ctx.world.revokeFamily(record.family)
  return { status: 200, headers: { 'cache-control': 'no-store' } }
}


export function splitName(name: string): { first: string; last: string } {
  const i = name.indexOf(' ')
  return i === -1 ? { first: name, last: '' } : { first: name.slice(0, i), last: name.slice(i + 1) }
}

/**
 * `/v2/me`: with the projection `profilePicture(displayImage~:playableStreams)` the member's
 * picture comes decorated with its renditions (100 to 800 px), each with its download address.
 */
export function me(req: SandboxRequest, ctx: DialectContext, caller: Caller): SandboxResponse {
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

export function userinfo(caller: Caller): SandboxResponse {
  if (!caller.scopes.has('openid') || !caller.scopes.has('profile')) return accessDenied('userinfo', 'GET', 'NO_VERSION')
  const { first, last } = splitName(caller.user.name)
  return json(200, { sub: caller.user.id, name: caller.user.name, given_name: first, family_name: last, locale: 'en-US' })
}
