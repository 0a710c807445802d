/**
 * Building blocks every network's classifier shares: reading whatever body arrived (object,
 * JSON string, HTML, garbage), rate-limit waits from headers, and the generic OAuth rules of
 * RFC 6749 §5.2 and RFC 6750 §3.1 that apply when a network says nothing more specific.
 */
import type { ClassifiedFailure, ProviderFailure } from './types'

export type JsonObject = Record<string, unknown>

/** The body as an object when it is one (or a JSON string of one); otherwise undefined. */
export function bodyObject(body: unknown): JsonObject | undefined {
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) return body as JsonObject
  if (typeof body === 'string') {
    const t = body.trim()
    if (!t.startsWith('{')) return undefined
    try {
      const parsed: unknown = JSON.parse(t)
      return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as JsonObject) : undefined
    } catch {
      return undefined
    }
  }
  return undefined
}

/** The body as text, for substring checks on messages; objects are stringified. */
export function bodyText(body: unknown): string {
  if (typeof body === 'string') return body
  if (body === undefined || body === null) return ''
  try {
    return JSON.stringify(body) ?? ''
  } catch {
    return ''
  }
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
export const num = (v: unknown): number | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return v
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v)
  return undefined
}
export const obj = (v: unknown): JsonObject | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : undefined

/** Case-insensitive header lookup. */
export function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined
  const want = name.toLowerCase()
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === want && typeof v === 'string') return v
  return undefined
}

/**
 * The server's idea of "now": its `Date` header, falling back to the caller's clock. Reset
 * headers are absolute times on the server's clock, so the difference needs the same clock.
 */
function serverNow(headers: Record<string, string> | undefined, nowMs: number | undefined): number | undefined {
  const date = header(headers, 'date')
  if (date) {
    const t = Date.parse(date)
    if (Number.isFinite(t)) return t
  }
  return nowMs
}

const MAX_WAIT_MS = 24 * 60 * 60 * 1000
const clampWait = (ms: number): number => Math.min(Math.max(Math.round(ms), 0), MAX_WAIT_MS)

/**
 * Milliseconds to wait from rate-limit headers: `Retry-After` (seconds or HTTP date, RFC 9110
 * §10.2.3), `x-rate-limit-reset` (X: epoch seconds), `X-RateLimit-Reset` (Mastodon: ISO time).
 */
export function retryAfterFromHeaders(headers: Record<string, string> | undefined, nowMs?: number): number | undefined {
  const retryAfter = header(headers, 'retry-after')
  if (retryAfter !== undefined) {
    const seconds = num(retryAfter)
    if (seconds !== undefined) return clampWait(seconds * 1000)
    const at = Date.parse(retryAfter)
    const now = serverNow(headers, nowMs)
    if (Number.isFinite(at) && now !== undefined) return clampWait(at - now)
  }
  const reset = header(headers, 'x-rate-limit-reset') ?? header(headers, 'x-ratelimit-reset')
  if (reset !== undefined) {
    const now = serverNow(headers, nowMs)
    const asNumber = num(reset)
    if (asNumber !== undefined) {
      // Epoch seconds when it looks like one; some servers send seconds-until-reset instead.
      if (asNumber > 1e9) return now === undefined ? undefined : clampWait(asNumber * 1000 - now)
      return clampWait(asNumber * 1000)
    }
    const at = Date.parse(reset)
    if (Number.isFinite(at) && now !== undefined) return clampWait(at - now)
  }
  return undefined
}

/** Parses `WWW-Authenticate: Bearer error="…"` (RFC 6750 §3). */
export function bearerError(headers: Record<string, string> | undefined): string | undefined {
  const value = header(headers, 'www-authenticate')
  if (!value) return undefined
  const match = /error="([^"]+)"/i.exec(value)
  return match?.[1]
}

/** Rules that hold on every network when its own table has nothing more specific. */
export function classifyGeneric(label: string, failure: ProviderFailure, nowMs?: number): ClassifiedFailure {
  if (failure.source === 'transport') {
    return { reason: 'transient', detail: `Relink could not reach ${label}. It will try again when the connection is back.` }
  }
  const status = failure.status ?? 0
  if (status === 429) {
    const retryAfterMs = retryAfterFromHeaders(failure.headers, nowMs)
    return withWait({ reason: 'rate_limited', detail: `${label} asked Relink to slow down. Relink will wait and try again.` }, retryAfterMs)
  }
  if (status >= 500 || status === 408) {
    return { reason: 'transient', detail: `${label} had a temporary problem (HTTP ${status}). Relink will try again.` }
  }
  const body = bodyObject(failure.body)
  const oauthError = str(body?.error)
  if (failure.source === 'token_endpoint' && oauthError === 'invalid_grant') {
    return { reason: 'refresh_token_dead', detail: `${label} no longer accepts Relink's saved sign-in. Refresh the connection to sign in again.` }
  }
  const wwwError = bearerError(failure.headers)
  if (wwwError === 'insufficient_scope' || oauthError === 'insufficient_scope') {
    return { reason: 'scope_missing', detail: `${label} says a permission Relink needs was not granted. Refresh the connection and allow every permission.` }
  }
  if (wwwError === 'invalid_token' || status === 401) {
    return { reason: 'unknown_auth', detail: `${label} refused the saved sign-in without saying why. Relink will check the connection.` }
  }
  if (typeof failure.body === 'string' && bodyObject(failure.body) === undefined && status >= 200 && status < 300) {
    return { reason: 'transient', detail: `${label} sent an answer Relink could not read. Relink will try again.` }
  }
  return { reason: 'other', detail: `${label} rejected the request (HTTP ${status || 'unknown'}).` }
}

export function withWait(c: ClassifiedFailure, retryAfterMs: number | undefined): ClassifiedFailure {
  return retryAfterMs === undefined ? c : { ...c, retryAfterMs }
}
