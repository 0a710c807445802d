/**
 * Calendar arithmetic in the user's time zone. Days are stepped with the Date's local fields rather
 * than by adding 24 hours, so a week across a daylight-saving change still starts at midnight.
 */

export const SCHEDULE_VIEWS = ['week', 'month', 'list'] as const
export type ScheduleView = (typeof SCHEDULE_VIEWS)[number]

export const isScheduleView = (value: unknown): value is ScheduleView => (SCHEDULE_VIEWS as readonly unknown[]).includes(value)

/** The days a view shows and the span of time to ask main for: `[from, to)`. */
export interface VisibleRange {
  from: number
  to: number
  /** Midnight of every day shown, in order. */
  days: number[]
}

export function startOfDay(ms: number): number {
  const d = new Date(ms)
  d.setHours(0, 0, 0, 0)
  return d.getTime()
}

export function addDays(ms: number, n: number): number {
  const d = new Date(ms)
  d.setDate(d.getDate() + n)
  return d.getTime()
}

export function startOfMonth(ms: number): number {
  const d = new Date(startOfDay(ms))
  d.setDate(1)
  return d.getTime()
}

export function addMonths(ms: number, n: number): number {
  const d = new Date(startOfMonth(ms))
  d.setMonth(d.getMonth() + n)
  return d.getTime()
}

/** `firstDay` as `Date.getDay()` counts: 0 Sunday … 6 Saturday. */
export function startOfWeek(ms: number, firstDay: number): number {
  const day = startOfDay(ms)
  return addDays(day, -((new Date(day).getDay() - firstDay + 7) % 7))
}

function daysBetween(from: number, to: number): number[] {
  const days: number[] = []
  for (let day = from; day < to; day = addDays(day, 1)) days.push(day)
  return days
}

export function visibleRange(view: ScheduleView, anchor: number, firstDay: number): VisibleRange {
  if (view === 'week') {
    const from = startOfWeek(anchor, firstDay)
    const to = addDays(from, 7)
    return { from, to, days: daysBetween(from, to) }
  }
  const monthStart = startOfMonth(anchor)
  const monthEnd = addMonths(monthStart, 1)
  if (view === 'list') return { from: monthStart, to: monthEnd, days: daysBetween(monthStart, monthEnd) }
  // Whole weeks, so the grid's first and last rows show the neighbouring months' days too.
  const from = startOfWeek(monthStart, firstDay)
  const to = startOfWeek(addDays(monthEnd, 6), firstDay)
  return { from, to, days: daysBetween(from, to) }
}

/** One step back or forward: a week in the week view, a month otherwise. */
export function shiftAnchor(view: ScheduleView, anchor: number, step: number): number {
  return view === 'week' ? addDays(startOfDay(anchor), 7 * step) : addMonths(anchor, step)
}

/** A day's identity in the user's time zone, for grouping: "2026-1-5". */
export function dayKey(ms: number): string {
  const d = new Date(ms)
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`
}

export const isSameMonth = (a: number, b: number): boolean => startOfMonth(a) === startOfMonth(b)

/**
 * The week's first day for the user's locale (Monday in most of the world, Sunday in the US),
 * from `Intl.Locale` week info where the engine has it; Monday otherwise (ISO 8601).
 */
export function localeFirstDay(locale: string): number {
  try {
    const info = new Intl.Locale(locale) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } }
    const firstDay = info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay
    // Intl counts 1 Monday … 7 Sunday.
    if (firstDay !== undefined && firstDay >= 1 && firstDay <= 7) return firstDay % 7
  } catch {
    // An unknown locale tag: fall through to ISO weeks.
  }
  return 1
}

/**
 * The time a new post gets when an empty day is clicked: 09:00 on a later day; on today, the next
 * full hour if today still has one. Past days get none: nothing can be scheduled there.
 */
export function slotTimeFor(day: number, now: number): number | undefined {
  const today = startOfDay(now)
  if (day < today) return undefined
  if (day > today) {
    const d = new Date(day)
    d.setHours(9)
    return d.getTime()
  }
  // Local fields, so zones half an hour off UTC still get a full hour on their own clock.
  const next = new Date(now)
  next.setMinutes(0, 0, 0)
  next.setHours(next.getHours() + 1)
  return startOfDay(next.getTime()) === today ? next.getTime() : undefined
}

/**
 * Where a post dragged onto another day lands: the same clock time on that day, in the user's
 * zone (local fields, so a move across a daylight-saving change keeps 09:00 at 09:00).
 */
export function movedToDay(dueAt: number, day: number): number {
  const from = new Date(dueAt)
  const to = new Date(day)
  to.setHours(from.getHours(), from.getMinutes(), from.getSeconds(), from.getMilliseconds())
  return to.getTime()
}
