import { describe, expect, it } from 'vitest'
import { classifyProviderError } from '../classify'
import type { ProviderFailure } from '../types'
import { classifyMastodon } from './classify'

/** Each body as Mastodon sends it, as an object, and as the raw JSON string. */
function bothForms(status: number, body: Record<string, unknown>, extra: Omit<ProviderFailure, 'status' | 'body' | 'source'> & { source?: ProviderFailure['source'] } = {}) {
  const source = extra.source ?? 'api'
  return [
    classifyMastodon({ ...extra, source, status, body }),
    classifyMastodon({ ...extra, source, status, body: JSON.stringify(body) }),
  ]
}

const DOORKEEPER_401 = (description: string): Record<string, string> => ({
  'www-authenticate': `Bearer realm="Doorkeeper", error="invalid_token", error_description="${description}"`,
})

describe('classifyMastodon: 401 (tokens never expire, so 401 means revoked or invalid)', () => {
  it.each([
    ['The access token is invalid', 'revoked_by_user'],
    ['The access token was revoked', 'revoked_by_user'],
    ['The access token expired', 'expired'],
    ['This method requires an authenticated user', 'revoked_by_user'],
    ['Not authorized', 'revoked_by_user'],
  ] as const)('%s → %s', (error, reason) => {
    for (const result of bothForms(401, { error }, { headers: DOORKEEPER_401(error) })) {
      expect(result.reason).toBe(reason)
      expect(result.detail).toMatch(/Mastodon/)
      expect(result.detail).toMatch(/refresh the connection/i)
    }
  })

  it('classifies by status code when an instance words or translates the sentence differently', () => {
    for (const result of bothForms(401, { error: 'Le jeton d’accès n’est pas valide' })) expect(result.reason).toBe('revoked_by_user')
  })

  it('leaves a 401 without Mastodon’s body (a proxy page, garbage, nothing) to a probe', () => {
    expect(classifyMastodon({ source: 'api', status: 401, body: '<html><body><h1>401 Authorization Required</h1></body></html>' }).reason).toBe(
      'unknown_auth',
    )
    expect(classifyMastodon({ source: 'api', status: 401, body: '{"error":' }).reason).toBe('unknown_auth')
    expect(classifyMastodon({ source: 'api', status: 401 }).reason).toBe('unknown_auth')
    expect(classifyMastodon({ source: 'api', status: 401, headers: DOORKEEPER_401('x') }).reason).toBe('unknown_auth')
  })

  it('never puts the raw body into the sentence', () => {
    const result = classifyMastodon({ source: 'api', status: 401, body: { error: 'The access token was revoked', token: 'ma_access_SECRET' } })
    expect(result.detail).not.toContain('SECRET')
  })
})

describe('classifyMastodon: 403', () => {
  it.each([
    'Your login is currently disabled',
    'Your login is missing a confirmed e-mail address',
    'Your login is currently pending approval',
    'Your account requires two-factor authentication',
    'Your account is suspended',
  ])('"%s" → account_action_required', (error) => {
    for (const result of bothForms(403, { error })) {
      expect(result.reason).toBe('account_action_required')
      expect(result.detail).toMatch(/then refresh the connection|refresh the connection/i)
    }
  })

  it('"This action is outside the authorized scopes" → scope_missing', () => {
    for (const result of bothForms(403, { error: 'This action is outside the authorized scopes' })) expect(result.reason).toBe('scope_missing')
  })

  it('reads Doorkeeper’s insufficient_scope header when the sentence is translated', () => {
    const result = classifyMastodon({
      source: 'api',
      status: 403,
      headers: { 'WWW-Authenticate': 'Bearer realm="Doorkeeper", error="insufficient_scope", error_description="…"' },
      body: { error: 'Diese Aktion liegt außerhalb der autorisierten Bereiche' },
    })
    expect(result.reason).toBe('scope_missing')
  })

  it('other refusals are not token problems', () => {
    for (const result of bothForms(403, { error: 'This action is not allowed' })) {
      expect(result.reason).toBe('other')
      expect(result.detail).toContain('This action is not allowed')
    }
    expect(classifyMastodon({ source: 'api', status: 403, body: '<html><title>Access denied</title></html>' }).reason).toBe('other')
  })
})

