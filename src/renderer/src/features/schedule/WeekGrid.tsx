import { memo, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type MouseEvent } from 'react'
import type { CalendarDelivery } from '../../../../shared/domain/schedule'
import type { RiskLookup } from './use-at-risk'
import { dayKey, slotTimeFor, startOfDay } from './calendar-range'
import type { CalendarViewProps } from './CalendarViews'
import { PostCard } from './PostCard'
import { cachedPostCards, type PostCardModel } from './post-cards'
import { DayHeader } from './DayHeader'
import { formatLongDay, formatTime } from './schedule-format'
import { DRAG_TYPE, readDragPayload, type DragPayload } from './use-move-post'
import { inRows, useWeekCells, WEEK_RENDER_ALL, type Rows } from './week-band'
import { slotMarksByDay, type SlotMark } from './week-slots'
import { HOUR_HEIGHT, hoursBetween, placeInLanes, timeAtOffset, topOf, visibleHours, type Placed } from './week-layout'
import { hourLeaders, hourOf, hoursWithMore } from './week-summary'

interface ColumnProps {
  day: number
  cards: readonly PostCardModel[]
  /** Posts per hour start, when main sent only the first few of each hour. */
  postCounts: ReadonlyMap<string, number>
  onShowDay(day: number): void
  now: number
  first: number
  height: number
  risks: RiskLookup
  onOpen(delivery: CalendarDelivery): void
  onCreate(at: number): void
  onMove(payload: DragPayload, to: number): void
  /** This day's posting slots. */
  slots: readonly SlotMark[]
  /** In a busy week still filling in, the hour rows whose cards are rendered. */
  rows: Rows | undefined
  /** A busy week: one card an hour, at the hour's top, the rest counted (week-summary.ts). */
  busy: boolean
}

const NO_DELIVERIES: readonly CalendarDelivery[] = []

/** Pixels above an hour's line that show all of its label (`.week-view__hour`, 12 px text centred on the line). */
const HOUR_LABEL_ROOM = 10

/** A card at its place in the grid; unchanged cards are not rendered again while the week fills in. */
const WeekCard = memo(function WeekCard({ card, top, lane, lanes, besideMore, risks, onOpen }: { card: PostCardModel; top: number; lane: number; lanes: number; besideMore: boolean; risks: RiskLookup; onOpen(delivery: CalendarDelivery): void }) {
  return <PostCard card={card} variant="week" risks={risks} draggable besideMore={besideMore} onOpen={onOpen} style={{ top, left: `calc(${(lane / lanes) * 100}% + 2px)`, width: `calc(${100 / lanes}% - 4px)` }} />
})

/**
 * "+4 more" at the foot of an hour whose posts are not all shown, "+4" in a narrow day (its words
 * are drawn by the stylesheet from `data-more`, which picks them by the day's width). Not rendered
 * again while the week fills in around it: a busy week has one in nearly every hour, and each was
 * rendered again, its label worked out and its element's properties compared, with every hour the grid added.
 */
const MoreButton = memo(function MoreButton({ hour, more, top, dayName, day, onShowDay }: { hour: number; more: number; top: number; dayName: string; day: number; onShowDay(day: number): void }) {
  const label = `${more} more ${more === 1 ? 'post' : 'posts'} at ${formatTime(hour)} on ${dayName}: show the list`
  return <button type="button" className="week-day__more" style={{ top }} data-more={`+${more}`} aria-label={label} title={label} onClick={() => onShowDay(day)} />
})

/** Where in the column the pointer is, in pixels from the top of the hour grid. */
const offsetIn = (event: DragEvent | MouseEvent): number => event.clientY - event.currentTarget.getBoundingClientRect().top

/** A day's cards at their places: at their time in lanes, or in a busy week one an hour at the hour's top. */
function placeCards(cards: readonly PostCardModel[], busy: boolean, first: number): Placed<PostCardModel>[] {
  if (!busy) return placeInLanes(cards, (c) => c.dueAt, first)
  return hourLeaders(cards).map((item) => ({ item, top: topOf(hourOf(item.dueAt), first) + 2, lane: 0, lanes: 1 }))
}

