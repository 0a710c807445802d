import { atRiskOf, type AtRiskChannel, type AtRiskDelivery, type AtRiskOverview } from '../../../../shared/domain/schedule'
import type { DeliveryView } from '../../../../shared/domain/schedule'
import { useQuery } from '../../lib/use-query'

/** Whether a delivery on screen is at risk: read off its channel's entry in the overview. */
export interface RiskLookup {
  get(delivery: Pick<DeliveryView, 'id' | 'postId' | 'channelId' | 'dueAt' | 'state'>): AtRiskDelivery | undefined
}

const EMPTY: AtRiskOverview = { total: 0, channels: [], first: [] }

type AtRisk = { overview: AtRiskOverview; risks: RiskLookup; byProfile: ReadonlyMap<string, AtRiskChannel[]> }
const lookups = new WeakMap<AtRiskOverview, AtRisk>()

/** The overview's lookups, made once per answer: a page opened again from the cache gets the same ones, so its cards need not be worked out again. */
function lookupsOf(overview: AtRiskOverview): AtRisk {
  const known = lookups.get(overview)
  if (known) return known
  const byChannel = new Map(overview.channels.map((c) => [c.channelId, c]))
  const risks: RiskLookup = { get: (d) => atRiskOf(byChannel, d) }
  const byProfile = new Map<string, AtRiskChannel[]>()
  for (const c of overview.channels) {
    for (const profileId of c.profileIds) byProfile.set(profileId, [...(byProfile.get(profileId) ?? []), c])
  }
  const made = { overview, risks, byProfile }
  lookups.set(overview, made)
  return made
}

/**
 * Scheduled deliveries whose channel's sign-in lapses before their time, read again whenever the
 * schedule or any connection's health changes. Main answers with counts per channel and the
 * earliest few; a card on screen asks `risks.get(delivery)`.
 */
export function useAtRisk(): AtRisk {
  const { data } = useQuery('schedule:list-at-risk', undefined, ['schedule:did-change', 'connections:did-change-health', 'channels:did-change'])
  return lookupsOf(data ?? EMPTY)
}
