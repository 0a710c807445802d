import type { HealthVoice } from '../../../../shared/domain/health-voice'

/** A health as a coloured pill (the table's badge); the cause is in the title for a quick hover. */
export function StatusPill({ status, muted = false }: { status: HealthVoice; muted?: boolean }) {
  return (
    <span className={`status-pill status-pill--${muted ? 'muted' : status.tone}`} title={status.cause}>
      <span className="status-pill__dot" aria-hidden="true" />
      {status.badge}
    </span>
  )
}
