import { useState } from 'react'
import type { ProfileView } from '../../../../shared/domain/connections'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import { HEALTH_VOICE } from '../../../../shared/domain/health-voice'
import { Button } from '../../components/Button'
import { Icon } from '../../components/Icon'
import { useConnections } from './connections-context'
import { SignInInline } from './SignInProgress'

/**
 * "Refresh connection" for one profile: signs the same person in again in the browser and heals
 * every channel linked through it. While that sign-in runs, the button becomes its progress line
 * with a Cancel; other Refresh buttons wait, because only one sign-in can be open at a time.
 */
export function RefreshButton({
  profile,
  variant = 'primary',
  size = 'sm',
}: {
  profile: ProfileView
  variant?: 'primary' | 'secondary'
  size?: 'sm' | 'md'
}) {
  const { session, refreshProfile, cancelSignIn } = useConnections()
  // Keyboard users keep their place: focus moves to Cancel when the button becomes the progress line.
  const [hadFocus, setHadFocus] = useState(false)
  if (session?.profileId === profile.id) return <SignInInline session={session} onCancel={() => void cancelSignIn()} focusCancel={hadFocus} />
  const unfinished = profile.setupState === 'picking'
  const label = (unfinished ? HEALTH_VOICE.unfinished : HEALTH_VOICE.expired).action.label
  return (
    <Button
      variant={variant}
      size={size}
      disabled={session !== undefined}
      title={session ? 'Another sign-in is in progress.' : undefined}
      aria-label={`${label}: ${profile.displayName} (${NETWORK_LABELS[profile.network]})`}
      onClick={(event) => {
        setHadFocus(document.activeElement === event.currentTarget)
        void refreshProfile(profile)
      }}
    >
      <Icon name="refresh" size={14} />
      {label}
    </Button>
  )
}
