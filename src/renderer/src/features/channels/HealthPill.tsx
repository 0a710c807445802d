import type { ChannelHealth } from '../../../../shared/domain/health'
import { HEALTH_VOICE, channelVoice } from '../../../../shared/domain/health-voice'
import { StatusPill } from '../connections/StatusPill'

/** A channel's health; `expiring` marks a working channel whose only sign-in is about to lapse. */
export function HealthPill({ health, expiring = false }: { health: ChannelHealth; expiring?: boolean }) {
  if (expiring && health === 'healthy') return <StatusPill status={HEALTH_VOICE.expiring} />
  // A channel no profile reaches is shown quietly: nothing is broken, nothing is linked yet.
  return <StatusPill status={channelVoice(health)} muted={health === 'unlinked'} />
}
