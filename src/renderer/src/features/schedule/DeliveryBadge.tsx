import { calendarDeliveryOf, type AtRiskDelivery, type DeliveryState, type DeliveryView } from '../../../../shared/domain/schedule'
import { useToday } from '../../app/now-context'
import { Icon } from '../../components/Icon'
import { atRiskText, badgeText } from './delivery-copy'
import { DELIVERY_STATE_LABELS, type DeliveryTone } from './delivery-labels'

/** The status pills' colours (components.css) for each tone; quiet states get a grey of their own. */
const PILL_CLASS: Record<DeliveryTone, string> = {
  neutral: 'delivery-badge--neutral',
  progress: 'status-pill--info',
  good: 'status-pill--ok',
  warn: 'status-pill--warn',
  bad: 'status-pill--broken',
}

/** A state as a pill coloured by how loudly it needs a person; its label unless other words are given. */
export function StateBadge({ state, text }: { state: DeliveryState; text?: string }) {
  const { label, tone } = DELIVERY_STATE_LABELS[state]
  return <span className={`status-pill delivery-badge ${PILL_CLASS[tone]}`}>{text ?? label}</span>
}

/** A delivery's state as a labelled badge, with the problem behind a held or failed one. */
export function DeliveryBadge({ delivery }: { delivery: DeliveryView }) {
  return <StateBadge state={delivery.state} text={badgeText(calendarDeliveryOf(delivery))} />
}

/** The warning on a scheduled post whose channel's sign-in lapses before its time. */
export function AtRiskFlag({ risk }: { risk: AtRiskDelivery }) {
  const text = atRiskText(risk, useToday())
  return (
    <span className="at-risk-flag" title={text}>
      <Icon name="alert" size={12} />
      <span className="at-risk-flag__text">{text}</span>
    </span>
  )
}

/** "View post ↗" to a published post; main opens https links in the system browser. */
export function ViewPostLink({ url }: { url: string }) {
  return (
    <a className="view-post-link" href={url} target="_blank" rel="noreferrer">
      View post
      <Icon name="external" size={12} />
    </a>
  )
}
