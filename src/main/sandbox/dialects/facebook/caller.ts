/** Who is calling (a user, a Page or the app, by its token), and what they may do: scopes, tasks, data access. */
import type { DialectContext, SandboxRequest, SandboxResponse } from '../../types'
import type { SandboxApp, SandboxChannel, SandboxUser, TokenRecord } from '../../world'
import { DATA_ACCESS_MS } from './constants'
import { type Params, graphError, tokenError } from './wire'

export type Caller =
  | { kind: 'user'; token: TokenRecord; user: SandboxUser; app: SandboxApp }
  | { kind: 'page'; token: TokenRecord; user: SandboxUser; app: SandboxApp; page: SandboxChannel }
  | { kind: 'app'; app: SandboxApp }

export function tokenValue(req: SandboxRequest, params: Params): string | undefined {
  return req.bearer ?? params.get('access_token')
}

export function appFromAppToken(ctx: DialectContext, value: string): SandboxApp | undefined {
  const [id, secret] = value.split('|')
  const app = ctx.world.apps.get(id ?? '')
  return app && app.network === 'facebook' && app.clientSecret === secret ? app : undefined
}

export function authenticate(ctx: DialectContext, req: SandboxRequest, params: Params): Caller | SandboxResponse {
  const value = tokenValue(req, params)
  if (!value) return graphError(ctx, 400, 2500, 'An active access token must be used to query information about the current user.')
  if (value.includes('|')) {
    const app = appFromAppToken(ctx, value)
    return app ? { kind: 'app', app } : graphError(ctx, 400, 190, 'Invalid OAuth access token signature.')
  }
  const check = ctx.world.check(value, ['access', 'page'])
  if (!check.ok) return tokenError(ctx, check.problem, check.token)
  const app = ctx.world.apps.get(check.token.clientId)
  if (!app || check.token.network !== 'facebook') return tokenError(ctx, 'unknown', check.token)
  if (check.token.kind === 'page') {
    const page = ctx.world.channels.get(check.token.channelId ?? '')
    if (!page) return tokenError(ctx, 'unknown', check.token)
    // A Page token dies with its person's role on the Page; a new token fails the same way (492).
    if (!page.roles.has(check.user.id)) return tokenError(ctx, 'role_lost', check.token)
    return { kind: 'page', token: check.token, user: check.user, app, page }
  }
  return { kind: 'user', token: check.token, user: check.user, app }
}

export const dataAccessExpiresAt = (user: SandboxUser): number => user.lastActiveAt + DATA_ACCESS_MS

/**
 * After data access lapses the person stays signed in, but the app reads none of their data
 * until they re-grant it through the Login dialog. Graph answers with a plain permission error.
 */
export function dataAccessLapsed(ctx: DialectContext, caller: Caller): SandboxResponse | undefined {
  if (caller.kind === 'app') return undefined
  if (dataAccessExpiresAt(caller.user) > ctx.now) return undefined
  return graphError(ctx, 403, 10, '(#10) Application does not have permission for this action')
}

const effectiveScopes = (caller: Caller): string[] =>
  caller.kind === 'app' ? [] : caller.token.scopes.filter((s) => !caller.user.revokedScopes.has(s))

/** Read permissions answer code 10, management permissions code 200, as Graph does. */
export function requireScopes(ctx: DialectContext, caller: Caller, scopes: readonly string[], code: 10 | 200): SandboxResponse | undefined {
  const granted = effectiveScopes(caller)
  const missing = scopes.filter((s) => !granted.includes(s))
  if (missing.length === 0) return undefined
  const list = missing.join(' and ')
  return code === 10
    ? graphError(ctx, 403, 10, `(#10) This endpoint requires the '${list}' permission.`)
    : graphError(ctx, 403, 200, `(#200) Requires ${list} permission to manage the object`)
}

export function rolesOn(caller: Caller, page: SandboxChannel): string[] | undefined {
  if (caller.kind === 'app') return undefined
  if (caller.kind === 'page' && caller.page.id !== page.id) return undefined
  return page.roles.get(caller.user.id)
}

export function requireTask(ctx: DialectContext, caller: Caller, page: SandboxChannel, tasks: readonly string[]): SandboxResponse | undefined {
  const roles = rolesOn(caller, page) ?? []
  if (tasks.some((t) => roles.includes(t))) return undefined
  return graphError(
    ctx,
    403,
    200,
    `(#200) The user must be able to perform the ${tasks.join(' or ')} task on the Page to do this, with sufficient administrative permission.`,
  )
}

export const firstProblem = (...checks: (SandboxResponse | undefined)[]): SandboxResponse | undefined => checks.find((c) => c !== undefined)
