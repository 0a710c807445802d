/** Who is calling: Doorkeeper's token checks, then `require_user!`, with the scopes a method accepts. */
import type { DialectContext, SandboxRequest, SandboxResponse } from '../../types'
import type { SandboxUser, TokenRecord } from '../../world'
import { LOGIN_DISABLED, TOKEN_EXPIRED, TOKEN_INVALID, TOKEN_REVOKED } from './constants'
import { apiError, forbiddenScope, unauthorized } from './wire'

type Authed = { ok: true; user: SandboxUser; token: TokenRecord } | { ok: false; response: SandboxResponse }

/** `read:statuses` is granted by `read:statuses` or `read`; a withdrawn scope (either form) is not. */
function scopeGranted(token: TokenRecord, user: SandboxUser, accepted: readonly string[]): boolean {
  return accepted.some((scope) => {
    const top = scope.split(':')[0] ?? scope
    const granted = token.scopes.includes(scope) || token.scopes.includes(top)
    const withdrawn = user.revokedScopes.has(scope) || user.revokedScopes.has(top)
    return granted && !withdrawn
  })
}

export function authenticate(req: SandboxRequest, ctx: DialectContext, accepted: readonly string[], requireUser: boolean): Authed {
  const fail = (response: SandboxResponse): Authed => ({ ok: false, response })
  const check = ctx.world.check(req.bearer, ['access'])
  if (!check.ok) {
    switch (check.problem) {
      case 'revoked':
      case 'app_removed':
      case 'password_changed':
        return fail(unauthorized(TOKEN_REVOKED))
      case 'expired':
        return fail(unauthorized(TOKEN_EXPIRED))
      case 'action_required':
        // The token is fine; the login is not. Doorkeeper passes, `require_user!` answers 403.
        break
      default:
        return fail(unauthorized(TOKEN_INVALID))
    }
  }
  const token = check.token
  if (!token || token.network !== 'mastodon') return fail(unauthorized(TOKEN_INVALID))
  if (token.expiresAt !== null && token.expiresAt <= ctx.now) return fail(unauthorized(TOKEN_EXPIRED))
  const user = ctx.world.users.get(token.userId)
  if (!user) return fail(unauthorized(TOKEN_INVALID))
  if (!scopeGranted(token, user, accepted)) return fail(forbiddenScope())
  if (requireUser && user.actionRequired) return fail(apiError(403, LOGIN_DISABLED))
  return { ok: true, user, token }
}

/** Public methods check a token only when one is sent (`authorize_if_got_token!`). */
export function authenticateIfToken(req: SandboxRequest, ctx: DialectContext, accepted: readonly string[]): { ok: true } | { ok: false; response: SandboxResponse } {
  if (!req.bearer) return { ok: true }
  const result = authenticate(req, ctx, accepted, false)
  return result.ok ? { ok: true } : result
}
