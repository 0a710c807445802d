import { useMemo } from 'react'
import type { ProfileView } from '../../../../shared/domain/connections'
import type { AtRiskChannel } from '../../../../shared/domain/schedule'
import { usePageList } from '../../lib/use-page-list'
import { useReleasableByProfile } from '../schedule/release/use-releasable'
import { PlacedProfileCard } from './ProfileCard'
import { byUrgency } from './profile-status'

const CARD_PX = 190
const GAP_PX = 12
/** Up to this many profiles every card is in the document. */
const ALL_UP_TO = 40

/**
 * Every profile's card, most urgent first. Only the cards near the visible part of the page are
 * in the document: an agency has a hundred and more sign-ins.
 */
export function ProfileList({ profiles, byProfile }: { profiles: readonly ProfileView[]; byProfile: ReadonlyMap<string, AtRiskChannel[]> }) {
  const sorted = useMemo(() => [...profiles].sort(byUrgency), [profiles])
  const held = useReleasableByProfile(profiles)
  const list = usePageList<HTMLUListElement>({
    count: sorted.length,
    estimateSize: () => CARD_PX,
    getItemKey: (i) => sorted[i]?.id ?? String(i),
    gap: GAP_PX,
    allUpTo: ALL_UP_TO,
  })
  const { virtualizer } = list
  return (
    <ul
      ref={list.listRef}
      className="profile-list"
      aria-label="Connections"
      style={{ height: virtualizer.getTotalSize() }}
      onFocus={list.onFocus}
      onBlur={list.onBlur}
    >
      {virtualizer.getVirtualItems().map((item) => {
        const profile = sorted[item.index]
        if (!profile) return null
        return (
          <PlacedProfileCard
            key={item.key}
            profile={profile}
            atRisk={byProfile.get(profile.id)}
            held={held.get(profile.id)}
            index={item.index}
            of={sorted.length}
            top={list.top(item.start)}
            measure={virtualizer.measureElement}
          />
        )
      })}
    </ul>
  )
}
