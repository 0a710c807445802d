import { isBrokenHealth, type GrantHealth } from '../../shared/domain/health'
import type { AtRiskDelivery } from '../../shared/domain/schedule'

/** Whether a link's roles let it publish (one table for the scheduler and the lifecycle). */
export { linkCanPublish } from '../connections/link-rights'

/** One way into a channel: a link and the clocks of the profile behind it. */
export interface LinkClock {
  profileId: string | null
  linkHealth: string | null
  profileHealth: string | null
  /** The link carries its own token (a Facebook page token). */
  hasLinkToken: boolean
  /** The profile has a refresh token and the network lets Relink use it. */
  refreshable: boolean
  /** The network's channel tokens keep working after the personal sign-in ends (Facebook pages). */
  channelTokenOutlivesProfile: boolean
  accessExpiresAt: number | null
  refreshExpiresAt: number | null
  dataAccessExpiresAt: number | null
}

export interface Lapse {
  /** When this way in stops working; null when no end is known; -Infinity when already broken. */
  at: number | null
  cause: AtRiskDelivery['cause']
}

/**
 * When a link stops working on its own: a refreshable grant lives until its refresh grant ends
 * (Relink renews the access token ahead of time); one that cannot be refreshed ends with its
 * access token, unless the channel has its own token that outlives the person's sign-in; and
 * Facebook's data-access clock ends everything (PROVIDERS.md).
 */
export function linkLapse(link: LinkClock): Lapse {
  if (!link.profileId || isBroken(link.linkHealth) || isBroken(link.profileHealth)) return { at: Number.NEGATIVE_INFINITY, cause: 'broken' }
  const ends: Lapse[] = []
  if (link.dataAccessExpiresAt !== null) ends.push({ at: link.dataAccessExpiresAt, cause: 'data_access_ends' })
  if (link.refreshable) {
    if (link.refreshExpiresAt !== null) ends.push({ at: link.refreshExpiresAt, cause: 'refresh_ends' })
  } else if (link.accessExpiresAt !== null && !(link.channelTokenOutlivesProfile && link.hasLinkToken)) {
    ends.push({ at: link.accessExpiresAt, cause: 'access_expires' })
  }
  let soonest: Lapse = { at: null, cause: 'access_expires' }
  for (const end of ends) if (soonest.at === null || (end.at ?? Infinity) < soonest.at) soonest = end
  return soonest
}

/** A channel works while any of its links works: its lapse is the latest of theirs. */
export function channelLapse(links: readonly LinkClock[]): Lapse & { profileIds: string[] } {
  const profileIds = [...new Set(links.map((l) => l.profileId).filter((p): p is string => p !== null))]
  if (links.length === 0) return { at: Number.NEGATIVE_INFINITY, cause: 'broken', profileIds }
  let latest: Lapse | undefined
  for (const link of links) {
    const lapse = linkLapse(link)
    if (lapse.at === null) return { ...lapse, profileIds }
    if (!latest || (latest.at ?? Infinity) < lapse.at) latest = lapse
  }
  return { ...(latest ?? { at: null, cause: 'access_expires' }), profileIds }
}

function isBroken(health: string | null): boolean {
  return health !== null && isBrokenHealth(health as GrantHealth)
}
