import { useMemo } from 'react'
import type { ProfileDetail, ProfileView } from '../../../../../shared/domain/connections'
import type { ChannelLinkSummary, ChannelSummary } from '../../../../../shared/domain/entities'
import { isBrokenHealth } from '../../../../../shared/domain/health'
import type { DeliveryView } from '../../../../../shared/domain/schedule'
import type { EventName } from '../../../../../shared/ipc/channels'
import { useQuery } from '../../../lib/use-query'
import type { HeldBatch } from './held-batch'

const HELD_EVENTS: readonly EventName[] = ['schedule:did-change', 'schedule:did-find-held', 'channels:did-change']
const CHANNEL_EVENTS: readonly EventName[] = ['channels:did-change', 'connections:did-reconnect', 'connections:did-change-health']

type ProfileChannels = ProfileDetail['channels']

const NONE: HeldBatch = { channelIds: [], deliveries: [] }

/** Held posts on the channels that work again, for a working profile; nothing for a broken one. */
export function releasableOf(profile: ProfileView, usable: ReadonlySet<string> | undefined, held: readonly DeliveryView[] | undefined): HeldBatch {
  const working = !isBrokenHealth(profile.health) && profile.setupState === 'ready'
  if (!working || !usable || !held) return NONE
  const deliveries = held.filter((d) => usable.has(d.channelId))
  return deliveries.length === 0 ? NONE : { channelIds: [...new Set(deliveries.map((d) => d.channelId))], deliveries }
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

/** Held posts a working profile could release now, from the channels its drawer already has. */
export function useReleasable(profile: ProfileView, channels: ProfileChannels): HeldBatch {
  const held = useQuery('schedule:list-held', undefined, HELD_EVENTS)
  const usable = useMemo(() => new Set(channels.filter((c) => c.channelHealth === 'healthy' || c.channelHealth === 'degraded').map((c) => c.id)), [channels])
  return useMemo(() => releasableOf(profile, usable, held.data), [profile, usable, held.data])
}

/**
 * Held posts each profile of a page could release now: one read of the held posts, the links and
 * the channels for the whole page rather than one per card. Batches keep their identity while
 * nothing they hold changes, so cards are not drawn again.
 */
export function useReleasableByProfile(profiles: readonly ProfileView[]): ReadonlyMap<string, HeldBatch> {
  const held = useQuery('schedule:list-held', undefined, HELD_EVENTS)
  const links = useQuery('channels:list-links', undefined, CHANNEL_EVENTS)
  const summaries = useQuery('channels:list', undefined, CHANNEL_EVENTS)
  const usable = useMemo(() => (links.data && summaries.data ? usableByProfile(links.data, summaries.data) : undefined), [links.data, summaries.data])
  return useMemo(() => {
    const map = new Map<string, HeldBatch>()
    if (!usable || !held.data || held.data.length === 0) return map
    for (const profile of profiles) {
      const batch = releasableOf(profile, usable.get(profile.id), held.data)
      if (batch !== NONE) map.set(profile.id, batch)
    }
    return map
  }, [profiles, usable, held.data])
}
