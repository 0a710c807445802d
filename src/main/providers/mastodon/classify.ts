import { bearerError, bodyObject, classifyGeneric, retryAfterFromHeaders, str, withWait } from '../classify-common'
import type { ClassifiedFailure, ProviderFailure } from '../types'
import { MASTODON_ERRORS, type MastodonErrorRule } from './config'

const LABEL = 'Mastodon'
/** Validation sentences are shown to the user; keep them short. */
const MAX_QUOTED = 200

function quote(message: string): string {
  const oneLine = message.replace(/\s+/g, ' ').trim()
  return oneLine.length > MAX_QUOTED ? `${oneLine.slice(0, MAX_QUOTED - 1)}…` : oneLine
}

function firstMatch(rules: readonly MastodonErrorRule[], message: string): MastodonErrorRule | undefined {
  return rules.find((rule) => rule.pattern.test(message))
}

/**
 * Mastodon's error table (PROVIDERS.md, platform-tokens §11). API errors are
 * `{"error":"<sentence>"}`; the token endpoint speaks RFC 6749 (`error` + `error_description`).
 * Tokens never expire, so a 401 carrying Mastodon's `error` means revoked or invalid; a bare 401
 * (a proxy's HTML, garbage) is left to a probe as `unknown_auth`.
 */
export function classifyMastodon(failure: ProviderFailure, nowMs?: number): ClassifiedFailure {
  if (failure.source === 'transport') return classifyGeneric(LABEL, failure, nowMs)
  const status = failure.status ?? 0
  const body = bodyObject(failure.body)
  const error = str(body?.error)

  if (status === 429) {
    // Rack::Attack's answer: X-RateLimit-Reset is an ISO 8601 time (docs: api/rate-limits).
    return withWait(
      { reason: 'rate_limited', detail: `${LABEL} asked Relink to slow down (too many requests). Relink will wait and try again.` },
      retryAfterFromHeaders(failure.headers, nowMs),
    )
  }
  if (status >= 500 || status === 408) return classifyGeneric(LABEL, failure, nowMs)

  if (failure.source === 'token_endpoint' && error !== undefined) {
    const known = MASTODON_ERRORS.tokenEndpoint[error]
    if (known) return { reason: known.reason, detail: known.detail }
  }

  if (status === 401) {
    if (error === undefined) return classifyGeneric(LABEL, failure, nowMs)
    const rule = firstMatch(MASTODON_ERRORS.unauthorized, error)
    return rule ? { reason: rule.reason, detail: rule.detail } : { ...MASTODON_ERRORS.unauthorizedFallback }
  }

  if (status === 403) {
    const rule = error === undefined ? undefined : firstMatch(MASTODON_ERRORS.forbidden, error)
    if (rule) return { reason: rule.reason, detail: rule.detail }
    // Doorkeeper also says so in the RFC 6750 header when the scope is the problem.
    const scopeRule = MASTODON_ERRORS.forbidden.find((r) => r.reason === 'scope_missing')
    if (scopeRule && bearerError(failure.headers) === 'insufficient_scope') return { reason: scopeRule.reason, detail: scopeRule.detail }
    return {
      reason: 'other',
      detail: error ? `${LABEL} did not allow this: ${quote(error)}` : `${LABEL} did not allow this request (HTTP 403).`,
    }
  }

  if (status === 422 && error !== undefined) {
    // `require_user!` answers 422 when the token has no user behind it (an app-only token, or the
    // account is gone); a probe tells which.
    if (/requires an authenticated user/i.test(error)) {
      return { reason: 'unknown_auth', detail: `${LABEL} did not find an account behind Relink’s sign-in. Relink will check the connection.` }
    }
    return { reason: 'other', detail: `${LABEL} rejected the request: ${quote(error)}` }
  }

  if (status === 404 && error !== undefined) {
    return { reason: 'other', detail: `${LABEL} could not find it (it may have been deleted): ${quote(error)}` }
  }

  const generic = classifyGeneric(LABEL, failure, nowMs)
  if (generic.reason === 'other' && error !== undefined) {
    return { reason: 'other', detail: `${LABEL} rejected the request (HTTP ${status || 'unknown'}): ${quote(error)}` }
  }
  return generic
}
