import { useMemo } from 'react'
import type { ProfileDetail, ProfileView } from '../../../../../shared/domain/connections'
import type { EventName } from '../../../../../shared/ipc/channels'
import { CHANNEL_LIST_EVENTS } from '../../../lib/channel-events'
import { useQuery } from '../../../lib/use-query'
import { NO_HELD, releasableOf, usableByProfile, type HeldBatch } from './held-batch'

const HELD_EVENTS: readonly EventName[] = ['schedule:did-change', 'schedule:did-find-held', 'channels:did-change']
const CHANNEL_EVENTS: readonly EventName[] = ['channels:did-change', 'connections:did-reconnect', 'connections:did-change-health']

type ProfileChannels = ProfileDetail['channels']

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
  // Which profile can release what is read only when something is held (rarely): the links and
  // the channels are 130 KB at agency scale, and Connection health waited for them on every first visit.
  const anyHeld = (held.data?.length ?? 0) > 0
  const links = useQuery('channels:list-links', undefined, CHANNEL_EVENTS, { enabled: anyHeld })
  const summaries = useQuery('channels:list', undefined, CHANNEL_LIST_EVENTS, { enabled: anyHeld })
  const usable = useMemo(() => (links.data && summaries.data ? usableByProfile(links.data, summaries.data) : undefined), [links.data, summaries.data])
  return useMemo(() => {
    const map = new Map<string, HeldBatch>()
    if (!usable || !held.data || held.data.length === 0) return map
    for (const profile of profiles) {
      const batch = releasableOf(profile, usable.get(profile.id), held.data)
      if (batch !== NO_HELD) map.set(profile.id, batch)
    }
    return map
  }, [profiles, usable, held.data])
}
