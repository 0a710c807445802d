import { stringify } from 'csv-stringify/sync'
import type { ReportData } from './report-data'

/**
 * How Relink writes CSV: RFC 4180 with CRLF line ends, formula-like cells escaped, and any text
 * with a line break quoted (csv-stringify quotes only the record delimiter itself, so a bare
 * "\n" in a network's message would split the row in a spreadsheet).
 */
export const CSV_OPTIONS = { escape_formulas: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ } as const
const CRLF = '\r\n'

/**
 * One CSV cell as `csv-stringify` writes it (quoted where needed, a formula escaped), worked out
 * once per distinct text: a report's 100k rows repeat a few channel, metric and day names, and
 * asking the library for every cell took seconds.
 */
function cellWriter(): (text: string) => string {
  const written = new Map<string, string>()
  return (text) => {
    let cell = written.get(text)
    if (cell === undefined) written.set(text, (cell = stringify([[text]], CSV_OPTIONS).slice(0, -CRLF.length)))
    return cell
  }
}

/**
 * The daily table as CSV: RFC 4180 with CRLF line ends, a UTF-8 byte order mark so spreadsheet
 * programs read accents right, and cells that start like a formula (`=`, `+`, `-`, `@`) escaped
 * so opening the file can never run one (OWASP "CSV injection"). Values are numbers, written as
 * they are (a negative follower change stays a number, as `csv-stringify` leaves it).
 */
export function csvReport(data: ReportData): string {
  const cell = cellWriter()
  // A report spans few days over many rows: each day is written out once.
  const days = new Map<number, string>()
  const dayOf = (d: Date): string => {
    const ms = d.getTime()
    let text = days.get(ms)
    if (text === undefined) days.set(ms, (text = cell(d.toISOString().slice(0, 10))))
    return text
  }
  const lines = ['\ufeffDay,Channel,Network,Metric,Value,Network metric']
  for (const r of data.rows) lines.push(`${dayOf(r.day)},${cell(r.channel)},${cell(r.network)},${cell(r.metric)},${String(r.value)},${cell(r.source)}`)
  return lines.join(CRLF) + CRLF
}
