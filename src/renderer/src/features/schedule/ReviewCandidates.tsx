import { useState } from 'react'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import type { DeliveryView } from '../../../../shared/domain/schedule'
import { Button } from '../../components/Button'
import { DrawerSection } from '../../components/DrawerSection'
import { Icon } from '../../components/Icon'
import { useToast } from '../../components/use-toast'
import { call, errorMessage } from '../../lib/api'
import { formatDateTime } from '../../lib/time'
import { ViewPostLink } from './DeliveryBadge'

/**
 * A post waiting for a person because more than one of the channel's posts could be it (or one
 * that looks edited since): each candidate with its time and a link to open it on the network,
 * and "This is the post" to record the delivery as published as that post.
 */
export function ReviewCandidates({ delivery }: { delivery: DeliveryView }) {
  const toast = useToast()
  const [busy, setBusy] = useState(false)
  if (delivery.state !== 'needs_review' || delivery.reviewCandidates.length === 0) return null
  const network = NETWORK_LABELS[delivery.network]

  async function pick(networkPostId: string): Promise<void> {
    setBusy(true)
    try {
      await call('schedule:resolve-delivery', { deliveryId: delivery.id, action: { kind: 'mark_published', networkPostId } })
      toast.show({ message: `Marked as published on ${delivery.channelName}.` })
    } catch (err) {
      toast.show({ message: errorMessage(err), tone: 'danger' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <DrawerSection title={`Posts on ${network} that may be this one`}>
      <p className="drawer-meta">Open each on {network} and compare it with the post below. Nothing is sent again until you decide.</p>
      <ul className="review-candidates">
        {delivery.reviewCandidates.map((c, i) => (
          <li key={c.networkPostId} className="review-candidates__item">
            <span className="review-candidates__when">
              Post {i + 1} · {formatDateTime(c.publishedAt)}
            </span>
            <ViewPostLink url={c.url} />
            <Button size="sm" disabled={busy} aria-label={`Post ${i + 1} is this post`} onClick={() => void pick(c.networkPostId)}>
              <Icon name="check" size={14} />
              This is the post
            </Button>
          </li>
        ))}
      </ul>
    </DrawerSection>
  )
}
