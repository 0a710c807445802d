/**
 * Reasons that leave a grant unusable until a person acts. Each is both a problem reason and a
 * grant health, so the lists below are built from this one.
 */
const BROKEN_REASONS = [
  'expired',
  'refresh_token_dead',
  'revoked_by_user',
  'password_changed',
  'account_action_required',
  'role_lost',
  'data_access_expired',
  'scope_missing',
] as const

/**
 * Why a token stopped working, exactly the taxonomy of PROVIDERS.md, plus `other` for failures
 * that are not about tokens at all (a duplicate post, a policy block).
 */
export const PROBLEM_REASONS = [...BROKEN_REASONS, 'rate_limited', 'transient', 'unknown_auth', 'other'] as const
export type ProblemReason = (typeof PROBLEM_REASONS)[number]

/**
 * Reasons that say the token itself is unusable (as opposed to the network being busy or the
 * request being wrong): a probe reports these as its finding instead of failing.
 */
export const TOKEN_PROBLEM_REASONS: ReadonlySet<ProblemReason> = new Set<ProblemReason>([...BROKEN_REASONS, 'unknown_auth'])

/** Health of one grant (a profile's tokens). `rate_limited` and `unreachable` never disconnect. */
export const GRANT_HEALTH = ['active', 'expiring', 'refreshing', ...BROKEN_REASONS, 'rate_limited', 'unreachable'] as const
export type GrantHealth = (typeof GRANT_HEALTH)[number]

/** Health states in which the grant cannot be used until a person acts. */
export const BROKEN_GRANT_HEALTH: ReadonlySet<GrantHealth> = new Set<GrantHealth>(BROKEN_REASONS)

export const isBrokenHealth = (health: GrantHealth): boolean => BROKEN_GRANT_HEALTH.has(health)

/** Channel health is derived from its links: any healthy link keeps the channel usable. */
export type ChannelHealth = 'healthy' | 'degraded' | 'disconnected' | 'unlinked'
