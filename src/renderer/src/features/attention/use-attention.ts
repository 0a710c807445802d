import { useMemo } from 'react'
import { ATTENTION_POSTS_BACK_MS, byAttention, connectionRank, isUrgentRank, postRank, WAITING_STATES, type AttentionRank } from '../../../../shared/domain/attention'
import type { ProfileView } from '../../../../shared/domain/connections'
import { isBrokenHealth } from '../../../../shared/domain/health'
import type { DeliveryView } from '../../../../shared/domain/schedule'
import type { EventName } from '../../../../shared/ipc/channels'
import { useNow } from '../../app/now-context'
import { useQuery } from '../../lib/use-query'
import { useConnections } from '../connections/connections-context'
import { startOfDay } from '../schedule/calendar-range'

const POST_EVENTS: readonly EventName[] = ['schedule:did-change', 'channels:did-change']
const DAY_MS = 24 * 60 * 60 * 1000

export type AttentionEntry =
  | { kind: 'profile'; id: string; rank: AttentionRank; key: number; profile: ProfileView }
  | { kind: 'post'; id: string; rank: AttentionRank; key: number; delivery: DeliveryView }

export interface Attention {
  entries: AttentionEntry[]
  /** Something is broken or refused now: the badge turns red. */
  urgent: boolean
  /** Undefined until the connections are known. */
  profileCount: number | undefined
  error: string | undefined
}

/** Profiles and waiting posts as one list, most urgent first (the order is `shared/domain/attention`). */
export function mergeAttention(profiles: readonly ProfileView[], posts: readonly DeliveryView[]): AttentionEntry[] {
  const entries: AttentionEntry[] = []
  for (const profile of profiles) {
    const rank = connectionRank({ broken: isBrokenHealth(profile.health), expiring: profile.health === 'expiring', unfinished: profile.setupState === 'picking' })
    if (rank) entries.push({ kind: 'profile', id: `profile:${profile.id}`, rank, key: profile.urgency, profile })
  }
  for (const delivery of posts) {
    const rank = postRank(delivery.state)
    if (rank) entries.push({ kind: 'post', id: `post:${delivery.id}`, rank, key: delivery.dueAt, delivery })
  }
  return entries.sort(byAttention)
}

/**
 * What needs a person: the connections that need attention and the posts waiting for a decision
 * over the same span the Schedule's "Needs you" reads (a month back, the rest of 400 days ahead).
 */
export function useAttention(): Attention {
  const { profiles, profilesError, attention } = useConnections()
  const from = startOfDay(useNow()) - ATTENTION_POSTS_BACK_MS
  const posts = useQuery('schedule:list-deliveries', { from, to: from + 400 * DAY_MS, states: [...WAITING_STATES] }, POST_EVENTS)
  return useMemo(() => {
    const entries = mergeAttention(attention, posts.data ?? [])
    return { entries, urgent: entries.some((e) => isUrgentRank(e.rank)), profileCount: profiles?.length, error: profilesError }
  }, [attention, posts.data, profiles?.length, profilesError])
}
