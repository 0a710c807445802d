import { appLocale } from '../../lib/locale'

/** The dashboard's ranges, as whole UTC days (stored metrics are per UTC day). */
export const RANGE_PRESETS = ['7', '28', '90', 'month', 'custom'] as const
export type RangePreset = (typeof RANGE_PRESETS)[number]

export const RANGE_LABELS: Record<RangePreset, string> = {
  '7': '7 days',
  '28': '28 days',
  '90': '90 days',
  month: 'This month',
  custom: 'Custom',
}

const DAY_MS = 86_400_000
export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

/**
 * The days a preset covers, ending yesterday: networks report a day once it has ended, so today
 * would always look like a drop. "This month" runs from the 1st to yesterday (or the 1st itself).
 */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, nowMs: number): { fromDay: string; toDay: string } {
  const yesterday = nowMs - DAY_MS
  if (preset === 'month') {
    const d = new Date(nowMs)
    const first = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
    return { fromDay: isoDay(first), toDay: isoDay(Math.max(first, yesterday)) }
  }
  const days = Number(preset)
  return { fromDay: isoDay(yesterday - (days - 1) * DAY_MS), toDay: isoDay(yesterday) }
}

/**
 * "6 Feb – 5 Mar 2026" in the system's regional format, for the range heading: the year is said
 * once when both ends share it, and at each end when the range crosses into a new year
 * ("8 Dec 2025 – 4 Jan 2026").
 */
// A formatter costs a few milliseconds to build, and the page labels its range on every render.
const rangeFormats = new Map<string, Intl.DateTimeFormat>()

export function rangeLabel(fromDay: string, toDay: string, locale: string | undefined = appLocale()): string {
  const key = locale ?? ''
  let format = rangeFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
    rangeFormats.set(key, format)
  }
  // Thin spaces round the dash (newer ICU) become plain ones, as in the rest of the window's headings.
  return format.formatRange(new Date(`${fromDay}T00:00:00Z`), new Date(`${toDay}T00:00:00Z`)).replace(/\u2009/g, ' ')
}
