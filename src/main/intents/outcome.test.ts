import { describe, expect, it } from 'vitest'
import { HttpTransportError } from '../ports'
import { ProviderError } from '../providers/provider-error'
import type { ClassifiedFailure, ProviderFailure } from '../providers/types'
import { neverConnected, classifyOutcome } from './outcome'

const api = (status: number, classified: ClassifiedFailure) => new ProviderError('x', classified, { source: 'api', status } satisfies ProviderFailure)
const transport = (cause: HttpTransportError) => new ProviderError('x', { reason: 'transient', detail: 'unreachable' }, { source: 'transport', body: cause.message }, { cause })
const withCode = (code: string) => Object.assign(new Error(code), { code })

describe('classifyOutcome', () => {
  it('retries offline only when the connection was never made', () => {
    const refused = new HttpTransportError('network', 'Could not reach', { cause: new TypeError('fetch failed', { cause: withCode('ECONNREFUSED') }) })
    expect(classifyOutcome(transport(refused))).toEqual({ kind: 'not_sent' })
    const dns = new HttpTransportError('network', 'Could not reach', { cause: new TypeError('fetch failed', { cause: new AggregateError([withCode('ENOTFOUND'), withCode('EAI_AGAIN')]) }) })
    expect(neverConnected(dns)).toBe(true)
    // A reset after the request went out may have created the post.
    const reset = new HttpTransportError('network', 'Could not reach', { cause: new TypeError('fetch failed', { cause: withCode('ECONNRESET') }) })
    expect(classifyOutcome(transport(reset))).toEqual({ kind: 'unknown' })
    expect(classifyOutcome(transport(new HttpTransportError('timeout', 'No answer')))).toEqual({ kind: 'unknown' })
    expect(classifyOutcome(transport(new HttpTransportError('network', 'no cause')))).toEqual({ kind: 'unknown' })
  })

  it('treats an accepted but unreadable answer as unknown, a 5xx as refused, and waits as a 429 says', () => {
    expect(classifyOutcome(api(201, { reason: 'transient', detail: 'no id' }))).toEqual({ kind: 'unknown' })
    expect(classifyOutcome(api(503, { reason: 'transient', detail: 'down' }))).toEqual({ kind: 'refused_server' })
    expect(classifyOutcome(api(429, { reason: 'rate_limited', retryAfterMs: 900_000, detail: 'slow down' }))).toEqual({ kind: 'rate_limited', retryAfterMs: 900_000 })
  })

  it('separates token problems from refusals, and never retries something unexpected', () => {
    expect(classifyOutcome(api(401, { reason: 'revoked_by_user', detail: 'removed' }))).toEqual({ kind: 'token', reason: 'revoked_by_user' })
    expect(classifyOutcome(api(401, { reason: 'unknown_auth', detail: '401' }))).toEqual({ kind: 'token', reason: 'unknown_auth' })
    expect(classifyOutcome(api(403, { reason: 'other', detail: 'duplicate' }))).toEqual({ kind: 'rejected' })
    expect(classifyOutcome(new Error('bug'))).toEqual({ kind: 'unknown' })
  })
})
