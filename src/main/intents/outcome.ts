import { TOKEN_PROBLEM_REASONS, type ProblemReason } from '../../shared/domain/health'
import { HttpTransportError } from '../ports'
import { ProviderError } from '../providers/provider-error'

/**
 * What a failed write to a network (a publish, a reply, a hide …) tells about its effect, which
 * decides what may happen next:
 * - `not_sent`: no connection was ever made (offline): nothing was created; wait and retry.
 * - `rate_limited`: the network refused before accepting anything; wait as it says.
 * - `refused_server`: a 5xx answer: most likely nothing was created, but some networks act and
 *   still answer 5xx, so the next attempt first looks for the effect (the intent stays).
 * - `unknown`: the request may have been accepted (timeout, reset, a 2xx answer Relink could not
 *   read, anything unexpected): look it up now; never send again blindly (anchors §2.1).
 * - `token`: the sign-in does not work for this channel: report it to the lifecycle and hold.
 * - `rejected`: the network said no for a reason retrying cannot fix (content, duplicate, policy).
 */
export type WriteOutcome =
  | { kind: 'not_sent' }
  | { kind: 'rate_limited'; retryAfterMs: number | undefined }
  | { kind: 'refused_server' }
  | { kind: 'unknown' }
  | { kind: 'token'; reason: ProblemReason }
  | { kind: 'rejected' }

/**
 * Error codes that mean the TCP connection was never established, so no request reached the
 * network (Node's `connect()` errors and undici's connect timeout).
 */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'UND_ERR_CONNECT_TIMEOUT'])

export const isTokenReason = (reason: ProblemReason): boolean => TOKEN_PROBLEM_REASONS.has(reason)

/** Every `code` found along an error's cause chain (and inside AggregateErrors), a few levels deep. */
export function errorCodes(err: unknown, depth = 0): string[] {
  if (depth > 6 || err === null || typeof err !== 'object') return []
  const codes: string[] = []
  const code = (err as { code?: unknown }).code
  if (typeof code === 'string') codes.push(code)
  const nested = (err as { errors?: unknown }).errors
  if (Array.isArray(nested)) for (const e of nested) codes.push(...errorCodes(e, depth + 1))
  codes.push(...errorCodes((err as { cause?: unknown }).cause, depth + 1))
  return codes
}

/** True when the failure proves the request never left this computer. */
export function neverConnected(err: unknown): boolean {
  if (err instanceof ProviderError) return neverConnected(err.cause)
  if (!(err instanceof HttpTransportError) || err.kind !== 'network') return false
  const codes = errorCodes(err.cause)
  return codes.length > 0 && codes.every((c) => NOT_CONNECTED.has(c))
}

/** Classifies what a write's call threw (see {@link WriteOutcome}). */
export function classifyOutcome(err: unknown): WriteOutcome {
  if (!(err instanceof ProviderError)) return { kind: 'unknown' }
  if (err.failure.source === 'transport') return neverConnected(err) ? { kind: 'not_sent' } : { kind: 'unknown' }
  const status = err.failure.status
  if (status !== undefined && status >= 200 && status < 300) return { kind: 'unknown' }
  const reason = err.classified.reason
  if (reason === 'rate_limited') return { kind: 'rate_limited', retryAfterMs: err.classified.retryAfterMs }
  if (reason === 'transient') return status === undefined ? { kind: 'unknown' } : { kind: 'refused_server' }
  if (isTokenReason(reason)) return { kind: 'token', reason }
  return { kind: 'rejected' }
}
