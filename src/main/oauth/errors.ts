/**
 * Typed failures of the OAuth layer. Callers classify by `kind` (and, at the token endpoint, by
 * the OAuth `error` code); the message is a plain sentence a person can act on (STYLE.md rule 11).
 */

/** Why an authorization attempt in the system browser ended without a code. */
export type OAuthFlowErrorKind =
  /** Relink (or the user, through Relink) stopped the attempt. */
  | 'cancelled'
  /** Nobody came back from the browser in time; the listener is closed. */
  | 'timeout'
  /** The user declined on the network's consent page (RFC 6749 §4.1.2.1 `access_denied`). */
  | 'access_denied'
  /** The network answered the authorization request with any other error code. */
  | 'server_error'
  /** Every registered loopback port is taken by another program. */
  | 'ports_busy'
  /** A response carrying the right `state` was still unusable (wrong issuer, no code). */
  | 'invalid_callback'
  /** The system browser could not be opened. */
  | 'browser_unavailable'

const FLOW_SENTENCES: Record<OAuthFlowErrorKind, string> = {
  cancelled: 'The sign-in was cancelled.',
  timeout: 'The sign-in took too long and was stopped. Start it again from Relink.',
  access_denied: 'Access was not granted on the network’s page. Start again and choose Allow to connect.',
  server_error: 'The network could not complete the sign-in. Try again in a few minutes.',
  ports_busy: 'Relink could not open its sign-in port because other programs are using it. Close them and try again.',
  invalid_callback: 'The sign-in answer could not be trusted, so it was ignored. Start the sign-in again from Relink.',
  browser_unavailable: 'Relink could not open your web browser. Check that a default browser is set and try again.',
}

export class OAuthFlowError extends Error {
  /** The OAuth `error` value from the redirect, when the network sent one (RFC 6749 §4.1.2.1). */
  readonly oauthError: string | undefined
  /** The network's own `error_description`, kept for the event log; never shown in the browser page. */
  readonly description: string | undefined

  constructor(
    readonly kind: OAuthFlowErrorKind,
    options: { message?: string; oauthError?: string; description?: string; cause?: unknown } = {},
  ) {
    super(options.message ?? FLOW_SENTENCES[kind], { cause: options.cause })
    this.name = 'OAuthFlowError'
    this.oauthError = options.oauthError
    this.description = options.description
  }
}

/** Why a call to a token or revocation endpoint failed. */
export type OAuthClientErrorKind =
  /** The server answered with an OAuth error body (RFC 6749 §5.2, RFC 7009 §2.2.1); see `error`. */
  | 'oauth'
  /** The server answered with an unexpected status and no OAuth error body (5xx pages, proxies). */
  | 'http'
  /** No answer arrived: DNS, refused, reset, timeout or abort. Never a reason to disconnect. */
  | 'transport'
  /** The answer arrived but broke the protocol (bad JSON, wrong issuer, missing fields). */
  | 'invalid_response'
  /** The server does not offer what was asked (no revocation endpoint). */
  | 'unsupported'

export class OAuthClientError extends Error {
  /** The OAuth `error` code, e.g. `invalid_grant`, when the server sent one. */
  readonly error: string | undefined
  readonly status: number | undefined
  readonly description: string | undefined

  constructor(
    readonly kind: OAuthClientErrorKind,
    message: string,
    options: { error?: string; status?: number; description?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause })
    this.name = 'OAuthClientError'
    this.error = options.error
    this.status = options.status
    this.description = options.description
  }
}
