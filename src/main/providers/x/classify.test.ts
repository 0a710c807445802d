import { describe, expect, it } from 'vitest'
import { classifyProviderError } from '../classify'
import type { ProviderFailure } from '../types'
import { classifyX } from './classify'
import { X_ERROR_TABLE } from './config'

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0)

/** Each documented/observed signature, as raw as X sends it. */
const SIGNATURES: { name: string; failure: Omit<ProviderFailure, 'body'>; body: Record<string, unknown>; reason: string }[] = [
  {
    name: 'dead refresh token (400 invalid_request, "Value passed for the token was invalid.")',
    failure: { source: 'token_endpoint', status: 400 },
    body: { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' },
    reason: 'refresh_token_dead',
  },
  {
    name: 'refresh answered with invalid_grant',
    failure: { source: 'token_endpoint', status: 400 },
    body: { error: 'invalid_grant', error_description: 'Token has been revoked.' },
    reason: 'refresh_token_dead',
  },
  {
    name: 'reused or expired authorization code',
    failure: { source: 'token_endpoint', status: 400 },
    body: { error: 'invalid_request', error_description: 'Value passed for the authorization code was invalid.', errors: [{ code: 131 }] },
    reason: 'other',
  },
  {
    name: 'PKCE verifier mismatch',
    failure: { source: 'token_endpoint', status: 400 },
    body: { error: 'invalid_request', error_description: 'Value passed for the code verifier did not match the code challenge.' },
    reason: 'other',
  },
  {
    name: 'missing code_verifier',
    failure: { source: 'token_endpoint', status: 400 },
    body: { error: 'invalid_request', error_description: 'Missing required parameter [code_verifier].' },
    reason: 'other',
  },
  {
    name: 'confidential client without Basic auth',
    failure: { source: 'token_endpoint', status: 401 },
    body: { error: 'unauthorized_client', error_description: 'Missing valid authorization header' },
    reason: 'other',
  },
  {
    name: 'API 401 problem+json',
    failure: { source: 'api', status: 401, headers: { 'content-type': 'application/problem+json' } },
    body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
    reason: 'unknown_auth',
  },
  {
    name: 'missing scope: bare 403 Forbidden',
    failure: { source: 'api', status: 403, headers: { 'content-type': 'application/problem+json' } },
    body: { title: 'Forbidden', type: 'about:blank', status: 403, detail: 'Forbidden' },
    reason: 'scope_missing',
  },
  {
    name: 'developer app not enrolled (client-forbidden)',
    failure: { source: 'api', status: 403 },
    body: {
      client_id: '123',
      detail: 'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project.',
      registration_url: 'https://developer.x.com/en/docs/projects/overview',
      title: 'Client Forbidden',
      required_enrollment: 'Appropriate Level of API Access',
      reason: 'client-not-enrolled',
      type: 'https://api.twitter.com/2/problems/client-forbidden',
    },
    reason: 'scope_missing',
  },
  {
    name: 'locked account (v2 problem carrying the v1.1 sentence)',
    failure: { source: 'api', status: 403 },
    body: {
      title: 'Forbidden',
      type: 'about:blank',
      status: 403,
      detail: 'To protect our users from spam and other malicious activity, this account is temporarily locked. Please log in to https://x.com to unlock your account.',
    },
    reason: 'account_action_required',
  },
  {
    name: 'suspended account (v1.1 code 64)',
    failure: { source: 'api', status: 403 },
    body: { errors: [{ code: 64, message: 'Your account is suspended and is not permitted to access this feature.' }] },
    reason: 'account_action_required',
  },
  {
    name: 'locked account (v1.1 code 326 only)',
    failure: { source: 'api', status: 403 },
    body: { errors: [{ code: 326, message: 'Denied.' }] },
    reason: 'account_action_required',
  },
  {
    name: 'duplicate content',
    failure: { source: 'api', status: 403 },
    body: { detail: 'You are not allowed to create a Tweet with duplicate content.', type: 'about:blank', title: 'Forbidden', status: 403 },
    reason: 'other',
  },
  {
    name: 'reply restriction (not-authorized-for-resource)',
    failure: { source: 'api', status: 403 },
    body: {
      detail: 'You can only reply to or quote posts where you are mentioned or are the author.',
      status: 403,
      title: 'Authorization Error',
      type: 'https://api.x.com/2/problems/not-authorized-for-resource',
    },
    reason: 'other',
  },
  {
    name: 'unsupported authentication',
    failure: { source: 'api', status: 403 },
    body: {
      detail: 'Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].',
      title: 'Unsupported Authentication',
      status: 403,
      type: 'https://api.twitter.com/2/problems/unsupported-authentication',
    },
    reason: 'other',
  },
  {
    name: 'usage cap reached',
    failure: { source: 'api', status: 429 },
    body: { title: 'UsageCapExceeded', detail: 'Usage cap exceeded: Monthly product cap', type: 'https://api.twitter.com/2/problems/usage-capped', period: 'Monthly', scope: 'Product' },
    reason: 'rate_limited',
  },
  {
    name: 'too many requests',
    failure: { source: 'api', status: 429 },
    body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
    reason: 'rate_limited',
  },
  {
    name: 'credits depleted (402)',
    failure: { source: 'api', status: 402 },
    body: { title: 'Payment Required', detail: 'Your enrolled account does not have any credits.', type: 'about:blank', status: 402 },
    reason: 'other',
  },
  {
    name: 'text too long',
    failure: { source: 'api', status: 400 },
    body: { title: 'Invalid Request', type: 'about:blank', status: 400, detail: 'Your Tweet text is too long.' },
    reason: 'other',
  },
  {
    name: 'service unavailable',
    failure: { source: 'api', status: 503 },
    body: { title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank', status: 503 },
    reason: 'transient',
  },
  {
    name: 'token endpoint 500',
    failure: { source: 'token_endpoint', status: 500 },
    body: { error: 'server_error' },
    reason: 'transient',
  },
]

describe('classifyX', () => {
  for (const sig of SIGNATURES) {
    it(`${sig.name} → ${sig.reason} (object body)`, () => {
      expect(classifyX({ ...sig.failure, body: sig.body }, NOW).reason).toBe(sig.reason)
    })
    it(`${sig.name} → ${sig.reason} (JSON string body)`, () => {
      expect(classifyX({ ...sig.failure, body: JSON.stringify(sig.body) }, NOW).reason).toBe(sig.reason)
    })
  }

  it('never puts token material or raw bodies into the sentence', () => {
    const secret = 'x_refresh_SECRETSECRET'
    for (const sig of SIGNATURES) {
      const c = classifyX({ ...sig.failure, body: { ...sig.body, refresh_token: secret, access_token: secret } }, NOW)
      expect(c.detail).not.toContain(secret)
      expect(c.detail.length).toBeGreaterThan(20)
    }
  })

  it('every table row is reachable and has a plain sentence', () => {
    for (const rule of X_ERROR_TABLE) {
      expect(rule.detail).toMatch(/[.!]$/)
      expect(rule.detail).not.toMatch(/undefined|\{|\}/)
    }
  })

  it('reads x-rate-limit-reset (epoch seconds) into retryAfterMs', () => {
    const reset = Math.floor(NOW / 1000) + 600
    const c = classifyX(
      {
        source: 'api',
        status: 429,
        headers: { 'x-rate-limit-limit': '75', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) },
        body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
      },
      NOW,
    )
    expect(c).toMatchObject({ reason: 'rate_limited', retryAfterMs: 600_000 })
  })

  it("prefers the server's Date header as now for the reset", () => {
    const serverNow = NOW + 30_000
    const reset = Math.floor(serverNow / 1000) + 120
    const c = classifyX(
      { source: 'api', status: 429, headers: { date: new Date(serverNow).toUTCString(), 'x-rate-limit-reset': String(reset) }, body: '' },
      NOW,
    )
    expect(c.retryAfterMs).toBe(120_000)
  })

  it('a usage cap carries the wait when X sends a reset', () => {
    const c = classifyX(
      {
        source: 'api',
        status: 429,
        headers: { 'x-rate-limit-reset': String(Math.floor(NOW / 1000) + 3600) },
        body: { title: 'UsageCapExceeded', type: 'https://api.twitter.com/2/problems/usage-capped' },
      },
      NOW,
    )
    expect(c).toMatchObject({ reason: 'rate_limited', retryAfterMs: 3_600_000 })
    expect(c.detail).toMatch(/usage cap/)
  })

  it('a 429 without headers is still rate_limited, just without a wait', () => {
    const c = classifyX({ source: 'api', status: 429, body: '<html>Too Many Requests</html>' }, NOW)
    expect(c.reason).toBe('rate_limited')
    expect(c.retryAfterMs).toBeUndefined()
  })

  describe('HTML and garbage bodies', () => {
    it('401 with an HTML page is still unknown_auth', () => {
      expect(classifyX({ source: 'api', status: 401, body: '<!doctype html><title>401</title>' }, NOW).reason).toBe('unknown_auth')
    })
    it('403 from an HTML edge page does not claim a missing scope', () => {
      expect(classifyX({ source: 'api', status: 403, body: '<html><body>Access denied</body></html>' }, NOW).reason).toBe('other')
    })
    it('403 HTML page about a locked account is account_action_required', () => {
      const body = '<html><p>This account is temporarily locked. Please log in to https://x.com to unlock your account.</p></html>'
      expect(classifyX({ source: 'api', status: 403, body }, NOW).reason).toBe('account_action_required')
    })
    it('502 HTML from a proxy is transient', () => {
      expect(classifyX({ source: 'api', status: 502, body: '<html><h1>502 Bad Gateway</h1></html>' }, NOW).reason).toBe('transient')
    })
    it('token endpoint 400 with garbage does not kill the refresh token', () => {
      expect(classifyX({ source: 'token_endpoint', status: 400, body: 'garbage{' }, NOW).reason).toBe('other')
    })
    it('a 2xx with an unreadable body is transient', () => {
      expect(classifyX({ source: 'api', status: 200, body: 'not json at all' }, NOW).reason).toBe('transient')
    })
    it('a transport failure is transient', () => {
      expect(classifyX({ source: 'transport', body: 'No answer from api.x.com within 20000 ms' }, NOW).reason).toBe('transient')
    })
    it('an empty 400 body is other', () => {
      expect(classifyX({ source: 'api', status: 400 }, NOW).reason).toBe('other')
    })
  })

  it('a token-endpoint body never counts as the API 401 signature', () => {
    expect(classifyX({ source: 'token_endpoint', status: 400, body: { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' } }, NOW).reason).not.toBe('unknown_auth')
  })

  it('is what the shared dispatcher uses for x', () => {
    const c = classifyProviderError('x', {
      source: 'token_endpoint',
      status: 400,
      body: '{"error":"invalid_request","error_description":"Value passed for the token was invalid."}',
    })
    expect(c.reason).toBe('refresh_token_dead')
  })
})
