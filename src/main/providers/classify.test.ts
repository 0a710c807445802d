import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PROBLEM_REASONS } from '../../shared/domain/health'
import { NETWORKS } from '../../shared/domain/network'
import { classifyProviderError } from './classify'
import { classifyFacebook } from './facebook/classify'
import { classifyLinkedIn } from './linkedin/classify'
import { classifyMastodon } from './mastodon/classify'
import type { ProviderFailure } from './types'
import { classifyX } from './x/classify'

const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    fc.string(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('error', 'code', 'error_subcode', 'type', 'status', 'title', 'message', 'serviceErrorCode', 'detail', 'errors', 'error_description', 'fbtrace_id'), tie('value'), { maxKeys: 6 }),
  ),
})).value

const body = fc.oneof(
  jsonish,
  jsonish.map((v) => JSON.stringify(v) ?? ''),
  fc.string(),
  fc.constant('<html><body><h1>502 Bad Gateway</h1></body></html>'),
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.constant(undefined),
)

const headers = fc.dictionary(
  fc.constantFrom('retry-after', 'x-rate-limit-reset', 'X-RateLimit-Reset', 'date', 'www-authenticate', 'x-app-usage', 'x-business-use-case-usage', 'content-type'),
  fc.oneof(fc.string(), fc.integer().map(String), fc.constant('{"123":[{"estimated_time_to_regain_access":5}]}'), fc.constant('Bearer error="invalid_token"')),
  { maxKeys: 5 },
)

describe('classifyProviderError', () => {
  it('never throws and always answers with a taxonomy reason and a sentence, whatever arrives', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NETWORKS),
        fc.record({
          source: fc.constantFrom('api', 'token_endpoint', 'transport'),
          status: fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
          headers: fc.option(headers, { nil: undefined }),
          body,
        }),
        fc.option(fc.integer({ min: 0, max: 4_000_000_000_000 }), { nil: undefined }),
        (network, failure, now) => {
          const result = classifyProviderError(network, failure as Parameters<typeof classifyProviderError>[1], now)
          expect(PROBLEM_REASONS).toContain(result.reason)
          expect(typeof result.detail).toBe('string')
          expect(result.detail.length).toBeGreaterThan(0)
          if (result.retryAfterMs !== undefined) {
            expect(Number.isFinite(result.retryAfterMs)).toBe(true)
            expect(result.retryAfterMs).toBeGreaterThanOrEqual(0)
          }
        },
      ),
      { numRuns: 3_000 },
    )
  })

  it('each network table copes with garbage on its own, without the safety net', () => {
    const tables = [classifyFacebook, classifyLinkedIn, classifyMastodon, classifyX]
    fc.assert(
      fc.property(
        fc.constantFrom(...tables),
        fc.record({ source: fc.constantFrom('api', 'token_endpoint', 'transport'), status: fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }), headers: fc.option(headers, { nil: undefined }), body }),
        (classify, failure) => {
          const result = classify(failure as ProviderFailure, 1_767_225_600_000)
          expect(PROBLEM_REASONS).toContain(result.reason)
        },
      ),
      { numRuns: 3_000 },
    )
  })

  it('treats transport failures and 5xx as transient on every network', () => {
    for (const network of NETWORKS) {
      expect(classifyProviderError(network, { source: 'transport', body: 'ECONNRESET' }).reason).toBe('transient')
      expect(classifyProviderError(network, { source: 'api', status: 503, body: '<html>Service Unavailable</html>' }).reason).toBe('transient')
    }
  })

  it('dispatches Instagram to the Graph API table with its own label', () => {
    const body = { error: { type: 'OAuthException', code: 190, error_subcode: 460, message: 'Error validating access token' } }
    const ig = classifyProviderError('instagram', { source: 'api', status: 400, body })
    expect(ig.reason).toBe('password_changed')
    expect(ig.detail).toMatch(/Instagram/)
  })
})
