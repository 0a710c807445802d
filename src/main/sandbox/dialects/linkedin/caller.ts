/**
 * Who is calling, and what may they do: the bearer token, its scopes, and the page roles that
 * let a member act as an organisation.
 */
import type { DialectContext, SandboxRequest, SandboxResponse } from '../../types'
import type { SandboxChannel, SandboxUser, TokenRecord } from '../../world'
import { NETWORK } from './state'
import { apiError, INVALID_TOKEN, orgUrn, personUrn, TOKEN_ERRORS } from './wire'

/** Company page roles → what they allow through the API (organization-access-control doc). */
const ROLES_FOR = {
  publish: ['ADMINISTRATOR', 'CONTENT_ADMINISTRATOR', 'DIRECT_SPONSORED_CONTENT_POSTER', 'RECRUITING_POSTER'],
  moderate: ['ADMINISTRATOR', 'CONTENT_ADMINISTRATOR', 'DIRECT_SPONSORED_CONTENT_POSTER'],
  analyze: ['ADMINISTRATOR', 'CONTENT_ADMINISTRATOR', 'ANALYST'],
} as const
type Need = keyof typeof ROLES_FOR

export interface Caller {
  token: TokenRecord
  user: SandboxUser
  scopes: Set<string>
}

export function authenticate(req: SandboxRequest, ctx: DialectContext): { ok: true; caller: Caller } | { ok: false; res: SandboxResponse } {
  if (!req.bearer) return { ok: false, res: apiError(401, 'EMPTY_ACCESS_TOKEN', 65604, 'Empty oauth2 access token') }
  const checked = ctx.world.check(req.bearer, ['access'])
  if (!checked.ok) return { ok: false, res: TOKEN_ERRORS[checked.problem]() }
  if (checked.token.network !== NETWORK) return { ok: false, res: INVALID_TOKEN() }
  const scopes = new Set(checked.token.scopes.filter((s) => !checked.user.revokedScopes.has(s)))
  return { ok: true, caller: { token: checked.token, user: checked.user, scopes } }
}

export const hasAny = (caller: Caller, scopes: readonly string[]): boolean => scopes.some((s) => caller.scopes.has(s))

export const linkedinChannel = (ctx: DialectContext, id: string): SandboxChannel | undefined => {
  const c = ctx.world.channels.get(id)
  return c && c.network === NETWORK ? c : undefined
}

/** May the caller act as `actor` (an organisation or themselves) for this need? */
export function mayActAs(ctx: DialectContext, caller: Caller, actor: string, need: Need): boolean {
  const orgId = /^urn:li:organization:(\d+)$/.exec(actor)?.[1]
  if (orgId) {
    const channel = linkedinChannel(ctx, orgId)
    const roles = channel?.kind === 'organization' ? (channel.roles.get(caller.user.id) ?? []) : []
    return roles.some((r) => (ROLES_FOR[need] as readonly string[]).includes(r))
  }
  return actor === personUrn(caller.user.id)
}

/** Scope a call needs for acting as an organisation or as the member. */
export const scopeFor = (actor: string, write: boolean): string =>
  actor.startsWith('urn:li:organization:')
    ? write
      ? 'w_organization_social'
      : 'r_organization_social'
    : write
      ? 'w_member_social'
      : 'r_member_social'

/** The URN a channel acts under. */
export const channelUrn = (channel: SandboxChannel): string => (channel.kind === 'organization' ? orgUrn(channel.id) : personUrn(channel.id))
