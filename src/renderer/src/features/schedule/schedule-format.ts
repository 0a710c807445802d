/** Dates and times on the Schedule page, in the user's locale and time zone. */

import { dateFormat, dateRangeFormat } from '../../lib/locale'

const timeFormat = dateFormat({ hour: '2-digit', minute: '2-digit' })
const weekdayFormat = dateFormat({ weekday: 'short' })
const dayNumberFormat = dateFormat({ day: 'numeric' })
const longDayFormat = dateFormat({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
const shortDayFormat = dateFormat({ weekday: 'short', day: 'numeric', month: 'short' })
const monthFormat = dateFormat({ month: 'long', year: 'numeric' })
const rangeFormat = dateRangeFormat({ day: 'numeric', month: 'short', year: 'numeric' })

/** "09:00". */
export const formatTime = (ms: number): string => timeFormat(ms)

/** "Mon", for column headers. */
export const formatWeekday = (ms: number): string => weekdayFormat(ms)

/** "5", the day of the month. */
export const formatDayNumber = (ms: number): string => dayNumberFormat(ms)

/** "Monday, 5 January 2026": a day's accessible name. */
export const formatLongDay = (ms: number): string => longDayFormat(ms)

/** "Mon 5 Jan", for list headings. */
export const formatShortDay = (ms: number): string => shortDayFormat(ms)

/** "January 2026". */
export const formatMonth = (ms: number): string => monthFormat(ms)

/** "5 – 11 Jan 2026" for a week `[from, to)`. */
export const formatWeek = (from: number, to: number): string => rangeFormat(from, to - 1)

const pad = (n: number): string => String(n).padStart(2, '0')

/** The value of an `<input type="datetime-local">` for a moment, in the user's time zone. */
export function toDateTimeLocal(ms: number): string {
  const d = new Date(ms)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** The moment an `<input type="datetime-local">` names, or undefined when it is incomplete. */
export function fromDateTimeLocal(value: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value)
  if (!match) return undefined
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number]
  return new Date(y, mo - 1, d, h, mi).getTime()
}
