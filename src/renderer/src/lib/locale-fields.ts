/**
 * Dates and clock times typed and shown the way the system's regional format writes them
 * ("02/12/2026" and "14:30" in Britain, "12/02/2026" and "2:30 PM" in the United States).
 * Chromium draws `<input type="date">` in the browser's own language, not the system's regional
 * format, so the composer uses text fields built on these instead. Values stay ISO
 * (`YYYY-MM-DD`, `HH:MM`) everywhere else.
 */

type DatePart = 'day' | 'month' | 'year'

export interface DatePattern {
  /** The fields in the order the locale writes them. */
  order: readonly DatePart[]
  /** What stands between them ("/", ".", "-"). */
  separator: string
  /** A hint such as "dd/mm/yyyy". */
  hint: string
}

const HINT_LETTERS: Record<DatePart, string> = { day: 'dd', month: 'mm', year: 'yyyy' }
const patterns = new Map<string, DatePattern>()

/** How `locale` writes a numeric date (undefined: the window's own locale). */
export function datePattern(locale: string | undefined): DatePattern {
  const key = locale ?? ''
  const known = patterns.get(key)
  if (known) return known
  const parts = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).formatToParts(Date.UTC(2026, 11, 2))
  const order = parts.map((p) => p.type).filter((t): t is DatePart => t === 'day' || t === 'month' || t === 'year')
  const literal = parts.find((p) => p.type === 'literal')?.value.trim() || '/'
  const separator = literal.slice(0, 1)
  const pattern: DatePattern = { order: order.length === 3 ? order : ['day', 'month', 'year'], separator, hint: '' }
  pattern.hint = pattern.order.map((p) => HINT_LETTERS[p]).join(separator)
  patterns.set(key, pattern)
  return pattern
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** `2026-12-02` as the locale writes it ("02/12/2026"); '' for an empty or malformed value. */
export function formatDateField(iso: string, locale: string | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return ''
  const values: Record<DatePart, string> = { year: m[1] ?? '', month: m[2] ?? '', day: m[3] ?? '' }
  const { order, separator } = datePattern(locale)
  return order.map((p) => values[p]).join(separator)
}

/** What a person typed, read in the locale's field order; undefined when it is not a real date. */
export function parseDateField(text: string, locale: string | undefined): string | undefined {
  const numbers = text.trim().split(/[^0-9]+/).filter((s) => s.length > 0)
  if (numbers.length !== 3) return undefined
  // A four-digit year first is read as ISO 8601 ("2026-12-02", as pasted from a spreadsheet) in
  // any locale; the regional formats that start with the year (Japanese, Swedish, Canadian
  // French…) follow it with the month too.
  const order = numbers[0]?.length === 4 ? (['year', 'month', 'day'] as const) : datePattern(locale).order
  const values: Partial<Record<DatePart, string>> = {}
  order.forEach((part, i) => (values[part] = numbers[i]))
  const yearText = values.year ?? ''
  if (yearText.length !== 2 && yearText.length !== 4) return undefined
  // "2/12/26" means 2026: a post is scheduled for this century.
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText)
  const month = Number(values.month)
  const day = Number(values.day)
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return undefined
  const probe = new Date(Date.UTC(year, month - 1, day))
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`
}

const clocks = new Map<string, { twelve: boolean; format: Intl.DateTimeFormat }>()

/** How `locale` writes a clock time, worked out once: building a format takes milliseconds, and a composer has several time fields. */
function clockOf(locale: string | undefined): { twelve: boolean; format: Intl.DateTimeFormat } {
  const key = locale ?? ''
  const known = clocks.get(key)
  if (known) return known
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle
  const twelve = cycle === 'h11' || cycle === 'h12'
  const clock = { twelve, format: new Intl.DateTimeFormat(locale, { hour: twelve ? 'numeric' : '2-digit', minute: '2-digit', timeZone: 'UTC' }) }
  clocks.set(key, clock)
  return clock
}

/** Whether the locale reads the clock in twelve hours with AM and PM. */
export function usesTwelveHours(locale: string | undefined): boolean {
  return clockOf(locale).twelve
}

/** `14:30` as the locale writes it ("14:30", "2:30 PM"); '' for an empty or malformed value. */
export function formatTimeField(hhmm: string, locale: string | undefined): string {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm)
  if (!m) return ''
  const at = Date.UTC(2026, 0, 1, Number(m[1]), Number(m[2]))
  return clockOf(locale).format.format(at)
}

/**
 * A clock time typed in either habit ("14:30", "14.30", "2:30 pm", "2pm", "0930"); undefined
 * when it is not one. AM and PM are understood whatever the locale.
 */
export function parseTimeField(text: string): string | undefined {
  const m = /^(\d{1,2})(?:\s*[:.h]\s*(\d{2})|(\d{2}))?\s*(?:([ap])\.?\s*m\.?)?$/i.exec(text.trim())
  if (!m) return undefined
  let hour = Number(m[1])
  const minute = Number(m[2] ?? m[3] ?? '0')
  const half = m[4]?.toLowerCase()
  if (minute > 59) return undefined
  if (half) {
    if (hour < 1 || hour > 12) return undefined
    hour = (hour % 12) + (half === 'p' ? 12 : 0)
  } else if (hour > 23) return undefined
  return `${pad(hour)}:${pad(minute)}`
}
