import { appLocale } from '../../../lib/locale'
/**
 * Dates as people say them when a deadline is close: "today at 14:00", "tomorrow", "Tuesday",
 * and the date itself beyond a week. Days are calendar days in the user's time zone, measured
 * from main's clock (the demo's may run ahead of the wall clock).
 */

/** Fixed by tests; the window leaves both to the user's settings. */
export interface WhenOptions {
  locale?: string
  timeZone?: string
}

const DAY_MS = 86_400_000

// Building an Intl.DateTimeFormat costs about as much as formatting a hundred dates: a busy
// week's cards each say when their sign-in lapses, so the formats are built once per options.
const formats = new Map<string, Intl.DateTimeFormat>()

function formatter(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify([locale, options])
  let found = formats.get(key)
  if (!found) {
    found = new Intl.DateTimeFormat(locale, options)
    formats.set(key, found)
  }
  return found
}

/** A day's number since 1970 in the time zone (the window's own zone when none is given). */
function dayNumber(ms: number, timeZone: string | undefined): number {
  if (timeZone === undefined) {
    const d = new Date(ms)
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY_MS
  }
  const parts = Object.fromEntries(formatter('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(ms).map((p) => [p.type, p.value]))
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) / DAY_MS
}

/** Calendar days from `now` to `at` in the time zone: 0 today, 1 tomorrow, -1 yesterday. */
export function calendarDaysBetween(now: number, at: number, opts: WhenOptions = {}): number {
  return dayNumber(at, opts.timeZone) - dayNumber(now, opts.timeZone)
}

const format = (ms: number, opts: WhenOptions, options: Intl.DateTimeFormatOptions): string =>
  formatter(opts.locale ?? appLocale(), { timeZone: opts.timeZone, ...options }).format(ms)

const clockTime = (ms: number, opts: WhenOptions): string => format(ms, opts, { hour: '2-digit', minute: '2-digit' })

function calendarDate(ms: number, now: number, opts: WhenOptions): string {
  const sameYear = format(ms, opts, { year: 'numeric' }) === format(now, opts, { year: 'numeric' })
  return format(ms, opts, sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' })
}

/** For sentences about a day: "today at 14:00", "tomorrow", "yesterday", "Tuesday", "12 Mar", "12 Mar 2027". */
export function dayWords(at: number, now: number, opts: WhenOptions = {}): string {
  const days = calendarDaysBetween(now, at, opts)
  if (days === 0) return `today at ${clockTime(at, opts)}`
  if (days === 1) return 'tomorrow'
  if (days === -1) return 'yesterday'
  if (days > 1 && days < 7) return format(at, opts, { weekday: 'long' })
  return calendarDate(at, now, opts)
}

/** For a time slot: "today at 10:15", "tomorrow at 10:15", "Tue 10:15", "12 Mar 10:15". */
export function slotWords(at: number, now: number, opts: WhenOptions = {}): string {
  const days = calendarDaysBetween(now, at, opts)
  const time = clockTime(at, opts)
  if (days === 0) return `today at ${time}`
  if (days === 1) return `tomorrow at ${time}`
  if (days > 1 && days < 7) return `${format(at, opts, { weekday: 'short' })} ${time}`
  return `${calendarDate(at, now, opts)} ${time}`
}
