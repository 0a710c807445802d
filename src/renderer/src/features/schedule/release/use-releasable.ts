import { useEffect, useMemo, useState } from 'react'
import type { ProfileDetail, ProfileView } from '../../../../../shared/domain/connections'
import { isBrokenHealth } from '../../../../../shared/domain/health'
import type { EventName } from '../../../../../shared/ipc/channels'
import { call } from '../../../lib/api'
import { useQuery } from '../../../lib/use-query'
import type { HeldBatch } from './held-batch'

const HELD_EVENTS: readonly EventName[] = ['schedule:did-change', 'schedule:did-find-held', 'channels:did-change']

type ProfileChannels = ProfileDetail['channels']

/**
 * Held posts a working profile could release now: those on its channels that work again. The
 * drawer passes the channels it already has; a card reads them only when something is held.
 */
export function useReleasable(profile: ProfileView, channels?: ProfileChannels): HeldBatch {
  const held = useQuery('schedule:list-held', undefined, HELD_EVENTS)
  const working = !isBrokenHealth(profile.health) && profile.setupState === 'ready'
  const anyHeld = (held.data?.length ?? 0) > 0
  const [read, setRead] = useState<ProfileChannels>()

  useEffect(() => {
    if (channels || !working || !anyHeld) return
    let current = true
    call('connections:get-profile', { profileId: profile.id })
      .then((detail) => {
        if (current) setRead(detail.channels)
      })
      // Without the list there is simply no button; the profile's own card reports load errors.
      .catch(() => undefined)
    return () => {
      current = false
    }
  }, [channels, working, anyHeld, profile.id, profile.health, profile.channelCount])

  const known = channels ?? read
  return useMemo(() => {
    if (!working || !known || !held.data) return { channelIds: [], deliveries: [] }
    const usable = new Set(known.filter((c) => c.channelHealth === 'healthy' || c.channelHealth === 'degraded').map((c) => c.id))
    const deliveries = held.data.filter((d) => usable.has(d.channelId))
    return { channelIds: [...new Set(deliveries.map((d) => d.channelId))], deliveries }
  }, [working, known, held.data])
}
