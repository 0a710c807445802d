import type { ProfileView } from '../../../../shared/domain/connections'
import type { HealthVoice } from '../../../../shared/domain/health-voice'
import { CheckNowButton } from './profile-actions'
import { RefreshButton } from './RefreshButton'

/**
 * The one action the one-voice table gives a state, as a button: Refresh connection (or Pick
 * channels for an unfinished sign-in), Check again after a role was restored, or nothing.
 */
export function HealthAction({
  profile,
  voice,
  size = 'sm',
  variant,
}: {
  profile: ProfileView
  voice: HealthVoice
  size?: 'sm' | 'md'
  variant?: 'primary' | 'secondary'
}) {
  const tone = variant ?? (voice.handled ? 'secondary' : 'primary')
  switch (voice.action.kind) {
    case 'check':
      return <CheckNowButton profile={profile} label={voice.action.label} variant={tone} size={size} />
    case 'refresh':
    case 'pick':
      return <RefreshButton profile={profile} variant={tone} size={size} />
    default:
      return null
  }
}
