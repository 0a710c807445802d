import { useMemo } from 'react'
import type { ProfileDetail, ProfileView } from '../../../../../shared/domain/connections'
import { isBrokenHealth } from '../../../../../shared/domain/health'
import type { EventName } from '../../../../../shared/ipc/channels'
import { useQuery } from '../../../lib/use-query'
import type { HeldBatch } from './held-batch'

const HELD_EVENTS: readonly EventName[] = ['schedule:did-change', 'schedule:did-find-held', 'channels:did-change']
const CHANNEL_EVENTS: readonly EventName[] = ['channels:did-change', 'connections:did-reconnect', 'connections:did-change-health']

type ProfileChannels = ProfileDetail['channels']

/**
 * Held posts a working profile could release now: those on its channels that work again. The
 * drawer passes the channels it already has; a card finds them in the window's one list of links
 * and channels (every card on the page shares those two reads).
 */
export function useReleasable(profile: ProfileView, channels?: ProfileChannels): HeldBatch {
  const held = useQuery('schedule:list-held', undefined, HELD_EVENTS)
  const links = useQuery('channels:list-links', undefined, CHANNEL_EVENTS)
  const summaries = useQuery('channels:list', undefined, CHANNEL_EVENTS)
  const working = !isBrokenHealth(profile.health) && profile.setupState === 'ready'

  const usable = useMemo(() => {
    if (channels) return new Set(channels.filter((c) => c.channelHealth === 'healthy' || c.channelHealth === 'degraded').map((c) => c.id))
    if (!links.data || !summaries.data) return undefined
    const mine = new Set(links.data.filter((l) => l.profileId === profile.id).map((l) => l.channelId))
    return new Set(summaries.data.filter((c) => mine.has(c.id) && (c.health === 'healthy' || c.health === 'degraded')).map((c) => c.id))
  }, [channels, links.data, summaries.data, profile.id])

  return useMemo(() => {
    if (!working || !usable || !held.data) return { channelIds: [], deliveries: [] }
    const deliveries = held.data.filter((d) => usable.has(d.channelId))
    return { channelIds: [...new Set(deliveries.map((d) => d.channelId))], deliveries }
  }, [working, usable, held.data])
}
