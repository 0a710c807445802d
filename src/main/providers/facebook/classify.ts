import type { ProblemReason } from '../../../shared/domain/health'
import {
  bodyObject,
  classifyGeneric,
  header,
  num,
  obj,
  retryAfterFromHeaders,
  str,
  withWait,
} from '../classify-common'
import type { ClassifiedFailure, ProviderFailure } from '../types'
import { GRAPH_ERRORS, USAGE_HEADERS } from './config'

/** The parts of a Graph error envelope `{"error":{…}}` that classification reads. */
export interface GraphErrorInfo {
  code?: number
  subcode?: number
  type?: string
  message?: string
  isTransient: boolean
}

/**
 * Reads a Graph error from a body that may be an object, a JSON string, HTML or garbage. The
 * API puts the subcode in `error_subcode`; `debug_token` puts it in `subcode`.
 */
export function graphErrorOf(body: unknown): GraphErrorInfo | undefined {
  const error = obj(bodyObject(body)?.error)
  if (!error) return undefined
  const info: GraphErrorInfo = { isTransient: error.is_transient === true }
  const code = num(error.code)
  const subcode = num(error.error_subcode) ?? num(error.subcode)
  if (code !== undefined) info.code = code
  if (subcode !== undefined) info.subcode = subcode
  const type = str(error.type)
  if (type !== undefined) info.type = type
  const message = str(error.message)
  if (message !== undefined) info.message = message
  return info.code === undefined && info.type === undefined ? undefined : info
}

/**
 * Milliseconds until access returns, from `X-Business-Use-Case-Usage`: an object keyed by
 * business object id, each a list of usage entries whose `estimated_time_to_regain_access` is in
 * minutes (rate limiting guide). The longest wait wins; a plain `Retry-After` is honoured too.
 */
export function retryAfterFromGraphHeaders(headers: Record<string, string> | undefined, nowMs?: number): number | undefined {
  const raw = header(headers, USAGE_HEADERS.businessUseCase)
  let minutes: number | undefined
  if (raw) {
    try {
      const parsed: unknown = JSON.parse(raw)
      const groups = Array.isArray(parsed) ? [parsed] : Object.values(obj(parsed) ?? {})
      for (const group of groups) {
        if (!Array.isArray(group)) continue
        for (const entry of group) {
          const wait = num(obj(entry)?.estimated_time_to_regain_access)
          if (wait !== undefined && wait > 0) minutes = Math.max(minutes ?? 0, wait)
        }
      }
    } catch {
      // A malformed usage header says nothing about the wait; fall through to Retry-After.
    }
  }
  if (minutes !== undefined) return Math.min(minutes, 24 * 60) * 60_000
  return retryAfterFromHeaders(headers, nowMs)
}

const inRange = (code: number, [low, high]: readonly [number, number]): boolean => code >= low && code <= high

function isRateLimitCode(code: number): boolean {
  return (GRAPH_ERRORS.rateLimitCodes as readonly number[]).includes(code) || inRange(code, GRAPH_ERRORS.bucRateLimitRange)
}

function isPermissionCode(code: number): boolean {
  return (GRAPH_ERRORS.permissionCodes.single as readonly number[]).includes(code) || inRange(code, GRAPH_ERRORS.permissionCodes.range)
}

function tokenDetail(reason: ProblemReason, label: string, subcode: number | undefined): string {
  switch (reason) {
    case 'expired':
      return `${label} says the saved sign-in has expired. Refresh the connection to sign in again.`
    case 'password_changed':
      return `${label} ended the session because the account's password was changed (or for a security reason). Refresh the connection to sign in again.`
    case 'revoked_by_user':
      return subcode === 458
        ? `Relink was removed from the apps of this ${label} account. Refresh the connection to allow it again.`
        : `${label} ended this session (the person logged out or the access was withdrawn). Refresh the connection to sign in again.`
    case 'account_action_required':
      return `${label} wants the account owner to sign in on facebook.com and finish a step there (a security check or a confirmation). After that, refresh the connection.`
    case 'role_lost':
      return label === 'Instagram'
        ? 'The person who connected this account no longer has a role on the Facebook Page linked to it. A Page admin must give the role back; reconnecting alone will not help.'
        : 'The person who connected this Page no longer has a role on it. A Page admin must give the role back; reconnecting alone will not help.'
    default:
      return `${label} refused the saved sign-in without saying why. Relink will check the connection.`
  }
}

