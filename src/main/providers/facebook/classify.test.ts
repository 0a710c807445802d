import { describe, expect, it } from 'vitest'
import { classifyProviderError } from '../classify'
import type { ProviderFailure } from '../types'
import { classifyFacebook, graphErrorOf, retryAfterFromGraphHeaders } from './classify'
import { facebookAdapter } from './index'
import { instagramAdapter } from '../instagram/index'

/** A Graph error envelope as the network sends it. */
function graph(code: number, message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEf123', ...extra } }
}

/** The same body three ways: parsed object, raw JSON string, and pretty-printed JSON string. */
function shapes(body: Record<string, unknown>): [string, unknown][] {
  return [
    ['object', body],
    ['JSON string', JSON.stringify(body)],
    ['pretty JSON string', JSON.stringify(body, null, 2)],
  ]
}

const api = (status: number, body: unknown, headers?: Record<string, string>): ProviderFailure => ({ source: 'api', status, body, headers })

describe('classifyFacebook: OAuthException 190 and its subcodes', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    [
      '463 expired',
      graph(190, 'Error validating access token: Session has expired on Wednesday, 07-Jan-26 22:00:00 PST. The current time is Wednesday, 07-Jan-26 22:05:47 PST.', { error_subcode: 463 }),
      'expired',
    ],
    [
      '460 password changed',
      graph(190, 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.', { error_subcode: 460 }),
      'password_changed',
    ],
    ['458 app removed', graph(190, 'Error validating access token: The user has not authorized application 123456.', { error_subcode: 458 }), 'revoked_by_user'],
    ['467 logged out / invalid', graph(190, 'Error validating access token: The session is invalid because the user logged out.', { error_subcode: 467 }), 'revoked_by_user'],
    [
      '459 checkpoint',
      graph(190, 'Error validating access token: You cannot access the app till you log in to www.facebook.com and follow the instructions given.', { error_subcode: 459 }),
      'account_action_required',
    ],
    [
      '464 unconfirmed user',
      graph(190, 'Error validating access token: Sessions for the user are not allowed because the user is not a confirmed user.', { error_subcode: 464 }),
      'account_action_required',
    ],
    [
      '492 role lost',
      graph(190, 'The user must be an administrator, editor, or moderator of the page in order to impersonate it.', { error_subcode: 492 }),
      'role_lost',
    ],
    ['190 without subcode', graph(190, 'Invalid OAuth access token - Cannot parse access token'), 'unknown_auth'],
    ['190 with an unlisted subcode', graph(190, 'Error validating access token', { error_subcode: 452 }), 'unknown_auth'],
    ['102 API session', graph(102, 'Session key invalid or no longer valid'), 'unknown_auth'],
  ]
  for (const [name, body, reason] of cases) {
    for (const [shape, raw] of shapes(body)) {
      it(`${name} (${shape}) → ${reason}`, () => {
        expect(classifyFacebook(api(400, raw)).reason).toBe(reason)
      })
    }
  }

  it('reads the subcode when it arrives as a string, or under debug_token’s `subcode` key', () => {
    expect(classifyFacebook(api(400, { error: { code: 190, error_subcode: '460', type: 'OAuthException' } })).reason).toBe('password_changed')
    expect(classifyFacebook(api(200, { error: { code: 190, subcode: 463, message: 'expired' } })).reason).toBe('expired')
  })

  it('classifies 190 by its body even when a proxy turned the status into 500 or 401', () => {
    expect(classifyFacebook(api(500, graph(190, 'x', { error_subcode: 460 }))).reason).toBe('password_changed')
    expect(classifyFacebook(api(401, graph(190, 'x', { error_subcode: 492 }))).reason).toBe('role_lost')
  })
})

describe('classifyFacebook: permission errors (10, 200–299)', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['10 permission denied', graph(10, '(#10) Application does not have permission for this action'), 'scope_missing'],
    ['10 endpoint requires a permission', graph(10, "(#10) This endpoint requires the 'pages_read_engagement' permission."), 'scope_missing'],
    ['200 permissions error', graph(200, '(#200) Requires pages_manage_posts permission to manage the object'), 'scope_missing'],
    ['230 permission range', graph(230, '(#230) Requires pages_messaging permission to manage the object'), 'scope_missing'],
    ['299 upper bound', graph(299, '(#299) Requires extended permission'), 'scope_missing'],
    ['10 data access expired', graph(10, '(#10) Data access for this app has expired. The person must log in again.'), 'data_access_expired'],
    ['10 not enough viewers (Instagram media insights)', graph(10, '(#10) Not enough viewers for the media to show insights'), 'other'],
  ]
  for (const [name, body, reason] of cases) {
    for (const [shape, raw] of shapes(body)) {
      it(`${name} (${shape}) → ${reason}`, () => {
        expect(classifyFacebook(api(403, raw)).reason).toBe(reason)
      })
    }
  }

  it('300 is outside the permission range', () => {
    expect(classifyFacebook(api(400, graph(300, 'Edit failure'))).reason).toBe('other')
  })
})

