import type { DayString } from '../../shared/domain/analytics'
import type { ReportCadence } from '../../shared/domain/reports'
import { dayNumber, dayString } from '../analytics/metrics-repository'

const DAY_MS = 86_400_000
/** Scheduled reports are written at 06:00 UTC, once the networks have reported the last day. */
export const RUN_HOUR_UTC = 6

/** Monday = 0 … Sunday = 6, for a day number (1970-01-01 was a Thursday). */
const weekday = (day: number): number => (day + 3) % 7

/**
 * The last complete period before `nowMs`: the previous Monday–Sunday week, or the previous
 * calendar month (UTC days, as metrics are stored).
 */
export function lastCompletePeriod(cadence: ReportCadence, nowMs: number): { fromDay: DayString; toDay: DayString } {
  const today = Math.floor(nowMs / DAY_MS)
  if (cadence === 'weekly') {
    const monday = today - weekday(today)
    return { fromDay: dayString(monday - 7), toDay: dayString(monday - 1) }
  }
  const d = new Date(nowMs)
  const first = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
  const previousFirst = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)
  return { fromDay: dayString(previousFirst / DAY_MS), toDay: dayString(first / DAY_MS - 1) }
}

/** The next run strictly after `afterMs`: Monday 06:00 UTC, or the 1st of a month at 06:00 UTC. */
export function nextRunAfter(cadence: ReportCadence, afterMs: number): number {
  const today = Math.floor(afterMs / DAY_MS)
  if (cadence === 'weekly') {
    const monday = (today - weekday(today)) * DAY_MS + RUN_HOUR_UTC * 3_600_000
    return monday > afterMs ? monday : monday + 7 * DAY_MS
  }
  const d = new Date(afterMs)
  const thisMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1, RUN_HOUR_UTC)
  return thisMonth > afterMs ? thisMonth : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1, RUN_HOUR_UTC)
}

export const periodDays = (period: { fromDay: DayString; toDay: DayString }): number => dayNumber(period.toDay) - dayNumber(period.fromDay) + 1
