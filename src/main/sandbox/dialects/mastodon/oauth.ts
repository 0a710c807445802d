/** The OAuth side of the instance: app registration, the authorize page, the token and revoke endpoints, the server metadata. */
import { authenticateClient, handleAuthorize, redeemCode } from '../../oauth'
import { json, redirect, type DialectContext, type SandboxRequest, type SandboxResponse } from '../../types'
import { INVALID_CLIENT, INVALID_GRANT, SEED_APP_SCOPES, SPEC } from './constants'
import { stateOf } from './state'
import { apiError, oauthError, paramsOf } from './wire'

export function createApp(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
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
  const clientId = ctx.world.secret(32)
  const clientSecret = ctx.world.secret(32)
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
export function authorize(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
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

export function token(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
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
export function revoke(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
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

export function authorizationServerMetadata(ctx: DialectContext): SandboxResponse {
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