describe('classifyFacebook: throttling', () => {
  const codes: [number, string][] = [
    [4, '(#4) Application request limit reached'],
    [17, '(#17) User request limit reached'],
    [32, '(#32) Page request limit reached'],
    [613, '(#613) Calls to this api have exceeded the rate limit.'],
    [80001, '(#80001) There have been too many calls to this Page account. Wait a bit and try again.'],
    [80002, '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again.'],
    [341, '(#341) Application limit reached'],
  ]
  for (const [code, message] of codes) {
    for (const [shape, raw] of shapes(graph(code, message, { is_transient: true }))) {
      it(`code ${code} (${shape}) → rate_limited`, () => {
        expect(classifyFacebook(api(400, raw)).reason).toBe('rate_limited')
      })
    }
  }

  it('turns estimated_time_to_regain_access (minutes) into retryAfterMs', () => {
    const headers = {
      'X-Business-Use-Case-Usage': JSON.stringify({
        '1290000000000001': [{ type: 'pages', call_count: 100, total_cputime: 20, total_time: 25, estimated_time_to_regain_access: 12 }],
      }),
    }
    const c = classifyFacebook(api(400, graph(80001, 'too many calls'), headers))
    expect(c).toMatchObject({ reason: 'rate_limited', retryAfterMs: 12 * 60_000 })
    expect(c.detail).toContain('about 12 minutes')
  })

  it('takes the longest wait across businesses and use cases', () => {
    const headers = {
      'x-business-use-case-usage': JSON.stringify({
        a: [{ type: 'pages', estimated_time_to_regain_access: 3 }],
        b: [
          { type: 'instagram', estimated_time_to_regain_access: 0 },
          { type: 'pages', estimated_time_to_regain_access: 30 },
        ],
      }),
    }
    expect(retryAfterFromGraphHeaders(headers)).toBe(30 * 60_000)
  })

  it('has no wait when only X-App-Usage (percentages) is present, or the usage header is garbage', () => {
    const appUsage = { 'x-app-usage': JSON.stringify({ call_count: 100, total_cputime: 40, total_time: 41 }) }
    expect(classifyFacebook(api(400, graph(4, 'limit'), appUsage)).retryAfterMs).toBeUndefined()
    expect(classifyFacebook(api(400, graph(4, 'limit'), { 'x-business-use-case-usage': '{not json' })).retryAfterMs).toBeUndefined()
    expect(retryAfterFromGraphHeaders({ 'x-business-use-case-usage': JSON.stringify({ a: [{ estimated_time_to_regain_access: 0 }] }) })).toBeUndefined()
  })

  it('falls back to Retry-After, and treats a bare 429 from a proxy as throttling', () => {
    expect(classifyFacebook(api(400, graph(17, 'limit'), { 'retry-after': '90' })).retryAfterMs).toBe(90_000)
    expect(classifyFacebook(api(429, '<html><body>Too Many Requests</body></html>', { 'Retry-After': '30' }))).toMatchObject({
      reason: 'rate_limited',
      retryAfterMs: 30_000,
    })
  })

  it('drops an out-of-range wait through the dispatcher', () => {
    const headers = { 'x-business-use-case-usage': JSON.stringify({ a: [{ estimated_time_to_regain_access: 5 }] }) }
    expect(classifyProviderError('facebook', api(400, graph(80001, 'x'), headers)).retryAfterMs).toBe(300_000)
  })
})

describe('classifyFacebook: not token problems', () => {
  it('368 policy block → other, try later', () => {
    for (const [, raw] of shapes(graph(368, 'The action attempted has been deemed abusive or is otherwise disallowed'))) {
      const c = classifyFacebook(api(400, raw))
      expect(c.reason).toBe('other')
      expect(c.detail).toMatch(/later/)
    }
  })

  it('506 duplicate post → other', () => {
    for (const [, raw] of shapes(graph(506, '(#506) Duplicate status message'))) {
      const c = classifyFacebook(api(400, raw))
      expect(c.reason).toBe('other')
      expect(c.detail).toMatch(/repeats a recent one/)
    }
  })

  it('1609005 link posting error → other', () => {
    expect(classifyFacebook(api(400, graph(1_609_005, 'Error Posting Link'))).reason).toBe('other')
  })

  it('100 invalid parameter → other with the code in the detail', () => {
    const c = classifyFacebook(api(400, graph(100, '(#100) The value must be a valid insights metric')))
    expect(c).toMatchObject({ reason: 'other' })
    expect(c.detail).toContain('100')
  })
})

