import { utcToZonedWallTime, zonedWallTimeToUtc } from './zoned-time'

/** Days of the week as ISO 8601 numbers them: 1 Monday … 7 Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const
export type Weekday = (typeof WEEKDAYS)[number]

/** A time a channel usually posts at: a weekday and a clock time on the channel's wall clock. */
export interface PostingSlot {
  weekday: Weekday
  /** `HH:MM`, 24-hour. */
  time: string
}

/** One channel's posting slots and the time zone they are read in. */
export interface ChannelSlots {
  channelId: string
  timeZone: string
  /** By weekday, then time. */
  slots: PostingSlot[]
}

/** What "next free slot" found for the chosen channels. */
export type NextFreeSlot = { at: number } | { at: null; reason: 'no_slots' | 'all_taken' }

const DAY_MS = 86_400_000

/** The slots in weekday and time order, each once. */
export function sortSlots(slots: readonly PostingSlot[]): PostingSlot[] {
  const seen = new Map(slots.map((s) => [`${s.weekday} ${s.time}`, s]))
  return [...seen.values()].sort((a, b) => a.weekday - b.weekday || a.time.localeCompare(b.time))
}

/** ISO weekday of a `YYYY-MM-DD` date. */
const weekdayOf = (date: string): Weekday => (((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1) as Weekday

/** The `YYYY-MM-DD` date `days` after this one. */
const nextDate = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

/**
 * The instants a channel's slots fall on in `[from, to)`, in order. Each slot is read on the
 * channel's wall clock, so 09:00 stays 09:00 across a daylight-saving change; a slot the clocks
 * skip moves past the gap, one they show twice means the first.
 */
export function slotTimes(set: Pick<ChannelSlots, 'timeZone' | 'slots'>, from: number, to: number): number[] {
  if (set.slots.length === 0 || to <= from) return []
  const out: number[] = []
  // Calendar dates on the zone's wall clock, a day either side of the range: stepping through
  // instants instead would skip or repeat a date where the clocks change.
  const last = utcToZonedWallTime(to, set.timeZone).date
  for (let date = nextDate(utcToZonedWallTime(from, set.timeZone).date, -1); date <= nextDate(last, 1); date = nextDate(date, 1)) {
    const weekday = weekdayOf(date)
    for (const slot of set.slots) {
      if (slot.weekday !== weekday) continue
      const at = zonedWallTimeToUtc({ date, time: slot.time }, set.timeZone)?.at
      if (at !== undefined && at >= from && at < to) out.push(at)
    }
  }
  return [...new Set(out)].sort((a, b) => a - b)
}

const MINUTE = 60_000

/**
 * The first slot of any of the channels in `[from, to)` at which none of them has a post yet
 * (a post in the same minute takes the slot). Undefined when every one is taken.
 */
export function firstFreeSlot(sets: readonly ChannelSlots[], taken: ReadonlyMap<string, readonly number[]>, from: number, to: number): number | undefined {
  const busy = new Set([...taken.values()].flat().map((t) => Math.floor(t / MINUTE)))
  const candidates = [...new Set(sets.flatMap((set) => slotTimes(set, from, to)))].sort((a, b) => a - b)
  return candidates.find((at) => !busy.has(Math.floor(at / MINUTE)))
}
