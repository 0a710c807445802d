import type { ChannelHealth } from '../../../../shared/domain/health'
import { HEALTH_LABELS } from './channel-labels'

export function HealthPill({ health }: { health: ChannelHealth }) {
  const { label, explanation } = HEALTH_LABELS[health]
  return (
    <span className={`health-pill health-pill--${health}`} title={explanation}>
      <span className="health-pill__dot" aria-hidden="true" />
      {label}
    </span>
  )
}
