import type { Network } from '../../shared/domain/network'

const HOUR = 60 * 60 * 1000
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
  /** How often a healthy grant is probed. */
  probeEveryMs: number
}

export const LIFECYCLE_RULES: Record<Network, LifecycleRule> = {
  facebook: { refreshEndWarnDays: [], channelTokensOutliveProfile: true, probeEveryMs: DAY },
  instagram: { refreshEndWarnDays: [], channelTokensOutliveProfile: true, probeEveryMs: DAY },
  linkedin: { refreshEndWarnDays: [30, 7, 1], channelTokensOutliveProfile: false, probeEveryMs: DAY },
  x: { refreshEndWarnDays: [7, 1], channelTokensOutliveProfile: false, probeEveryMs: 6 * HOUR },
  mastodon: { refreshEndWarnDays: [], channelTokensOutliveProfile: false, probeEveryMs: DAY },
}

export const MS = { HOUR, DAY, MINUTE: 60 * 1000 }