/** One day of the week; not rendered again while nothing it shows changed (a dialog opening over the page). */
const WeekColumn = memo(function WeekColumn({ day, cards, postCounts, onShowDay, now, first, height, risks, onOpen, onCreate, onMove, slots, rows, busy }: ColumnProps) {
  const [dropAt, setDropAt] = useState<number>()
  const name = formatLongDay(day)
  const slot = slotTimeFor(day, now)
  const today = day === startOfDay(now)
  const allPlaced = useMemo(() => placeCards(cards, busy, first), [cards, busy, first])
  const allOverflow = useMemo(() => hoursWithMore(day, cards, allPlaced.map((p) => p.item), postCounts), [day, cards, allPlaced, postCounts])
  // In a busy week the "+N more" sits at the lower right of its hour's card.
  const crowded = useMemo(() => new Set(busy ? allOverflow.map((o) => o.hour) : []), [busy, allOverflow])
  const placed = allPlaced.filter((p) => inRows(rows, p.top))
  const overflow = allOverflow.filter((o) => inRows(rows, topOf(o.hour, first)))
  const classes = ['week-day', today ? 'week-day--today' : '', slot === undefined ? 'week-day--past' : '']
  return (
    <section className={classes.filter(Boolean).join(' ')} aria-label={name} aria-current={today ? 'date' : undefined}>
      <DayHeader day={day} slot={slot} showWeekday className="week-day__header" onCreate={onCreate} />
      {slots.length > 0 && <p className="visually-hidden">Posting slots: {slots.map((s) => formatTime(s.at)).join(', ')}</p>}
      <div
        className="week-day__body"
        style={{ height }}
        onClick={(event) => {
          if (event.target !== event.currentTarget) return
          const at = timeAtOffset(day, offsetIn(event), first)
          // A click in the past plans nothing; today's earlier hours start at the next free one.
          if (at > now) onCreate(at)
          else if (slot !== undefined) onCreate(slot)
        }}
        onDragOver={(event) => {
          if (!event.dataTransfer.types.includes(DRAG_TYPE)) return
          const at = timeAtOffset(day, offsetIn(event), first)
          if (at <= now) {
            setDropAt(undefined)
            return
          }
          event.preventDefault()
          event.dataTransfer.dropEffect = 'move'
          setDropAt(at)
        }}
        onDragLeave={() => setDropAt(undefined)}
        onDrop={(event) => {
          setDropAt(undefined)
          const payload = readDragPayload(event.dataTransfer)
          const at = timeAtOffset(day, offsetIn(event), first)
          if (!payload || at <= now) return
          event.preventDefault()
          onMove(payload, at)
        }}
      >
        {slots.map((s) => (
          <div
            key={s.at}
            className={['week-day__slot', s.at <= now ? 'week-day__slot--past' : ''].filter(Boolean).join(' ')}
            style={{ top: topOf(s.at, first) }}
            data-testid="posting-slot"
            title={`Posting slot at ${formatTime(s.at)}`}
            aria-hidden="true"
          >
            {s.at > now && <span className="week-day__slot-time">{formatTime(s.at)}</span>}
          </div>
        ))}
        {today && (
          <div className="week-day__now" style={{ top: topOf(now, first) }} aria-hidden="true">
            <span className="week-day__now-dot" />
          </div>
        )}
        {dropAt !== undefined && (
          <div className="week-day__drop" style={{ top: topOf(dropAt, first) }} aria-hidden="true">
            {formatTime(dropAt)}
          </div>
        )}
        {placed.length > 0 && (
          <ul className="week-day__list" aria-label={`Posts on ${name}`}>
            {placed.map(({ item, top, lane, lanes }) => (
              <WeekCard key={item.key} card={item} top={top} lane={lane} lanes={lanes} besideMore={crowded.has(hourOf(item.dueAt))} risks={risks} onOpen={onOpen} />
            ))}
          </ul>
        )}
        {overflow.map(({ hour, more }) => (
          <MoreButton key={hour} hour={hour} more={more} top={topOf(hour, first) + HOUR_HEIGHT - 18} dayName={name} day={day} onShowDay={onShowDay} />
        ))}
      </div>
    </section>
  )
})

