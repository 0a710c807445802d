import type { DeliveryView } from '../../../../shared/domain/schedule'
import { useNow } from '../../app/now-context'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Loading } from '../../components/Loading'
import { formatDateTime } from '../../lib/time'
import { useQuery } from '../../lib/use-query'
import { DELIVERY_STATE_LABELS } from '../schedule/delivery-labels'

const DAY = 86_400_000
const QUEUE_EVENTS = ['schedule:did-change', 'channels:did-change'] as const

function DeliveryLine({ delivery }: { delivery: DeliveryView }) {
  const state = DELIVERY_STATE_LABELS[delivery.state]
  return (
    <li className="channel-queue__item">
      <time className="channel-queue__time" dateTime={new Date(delivery.dueAt).toISOString()}>
        {formatDateTime(delivery.dueAt)}
      </time>
      <span className="channel-queue__text">{delivery.preview || 'Post without text'}</span>
      <span className={`channel-queue__state channel-queue__state--${state.tone}`}>{state.label}</span>
    </li>
  )
}

/**
 * What is queued for a channel (the next 60 days) and what went out or failed in the last 30,
 * read through the same command the Schedule page uses.
 */
export function ChannelQueue({ channelId }: { channelId: string }) {
  const now = useNow()
  // Whole minutes, so the query holds still while the clock ticks.
  const at = Math.floor(now / 60_000) * 60_000
  const queued = useQuery('schedule:list-deliveries', { from: at, to: at + 60 * DAY, channelIds: [channelId], states: ['scheduled', 'held'] }, QUEUE_EVENTS)
  const recent = useQuery(
    'schedule:list-deliveries',
    { from: at - 30 * DAY, to: at + 1, channelIds: [channelId], states: ['published', 'failed', 'needs_review', 'missed'] },
    QUEUE_EVENTS,
  )
  const error = queued.error ?? recent.error
  if (error && (!queued.data || !recent.data)) return <ErrorNotice message={error} onRetry={() => (queued.reload(), recent.reload())} />
  if (!queued.data || !recent.data) return <Loading label="Loading posts…" />
  const latest = [...recent.data].sort((a, b) => b.dueAt - a.dueAt).slice(0, 10)
  return (
    <div className="channel-queue">
      <h4 className="channel-queue__heading">Queued ({queued.data.length})</h4>
      {queued.data.length === 0 ? (
        <p className="muted-note">Nothing is scheduled for this channel in the next 60 days.</p>
      ) : (
        <ul className="boxed-list channel-queue__list" aria-label="Queued posts">
          {queued.data.slice(0, 20).map((d) => (
            <DeliveryLine key={d.id} delivery={d} />
          ))}
        </ul>
      )}
      <h4 className="channel-queue__heading">Last 30 days ({recent.data.length})</h4>
      {latest.length === 0 ? (
        <p className="muted-note">Nothing was published to this channel in the last 30 days.</p>
      ) : (
        <ul className="boxed-list channel-queue__list" aria-label="Recent posts">
          {latest.map((d) => (
            <DeliveryLine key={d.id} delivery={d} />
          ))}
        </ul>
      )}
    </div>
  )
}
