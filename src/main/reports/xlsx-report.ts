import ExcelJS from 'exceljs'
import { yieldToLoop } from '../platform/yield-loop'
import type { ReportData } from './report-data'

/** Rows written between yields, so a large workbook never holds the event loop for long. */
const ROWS_PER_YIELD = 2_000

/**
 * The report as an Excel workbook through exceljs' streaming writer: a sheet per section, typed
 * cells (days as dates, values as numbers), frozen header rows. Rows are committed as they are
 * written and the loop is yielded to every few thousand rows.
 */
export async function writeXlsxReport(data: ReportData, path: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false })
  workbook.creator = 'Relink'

  const summary = workbook.addWorksheet('Summary', { views: [{ state: 'frozen', ySplit: 1 }] })
  summary.columns = [
    { header: 'Metric', key: 'metric', width: 22 },
    { header: 'This period', key: 'total', width: 16 },
    { header: 'Previous period', key: 'previous', width: 16 },
    { header: 'Change', key: 'change', width: 12 },
  ]
  summary.getRow(1).font = { bold: true }
  for (const k of data.kpis) summary.addRow({ metric: k.metric, total: k.total, previous: k.previous, change: k.change }).commit()
  summary.addRow([]).commit()
  summary.addRow(['Report', data.title]).commit()
  summary.addRow(['Period', data.period]).commit()
  summary.commit()

  const daily = workbook.addWorksheet('Daily', { views: [{ state: 'frozen', ySplit: 1 }] })
  daily.columns = [
    { header: 'Day', key: 'day', width: 12, style: { numFmt: 'yyyy-mm-dd' } },
    { header: 'Channel', key: 'channel', width: 28 },
    { header: 'Network', key: 'network', width: 12 },
    { header: 'Metric', key: 'metric', width: 18 },
    { header: 'Value', key: 'value', width: 12 },
    { header: 'Network metric', key: 'source', width: 30 },
  ]
  daily.getRow(1).font = { bold: true }
  for (const [i, r] of data.rows.entries()) {
    daily.addRow(r).commit()
    if (i % ROWS_PER_YIELD === ROWS_PER_YIELD - 1) await yieldToLoop()
  }
  daily.commit()

  const gaps = workbook.addWorksheet('Data completeness', { views: [{ state: 'frozen', ySplit: 1 }] })
  gaps.columns = [
    { header: 'Channel', key: 'channel', width: 28 },
    { header: 'Network', key: 'network', width: 12 },
    { header: 'Data', key: 'stream', width: 16 },
    { header: 'From', key: 'from', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
    { header: 'To', key: 'to', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
    { header: 'Why', key: 'reason', width: 24 },
    { header: 'Recovered', key: 'recovered', width: 20 },
    { header: 'Lost for good', key: 'lost', width: 60 },
  ]
  gaps.getRow(1).font = { bold: true }
  for (const g of data.completeness) gaps.addRow(g).commit()
  gaps.commit()
  await workbook.commit()
}
