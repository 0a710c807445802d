/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)
}

/** Tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

type Part = string | number | Html | null | undefined | false | readonly Part[]

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return ''
  if (part instanceof Html) return part.value
  if (Array.isArray(part)) return part.map((p: Part) => render(p)).join('')
  return escapeHtml(String(part))
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = ''
  strings.forEach((s, i) => {
    out += s
    if (i < values.length) out += render(values[i])
  })
  return new Html(out)
}

/** Markup that is trusted as it is (ECharts' SVG output, the page's own CSS). */
export const raw = (markup: string): Html => new Html(markup)

/** A day (`YYYY-MM-DD`, UTC) or a moment in the report's language: "8 Dec 2025". */
export function longDay(dayOrMs: string | number, locale: string): string {
  const date = typeof dayOrMs === 'number' ? new Date(dayOrMs) : new Date(`${dayOrMs}T00:00:00Z`)
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date)
}

/** "8 Dec 2025, 14:30 UTC". */
export function longTime(ms: number, locale: string): string {
  return `${new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(new Date(ms))} UTC`
}

export function numberText(value: number | null, locale: string): string {
  return value === null ? '–' : new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)
}
