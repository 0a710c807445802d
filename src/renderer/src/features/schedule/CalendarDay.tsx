import type { CalendarDelivery } from '../../../../shared/domain/schedule'
import type { RiskLookup } from './use-at-risk'
import { useState } from 'react'
import { movedToDay, slotTimeFor, startOfDay } from './calendar-range'
import { PostCard } from './PostCard'
import { cachedPostCards } from './post-cards'
import { DayHeader } from './DayHeader'
import { formatLongDay } from './schedule-format'
import { DRAG_TYPE, readDragPayload, type DragPayload } from './use-move-post'

/** A month cell shows this many posts, then "+3 more": six weeks fit one screen at 1280×800. */
export const MONTH_CELL_LIMIT = 2

export interface CalendarDayProps {
  day: number
  deliveries: readonly CalendarDelivery[]
  /** All posts of the day when `deliveries` holds only the first few (the month). */
  postCount?: number | undefined
  now: number
  risks: RiskLookup
  variant: 'week' | 'month'
  /** Month cells of the neighbouring months are dimmed. */
  outside?: boolean
  onOpen(delivery: CalendarDelivery): void
  onCreate(at: number): void
  /** Shows the whole day when a month cell has more posts than fit. */
  onShowDay?(day: number): void
  /** A post dropped on this day: it keeps its clock time. */
  onMove?(payload: DragPayload, to: number): void
}

/**
 * One day of the week or month grid. A click on its empty space, or its "+" button, starts a post
 * on that day; past days offer neither, because nothing can be scheduled there.
 */
export function CalendarDay({ day, deliveries, postCount, now, risks, variant, outside = false, onOpen, onCreate, onShowDay, onMove }: CalendarDayProps) {
  const [dropping, setDropping] = useState(false)
  const slot = slotTimeFor(day, now)
  const today = day === startOfDay(now)
  const name = formatLongDay(day)
  const cards = cachedPostCards(deliveries, risks)
  const shown = variant === 'month' ? cards.slice(0, MONTH_CELL_LIMIT) : cards
  const hidden = Math.max(postCount ?? cards.length, cards.length) - shown.length
  const classes = ['calendar-day', `calendar-day--${variant}`, today ? 'calendar-day--today' : '', outside ? 'calendar-day--outside' : '', slot === undefined ? 'calendar-day--past' : '', dropping ? 'calendar-day--drop' : '']
  return (
    <section className={classes.filter(Boolean).join(' ')} aria-label={name} aria-current={today ? 'date' : undefined}>
      <DayHeader day={day} slot={slot} showWeekday={variant === 'week'} className="calendar-day__header" onCreate={onCreate} />
      <div
        className="calendar-day__body"
        // Past days take no drops: nothing can be scheduled there.
        onDragOver={(event) => {
          if (slot === undefined || !onMove || !event.dataTransfer.types.includes(DRAG_TYPE)) return
          event.preventDefault()
          event.dataTransfer.dropEffect = 'move'
          setDropping(true)
        }}
        onDragLeave={() => setDropping(false)}
        onDrop={(event) => {
          setDropping(false)
          const payload = readDragPayload(event.dataTransfer)
          if (!payload || !onMove || slot === undefined) return
          event.preventDefault()
          onMove(payload, movedToDay(payload.dueAt, day))
        }}
        onClick={(event) => {
          // Only the empty space: clicks on a post open the post.
          if (event.target === event.currentTarget && slot !== undefined) onCreate(slot)
        }}
      >
        {shown.length > 0 && (
          <ul className="calendar-day__list" aria-label={`Posts on ${name}`}>
            {shown.map((card) => (
              <PostCard key={card.key} card={card} variant="month" risks={risks} onOpen={onOpen} draggable={onMove !== undefined} />
            ))}
          </ul>
        )}
        {hidden > 0 && (
          <button type="button" className="link-button calendar-day__more" onClick={() => onShowDay?.(day)}>
            +{hidden} more
          </button>
        )}
      </div>
    </section>
  )
}
