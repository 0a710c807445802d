import { useMemo } from 'react'
import type { AtRiskDelivery } from '../../../../shared/domain/schedule'
import { useQuery } from '../../lib/use-query'

/**
 * Scheduled deliveries whose channel's sign-in lapses before their time, read again whenever the
 * schedule or any connection's health changes.
 */
export function useAtRisk(): { atRisk: AtRiskDelivery[]; byDelivery: ReadonlyMap<number, AtRiskDelivery>; byProfile: ReadonlyMap<string, AtRiskDelivery[]> } {
  const { data } = useQuery('schedule:list-at-risk', undefined, ['schedule:did-change', 'connections:did-change-health', 'channels:did-change'])
  return useMemo(() => {
    const atRisk = data ?? []
    const byDelivery = new Map(atRisk.map((d) => [d.deliveryId, d]))
    const byProfile = new Map<string, AtRiskDelivery[]>()
    for (const d of atRisk) {
      for (const profileId of d.profileIds) byProfile.set(profileId, [...(byProfile.get(profileId) ?? []), d])
    }
    return { atRisk, byDelivery, byProfile }
  }, [data])
}
