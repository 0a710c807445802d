import { memo, useId } from 'react'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import type { AtRiskDelivery, CalendarDelivery } from '../../../../shared/domain/schedule'
import { ChannelAvatar } from '../../components/ChannelAvatar'
import { AtRiskFlag, StateBadge, ViewPostLink } from './DeliveryBadge'
import { badgeText } from './delivery-copy'
import { DELIVERY_STATE_LABELS } from './delivery-labels'
import { formatShortDay, formatTime } from './schedule-format'

export interface DeliveryItemProps {
  delivery: CalendarDelivery
  risk: AtRiskDelivery | undefined
  /** `card` in a week column, `compact` in a month cell, `row` in lists. */
  variant: 'card' | 'compact' | 'row'
  /** Lists that span days say which day as well as the time. */
  showDate?: boolean
  onOpen(delivery: CalendarDelivery): void
}

/**
 * One delivery: its channel, time and first line open the details; the state badge, the live
 * post's link and an at-risk warning sit beside it (a link cannot live inside a button). Not drawn
 * again while it shows the same: a page the list reads further on adds rows to its last block.
 */
export const DeliveryItem = memo(function DeliveryItem({ delivery, risk, variant, showDate = false, onOpen }: DeliveryItemProps) {
  const statusId = useId()
  const { tone } = DELIVERY_STATE_LABELS[delivery.state]
  const when = showDate ? `${formatShortDay(delivery.dueAt)}, ${formatTime(delivery.dueAt)}` : formatTime(delivery.dueAt)
  return (
    <li className={`delivery delivery--${variant} delivery--${tone}${risk ? ' delivery--at-risk' : ''}`}>
      <button type="button" className="delivery__open" aria-describedby={statusId} onClick={() => onOpen(delivery)}>
        <span className="delivery__when">{when}</span>
        <ChannelAvatar channel={{ id: delivery.channelId, name: delivery.channelName, network: delivery.network }} size="sm" />
        <span className="visually-hidden">{NETWORK_LABELS[delivery.network]}</span>
        <span className="delivery__channel">{delivery.channelName}</span>
        <span className="delivery__preview">{delivery.preview || 'No text'}</span>
      </button>
      <span className="delivery__status" id={statusId}>
        <StateBadge state={delivery.state} text={badgeText(delivery)} />
        {delivery.state === 'published' && delivery.url && <ViewPostLink url={delivery.url} />}
        {risk && <AtRiskFlag risk={risk} />}
      </span>
    </li>
  )
})