describe('classifyFacebook: token endpoint', () => {
  const endpoint = (body: unknown): ProviderFailure => ({ source: 'token_endpoint', status: 400, body })

  it('a spent, expired or mismatched code asks to start again', () => {
    for (const subcode of [36009, 36007, 36008]) {
      const c = classifyFacebook(endpoint(graph(100, 'This authorization code has been used.', { error_subcode: subcode })))
      expect(c.reason).toBe('other')
      expect(c.detail).toMatch(/Start the connection again/)
    }
    expect(classifyFacebook(endpoint(JSON.stringify(graph(100, 'Invalid code verifier.')))).reason).toBe('other')
  })

  it('a wrong secret, app id or redirect URI points to Settings', () => {
    for (const [code, message] of [
      [1, 'Error validating client secret.'],
      [101, 'Error validating application. Invalid application ID.'],
      [191, "Can't load URL: The domain of this URL isn't included in the app's domains."],
    ] as const) {
      const c = classifyFacebook(endpoint(graph(code, message)))
      expect(c.reason).toBe('other')
      expect(c.detail).toMatch(/Settings/)
    }
  })

  it('an expired token given to fb_exchange_token is expired', () => {
    expect(classifyFacebook(endpoint(graph(190, 'Session has expired', { error_subcode: 463 }))).reason).toBe('expired')
  })
})

describe('classifyFacebook: transient answers', () => {
  it('5xx with Graph’s retry-later codes', () => {
    expect(classifyFacebook(api(500, graph(1, 'An unknown error has occurred.', { is_transient: true }))).reason).toBe('transient')
    expect(classifyFacebook(api(503, JSON.stringify(graph(2, 'Service temporarily unavailable', { is_transient: true })))).reason).toBe('transient')
    expect(classifyFacebook(api(400, graph(2, 'An unexpected error has occurred. Please retry your request later.'))).reason).toBe('transient')
  })

  it('5xx with HTML or garbage bodies', () => {
    expect(classifyFacebook(api(502, '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>')).reason).toBe('transient')
    expect(classifyFacebook(api(504, '\u0000\u0001garbage')).reason).toBe('transient')
  })

  it('2xx whose body is not JSON', () => {
    expect(classifyFacebook(api(200, '<html>Sorry, something went wrong.</html>')).reason).toBe('transient')
    expect(classifyFacebook(api(200, '{"data": [')).reason).toBe('transient')
  })

  it('no answer at all', () => {
    expect(classifyFacebook({ source: 'transport', body: 'No answer from graph.facebook.com within 200 ms' }).reason).toBe('transient')
  })
})

describe('classifyFacebook: bodies that are not Graph errors', () => {
  it('a bare 401 HTML page → unknown_auth', () => {
    expect(classifyFacebook(api(401, '<html><body>Unauthorized</body></html>')).reason).toBe('unknown_auth')
  })

  it('a 400 with garbage → other', () => {
    expect(classifyFacebook(api(400, 'not json at all')).reason).toBe('other')
    expect(classifyFacebook(api(400, { error: 'a string, not an object' })).reason).toBe('other')
  })

  it('graphErrorOf reads objects and JSON strings, and ignores HTML', () => {
    expect(graphErrorOf(graph(190, 'x', { error_subcode: 463 }))).toMatchObject({ code: 190, subcode: 463, type: 'OAuthException' })
    expect(graphErrorOf(JSON.stringify(graph(4, 'x', { is_transient: true })))).toMatchObject({ code: 4, isTransient: true })
    expect(graphErrorOf('<html>{"error":{"code":190}}</html>')).toBeUndefined()
  })
})

describe('classification details', () => {
  it('uses the Instagram label through the dispatcher and the adapter', () => {
    const body = graph(190, 'x', { error_subcode: 460 })
    expect(classifyProviderError('instagram', api(400, body)).detail).toContain('Instagram')
    expect(instagramAdapter.classify(api(400, graph(4, 'x'))).detail).toContain('Instagram')
    expect(facebookAdapter.classify(api(400, body)).detail).toContain('Facebook')
  })

  it('tells Instagram users the lost role is on the linked Page', () => {
    expect(classifyFacebook(api(400, graph(190, 'x', { error_subcode: 492 })), undefined, 'Instagram').detail).toMatch(/Facebook Page linked/)
  })

  it('never repeats token material from the raw message', () => {
    const token = 'EAAGm0PX4ZCpsBAKZAsecretTOKENvalue123'
    for (const code of [190, 10, 200, 4, 100, 368, 506]) {
      const c = classifyFacebook(api(400, graph(code, `Error with access_token=${token}`, { error_subcode: 460 })))
      expect(c.detail).not.toContain(token)
      expect(c.detail.length).toBeGreaterThan(20)
    }
  })

  it('every token reason has a sentence that says what to do', () => {
    for (const subcode of [458, 459, 460, 463, 464, 467, 492]) {
      const c = classifyFacebook(api(400, graph(190, 'x', { error_subcode: subcode })))
      expect(c.detail).toMatch(/\.$/)
      expect(c.detail).toMatch(/connection|role|sign in/i)
    }
  })
})
