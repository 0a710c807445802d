import { bearerError, bodyObject, classifyGeneric, header, num, obj, retryAfterFromHeaders, str, withWait } from '../classify-common'
import type { ClassifiedFailure, ProviderFailure } from '../types'
import {
  LINKEDIN_DAILY_LIMIT_MESSAGE,
  LINKEDIN_DEAD_REFRESH_MESSAGE,
  LINKEDIN_DETAILS,
  LINKEDIN_DUPLICATE_MESSAGE,
  LINKEDIN_ERROR_CODES,
  LINKEDIN_ERROR_MESSAGES,
  LINKEDIN_SERVICE_ERROR_CODES,
  LINKEDIN_TOKEN_ERRORS,
} from './config'

const LABEL = 'LinkedIn'
const DAY_MS = 24 * 60 * 60 * 1000

/** Milliseconds until the next midnight UTC on the server's clock (its `Date`), else the caller's. */
function untilUtcMidnight(headers: Record<string, string> | undefined, nowMs: number | undefined): number | undefined {
  const date = header(headers, 'date')
  const parsed = date === undefined ? Number.NaN : Date.parse(date)
  const now = Number.isFinite(parsed) ? parsed : nowMs
  if (now === undefined) return undefined
  return (Math.floor(now / DAY_MS) + 1) * DAY_MS - now
}

/**
 * The error rule a LinkedIn API body names: `code` first, then `serviceErrorCode` (65600 invalid,
 * 65601 revoked), then the message, because `serviceErrorCode` of an expired token is reported
 * inconsistently (platform-tokens.md §5).
 */
function apiRule(body: Record<string, unknown> | undefined) {
  if (!body) return undefined
  const code = str(body.code)
  if (code && LINKEDIN_ERROR_CODES[code]) return LINKEDIN_ERROR_CODES[code]
  const service = num(body.serviceErrorCode)
  const byService = service === undefined ? undefined : LINKEDIN_SERVICE_ERROR_CODES[service]
  if (byService) return LINKEDIN_ERROR_CODES[byService]
  const message = str(body.message) ?? str(body.error_description) ?? ''
  for (const [pattern, name] of LINKEDIN_ERROR_MESSAGES) if (pattern.test(message)) return LINKEDIN_ERROR_CODES[name]
  return undefined
}

function tokenEndpointRule(body: Record<string, unknown> | undefined) {
  if (!body) return undefined
  const error = str(body.error)
  const description = str(body.error_description) ?? ''
  if (error === 'invalid_grant' || LINKEDIN_DEAD_REFRESH_MESSAGE.test(description)) return LINKEDIN_TOKEN_ERRORS.invalid_grant
  return error ? LINKEDIN_TOKEN_ERRORS[error] : undefined
}

/**
 * LinkedIn's error table (PROVIDERS.md): 401 with `code` EXPIRED_ACCESS_TOKEN / REVOKED_ACCESS_TOKEN
 * / INVALID_ACCESS_TOKEN, 403 ACCESS_DENIED (scope; the adapter turns it into `role_lost` after
 * checking organisation ACLs), refresh past day 365 → `invalid_grant`, 429 daily quotas. Bodies may
 * arrive as objects, JSON strings, HTML or garbage; whatever is not recognised falls to the generic
 * OAuth rules.
 */
export function classifyLinkedIn(failure: ProviderFailure, nowMs?: number): ClassifiedFailure {
  if (failure.source === 'transport') return classifyGeneric(LABEL, failure, nowMs)
  const status = failure.status ?? 0
  const body = bodyObject(failure.body)

  if (status === 429) {
    const message = str(body?.message) ?? ''
    const wait =
      retryAfterFromHeaders(failure.headers, nowMs) ??
      (LINKEDIN_DAILY_LIMIT_MESSAGE.test(message) ? untilUtcMidnight(failure.headers, nowMs) : undefined)
    return withWait(
      {
        reason: 'rate_limited',
        detail: LINKEDIN_DAILY_LIMIT_MESSAGE.test(message) ? LINKEDIN_DETAILS.dailyLimit : LINKEDIN_DETAILS.throttled,
      },
      wait,
    )
  }
  if (status >= 500 || status === 408) return classifyGeneric(LABEL, failure, nowMs)

  if (failure.source === 'token_endpoint') {
    const rule = tokenEndpointRule(body)
    if (rule) return { reason: rule.reason, detail: rule.detail }
    return classifyGeneric(LABEL, failure, nowMs)
  }

  const rule = apiRule(body)
  // A rule only counts on the status it belongs to: a 2xx or 404 that mentions "revoked" is not a token problem.
  if (rule && (status === 401 || status === 403 || (rule.reason === 'other' && status >= 400))) {
    return { reason: rule.reason, detail: rule.detail }
  }
  if (status === 403 && !body && !bearerError(failure.headers)) {
    // An HTML 403 from LinkedIn's edge is not the API's ACCESS_DENIED; do not send anyone to reconnect.
    return { reason: 'other', detail: LINKEDIN_DETAILS.edgeForbidden }
  }
  if ((status === 400 || status === 409 || status === 422) && LINKEDIN_DUPLICATE_MESSAGE.test(str(body?.message) ?? '')) {
    return { reason: 'other', duplicate: true, detail: LINKEDIN_DETAILS.duplicate }
  }
  if (status === 422 || status === 400) {
    const nested = obj(body?.errorDetails)
    return {
      reason: 'other',
      detail: nested ? LINKEDIN_DETAILS.rejectedPart : LINKEDIN_DETAILS.rejected(status),
    }
  }
  return classifyGeneric(LABEL, failure, nowMs)
}
