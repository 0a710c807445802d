import { useId, type CSSProperties } from 'react'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import type { CalendarDelivery } from '../../../../shared/domain/schedule'
import type { RiskLookup } from './use-at-risk'
import { useToday } from '../../app/now-context'
import { Icon } from '../../components/Icon'
import { ChannelAvatar } from '../../components/ChannelAvatar'
import { atRiskText } from './delivery-copy'
import { channelStack } from './channel-stack'
import { STATE_ICONS, type PostCardModel } from './post-cards'
import { formatTime } from './schedule-format'
import { DRAG_TYPE, MOVABLE, type DragPayload } from './use-move-post'
import { useThumbnail } from './use-thumbnail'

/**
 * Channels stacked (their pictures, else their networks' marks), the first few shown and the rest
 * counted (channel-stack.ts). The count is drawn from its data attributes by the stylesheet, which
 * picks a week card's count in a wide day or in a narrow one.
 */
function StackedMarks({ deliveries, variant }: { deliveries: readonly CalendarDelivery[]; variant: PostCardProps['variant'] }) {
  const { marks, rest, narrowRest } = channelStack(deliveries.length, variant)
  return (
    <span className="post-card__marks" aria-hidden="true">
      {deliveries.slice(0, marks).map((d) => (
        <ChannelAvatar key={d.id} channel={{ id: d.channelId, name: d.channelName, network: d.network }} size="xs" />
      ))}
      {(rest > 0 || narrowRest > 0) && <span className="post-card__more" data-rest={rest > 0 ? `+${rest}` : undefined} data-narrow-rest={narrowRest > 0 ? `+${narrowRest}` : undefined} />}
    </span>
  )
}

/** The post's image on a week card (only posts with one ask main for it). */
function Thumbnail({ postId }: { postId: string }) {
  const thumbnail = useThumbnail(postId)
  return thumbnail ? <img className="post-card__thumb" src={thumbnail} alt="" /> : null
}

export interface PostCardProps {
  card: PostCardModel
  variant: 'week' | 'month'
  risks: RiskLookup
  /** Absolute placement in the week's hour grid. */
  style?: CSSProperties
  draggable: boolean
  /** A busy week's card with the hour's "+N more" at its lower right: its text stops short of it. */
  besideMore?: boolean
  onOpen(delivery: CalendarDelivery): void
}

/**
 * One post on the calendar: its time, its channels as stacked network marks, its first line and
 * image, and its state as a colour and an icon. Every channel's state is in the card's
 * description for screen readers and in its tooltip; a published single-channel post links to
 * the live post.
 */
export function PostCard({ card, variant, risks, style, draggable, besideMore = false, onOpen }: PostCardProps) {
  const statusId = useId()
  // The day is all the at-risk words read off the clock ("expires tomorrow").
  const today = useToday()
  const first = card.deliveries[0]
  if (!first) return null
  const movable = draggable && card.deliveries.every((d) => MOVABLE.includes(d.state))
  const channels = card.deliveries.map((d) => `${d.channelName} (${NETWORK_LABELS[d.network]})`).join(', ')
  const risk = card.deliveries.map((d) => risks.get(d)).find((r) => r !== undefined)
  const riskText = risk ? atRiskText(risk, today) : ''
  const published = card.deliveries.filter((d) => d.state === 'published' && d.url)
  const state = <span className={`post-card__state post-card__state--${risk && card.state === 'scheduled' ? 'alert' : STATE_ICONS[card.state]}`} aria-hidden="true" />
  return (
    <li
      className={`post-card post-card--${variant} post-card--${card.tone}${risk ? ' post-card--at-risk' : ''}${movable ? ' post-card--movable' : ''}${card.hasImage && variant === 'week' ? ' post-card--thumb' : ''}${besideMore ? ' post-card--beside-more' : ''}`}
      style={style}
      draggable={movable || undefined}
      onDragStart={
        movable
          ? (event) => {
              const payload: DragPayload = { postId: card.postId, dueAt: card.dueAt, preview: card.preview }
              event.dataTransfer.setData(DRAG_TYPE, JSON.stringify(payload))
              event.dataTransfer.effectAllowed = 'move'
            }
          : undefined
      }
    >
      <button
        type="button"
        className="post-card__open"
        aria-describedby={statusId}
        title={[card.preview, card.summary, riskText].filter(Boolean).join('\n')}
        onClick={() => onOpen(first)}
      >
        <span className="post-card__line">
          {variant === 'month' && state}
          <span className="post-card__when">{formatTime(card.dueAt)}</span>
          <StackedMarks deliveries={card.deliveries} variant={variant} />
          <span className="visually-hidden">{`on ${channels}`}</span>
          {variant === 'month' && <span className="post-card__preview">{card.preview || 'No text'}</span>}
        </span>
        {/* A week card's first line is its time and channels; its state leads the text below, which has the room. */}
        {variant === 'week' && (
          <span className="post-card__preview">
            {state}
            {card.preview || 'No text'}
          </span>
        )}
        {card.hasImage && variant === 'week' && <Thumbnail postId={card.postId} />}
      </button>
      {/*
        The description is read from the element even though it is hidden (as aria-describedby
        allows), and hidden it is not styled or laid out: a busy week has hundreds of cards.
      */}
      <span id={statusId} hidden>
        {riskText ? `${card.summary}. ${riskText}` : card.summary}
      </span>
      {published.length === 1 && published[0]?.url && (
        <a className="post-card__link" href={published[0].url} target="_blank" rel="noreferrer" aria-label="View post" title="View post">
          <Icon name="external" size={12} />
        </a>
      )}
    </li>
  )
}
