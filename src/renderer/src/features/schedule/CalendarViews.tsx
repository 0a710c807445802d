import { Fragment } from 'react'
import type { DeliveryView } from '../../../../shared/domain/schedule'
import type { RiskLookup } from './use-at-risk'
import { dayKey, isSameMonth, type VisibleRange } from './calendar-range'
import { CalendarDay } from './CalendarDay'
import { DeliveryItem } from './DeliveryItem'
import { formatLongDay, formatShortDay, formatWeekday } from './schedule-format'
export { WeekView } from './WeekGrid'
import type { DragPayload } from './use-move-post'

export interface CalendarViewProps {
  range: VisibleRange
  /** The day the view is anchored on; the month view dims the days of other months. */
  anchor: number
  byDay: ReadonlyMap<string, DeliveryView[]>
  now: number
  risks: RiskLookup
  onOpen(delivery: DeliveryView): void
  onCreate(at: number): void
  onShowDay(day: number): void
  onMove(payload: DragPayload, to: number): void
}

export function MonthView({ range, anchor, byDay, now, risks, onOpen, onCreate, onShowDay, onMove }: CalendarViewProps) {
  return (
    <div className="month-grid">
      {range.days.slice(0, 7).map((day) => (
        <div key={day} className="month-grid__weekday" aria-hidden="true">
          {formatWeekday(day)}
        </div>
      ))}
      {range.days.map((day) => (
        <CalendarDay
          key={day}
          day={day}
          deliveries={byDay.get(dayKey(day)) ?? []}
          now={now}
          risks={risks}
          variant="month"
          outside={!isSameMonth(day, anchor)}
          onOpen={onOpen}
          onCreate={onCreate}
          onShowDay={onShowDay}
          onMove={onMove}
        />
      ))}
    </div>
  )
}

/** Days that have posts, each with its posts in time order. */
export function ListView({ range, byDay, risks, onOpen }: CalendarViewProps) {
  const days = range.days.filter((day) => (byDay.get(dayKey(day))?.length ?? 0) > 0)
  return (
    <div className="schedule-list">
      {days.map((day) => (
        <Fragment key={day}>
          <h3 className="schedule-list__day">{formatShortDay(day)}</h3>
          <ul className="schedule-list__items" aria-label={`Posts on ${formatLongDay(day)}`}>
            {(byDay.get(dayKey(day)) ?? []).map((d) => (
              <DeliveryItem key={d.id} delivery={d} risk={risks.get(d)} variant="row" onOpen={onOpen} />
            ))}
          </ul>
        </Fragment>
      ))}
    </div>
  )
}
