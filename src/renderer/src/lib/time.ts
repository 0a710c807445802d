import { dateFormat } from './locale'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const dateOnly = dateFormat({ day: 'numeric', month: 'short', year: 'numeric' })
const dateTime = dateFormat({ day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })

/** "6 Mar 2026" in the user's locale. */
export const formatDate = (ms: number): string => dateOnly(ms)

/** "6 Mar 2026, 09:00" in the user's locale. */
export const formatDateTime = (ms: number): string => dateTime(ms)

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

/**
 * "in 3 days", "2 hours ago", "just now". Deadlines are thought of in days, so anything past a
 * day is counted in whole days rather than rounded up to months.
 */
export function formatRelative(ms: number, now: number): string {
  const diff = ms - now
  const size = Math.abs(diff)
  if (size < MINUTE) return diff > 0 ? 'in less than a minute' : 'just now'
  let amount: string
  if (size < HOUR) amount = plural(Math.floor(size / MINUTE), 'minute', 'minutes')
  else if (size < DAY) amount = plural(Math.floor(size / HOUR), 'hour', 'hours')
  else amount = plural(Math.floor(size / DAY), 'day', 'days')
  return diff > 0 ? `in ${amount}` : `${amount} ago`
}
