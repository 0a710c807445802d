/**
 * One OAuth 2.0 authorization-code attempt through the system browser (RFC 8252, RFC 7636,
 * RFC 9700 §2.1). Produces the code and the PKCE verifier; the token exchange is the caller's,
 * because several networks do it their own way.
 */
import { buildAuthorizationUrl, calculatePKCECodeChallenge, None, randomPKCECodeVerifier, randomState } from 'openid-client'
import type { BrowserOpener, Clock, Logger, Timer } from '../ports'
import type { OAuthConfig, RedirectRule } from '../providers/types'
import { OAuthFlowError } from './errors'
import { startLoopbackListener, type SignInPage } from './loopback'
import { createConfiguration, hasRealIssuer, type AuthorizationServerMetadata } from './metadata'

/** Ten minutes: long enough to sign in and pass two-factor prompts, short enough not to linger. */
export const DEFAULT_AUTHORIZATION_TIMEOUT_MS = 10 * 60_000

export interface AuthorizationDeps {
  /** The user's default browser; never an embedded view (RFC 8252 §8.12). */
  browser: BrowserOpener
  clock: Clock
  timer: Timer
  logger?: Logger
}

export interface AuthorizationRequest {
  server: AuthorizationServerMetadata
  clientId: string
  redirect: RedirectRule
  scopes: readonly string[]
  /** RFC 6749 §3.3 says space; some networks want commas. */
  scopeSeparator: ' ' | ','
  /** Extra authorize parameters such as `prompt=consent`. They cannot replace the ones set here. */
  extraParams?: Readonly<Record<string, string>>
  timeoutMs?: number
  signal?: AbortSignal
  /** Permit `http:` endpoints: the sandbox network and tests on loopback only. */
  allowInsecure?: boolean
  /** Hold the browser's success page until `finishPage` names the account (see the listener). */
  holdSuccessPageMs?: number
}

export interface AuthorizationOutcome {
  code: string
  /** The PKCE verifier for the token request (RFC 7636 §4.5). */
  codeVerifier: string
  /** Must be sent unchanged in the token request (RFC 6749 §4.1.3). */
  redirectUri: string
  /** The state this attempt used, already checked against the callback. */
  state: string
  /** The `iss` the server returned (RFC 9207), when it sent one. */
  iss?: string
  /** Tells the browser's held page how the sign-in ended (a no-op unless the page is held). */
  finishPage(page: SignInPage): void
}

/** Parameters this module owns; letting configuration override them would undo its checks. */
const RESERVED_PARAMS = new Set(['client_id', 'response_type', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method'])

/** Builds the request half of an attempt from a network adapter's data. */
export function authorizationRequestFor(
  oauth: OAuthConfig,
  options: { clientId: string; issuer?: string; allowInsecure?: boolean; timeoutMs?: number; signal?: AbortSignal },
): AuthorizationRequest {
  const server: AuthorizationServerMetadata = {
    authorization_endpoint: oauth.authorizationEndpoint,
    token_endpoint: oauth.tokenEndpoint,
  }
  if (options.issuer !== undefined) server.issuer = options.issuer
  if (oauth.revocationEndpoint !== undefined) server.revocation_endpoint = oauth.revocationEndpoint
  const request: AuthorizationRequest = {
    server,
    clientId: options.clientId,
    redirect: oauth.redirect,
    scopes: oauth.scopes,
    scopeSeparator: oauth.scopeSeparator,
  }
  if (oauth.extraAuthParams !== undefined) request.extraParams = oauth.extraAuthParams
  if (options.allowInsecure !== undefined) request.allowInsecure = options.allowInsecure
  if (options.timeoutMs !== undefined) request.timeoutMs = options.timeoutMs
  if (options.signal !== undefined) request.signal = options.signal
  return request
}

/**
 * Opens the network's consent page in the system browser and waits for the redirect back to a
 * fresh loopback listener. Rejects with `OAuthFlowError` (cancelled, timeout, access_denied, …).
 */
export async function runAuthorization(deps: AuthorizationDeps, request: AuthorizationRequest): Promise<AuthorizationOutcome> {
  for (const name of Object.keys(request.extraParams ?? {})) {
    if (RESERVED_PARAMS.has(name)) throw new TypeError(`The authorization parameter "${name}" is set by Relink itself`)
  }
  if (request.signal?.aborted) throw new OAuthFlowError('cancelled')

  // RFC 7636 §4.1–4.2 and RFC 9700 §2.1.1: a fresh high-entropy verifier per attempt, always S256
  // (`plain` would hand the verifier to anyone who sees the authorization request). It is sent to
  // every network, even those that do not use it: unknown parameters are ignored (RFC 6749 §3.1).
  const codeVerifier = randomPKCECodeVerifier()
  const codeChallenge = await calculatePKCECodeChallenge(codeVerifier)
  // RFC 6749 §10.12: single-use CSRF token; randomState() carries 256 bits.
  const state = randomState()
  // The authorization URL needs no client authentication; the token exchange sets its own.
  const config = createConfiguration(request.server, request.clientId, None(), request.allowInsecure === true)

  const listener = await startLoopbackListener({
    redirect: request.redirect,
    expectedState: state,
    // RFC 9207: only an issuer the network really declared can be checked.
    ...(hasRealIssuer(request.server)
      ? { expectedIssuer: request.server.issuer, issuerParameterRequired: request.server.authorization_response_iss_parameter_supported === true }
      : {}),
    clock: deps.clock,
    timer: deps.timer,
    timeoutMs: request.timeoutMs ?? DEFAULT_AUTHORIZATION_TIMEOUT_MS,
    ...(request.holdSuccessPageMs !== undefined ? { holdSuccessPageMs: request.holdSuccessPageMs } : {}),
    ...(deps.logger ? { logger: deps.logger } : {}),
  })

  const onAbort = (): void => listener.cancel()
  request.signal?.addEventListener('abort', onAbort, { once: true })
  try {
    const params: Record<string, string> = {
      ...request.extraParams,
      redirect_uri: listener.redirectUri,
      scope: request.scopes.join(request.scopeSeparator),
      state,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    }
    let url: URL
    try {
      url = buildAuthorizationUrl(config, params)
    } catch (err) {
      listener.cancel()
      throw err
    }
    deps.logger?.log('info', 'Opening the network sign-in page in the browser', { host: url.host, redirectUri: listener.redirectUri })
    // RFC 8252 §4.1: the external user-agent, never an embedded view. The callback is awaited
    // alongside the opening: a browser that only returns once its page has loaded would otherwise
    // wait for a success page that is held until this sign-in is finished.
    const openFailed = deps.browser.open(url.href).then(
      () => new Promise<never>(() => undefined),
      (err: unknown) => {
        throw new OAuthFlowError('browser_unavailable', { cause: err })
      },
    )
    let callback: Awaited<typeof listener.result>
    try {
      callback = await Promise.race([listener.result, openFailed])
    } catch (err) {
      listener.cancel()
      throw err
    }
    const outcome: AuthorizationOutcome = { code: callback.code, codeVerifier, redirectUri: listener.redirectUri, state: callback.state, finishPage: listener.finishPage }
    if (callback.iss !== undefined) outcome.iss = callback.iss
    return outcome
  } finally {
    request.signal?.removeEventListener('abort', onAbort)
  }
}
