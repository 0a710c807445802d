import { useState } from 'react'
import type { ProfileDetail, ProfileView } from '../../../../../shared/domain/connections'
import { NETWORK_LABELS } from '../../../../../shared/domain/network'
import { Button } from '../../../components/Button'
import type { HeldBatch } from './held-batch'
import { ReleaseHeldDialog } from './ReleaseHeldDialog'
import { useReleasable } from './use-releasable'

/**
 * "Release held posts" for a working profile whose channels still have posts held from while
 * they were broken, e.g. after the release dialog was dismissed. Opens the same dialog.
 */
export function ReleaseHeldButton({ profile, releasable, size = 'sm' }: { profile: ProfileView; releasable: HeldBatch | undefined; size?: 'sm' | 'md' }) {
  // The dialog keeps the posts it opened with while the list behind it changes.
  const [opened, setOpened] = useState<HeldBatch>()
  const count = releasable?.deliveries.length ?? 0
  return (
    <>
      {releasable && count > 0 && (
        <Button
          variant="primary"
          size={size}
          aria-label={`Release ${count} held ${count === 1 ? 'post' : 'posts'}: ${profile.displayName} (${NETWORK_LABELS[profile.network]})`}
          onClick={() => setOpened(releasable)}
        >
          Release {count} held {count === 1 ? 'post' : 'posts'}
        </Button>
      )}
      {opened && <ReleaseHeldDialog batch={opened} onClose={() => setOpened(undefined)} />}
    </>
  )
}

/** The same button in a profile's drawer, which already has the profile's channels. */
export function ProfileReleaseButton({ profile, channels, size }: { profile: ProfileView; channels: ProfileDetail['channels']; size?: 'sm' | 'md' }) {
  return <ReleaseHeldButton profile={profile} releasable={useReleasable(profile, channels)} {...(size ? { size } : {})} />
}
