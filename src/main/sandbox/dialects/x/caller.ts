/**
 * Authentication of API calls: the bearer token checked against the world, the scopes each route
 * needs, and X's bare 401 and 403 answers when they do not hold.
 */
import type { DialectContext, SandboxRequest, SandboxResponse } from '../../types'
import type { SandboxUser, TokenRecord } from '../../world'
import { forbidden, LOCKED_DETAIL, rateHeaders, unauthorized } from './wire'

/** Scopes each API route needs (docs.x.com endpoint references). */
export const NEEDS = {
  me: ['tweet.read', 'users.read'],
  read: ['tweet.read', 'users.read'],
  write: ['tweet.read', 'tweet.write', 'users.read'],
  hide: ['tweet.read', 'users.read', 'tweet.moderate.write'],
  like: ['tweet.read', 'users.read', 'like.write'],
  likers: ['tweet.read', 'users.read', 'like.read'],
  media: ['media.write'],
} as const

type Authed = { ok: true; user: SandboxUser; token: TokenRecord; rate: Record<string, string> } | { ok: false; response: SandboxResponse }

export function authorizeCall(req: SandboxRequest, ctx: DialectContext, needs: readonly string[], route: string): Authed {
  const checked = ctx.world.check(req.bearer, ['access'])
  if (!checked.ok) {
    // Expired, revoked, app removed, password changed: X says only "Unauthorized".
    if (checked.problem === 'action_required') return { ok: false, response: forbidden(ctx, LOCKED_DETAIL) }
    return { ok: false, response: unauthorized(ctx) }
  }
  const { token, user } = checked
  if (token.network !== 'x') return { ok: false, response: unauthorized(ctx) }
  const granted = new Set(token.scopes.filter((s) => !user.revokedScopes.has(s)))
  const rate = rateHeaders(ctx, user.id, route)
  // [obs] A token without a scope the endpoint needs gets the bare generic 403.
  if (needs.some((s) => !granted.has(s))) return { ok: false, response: { ...forbidden(ctx), headers: { ...forbidden(ctx).headers, ...rate } } }
  return { ok: true, user, token, rate }
}
