/**
 * A worker thread's entry: writes one Excel report and says how far it got. Started by the
 * XlsxWriter port (platform/xlsx-worker.ts) with the report and the path as `workerData`.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { writeXlsxReport, type XlsxReport } from './xlsx-report'
import { unpackRows, type PackedRows } from './xlsx-rows'

/** What the thread is started with: the report with its daily rows packed (xlsx-rows.ts). */
export interface XlsxThreadInput {
  report: Omit<XlsxReport, 'rows'> & { rows: PackedRows }
  path: string
}

export type XlsxThreadMessage = { kind: 'progress'; done: number; total: number } | { kind: 'done' } | { kind: 'failed'; message: string }

const port = parentPort
const { report, path } = workerData as XlsxThreadInput
const say = (message: XlsxThreadMessage): void => port?.postMessage(message)

writeXlsxReport({ ...report, rows: unpackRows(report.rows) }, path, (done, total) => say({ kind: 'progress', done, total })).then(
  () => say({ kind: 'done' }),
  (err: unknown) => say({ kind: 'failed', message: err instanceof Error ? err.message : String(err) }),
)
