/**
 * Wall times in a named time zone and the instants they stand for, without a library: the
 * composer's date and time fields and the posting slots (in main and in the window) share them.
 */
/** A date and a clock time as a person reads them on a wall clock in some time zone. */
export interface WallTime {
  /** `YYYY-MM-DD`. */
  date: string
  /** `HH:MM` (24-hour). */
  time: string
}

/**
 * - `exact`: the wall time happens once in the zone.
 * - `gap`: the clocks skip it (spring forward); the instant is as far past the gap as the time was into it.
 * - `overlap`: the clocks show it twice (fall back); the instant is the first of the two.
 */
export type WallTimeFit = 'exact' | 'gap' | 'overlap'

export interface ZonedInstant {
  /** Unix ms UTC. */
  at: number
  fit: WallTimeFit
}

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone)
  if (!format) {
    // `h23` so midnight is 00, not 24 (the default `hour12: false` gives 24 in some engines).
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      era: 'short',
    })
    formatters.set(zone, format)
  }
  return format
}

interface Fields {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

function fieldsAt(at: number, zone: string): Fields {
  const parts: Record<string, string> = {}
  for (const part of formatterFor(zone).formatToParts(at)) parts[part.type] = part.value
  const year = Number(parts.year)
  return {
    // Years before 1 CE come back as era BC with a positive year.
    year: parts.era === 'BC' || parts.era === 'B' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  }
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (whole seconds). */
function offsetAt(at: number, zone: string): number {
  const f = fieldsAt(at, zone)
  const wallAsUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second)
  return wallAsUtc - (at - (((at % 1000) + 1000) % 1000))
}

/** Whether the zone is one this engine knows. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    formatterFor(zone)
    return true
  } catch {
    return false
  }
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME_PATTERN = /^(\d{2}):(\d{2})$/

/** The wall time read as if it were UTC, or undefined when it is not a real date and time. */
function wallAsUtc(wall: WallTime): number | undefined {
  const d = DATE_PATTERN.exec(wall.date)
  const t = TIME_PATTERN.exec(wall.time)
  if (!d || !t) return undefined
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [number, number, number, number, number]
  if (hour > 23 || minute > 59) return undefined
  const ms = Date.UTC(year, month - 1, day, hour, minute)
  // Date.UTC rolls 31 February over into March; a real date survives the round trip.
  const check = new Date(ms)
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined
  return ms
}

/**
 * The instant a wall time in `zone` stands for. Times the clocks skip or show twice resolve the
 * way RFC 5545 (§3.3.5) and Temporal's `compatible` disambiguation do: a skipped time moves
 * forward by the length of the gap, a repeated one means its first occurrence. Undefined for a
 * malformed date or time, or an unknown zone.
 */
export function zonedWallTimeToUtc(wall: WallTime, zone: string): ZonedInstant | undefined {
  const local = wallAsUtc(wall)
  if (local === undefined || !isKnownTimeZone(zone)) return undefined
  // A zone changes its offset at most once around any given day, so the offsets a day either
  // side are the only candidates.
  const before = offsetAt(local - DAY, zone)
  const after = offsetAt(local + DAY, zone)
  const candidates = [...new Set([before, after, offsetAt(local, zone)])]
    .map((offset) => local - offset)
    .filter((at) => local - offsetAt(at, zone) === at)
    .sort((a, b) => a - b)
  const first = candidates[0]
  if (first === undefined) return { at: local - before, fit: 'gap' }
  return { at: first, fit: candidates.length > 1 ? 'overlap' : 'exact' }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** The wall time in `zone` at an instant, to the minute. */
export function utcToZonedWallTime(at: number, zone: string): WallTime {
  const f = fieldsAt(at, zone)
  return { date: `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`, time: `${pad(f.hour)}:${pad(f.minute)}` }
}
