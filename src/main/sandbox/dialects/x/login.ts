/**
 * Signing in and tokens: the x.com consent page, the token endpoint (PKCE codes and rotating
 * single-use refresh tokens), revocation, and `/2/users/me`.
 */
import { X_TOKENS } from '../../../providers/x/config'
import { authenticateClient, handleAuthorize, redeemCode, type AuthorizeSpec } from '../../oauth'
import { html, json, type DialectContext, type SandboxRequest, type SandboxResponse } from '../../types'
import type { TokenRecord } from '../../world'
import { authorizeCall, NEEDS } from './caller'
import { fieldSet, userView } from './render'
import { httpDate } from './state'
import { DEAD_TOKEN, oauthError, ok } from './wire'

const SPEC: AuthorizeSpec = { network: 'x', label: 'X', pkce: 'required', scopeSeparator: ' ' }

export function tokenEndpoint(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
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

export function revokeEndpoint(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
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

export function me(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const a = authorizeCall(req, ctx, NEEDS.me, 'me')
  if (!a.ok) return a.response
  return ok(ctx, { data: userView(ctx, a.user, fieldSet(req, 'user.fields')) }, 200, a.rate)
}

export function authorize(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const params = req.method === 'POST' ? req.form : req.query
  // X requires `state` (CSRF defence, RFC 6749 §10.12) and shows an error page without it.
  if (!params.get('state')) {
    return html(400, '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>X (sandbox)</title></head><body><main><h1>X (sandbox)</h1><p role="alert">Something went wrong: the request is missing the required state parameter.</p></main></body></html>')
  }
  return handleAuthorize(req, ctx, SPEC)
}
