import { stringify } from 'csv-stringify/sync'
import type { ReportData } from './report-data'

/**
 * The daily table as CSV: RFC 4180 with CRLF line ends, a UTF-8 byte order mark so spreadsheet
 * programs read accents right, and cells that start like a formula (`=`, `+`, `-`, `@`) escaped
 * so opening the file can never run one (OWASP "CSV injection").
 */
export function csvReport(data: ReportData): string {
  const rows = data.rows.map((r) => [r.day.toISOString().slice(0, 10), r.channel, r.network, r.metric, r.value, r.source])
  return stringify([['Day', 'Channel', 'Network', 'Metric', 'Value', 'Network metric'], ...rows], {
    bom: true,
    escape_formulas: true,
    record_delimiter: 'windows',
  })
}
