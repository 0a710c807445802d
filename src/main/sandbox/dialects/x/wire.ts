/**
 * X's answers: problem+json API errors, lookups that answer 200 with `errors`, the token
 * endpoint's RFC 6749 errors, and the rate-limit headers of every API answer.
 */
import { X_RATE_LIMITS, X_RATE_WINDOW_MS } from '../../../providers/x/config'
import { json, type DialectContext, type SandboxResponse } from '../../types'
import { httpDate, stateOf } from './state'

/** API errors are RFC 7807 problem details with `application/problem+json`. */
export function problem(ctx: DialectContext, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): SandboxResponse {
  return json(status, { ...body, status }, { 'content-type': 'application/problem+json', date: httpDate(ctx.now), ...headers })
}

export const unauthorized = (ctx: DialectContext): SandboxResponse =>
  // [obs] X sends no x-rate-limit-* headers with a 401.
  problem(ctx, 401, { title: 'Unauthorized', type: 'about:blank', detail: 'Unauthorized' })

export const forbidden = (ctx: DialectContext, detail = 'Forbidden'): SandboxResponse => problem(ctx, 403, { title: 'Forbidden', type: 'about:blank', detail })

/** [unconfirmed shape] v1.1 code 326's sentence in v2's problem form. */
export const LOCKED_DETAIL =
  'To protect our users from spam and other malicious activity, this account is temporarily locked. Please log in to https://x.com to unlock your account.'

export const invalidRequest = (ctx: DialectContext, detail: string, parameter?: string): SandboxResponse =>
  problem(ctx, 400, {
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.x.com/2/problems/invalid-request',
    errors: [{ message: detail, ...(parameter ? { parameters: { [parameter]: [] } } : {}) }],
  })

export function notFoundResource(ctx: DialectContext, kind: 'tweet' | 'user', id: string): SandboxResponse {
  // Lookups answer 200 with `errors` and no `data` for a missing resource.
  return ok(ctx, {
    errors: [
      {
        value: id,
        detail: `Could not find ${kind} with id: [${id}].`,
        title: 'Not Found Error',
        resource_type: kind,
        parameter: 'id',
        resource_id: id,
        type: 'https://api.x.com/2/problems/resource-not-found',
      },
    ],
  })
}

export function ok(ctx: DialectContext, body: unknown, status = 200, headers: Record<string, string> = {}): SandboxResponse {
  return json(status, body, { date: httpDate(ctx.now), ...headers })
}

/** Token endpoint errors: RFC 6749 §5.2 JSON carrying X's own sentences [obs]. */
export const oauthError = (ctx: DialectContext, status: number, error: string, description: string): SandboxResponse =>
  json(status, { error, error_description: description }, { date: httpDate(ctx.now), 'cache-control': 'no-store', pragma: 'no-cache' })

export const DEAD_TOKEN = 'Value passed for the token was invalid.'

export function rateHeaders(ctx: DialectContext, key: string, route: string): Record<string, string> {
  const limit = X_RATE_LIMITS[route] ?? 300
  const windowStart = Math.floor(ctx.now / X_RATE_WINDOW_MS) * X_RATE_WINDOW_MS
  const calls = stateOf(ctx.world).calls
  const counter = `${key}:${route}:${windowStart}`
  const used = (calls.get(counter) ?? 0) + 1
  calls.set(counter, used)
  return {
    'x-rate-limit-limit': String(limit),
    'x-rate-limit-remaining': String(Math.max(limit - used, 0)),
    'x-rate-limit-reset': String(Math.ceil((windowStart + X_RATE_WINDOW_MS) / 1000)),
  }
}
