import { describe, expect, it } from 'vitest'
import { classifyProviderError } from '../classify'
import type { ProviderFailure } from '../types'
import { classifyLinkedIn } from './classify'

/** Each body as LinkedIn sends it: an object, the same as a JSON string. */
const forms = (body: Record<string, unknown>): [string, unknown][] => [
  ['object', body],
  ['JSON string', JSON.stringify(body)],
]

const api = (status: number, body: unknown, headers?: Record<string, string>): ProviderFailure => ({ source: 'api', status, body, headers })
const tokenEndpoint = (status: number, body: unknown): ProviderFailure => ({ source: 'token_endpoint', status, body })

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0)

describe('classifyLinkedIn: 401 token signatures (classify on code first)', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    [
      'EXPIRED_ACCESS_TOKEN with 65601',
      { status: 401, serviceErrorCode: 65601, code: 'EXPIRED_ACCESS_TOKEN', message: 'The token used in the request has expired' },
      'expired',
    ],
    [
      'EXPIRED_ACCESS_TOKEN with 65600',
      { status: 401, serviceErrorCode: 65600, code: 'EXPIRED_ACCESS_TOKEN', message: 'The token used in the request has expired' },
      'expired',
    ],
    [
      'REVOKED_ACCESS_TOKEN 65601',
      { status: 401, serviceErrorCode: 65601, code: 'REVOKED_ACCESS_TOKEN', message: 'The token used in the request has been revoked by the user' },
      'revoked_by_user',
    ],
    ['INVALID_ACCESS_TOKEN 65600', { status: 401, serviceErrorCode: 65600, code: 'INVALID_ACCESS_TOKEN', message: 'Invalid access token' }, 'unknown_auth'],
    ['EMPTY_ACCESS_TOKEN 65604', { status: 401, serviceErrorCode: 65604, code: 'EMPTY_ACCESS_TOKEN', message: 'Empty oauth2 access token' }, 'unknown_auth'],
    ['serviceErrorCode 65601 without code', { status: 401, serviceErrorCode: 65601, message: 'Token revoked' }, 'revoked_by_user'],
    ['serviceErrorCode 65600 without code', { status: 401, serviceErrorCode: 65600, message: 'Invalid access token' }, 'unknown_auth'],
    ['expired message only', { status: 401, message: 'The token used in the request has expired' }, 'expired'],
    ['revoked message only', { status: 401, message: 'The token used in the request has been revoked by the user' }, 'revoked_by_user'],
  ]
  for (const [name, body, reason] of cases) {
    for (const [form, raw] of forms(body)) {
      it(`${name} (${form}) → ${reason}`, () => {
        const c = classifyLinkedIn(api(401, raw), NOW)
        expect(c.reason).toBe(reason)
        expect(c.detail.length).toBeGreaterThan(20)
      })
    }
  }

  it('lets code win over a contradicting serviceErrorCode', () => {
    expect(classifyLinkedIn(api(401, { serviceErrorCode: 65600, code: 'REVOKED_ACCESS_TOKEN', message: 'x' })).reason).toBe('revoked_by_user')
    expect(classifyLinkedIn(api(401, { serviceErrorCode: 65601, code: 'EXPIRED_ACCESS_TOKEN', message: 'x' })).reason).toBe('expired')
  })

  it('treats a bare 401, an HTML 401 and garbage as unknown_auth (Relink probes before deciding)', () => {
    expect(classifyLinkedIn(api(401, undefined)).reason).toBe('unknown_auth')
    expect(classifyLinkedIn(api(401, '<html><body><h1>401 Unauthorized</h1></body></html>')).reason).toBe('unknown_auth')
    expect(classifyLinkedIn(api(401, '{"status":401,"code":')).reason).toBe('unknown_auth')
  })

  it('reads RFC 6750 WWW-Authenticate when the body says nothing', () => {
    expect(classifyLinkedIn(api(401, '', { 'WWW-Authenticate': 'Bearer error="invalid_token"' })).reason).toBe('unknown_auth')
    expect(classifyLinkedIn(api(403, '', { 'www-authenticate': 'Bearer error="insufficient_scope"' })).reason).toBe('scope_missing')
  })
})

describe('classifyLinkedIn: 403 ACCESS_DENIED', () => {
  const body = { status: 403, serviceErrorCode: 100, code: 'ACCESS_DENIED', message: 'Not enough permissions to access: partnerApiPostsExternal.CREATE.20260501' }
  for (const [form, raw] of forms(body)) {
    it(`is scope_missing (${form}); the adapter refines it to role_lost from organisation ACLs`, () => {
      expect(classifyLinkedIn(api(403, raw)).reason).toBe('scope_missing')
    })
  }
  it('recognises serviceErrorCode 100 and the message without code', () => {
    expect(classifyLinkedIn(api(403, { status: 403, serviceErrorCode: 100, message: 'Not enough permissions to access: x' })).reason).toBe('scope_missing')
    expect(classifyLinkedIn(api(403, { status: 403, message: 'Not enough permissions to access: x' })).reason).toBe('scope_missing')
  })
  it('does not send anyone to reconnect for an HTML 403 from the edge', () => {
    expect(classifyLinkedIn(api(403, '<!DOCTYPE html><html><title>Forbidden</title></html>')).reason).toBe('other')
  })
})

