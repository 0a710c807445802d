/**
 * The parts of an OAuth 2.0 authorization server every dialect shares: the authorize page (a real
 * HTML login + consent form a browser can click through), client authentication, and code
 * redemption with PKCE (RFC 7636) and single-use codes (RFC 6749 §4.1.2).
 */
import type { DialectContext, SandboxRequest, SandboxResponse } from './types'
import { html, redirect } from './types'
import { s256, type SandboxApp, type SandboxNetworkId, type SandboxUser, type TokenRecord } from './world'

export interface AuthorizeSpec {
  network: SandboxNetworkId
  label: string
  pkce: 'required' | 'supported' | 'none'
  scopeSeparator: ' ' | ','
  /** RFC 9207 `iss` added to the redirect, where the network offers it. */
  issuer?: string
  /** The user tasks/roles shown on the consent page, if any. */
  note?: string
}

const CODE_TTL_MS = 10 * 60 * 1000

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

function errorPage(spec: AuthorizeSpec, message: string): SandboxResponse {
  return html(400, page(spec, `<h1>${escapeHtml(spec.label)} (sandbox)</h1><p role="alert">${escapeHtml(message)}</p>`))
}

function page(spec: AuthorizeSpec, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(spec.label)} sandbox – sign in</title>
<style>body{font:15px system-ui,sans-serif;background:#f4f5f7;margin:0;display:grid;place-items:center;min-height:100vh}
main{background:#fff;padding:32px;border-radius:12px;box-shadow:0 2px 12px #0002;width:360px}
label{display:block;margin:12px 0 4px}input[type=text],input[type=password]{width:100%;padding:8px;box-sizing:border-box}
.actions{display:flex;gap:8px;margin-top:20px}button{padding:8px 16px}ul{padding-left:20px}</style></head>
<body><main>${body}</main></body></html>`
}

function appendParams(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri)
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v)
  return url.toString()
}

/** GET shows the sign-in and consent form; POST signs in and redirects with a code or an error. */
export function handleAuthorize(req: SandboxRequest, ctx: DialectContext, spec: AuthorizeSpec): SandboxResponse {
  const params = req.method === 'POST' ? req.form : req.query
  const clientId = params.get('client_id') ?? ''
  const redirectUri = params.get('redirect_uri') ?? ''
  const app = ctx.world.apps.get(clientId)
  // RFC 6749 §4.1.2.1: never redirect to an unverified URI; show the error to the person instead.
  if (!app || app.network !== spec.network) return errorPage(spec, 'This app is not registered with the sandbox network.')
  if (!ctx.world.redirectAllowed(app, redirectUri)) return errorPage(spec, `The redirect URI ${redirectUri} is not registered for this app.`)
  const state = params.get('state') ?? undefined
  const fail = (error: string, description: string): SandboxResponse =>
    redirect(appendParams(redirectUri, { error, error_description: description, state, iss: spec.issuer }))
  if (params.get('response_type') !== 'code') return fail('unsupported_response_type', 'Only the code flow is supported.')
  const challenge = params.get('code_challenge') ?? undefined
  const method = (params.get('code_challenge_method') ?? (challenge ? 'plain' : undefined)) as 'S256' | 'plain' | undefined
  if (spec.pkce === 'required' && !challenge) return fail('invalid_request', 'code_challenge is required.')
  if (challenge && method !== 'S256' && method !== 'plain') return fail('invalid_request', 'Unsupported code_challenge_method.')
  const scopes = (params.get('scope') ?? '').split(spec.scopeSeparator === ',' ? /[,\s]+/ : /\s+/).filter(Boolean)

  if (req.method === 'POST') {
    if (params.get('decision') !== 'allow') return fail('access_denied', 'The user denied the request.')
    const username = params.get('username') ?? ''
    const user = [...ctx.world.users.values()].find(
      (u) => u.network === spec.network && (u.handle === username || u.id === username),
    )
    if (!user || user.password !== (params.get('password') ?? '')) {
      return consentForm(spec, app, params, scopes, 'That username and password do not match.')
    }
    return grantCode(ctx, spec, app, user, { redirectUri, scopes, state, challenge, method })
  }
  return consentForm(spec, app, params, scopes)
}

function consentForm(spec: AuthorizeSpec, app: SandboxApp, params: URLSearchParams, scopes: string[], error?: string): SandboxResponse {
  const hidden = [...params.entries()]
    .filter(([k]) => !['username', 'password', 'decision'].includes(k))
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('')
  const scopeList = scopes.length ? `<ul>${scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>` : '<p>No extra permissions.</p>'
  return html(
    error ? 401 : 200,
    page(
      spec,
      `<h1>Sign in to ${escapeHtml(spec.label)} (sandbox)</h1>
<p><strong>${escapeHtml(app.name)}</strong> wants to:</p>${scopeList}${spec.note ? `<p>${escapeHtml(spec.note)}</p>` : ''}
${error ? `<p role="alert" style="color:#b91c1c">${escapeHtml(error)}</p>` : ''}
<form method="post">${hidden}
<label for="username">Username</label><input id="username" name="username" type="text" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<div class="actions"><button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny" formnovalidate>Cancel</button></div></form>`,
    ),
  )
}

