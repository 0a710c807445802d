import type { Network } from '../../shared/domain/network'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Lifecycle facts per network (PROVIDERS.md, "Token rules" and "Refresh lead times"). */
export interface LifecycleRule {
  /** Days before the refresh grant's hard end (LinkedIn's 365 days) to warn. */
  refreshEndWarnDays: readonly number[]
  /**
   * Facebook page tokens minted from a long-lived user token do not expire: the user token's
   * own expiry then only stops discovery, not publishing, so it warns instead of disconnecting.
   */
  channelTokensOutliveProfile: boolean
  /**
   * How often a healthy grant gets its full check (probe, link tokens, roles). Hourly keeps the
   * median time from an incident to its detection near half an hour, and costs a handful of calls
   * per person per hour against limits of hundreds: Facebook 200 calls per user per hour, X 75
   * `users/me` per 15 minutes, Mastodon 300 per 5 minutes, LinkedIn's daily application quota.
   */
  probeEveryMs: number
  /**
   * The network reports each person's roles on pages or organisations (`/me/accounts` tasks,
   * LinkedIn `organizationAcls`): the full check compares them with the links, so a lost role
   * shows before a post fails on it.
   */
  checksRoles: boolean
  /** A probe older than this is repeated just before a post goes out through the grant. */
  preflightMaxAgeMs: number
}

export const LIFECYCLE_RULES: Record<Network, LifecycleRule> = {
  facebook: { refreshEndWarnDays: [], channelTokensOutliveProfile: true, probeEveryMs: HOUR, checksRoles: true, preflightMaxAgeMs: 15 * MINUTE },
  instagram: { refreshEndWarnDays: [], channelTokensOutliveProfile: true, probeEveryMs: HOUR, checksRoles: true, preflightMaxAgeMs: 15 * MINUTE },
  linkedin: { refreshEndWarnDays: [30, 7, 1], channelTokensOutliveProfile: false, probeEveryMs: HOUR, checksRoles: true, preflightMaxAgeMs: 15 * MINUTE },
  x: { refreshEndWarnDays: [7, 1], channelTokensOutliveProfile: false, probeEveryMs: HOUR, checksRoles: false, preflightMaxAgeMs: 15 * MINUTE },
  mastodon: { refreshEndWarnDays: [], channelTokensOutliveProfile: false, probeEveryMs: HOUR, checksRoles: false, preflightMaxAgeMs: 15 * MINUTE },
}

/** Wait before re-running a check that failed for a passing reason: 2, 4, 8 … minutes, at most 30. */
export function checkRetryMs(failures: number): number {
  return Math.min(30 * MINUTE, 2 * MINUTE * 2 ** Math.max(0, failures - 1))
}

export const MS = { HOUR, DAY, MINUTE }