describe('classifyLinkedIn: token endpoint', () => {
  const dead = { error: 'invalid_grant', error_description: 'The provided authorization grant or refresh token is invalid, expired or revoked.' }
  for (const [form, raw] of forms(dead)) {
    it(`refresh past day 365: invalid_grant → refresh_token_dead (${form})`, () => {
      const c = classifyLinkedIn(tokenEndpoint(400, raw))
      expect(c.reason).toBe('refresh_token_dead')
      expect(c.detail).toMatch(/365 days/)
    })
  }
  it('reads a dead refresh token from the description even under another error code', () => {
    expect(classifyLinkedIn(tokenEndpoint(400, { error: 'invalid_request', error_description: 'The provided refresh token has expired' })).reason).toBe(
      'refresh_token_dead',
    )
  })
  it('a failed code exchange (PKCE or redirect mismatch) is not a token-health problem', () => {
    const body = {
      error: 'invalid_request',
      error_description:
        'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired. Or external member binding exists',
    }
    for (const [, raw] of forms(body)) expect(classifyLinkedIn(tokenEndpoint(400, raw)).reason).toBe('other')
  })
  it('a wrong client secret points at the app settings, not at the member', () => {
    const c = classifyLinkedIn(tokenEndpoint(401, { error: 'invalid_client', error_description: 'Client authentication failed.' }))
    expect(c.reason).toBe('other')
    expect(c.detail).toMatch(/Settings/)
  })
  it('HTML from the token endpoint with a 5xx is transient', () => {
    expect(classifyLinkedIn(tokenEndpoint(502, '<html><body>Bad Gateway</body></html>')).reason).toBe('transient')
  })
})

describe('classifyLinkedIn: rate limits', () => {
  const daily = { status: 429, serviceErrorCode: 101, message: 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.' }

  it('a daily-limit 429 waits until the next midnight UTC on the server clock (Date header)', () => {
    for (const [, raw] of forms(daily)) {
      const c = classifyLinkedIn(api(429, raw, { date: 'Mon, 05 Jan 2026 21:30:00 GMT' }))
      expect(c.reason).toBe('rate_limited')
      expect(c.retryAfterMs).toBe(2.5 * 60 * 60 * 1000)
    }
  })

  it('falls back to the caller clock when there is no Date header', () => {
    const c = classifyLinkedIn(api(429, daily), NOW)
    expect(c.retryAfterMs).toBe(15 * 60 * 60 * 1000)
  })

  it('honours Retry-After when LinkedIn (or a proxy) sends one', () => {
    const seconds = classifyLinkedIn(api(429, daily, { 'Retry-After': '120' }), NOW)
    expect(seconds.retryAfterMs).toBe(120_000)
    const date = classifyLinkedIn(api(429, '', { 'retry-after': 'Mon, 05 Jan 2026 09:05:00 GMT', date: 'Mon, 05 Jan 2026 09:00:00 GMT' }))
    expect(date.retryAfterMs).toBe(5 * 60 * 1000)
  })

  it('an older throttle message without a period is rate_limited without a guessed wait', () => {
    const c = classifyLinkedIn(api(429, { serviceErrorCode: 101, message: 'Resource level throttle limit for calls to this resource is reached.', status: 429 }), NOW)
    expect(c.reason).toBe('rate_limited')
    expect(c.retryAfterMs).toBeUndefined()
  })

  it('an HTML 429 is still rate_limited', () => {
    expect(classifyLinkedIn(api(429, '<html>Too Many Requests</html>')).reason).toBe('rate_limited')
  })
})

describe('classifyLinkedIn: transient and other', () => {
  it('5xx in LinkedIn’s shape, as HTML and as garbage is transient', () => {
    expect(classifyLinkedIn(api(500, { message: 'Internal Server Error', status: 500 })).reason).toBe('transient')
    expect(classifyLinkedIn(api(503, JSON.stringify({ message: 'Service Unavailable', status: 503 }))).reason).toBe('transient')
    expect(classifyLinkedIn(api(504, '<html><body>Gateway Timeout</body></html>')).reason).toBe('transient')
    expect(classifyLinkedIn(api(502, '\u0000\u0001garbage')).reason).toBe('transient')
  })

  it('transport failures are transient', () => {
    expect(classifyLinkedIn({ source: 'transport', body: 'No answer from api.linkedin.com within 20000 ms' }).reason).toBe('transient')
  })

  it('a 2xx garbage body is transient', () => {
    expect(classifyLinkedIn(api(200, '<html>oops</html>')).reason).toBe('transient')
  })

  it('a missing or retired API version asks for an update, not a reconnect', () => {
    const missing = { status: 400, code: 'VERSION_MISSING', message: 'A version must be present.' }
    const gone = { status: 426, code: 'NONEXISTENT_VERSION', message: 'Requested version 20230101 is not active' }
    for (const body of [missing, gone]) {
      const c = classifyLinkedIn(api(body.status, body))
      expect(c.reason).toBe('other')
      expect(c.detail).toMatch(/Update Relink/)
    }
  })

  it('a duplicate post is not a token problem', () => {
    const c = classifyLinkedIn(api(422, { status: 422, message: 'Content is a duplicate of urn:li:share:7000000000000000001' }))
    expect(c.reason).toBe('other')
    expect(c.detail).toMatch(/repeats/)
  })

  it('token-looking words outside 401/403 do not disconnect anything', () => {
    expect(classifyLinkedIn(api(404, { status: 404, message: 'Comment was revoked' })).reason).toBe('other')
  })

  it('never echoes LinkedIn’s message or token material in the detail', () => {
    const secret = 'AQVsecrettokenvalue1234567890'
    const c = classifyLinkedIn(api(401, { status: 401, code: 'INVALID_ACCESS_TOKEN', message: `Invalid access token ${secret}` }))
    expect(c.detail).not.toContain(secret)
  })

  it('is wired into the dispatch', () => {
    expect(classifyProviderError('linkedin', { source: 'api', status: 401, body: { code: 'EXPIRED_ACCESS_TOKEN' } }).reason).toBe('expired')
  })
})