/** The hours down the grid's left edge; the same while the week fills in. */
const HourAxis = memo(function HourAxis({ week, first, last }: { week: number; first: number; last: number }) {
  return (
    <div className="week-view__axis" aria-hidden="true">
      <div className="week-view__corner" />
      <div className="week-view__hours" style={{ height: (last - first) * HOUR_HEIGHT }}>
        {hoursBetween(first, last).map((hour) => (
          <span key={hour} className="week-view__hour" style={{ top: (hour - first) * HOUR_HEIGHT }}>
            {formatTime(new Date(week).setHours(hour, 0, 0, 0))}
          </span>
        ))}
      </div>
    </div>
  )
})

/**
 * The week as an hour grid: a column per day, posts placed at their time (side by side when they
 * overlap), faint marks at the channels' posting slots, a red line at the current time, and
 * drops that land on the quarter hour under the pointer.
 */
export const WeekView = memo(function WeekView({ range, byDay, postCounts, now, risks, onOpen, onCreate, onShowDay, onMove, slots = [] }: CalendarViewProps) {
  const scroller = useRef<HTMLDivElement>(null)
  const cardsByDay = useMemo(() => range.days.map((day) => cachedPostCards(byDay.get(dayKey(day)) ?? NO_DELIVERIES, risks)), [range.days, byDay, risks])
  const slotMarks = useMemo(() => slotMarksByDay(range.days, slots), [range.days, slots])
  const inRange = now >= range.from && now < range.to
  // Worked out once per answer, not on each of the frames a busy week fills in over.
  const { first, last, earliest } = useMemo(() => {
    const times = [...cardsByDay.flat().map((c) => c.dueAt), ...[...slotMarks.values()].flat().map((s) => s.at), ...(inRange ? [now] : [])]
    return { ...visibleHours(times), earliest: Math.min(...times) }
  }, [cardsByDay, slotMarks, inRange, now])
  const height = (last - first) * HOUR_HEIGHT
  const openAt = Number.isFinite(earliest) ? Math.max(0, topOf(earliest, first) - HOUR_HEIGHT) : 0
  const busy = cardsByDay.reduce((n, cards) => n + cards.length, 0) > WEEK_RENDER_ALL
  const cells = useWeekCells({ busy, week: range.from, days: range.days.length, openAt, height, scroller })

  // Open on the current time or the first post, an hour above it, rather than at dawn; and a little
  // above that hour's line, so its label (centred on the line) is not cut in half by the day headers.
  useLayoutEffect(() => {
    const el = scroller.current
    if (!el || !Number.isFinite(earliest)) return
    el.scrollTop = Math.max(0, openAt - HOUR_LABEL_ROOM)
    // Only when the week changes: a post added later must not jump the view.
  }, [range.from])

  return (
    <div className="week-view" ref={scroller}>
      <div className="week-view__grid">
        <HourAxis week={range.from} first={first} last={last} />
        {range.days.map((day, index) => (
          <WeekColumn
            key={day}
            day={day}
            cards={cardsByDay[index] ?? []}
            postCounts={postCounts}
            onShowDay={onShowDay}
            now={now}
            first={first}
            height={height}
            risks={risks}
            onOpen={onOpen}
            onCreate={onCreate}
            onMove={onMove}
            slots={slotMarks.get(day) ?? []}
            rows={cells?.[index]}
            busy={busy}
          />
        ))}
      </div>
    </div>
  )
})