describe('classifyMastodon: validation and missing records', () => {
  it('422 validation errors → other, quoting Mastodon’s sentence', () => {
    for (const result of bothForms(422, { error: 'Validation failed: Text character limit of 500 exceeded' })) {
      expect(result.reason).toBe('other')
      expect(result.detail).toContain('character limit of 500')
    }
    expect(classifyMastodon({ source: 'api', status: 422, body: { error: 'Cannot attach files that have not finished processing. Try again in a moment!' } }).reason).toBe(
      'other',
    )
  })

  it('422 "requires an authenticated user" (no account behind the token) → probe first', () => {
    expect(classifyMastodon({ source: 'api', status: 422, body: { error: 'This method requires an authenticated user' } }).reason).toBe('unknown_auth')
  })

  it('404 Record not found → other', () => {
    for (const result of bothForms(404, { error: 'Record not found' })) expect(result.reason).toBe('other')
  })

  it('a very long sentence is shortened', () => {
    const result = classifyMastodon({ source: 'api', status: 422, body: { error: `Validation failed: ${'x'.repeat(1000)}` } })
    expect(result.detail.length).toBeLessThan(300)
  })
})

describe('classifyMastodon: token endpoint (RFC 6749 §5.2 as Doorkeeper sends it)', () => {
  it.each([
    ['invalid_grant', 'refresh_token_dead'],
    ['invalid_client', 'revoked_by_user'],
    ['invalid_scope', 'scope_missing'],
    ['unauthorized_client', 'other'],
    ['unsupported_grant_type', 'other'],
  ] as const)('%s → %s', (error, reason) => {
    for (const result of bothForms(error === 'invalid_client' ? 401 : error === 'unauthorized_client' ? 403 : 400, { error, error_description: 'x' }, { source: 'token_endpoint' })) {
      expect(result.reason).toBe(reason)
    }
  })
})

describe('classifyMastodon: rate limits and transient failures', () => {
  const reset = '2026-01-05T09:05:00.000000Z'

  it('429 with X-RateLimit-Reset (ISO 8601, microseconds) and the server’s Date → retryAfterMs', () => {
    for (const result of bothForms(429, { error: 'Too many requests' }, {
      headers: { 'X-RateLimit-Limit': '300', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset, Date: 'Mon, 05 Jan 2026 09:03:30 GMT' },
    })) {
      expect(result.reason).toBe('rate_limited')
      expect(result.retryAfterMs).toBe(90_000)
    }
  })

  it('falls back to the caller’s clock without a Date header', () => {
    const result = classifyMastodon(
      { source: 'api', status: 429, headers: { 'x-ratelimit-reset': reset }, body: { error: 'Too many requests' } },
      Date.UTC(2026, 0, 5, 9, 4, 0),
    )
    expect(result).toMatchObject({ reason: 'rate_limited', retryAfterMs: 60_000 })
  })

  it('a 429 without headers (or with garbage) is still rate_limited, without a wait', () => {
    const bare = classifyMastodon({ source: 'api', status: 429, body: '<html>Too Many Requests</html>' })
    expect(bare.reason).toBe('rate_limited')
    expect(bare.retryAfterMs).toBeUndefined()
    const odd = classifyMastodon({ source: 'api', status: 429, headers: { 'x-ratelimit-reset': 'soon' } }, Date.UTC(2026, 0, 5))
    expect(odd.retryAfterMs).toBeUndefined()
  })

  it('5xx in every shape → transient', () => {
    expect(classifyMastodon({ source: 'api', status: 503, body: { error: 'There was a temporary problem serving your request, please try again' } }).reason).toBe(
      'transient',
    )
    expect(classifyMastodon({ source: 'api', status: 503, body: '{"error":"Remote data could not be fetched"}' }).reason).toBe('transient')
    expect(classifyMastodon({ source: 'api', status: 502, body: '<html><head><title>502 Bad Gateway</title></head></html>' }).reason).toBe('transient')
    expect(classifyMastodon({ source: 'api', status: 500, body: 'We’re sorry, but something went wrong on our end.' }).reason).toBe('transient')
    expect(classifyMastodon({ source: 'token_endpoint', status: 504 }).reason).toBe('transient')
  })

  it('no answer at all → transient', () => {
    expect(classifyMastodon({ source: 'transport', body: 'No answer from mastodon.social within 20000 ms' }).reason).toBe('transient')
  })

  it('a 2xx that is not JSON → transient', () => {
    expect(classifyMastodon({ source: 'api', status: 200, body: '<!doctype html><p>maintenance' }).reason).toBe('transient')
  })
})

describe('dispatch', () => {
  it('classifyProviderError routes mastodon to this table', () => {
    expect(classifyProviderError('mastodon', { source: 'api', status: 403, body: '{"error":"Your login is currently disabled"}' }).reason).toBe(
      'account_action_required',
    )
    expect(classifyProviderError('mastodon', { source: 'api', status: 401, body: { error: 'The access token was revoked' } }).reason).toBe('revoked_by_user')
  })
})
