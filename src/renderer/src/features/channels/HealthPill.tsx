import type { ChannelHealth } from '../../../../shared/domain/health'
import { HEALTH_LABELS } from './channel-labels'

/** A channel's health; `expiring` marks a working channel whose only sign-in is about to lapse. */
export function HealthPill({ health, expiring = false }: { health: ChannelHealth; expiring?: boolean }) {
  if (expiring && health === 'healthy') {
    return (
      <span className="health-pill health-pill--degraded" title="A sign-in behind this channel expires soon and needs a person to renew it.">
        <span className="health-pill__dot" aria-hidden="true" />
        Expiring soon
      </span>
    )
  }
  const { label, explanation } = HEALTH_LABELS[health]
  return (
    <span className={`health-pill health-pill--${health}`} title={explanation}>
      <span className="health-pill__dot" aria-hidden="true" />
      {label}
    </span>
  )
}
