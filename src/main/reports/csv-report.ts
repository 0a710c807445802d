import { stringify } from 'csv-stringify/sync'
import type { ReportData } from './report-data'

/**
 * The daily table as CSV: RFC 4180 with CRLF line ends, a UTF-8 byte order mark so spreadsheet
 * programs read accents right, and cells that start like a formula (`=`, `+`, `-`, `@`) escaped
 * so opening the file can never run one (OWASP "CSV injection").
 */
export function csvReport(data: ReportData): string {
  // A report spans few days over many rows: each day is written out once.
  const days = new Map<number, string>()
  const dayOf = (d: Date): string => {
    const ms = d.getTime()
    let text = days.get(ms)
    if (text === undefined) days.set(ms, (text = d.toISOString().slice(0, 10)))
    return text
  }
  const rows = data.rows.map((r) => [dayOf(r.day), r.channel, r.network, r.metric, r.value, r.source])
  return stringify([['Day', 'Channel', 'Network', 'Metric', 'Value', 'Network metric'], ...rows], {
    bom: true,
    escape_formulas: true,
    record_delimiter: 'windows',
  })
}