function classifyGraphError(error: GraphErrorInfo, failure: ProviderFailure, label: string, nowMs?: number): ClassifiedFailure | undefined {
  const code = error.code
  if (code === undefined) return undefined
  const message = error.message ?? ''

  if (code === GRAPH_ERRORS.invalidTokenCode) {
    const table: Partial<Record<number, ProblemReason>> = GRAPH_ERRORS.subcodes
    const reason = error.subcode !== undefined ? table[error.subcode] : undefined
    // 190 without a (known) subcode means "expired or revoked"; a debug_token probe decides.
    const resolved = reason ?? 'unknown_auth'
    return { reason: resolved, detail: tokenDetail(resolved, label, error.subcode) }
  }
  if (code === GRAPH_ERRORS.sessionCode) {
    return { reason: 'unknown_auth', detail: tokenDetail('unknown_auth', label, undefined) }
  }
  if (isRateLimitCode(code)) {
    const retryAfterMs = retryAfterFromGraphHeaders(failure.headers, nowMs)
    const wait = retryAfterMs !== undefined && retryAfterMs >= 60_000 ? ` about ${Math.ceil(retryAfterMs / 60_000)} minutes` : ''
    return withWait({ reason: 'rate_limited', detail: `${label} asked Relink to slow down. Relink will wait${wait} and try again.` }, retryAfterMs)
  }
  if (code === GRAPH_ERRORS.policyBlockCode) {
    return {
      reason: 'other',
      detail: `${label} temporarily blocked this action for policy reasons. Try again later; if it keeps happening, check the account's status on ${label}.`,
    }
  }
  if (code === GRAPH_ERRORS.duplicatePostCode) {
    return { reason: 'other', duplicate: true, detail: `${label} rejected the post because it repeats a recent one. Change the text before publishing again.` }
  }
  if (code === GRAPH_ERRORS.linkPostingErrorCode) {
    return { reason: 'other', detail: `${label} could not attach the link. Check that the link opens, then try again.` }
  }
  if (isPermissionCode(code)) {
    // Instagram answers "(#10) Not enough viewers for the media to show insights" (media insights).
    if (/not enough viewers/i.test(message)) {
      return { reason: 'other', detail: `${label} has no insights for this post yet because too few people saw it.` }
    }
    if (/data access/i.test(message) && /expir/i.test(message)) {
      return {
        reason: 'data_access_expired',
        detail: `${label} data access lapsed because the person has not used Relink with ${label} for 90 days. Refresh the connection to renew it.`,
      }
    }
    return {
      reason: 'scope_missing',
      detail: `${label} says a permission Relink needs is missing (declined, removed, or data access lapsed). Refresh the connection and allow every permission.`,
    }
  }
  if (failure.source === 'token_endpoint' && !error.isTransient) {
    if (code === 100 && (error.subcode === undefined || (GRAPH_ERRORS.codeExchangeSubcodes as readonly number[]).includes(error.subcode))) {
      return {
        reason: 'other',
        detail: `${label} did not accept the sign-in code (it expired, was already used, or belongs to another attempt). Start the connection again.`,
      }
    }
    if ((GRAPH_ERRORS.appConfigCodes as readonly number[]).includes(code)) {
      return { reason: 'other', detail: `${label} rejected Relink's app credentials. Check the App ID, App secret and redirect URI in Settings.` }
    }
  }
  if (error.isTransient || (GRAPH_ERRORS.transientCodes as readonly number[]).includes(code) || (failure.status ?? 0) >= 500) {
    return { reason: 'transient', detail: `${label} had a temporary problem. Relink will try again.` }
  }
  return { reason: 'other', detail: `${label} rejected the request (error ${code}${error.subcode !== undefined ? `/${error.subcode}` : ''}).` }
}

/** The Graph API's error table (PROVIDERS.md), shared by Facebook pages and Instagram. */
export function classifyFacebook(failure: ProviderFailure, nowMs?: number, label = 'Facebook'): ClassifiedFailure {
  if (failure.source !== 'transport') {
    const error = graphErrorOf(failure.body)
    const classified = error ? classifyGraphError(error, failure, label, nowMs) : undefined
    if (classified) return classified
    // Graph throttling rides on error codes, but a proxy in between may still answer 429.
    if (failure.status === 429) {
      return withWait(
        { reason: 'rate_limited', detail: `${label} asked Relink to slow down. Relink will wait and try again.` },
        retryAfterFromGraphHeaders(failure.headers, nowMs),
      )
    }
  }
  return classifyGeneric(label, failure, nowMs)
}
