import type { HealthVoice } from '../../../../shared/domain/health-voice'

/** A profile's health as a coloured pill (the table's badge); the cause is in the title for a quick hover. */
export function StatusPill({ status }: { status: HealthVoice }) {
  return (
    <span className={`status-pill status-pill--${status.tone}`} title={status.cause}>
      <span className="status-pill__dot" aria-hidden="true" />
      {status.badge}
    </span>
  )
}
