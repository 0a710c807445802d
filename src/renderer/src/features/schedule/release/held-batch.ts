import type { ProfileView } from '../../../../../shared/domain/connections'
import type { ChannelLinkSummary, ChannelSummary } from '../../../../../shared/domain/entities'
import { isBrokenHealth } from '../../../../../shared/domain/health'
import type { DeliveryView } from '../../../../../shared/domain/schedule'

/** What the release dialog offers: held deliveries and the channels to release them on. */
export interface HeldBatch {
  channelIds: string[]
  deliveries: DeliveryView[]
}

/**
 * Adds a later batch (another reconnect while the dialog is open) to the one on screen: each
 * channel and delivery once, the later view of a delivery winning, earliest due first.
 */
export function mergeHeld(current: HeldBatch | undefined, next: HeldBatch): HeldBatch {
  if (!current) return { channelIds: [...new Set(next.channelIds)], deliveries: [...next.deliveries].sort(byDue) }
  const deliveries = new Map(current.deliveries.map((d) => [d.id, d]))
  for (const d of next.deliveries) deliveries.set(d.id, d)
  return {
    channelIds: [...new Set([...current.channelIds, ...next.channelIds])],
    deliveries: [...deliveries.values()].sort(byDue),
  }
}

const byDue = (a: DeliveryView, b: DeliveryView): number => a.dueAt - b.dueAt || a.id - b.id

/** Nothing to release. */
export const NO_HELD: HeldBatch = { channelIds: [], deliveries: [] }

/** Held posts on the channels that work again, for a working profile; nothing for a broken one. */
export function releasableOf(profile: ProfileView, usable: ReadonlySet<string> | undefined, held: readonly DeliveryView[] | undefined): HeldBatch {
  const working = !isBrokenHealth(profile.health) && profile.setupState === 'ready'
  if (!working || !usable || !held) return NO_HELD
  const deliveries = held.filter((d) => usable.has(d.channelId))
  return deliveries.length === 0 ? NO_HELD : { channelIds: [...new Set(deliveries.map((d) => d.channelId))], deliveries }
}

/** Each profile's channels that work (healthy or on a backup link), from the window's one list of links and channels. */
export function usableByProfile(links: readonly ChannelLinkSummary[], channels: readonly ChannelSummary[]): Map<string, Set<string>> {
  const working = new Set(channels.filter((c) => c.health === 'healthy' || c.health === 'degraded').map((c) => c.id))
  const map = new Map<string, Set<string>>()
  for (const link of links) {
    if (!working.has(link.channelId)) continue
    const mine = map.get(link.profileId)
    if (mine) mine.add(link.channelId)
    else map.set(link.profileId, new Set([link.channelId]))
  }
  return map
}
