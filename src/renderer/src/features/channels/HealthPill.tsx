import type { ChannelHealth } from '../../../../shared/domain/health'
import { HEALTH_VOICE, channelVoice } from '../../../../shared/domain/health-voice'

/** A channel's health; `expiring` marks a working channel whose only sign-in is about to lapse. */
export function HealthPill({ health, expiring = false }: { health: ChannelHealth; expiring?: boolean }) {
  if (expiring && health === 'healthy') {
    return (
      <span className="health-pill health-pill--degraded" title={HEALTH_VOICE.expiring.cause}>
        <span className="health-pill__dot" aria-hidden="true" />
        {HEALTH_VOICE.expiring.badge}
      </span>
    )
  }
  const voice = channelVoice(health)
  return (
    <span className={`health-pill health-pill--${health}`} title={voice.cause}>
      <span className="health-pill__dot" aria-hidden="true" />
      {voice.badge}
    </span>
  )
}
