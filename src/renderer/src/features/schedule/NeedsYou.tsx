import { useId, useState } from 'react'
import { calendarDeliveryOf, type CalendarDelivery, type DeliveryView } from '../../../../shared/domain/schedule'
import type { RiskLookup } from './use-at-risk'
import { Icon } from '../../components/Icon'
import { DeliveryItem } from './DeliveryItem'

/** The strip shows this many; the rest are one click away. */
const SHOWN = 4

/**
 * Posts that did not go out as planned (held, failed, needs review, missed), over a wide span and
 * whatever the filters say, so none is missed because it sits in another week.
 */
export function NeedsYou({
  deliveries,
  risks,
  onOpen,
}: {
  deliveries: readonly DeliveryView[]
  risks: RiskLookup
  onOpen(delivery: CalendarDelivery): void
}) {
  const headingId = useId()
  const [expanded, setExpanded] = useState(false)
  if (deliveries.length === 0) return null
  const shown = expanded ? deliveries : deliveries.slice(0, SHOWN)
  return (
    <section className="needs-you" aria-labelledby={headingId}>
      <div className="needs-you__header">
        <Icon name="alert" className="needs-you__icon" />
        <h2 id={headingId} className="needs-you__title">
          Needs you ({deliveries.length})
        </h2>
        <p className="needs-you__hint">These posts did not go out as planned. Open one to decide what happens.</p>
      </div>
      <ul className="needs-you__list">
        {shown.map((d) => (
          <DeliveryItem key={d.id} delivery={calendarDeliveryOf(d)} risk={risks.get(d)} variant="row" showDate onOpen={onOpen} />
        ))}
      </ul>
      {deliveries.length > SHOWN && (
        <button type="button" className="link-button needs-you__more" aria-expanded={expanded} onClick={() => setExpanded((v) => !v)}>
          {expanded ? 'Show fewer' : `Show all ${deliveries.length}`}
        </button>
      )}
    </section>
  )
}
