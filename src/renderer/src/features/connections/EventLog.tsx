import { Fragment, useState } from 'react'
import type { TokenEventView } from '../../../../shared/domain/connections'
import { useNow } from '../../app/now-context'
import { formatDateTime, formatRelative } from '../../lib/time'
import { copyFor, reasonLabel } from './profile-status'

const EVENT_LABELS: Record<string, string> = {
  connected: 'Connected',
  reconnected: 'Signed in again',
  channels_picked: 'Channels picked',
  health_changed: 'Health changed',
  refreshed: 'Tokens renewed',
  refresh_failed: 'Renewal failed',
  probe: 'Checked with the network',
  classified: 'Error classified',
  notified: 'Notification shown',
}

const eventLabel = (kind: string): string => EVENT_LABELS[kind] ?? kind.replaceAll('_', ' ')
const healthLabel = (health: string | null): string => copyFor(health)?.badge ?? health ?? ''

function readable(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2)
  } catch {
    return raw
  }
}

/**
 * Every refresh, check, classification, notification and reconnect of one profile, newest first,
 * with the network's raw answer behind each classified error.
 */
export function EventLog({ events }: { events: readonly TokenEventView[] }) {
  const now = useNow()
  const [openRaw, setOpenRaw] = useState<ReadonlySet<number>>(new Set())
  if (events.length === 0) return <p className="muted-note">Nothing recorded yet.</p>

  const toggle = (index: number): void =>
    setOpenRaw((current) => {
      const next = new Set(current)
      if (next.has(index)) next.delete(index)
      else next.add(index)
      return next
    })

  return (
    <div className="event-log">
      <table className="event-log__table" aria-label="Token event log">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Event</th>
            <th scope="col">Health</th>
            <th scope="col">Reason</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event, index) => {
            const rawId = `event-raw-${index}`
            const isOpen = openRaw.has(index)
            return (
              <Fragment key={`${event.at}-${index}`}>
                <tr>
                  <td className="event-log__when">
                    <span title={formatDateTime(event.at)}>{formatRelative(event.at, now)}</span>
                    <span className="event-log__date">{formatDateTime(event.at)}</span>
                  </td>
                  <td className="event-log__kind">{eventLabel(event.kind)}</td>
                  <td className="event-log__health">
                    {event.healthBefore || event.healthAfter ? (
                      <>
                        {healthLabel(event.healthBefore)} <span aria-label="to">→</span> {healthLabel(event.healthAfter)}
                      </>
                    ) : (
                      <span className="event-log__none">—</span>
                    )}
                  </td>
                  <td>{reasonLabel(event.reason) || <span className="event-log__none">—</span>}</td>
                  <td className="event-log__detail">
                    {event.detail}
                    {event.raw && (
                      <button type="button" className="link-button event-log__raw-toggle" aria-expanded={isOpen} aria-controls={rawId} onClick={() => toggle(index)}>
                        {isOpen ? 'Hide raw answer' : 'Show raw answer'}
                      </button>
                    )}
                  </td>
                </tr>
                {event.raw && isOpen && (
                  <tr className="event-log__raw-row">
                    <td colSpan={5}>
                      <pre id={rawId} className="raw-error__text" role="note" aria-label="Raw network answer" tabIndex={0}>
                        {readable(event.raw)}
                      </pre>
                    </td>
                  </tr>
                )}
              </Fragment>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
