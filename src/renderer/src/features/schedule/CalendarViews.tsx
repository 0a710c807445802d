import { memo, useEffect, useState } from 'react'
import type { ChannelSlots } from '../../../../shared/domain/posting-slots'
import type { CalendarDelivery } from '../../../../shared/domain/schedule'
import type { RiskLookup } from './use-at-risk'
import { dayKey, isSameMonth, type VisibleRange } from './calendar-range'
import { CalendarDay } from './CalendarDay'
import { formatWeekday } from './schedule-format'
export { WeekView } from './WeekGrid'
import type { DragPayload } from './use-move-post'

export interface CalendarViewProps {
  range: VisibleRange
  /** The day the view is anchored on; the month view dims the days of other months. */
  anchor: number
  byDay: ReadonlyMap<string, CalendarDelivery[]>
  /**
   * Posts per window when main sent only the first few of each: per day (by `dayKey`) in the
   * month, per hour (by its start) in the week.
   */
  postCounts: ReadonlyMap<string, number>
  now: number
  risks: RiskLookup
  onOpen(delivery: CalendarDelivery): void
  onCreate(at: number): void
  onShowDay(day: number): void
  onMove(payload: DragPayload, to: number): void
  /** Posting slots of the channels shown, marked in the week's hour grid. */
  slots?: readonly ChannelSlots[]
  /** The list reads its range a page at a time: whether more is left, and how to read it. */
  more?: { hasMore: boolean; loading: boolean; loadMore(): void }
}

const NO_DELIVERIES: readonly CalendarDelivery[] = []

/** Days whose posts a month draws per frame as it opens: two weeks. */
export const MONTH_DAYS_PER_FRAME = 14

/**
 * How many of a month's days have their posts drawn: a month opening draws every day, but the
 * posts of its first two weeks only, then two weeks more each frame. Seventy cards and their marks
 * in one go were a task of 60 ms at agency scale, and the three weeks the opening drew were still
 * its longest task (53 ms on a quiet machine); a month already shown draws what changed at once.
 */
export function useMonthDrawn(month: number, days: number): number {
  const first = Math.min(days, MONTH_DAYS_PER_FRAME)
  const [drawn, setDrawn] = useState({ month, upTo: first })
  const upTo = drawn.month === month ? drawn.upTo : first
  useEffect(() => {
    if (upTo >= days) return
    const frame = requestAnimationFrame(() => setDrawn({ month, upTo: Math.min(days, upTo + MONTH_DAYS_PER_FRAME) }))
    return () => cancelAnimationFrame(frame)
  }, [month, upTo, days])
  return upTo
}

/** Six weeks of days, each with its first posts; not rendered again while nothing it shows changed. */
export const MonthView = memo(function MonthView({ range, anchor, byDay, postCounts, now, risks, onOpen, onCreate, onShowDay, onMove }: CalendarViewProps) {
  const drawn = useMonthDrawn(range.from, range.days.length)
  return (
    <div className="month-grid">
      {range.days.slice(0, 7).map((day) => (
        <div key={day} className="month-grid__weekday" aria-hidden="true">
          {formatWeekday(day)}
        </div>
      ))}
      {range.days.map((day, i) => (
        <CalendarDay
          key={day}
          day={day}
          deliveries={i < drawn ? (byDay.get(dayKey(day)) ?? NO_DELIVERIES) : NO_DELIVERIES}
          postCount={i < drawn ? postCounts.get(dayKey(day)) : undefined}
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
})

/** Days that have posts, each with its posts in time order, virtualised (ScheduleList.tsx). */
export { ScheduleList as ListView } from './ScheduleList'
