import { stringify } from 'csv-stringify/sync'
import { describe, expect, it } from 'vitest'
import { CSV_OPTIONS, csvReport } from './csv-report'
import type { ReportData } from './report-data'

describe('the CSV report', () => {
  it('writes byte for byte what csv-stringify writes for the whole table, quoting and formula escaping included', () => {
    const texts = ['Harbor Books', 'Café "Nord", Lisbon', '=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', 'line\r\nbreak', '', 'Views']
    const rows = Array.from({ length: 60 }, (_, i) => ({
      day: new Date(Date.UTC(2026, 0, 1 + (i % 7))),
      channel: texts[i % texts.length] ?? '',
      network: texts[(i + 3) % texts.length] ?? '',
      metric: texts[(i + 5) % texts.length] ?? '',
      value: i % 4 === 0 ? -i : i * 1.5,
      source: texts[(i + 7) % texts.length] ?? '',
    }))
    const expected = stringify(
      [['Day', 'Channel', 'Network', 'Metric', 'Value', 'Network metric'], ...rows.map((r) => [r.day.toISOString().slice(0, 10), r.channel, r.network, r.metric, r.value, r.source])],
      { bom: true, ...CSV_OPTIONS },
    )
    expect(csvReport({ rows } as ReportData)).toBe(expected)
  })

  it('quotes a text with a line break of any kind, so it stays one cell', () => {
    const rows = [{ day: new Date(Date.UTC(2026, 0, 1)), channel: 'Harbor\nBooks', network: 'Facebook', metric: 'Views', value: 1, source: 'a\rb' }]
    expect(csvReport({ rows } as ReportData).split('\r\n')[1]).toBe('2026-01-01,"Harbor\nBooks",Facebook,Views,1,"a\rb"')
  })

  it('writes only the header for an empty table', () => {
    expect(csvReport({ rows: [] as ReportData['rows'] } as ReportData)).toBe('\ufeffDay,Channel,Network,Metric,Value,Network metric\r\n')
  })
})
