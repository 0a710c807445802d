import { appLocale } from '../../../lib/locale'

export { isKnownTimeZone, utcToZonedWallTime, zonedWallTimeToUtc, type WallTime, type WallTimeFit, type ZonedInstant } from '../../../../../shared/domain/zoned-time'

const MINUTE = 60_000

const readable = new Map<string, Intl.DateTimeFormat>()

/** "Tue, 6 Jan 2026, 10:15" on the wall clock of `zone`, in the user's locale. */
export function formatInZone(at: number, zone: string): string {
  let format = readable.get(zone)
  if (!format) {
    format = new Intl.DateTimeFormat(appLocale(), { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })
    readable.set(zone, format)
  }
  return format.format(at)
}

const QUARTER_HOUR = 15 * MINUTE
const HOUR = 60 * MINUTE

/**
 * A new post's suggested time: an hour from now, rounded up to the next quarter hour, so there
 * is time to finish writing and the time reads like one a person would pick. Seconds are
 * dropped first, so the suggestion holds still for the whole minute it is shown in.
 */
export function suggestedPublishAt(now: number): number {
  const minute = Math.floor(now / MINUTE) * MINUTE
  return Math.ceil((minute + HOUR) / QUARTER_HOUR) * QUARTER_HOUR
}
