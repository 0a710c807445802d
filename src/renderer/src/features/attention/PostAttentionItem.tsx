import { OPEN_POST } from '../../../../shared/domain/attention'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import type { DeliveryView } from '../../../../shared/domain/schedule'
import { Button } from '../../components/Button'
import { ChannelAvatar } from '../../components/ChannelAvatar'
import { DeliveryBadge } from '../schedule/DeliveryBadge'
import { failureWords, looksRaw } from '../schedule/delivery-copy'
import { DELIVERY_STATE_LABELS } from '../schedule/delivery-labels'
import { useDeliveryOpenRequest } from '../schedule/open-request-context'
import { formatShortDay, formatTime } from '../schedule/schedule-format'

/** One post waiting for a decision in the Needs attention list: where, what, why, and Open post. */
export function PostAttentionItem({ delivery, onOpened }: { delivery: DeliveryView; onOpened(): void }) {
  const { open } = useDeliveryOpenRequest()
  const network = NETWORK_LABELS[delivery.network]
  const { tone, explanation } = DELIVERY_STATE_LABELS[delivery.state]
  // The same words as the post's details: who refused it, never a raw "HTTP 400".
  const detail = delivery.failureDetail ?? ''
  const why =
    delivery.state === 'failed'
      ? failureWords(delivery).sentence
      : delivery.state === 'held'
        ? (delivery.heldDetail ?? explanation)
        : detail && !looksRaw(detail)
          ? detail
          : explanation
  return (
    <li className={`attention-item attention-item--post attention-item--${tone}`} aria-label={`${delivery.channelName}, ${network}: ${delivery.preview || 'No text'}`}>
      <div className="attention-item__head">
        <ChannelAvatar channel={{ id: delivery.channelId, name: delivery.channelName, network: delivery.network }} />
        <span className="attention-item__who">
          <span className="attention-item__name">{delivery.channelName}</span>
          <span className="attention-item__network">
            {network} · {formatShortDay(delivery.dueAt)}, {formatTime(delivery.dueAt)}
          </span>
        </span>
        <DeliveryBadge delivery={delivery} />
      </div>
      <p className="attention-item__preview">{delivery.preview || 'No text'}</p>
      <p className="attention-item__meaning">{why}</p>
      <div className="attention-item__actions">
        <Button
          size="sm"
          variant="primary"
          onClick={() => {
            onOpened()
            open(delivery.id)
          }}
        >
          {OPEN_POST}
        </Button>
      </div>
    </li>
  )
}