function grantCode(
  ctx: DialectContext,
  spec: AuthorizeSpec,
  app: SandboxApp,
  user: SandboxUser,
  input: { redirectUri: string; scopes: string[]; state?: string; challenge?: string; method?: 'S256' | 'plain' },
): SandboxResponse {
  user.authorizedApps.add(app.clientId)
  user.lastActiveAt = ctx.now
  for (const s of input.scopes) user.revokedScopes.delete(s)
  const code = ctx.world.mint({
    kind: 'code',
    network: spec.network,
    clientId: app.clientId,
    userId: user.id,
    scopes: input.scopes,
    expiresAt: ctx.now + CODE_TTL_MS,
    family: ctx.world.nextId('g'),
    redirectUri: input.redirectUri,
    codeChallenge: input.challenge,
    codeChallengeMethod: input.challenge ? input.method : undefined,
  })
  return redirect(appendParams(input.redirectUri, { code: code.value, state: input.state, iss: spec.issuer }))
}

export type OAuthFailure = { error: string; description: string; status: number }

/** RFC 6749 §2.3: client_secret_basic or client_secret_post; public clients send only client_id. */
export function authenticateClient(
  req: SandboxRequest,
  ctx: DialectContext,
  network: SandboxNetworkId,
  options: { secretRequired: boolean; params?: URLSearchParams },
): { ok: true; app: SandboxApp } | ({ ok: false } & OAuthFailure) {
  const params = options.params ?? req.form
  let clientId = params.get('client_id') ?? undefined
  let secret = params.get('client_secret') ?? undefined
  const auth = req.headers.authorization
  if (auth?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8')
    const i = decoded.indexOf(':')
    clientId = decodeURIComponent(decoded.slice(0, i))
    secret = decodeURIComponent(decoded.slice(i + 1))
  }
  const app = clientId ? ctx.world.apps.get(clientId) : undefined
  if (!app || app.network !== network) return { ok: false, error: 'invalid_client', description: 'Client authentication failed.', status: 401 }
  if ((options.secretRequired || secret !== undefined) && secret !== app.clientSecret) {
    return { ok: false, error: 'invalid_client', description: 'Client authentication failed.', status: 401 }
  }
  return { ok: true, app }
}

/** Spends a code: single use, unexpired, same client and redirect URI, PKCE verifier matching. */
export function redeemCode(
  ctx: DialectContext,
  app: SandboxApp,
  input: { code?: string | null; redirectUri?: string | null; codeVerifier?: string | null },
): { ok: true; code: TokenRecord } | ({ ok: false } & OAuthFailure) {
  const bad = (description: string): { ok: false } & OAuthFailure => ({ ok: false, error: 'invalid_grant', description, status: 400 })
  const code = input.code ? ctx.world.tokens.get(input.code) : undefined
  if (!code || code.kind !== 'code' || code.clientId !== app.clientId) return bad('The authorization code is invalid.')
  if (code.usedAt !== undefined) {
    // RFC 6749 §4.1.2: a reused code should revoke the tokens issued from it.
    ctx.world.revokeFamily(code.family)
    return bad('The authorization code was already used.')
  }
  if (code.expiresAt !== null && code.expiresAt <= ctx.now) return bad('The authorization code has expired.')
  if (code.redirectUri !== (input.redirectUri ?? undefined)) return bad('redirect_uri does not match the authorization request.')
  if (code.codeChallenge !== undefined) {
    const verifier = input.codeVerifier ?? ''
    if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return bad('code_verifier is missing or malformed.')
    const computed = code.codeChallengeMethod === 'plain' ? verifier : s256(verifier)
    if (computed !== code.codeChallenge) return bad('code_verifier does not match the code_challenge.')
  }
  code.usedAt = ctx.now
  return { ok: true, code }
}
