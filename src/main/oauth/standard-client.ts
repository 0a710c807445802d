/**
 * A client for authorization servers that follow the standards as written: RFC 6749 (code and
 * refresh grants), RFC 7636 (PKCE), RFC 7009 (revocation), RFC 9207 (`iss`). Used for
 * conformance tests and for networks that need no dialect of their own.
 */
import {
  AuthorizationResponseError,
  authorizationCodeGrant,
  ClientError,
  ClientSecretBasic,
  ClientSecretPost,
  customFetch,
  None,
  refreshTokenGrant,
  ResponseBodyError,
  tokenRevocation,
  WWWAuthenticateChallengeError,
  type ClientAuth,
  type TokenEndpointResponse,
} from 'openid-client'
import { HttpTransportError, type Http } from '../ports'
import type { OAuthConfig } from '../providers/types'
import { OAuthClientError } from './errors'
import { createConfiguration, hasRealIssuer, type AuthorizationServerMetadata } from './metadata'
import { portFetch } from './port-fetch'

export interface StandardOAuthClientOptions {
  http: Http
  server: AuthorizationServerMetadata
  clientId: string
  clientSecret?: string
  tokenAuth: OAuthConfig['tokenAuth']
  /** Permit `http:` endpoints: the sandbox network and tests on loopback only. */
  allowInsecure?: boolean
  /** Per-request timeout handed to the Http port. */
  timeoutMs?: number
}

/** A token endpoint answer (RFC 6749 §5.1), with names Relink uses. */
export interface TokenSet {
  accessToken: string
  tokenType: string
  /** Absent when the server issued none; after a refresh, absent means keep the old one (RFC 6749 §6). */
  refreshToken?: string
  /** Seconds from the moment of the answer; the caller stamps it with its Clock. */
  expiresInSeconds?: number
  /** Granted scopes when the server stated them (RFC 6749 §5.1: may differ from the request). */
  scopes?: string[]
  idToken?: string
}

export interface CodeExchangeInput {
  code: string
  codeVerifier: string
  redirectUri: string
  state: string
  iss?: string
}

export type TokenTypeHint = 'access_token' | 'refresh_token'

export interface StandardOAuthClient {
  exchangeCode(input: CodeExchangeInput): Promise<TokenSet>
  refresh(refreshToken: string): Promise<TokenSet>
  /** RFC 7009 §2.1. A 200 answer proves nothing about the token's earlier state (§2.2). */
  revoke(token: string, hint: TokenTypeHint): Promise<void>
}

export function createStandardOAuthClient(options: StandardOAuthClientOptions): StandardOAuthClient {
  const config = createConfiguration(options.server, options.clientId, clientAuth(options), options.allowInsecure === true)
  config[customFetch] = portFetch(options.http, options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {})

  return {
    async exchangeCode(input) {
      // openid-client validates an authorization response URL; rebuild the one the listener saw.
      const callbackUrl = new URL(input.redirectUri)
      callbackUrl.searchParams.set('code', input.code)
      callbackUrl.searchParams.set('state', input.state)
      // RFC 9207 §2.4: compare `iss` only against an issuer the network really declared.
      if (input.iss !== undefined && hasRealIssuer(options.server)) callbackUrl.searchParams.set('iss', input.iss)
      const tokens = await call(() =>
        authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: input.codeVerifier, expectedState: input.state }),
      )
      return toTokenSet(tokens)
    },

    async refresh(refreshToken) {
      return toTokenSet(await call(() => refreshTokenGrant(config, refreshToken)))
    },

    async revoke(token, hint) {
      if (options.server.revocation_endpoint === undefined) {
        throw new OAuthClientError('unsupported', 'This network offers no way to revoke a token.')
      }
      await call(() => tokenRevocation(config, token, { token_type_hint: hint }))
    },
  }
}

/**
 * RFC 6749 §2.3.1 and RFC 8252 §8.5: a secret goes to the token endpoint only where the network
 * demands one; public native clients authenticate with nothing but PKCE.
 */
function clientAuth(options: StandardOAuthClientOptions): ClientAuth {
  const secret = options.clientSecret
  switch (options.tokenAuth) {
    case 'none':
      return None()
    case 'client_secret_post':
    case 'client_secret_basic':
      if (secret === undefined || secret.length === 0) {
        throw new TypeError(`${options.tokenAuth} needs a client secret`)
      }
      return options.tokenAuth === 'client_secret_post' ? ClientSecretPost(secret) : ClientSecretBasic(secret)
  }
}

function toTokenSet(tokens: TokenEndpointResponse): TokenSet {
  const set: TokenSet = { accessToken: tokens.access_token, tokenType: tokens.token_type }
  if (typeof tokens.refresh_token === 'string' && tokens.refresh_token.length > 0) set.refreshToken = tokens.refresh_token
  if (typeof tokens.expires_in === 'number') set.expiresInSeconds = tokens.expires_in
  // RFC 6749 §3.3: space-delimited.
  if (typeof tokens.scope === 'string') set.scopes = tokens.scope.split(' ').filter((s) => s.length > 0)
  if (typeof tokens.id_token === 'string') set.idToken = tokens.id_token
  return set
}

async function call<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation()
  } catch (err) {
    throw toClientError(err)
  }
}

/** Maps openid-client's errors onto the few shapes callers classify by. */
export function toClientError(err: unknown): OAuthClientError {
  if (err instanceof OAuthClientError) return err
  // RFC 6749 §5.2 / RFC 7009 §2.2.1: an OAuth error body, e.g. invalid_grant.
  if (err instanceof ResponseBodyError) {
    return new OAuthClientError('oauth', `The server refused the request: ${err.error}`, {
      error: err.error,
      status: err.status,
      ...(err.error_description !== undefined ? { description: err.error_description } : {}),
      cause: err,
    })
  }
  // RFC 6750 §3: the reason in a WWW-Authenticate challenge instead of the body.
  if (err instanceof WWWAuthenticateChallengeError) {
    const challenge = err.cause[0]
    const error = challenge?.parameters.error
    const description = challenge?.parameters.error_description
    return new OAuthClientError('oauth', `The server refused the request${error ? `: ${error}` : ''}`, {
      ...(error !== undefined ? { error } : {}),
      status: err.status,
      ...(description !== undefined ? { description } : {}),
      cause: err,
    })
  }
  if (err instanceof AuthorizationResponseError) {
    return new OAuthClientError('oauth', `The authorization response is an error: ${err.error}`, {
      error: err.error,
      ...(err.error_description !== undefined ? { description: err.error_description } : {}),
      cause: err,
    })
  }
  const transport = findTransportError(err)
  if (transport) {
    return new OAuthClientError('transport', transport.message, { cause: err })
  }
  if (err instanceof ClientError) {
    const status = statusOf(err.cause)
    if (status !== undefined && err.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM') {
      return new OAuthClientError('http', `The server answered with HTTP ${status}`, { status, cause: err })
    }
    return new OAuthClientError('invalid_response', `The server's answer broke the OAuth protocol: ${err.message}`, {
      ...(status !== undefined ? { status } : {}),
      cause: err,
    })
  }
  const message = err instanceof Error ? err.message : String(err)
  return new OAuthClientError('invalid_response', `The OAuth request failed: ${message}`, { cause: err })
}

function findTransportError(err: unknown): HttpTransportError | undefined {
  let current: unknown = err
  for (let depth = 0; depth < 8 && current instanceof Error; depth += 1) {
    if (current instanceof HttpTransportError) return current
    current = current.cause
  }
  return undefined
}

function statusOf(value: unknown): number | undefined {
  return value instanceof Response ? value.status : undefined
}
