import type { PostingSlot, Weekday } from '../../../../shared/domain/posting-slots'
import { dateFormat } from '../../lib/locale'

const shortName = dateFormat({ weekday: 'short', timeZone: 'UTC' })
const longName = dateFormat({ weekday: 'long', timeZone: 'UTC' })
// Sunday 4 January 2026, so Monday (1) is the 5th.
const dayOf = (weekday: Weekday): number => Date.UTC(2026, 0, 4 + weekday)

/** "Mon" and "Monday" in the system's regional format. */
export const weekdayName = (weekday: Weekday, style: 'short' | 'long' = 'short'): string => (style === 'short' ? shortName : longName)(dayOf(weekday))

/** "Mon–Fri", "Every day", "Sat, Sun", "Mon, Wed, Fri". */
export function daysWords(days: readonly Weekday[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b)
  if (sorted.length === 7) return 'Every day'
  const first = sorted[0]
  const last = sorted[sorted.length - 1]
  if (first !== undefined && last !== undefined && sorted.length >= 3 && last - first === sorted.length - 1) return `${weekdayName(first)}–${weekdayName(last)}`
  return sorted.map((d) => weekdayName(d)).join(', ')
}

/** A channel's slots as rows of one time each and the days it is on, earliest time first. */
export function slotRows(slots: readonly PostingSlot[]): { time: string; days: Weekday[] }[] {
  const byTime = new Map<string, Weekday[]>()
  for (const s of slots) byTime.set(s.time, [...(byTime.get(s.time) ?? []), s.weekday])
  return [...byTime.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([time, days]) => ({ time, days: days.sort((a, b) => a - b) }))
}

