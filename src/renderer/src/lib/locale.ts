/**
 * The locale dates and times are written in: the operating system's regional format, which main
 * reads (Electron's `app.getSystemLocale()`), rather than the window's language. A British
 * English system with an American English Relink still reads "5 Jan 2026, 14:00".
 */
let systemLocale: string | undefined

export function setAppLocale(locale: string | undefined): void {
  if (!locale) return
  try {
    if (Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0) systemLocale = locale
  } catch {
    // A malformed tag keeps the window's own locale.
  }
}

/** The system's locale once main has said it; the window's own until then. */
export const appLocale = (): string | undefined => systemLocale

/**
 * A date format in the app locale, built on first use (after main has said the locale) and
 * again if the locale changes.
 */
export function dateFormat(options: Intl.DateTimeFormatOptions): (ms: number) => string {
  let built: { locale: string | undefined; format: Intl.DateTimeFormat } | undefined
  return (ms) => {
    const locale = appLocale()
    if (!built || built.locale !== locale) built = { locale, format: new Intl.DateTimeFormat(locale, options) }
    return built.format.format(ms)
  }
}

/** The same for ranges ("5 – 11 Jan 2026"). */
export function dateRangeFormat(options: Intl.DateTimeFormatOptions): (from: number, to: number) => string {
  let built: { locale: string | undefined; format: Intl.DateTimeFormat } | undefined
  return (from, to) => {
    const locale = appLocale()
    if (!built || built.locale !== locale) built = { locale, format: new Intl.DateTimeFormat(locale, options) }
    return built.format.formatRange(from, to)
  }
}
