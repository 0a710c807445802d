import ExcelJS from 'exceljs'
import { yieldToLoop } from '../platform/yield-loop'
import type { ReportData } from './report-data'

/** What an Excel report holds: plain data, so it crosses to a worker thread as it is. */
export type XlsxReport = Pick<ReportData, 'title' | 'period' | 'kpis' | 'rows' | 'completeness'>

/** Rows written so far of all; called between batches. */
export type XlsxProgress = (done: number, total: number) => void

/** Rows written between yields, so a large workbook never holds the event loop for long. */
const ROWS_PER_YIELD = 1_000
const DAY_FORMAT = 'yyyy-mm-dd'
const COLUMN_STYLES: Partial<ExcelJS.Style>[] = [{ numFmt: DAY_FORMAT }, {}, {}, {}, {}, {}]
const ROW_STYLE: Partial<ExcelJS.Style> = {}

/**
 * The report as an Excel workbook through exceljs' streaming writer: a sheet per section, typed
 * cells (days as dates, values as numbers), frozen header rows. Rows are committed as they are
 * written; every few thousand rows progress is told and the loop is yielded to. The app runs it
 * on a worker thread (xlsx-thread.ts), so the main process keeps answering meanwhile.
 */
export async function writeXlsxReport(data: XlsxReport, path: string, onProgress: XlsxProgress = () => undefined): Promise<void> {
  // Shared strings: a channel or metric name is written once, each cell only refers to it.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: true })
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
    { header: 'Day', key: 'day', width: 12 },
    { header: 'Channel', key: 'channel', width: 28 },
    { header: 'Network', key: 'network', width: 12 },
    { header: 'Metric', key: 'metric', width: 18 },
    { header: 'Value', key: 'value', width: 12 },
    { header: 'Network metric', key: 'source', width: 30 },
  ]
  daily.getRow(1).font = { bold: true }
  for (const [i, r] of data.rows.entries()) {
    // Values in column order: exceljs maps an object's keys to columns cell by cell.
    const row = daily.addRow([r.day, r.channel, r.network, r.metric, r.value, r.source])
    // One style object per column, shared by every row: exceljs looks a style up by identity
    // before it serialises it, so shared objects cost one lookup instead of a render per cell.
    // The row's own style too (exceljs has one, its types do not): a new empty one per row was rendered afresh each time.
    const rowWithStyle: { style: Partial<ExcelJS.Style> } = row as ExcelJS.Row & { style: Partial<ExcelJS.Style> }
    rowWithStyle.style = ROW_STYLE
    for (let c = 0; c < COLUMN_STYLES.length; c++) row.getCell(c + 1).style = COLUMN_STYLES[c] ?? {}
    row.commit()
    if (i % ROWS_PER_YIELD === ROWS_PER_YIELD - 1) {
      onProgress(i + 1, data.rows.length)
      await yieldToLoop()
    }
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
  onProgress(data.rows.length, data.rows.length)
}
