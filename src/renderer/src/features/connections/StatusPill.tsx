import type { StatusCopy } from './profile-status'

/** A profile's health as a coloured pill; the meaning is in the title for a quick hover. */
export function StatusPill({ status }: { status: StatusCopy }) {
  return (
    <span className={`status-pill status-pill--${status.severity}`} title={status.meaning}>
      <span className="status-pill__dot" aria-hidden="true" />
      {status.label}
    </span>
  )
}
