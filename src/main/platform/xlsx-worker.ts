import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { AppError } from '../../shared/errors'
import type { XlsxWriter } from '../ports'
import type { XlsxThreadInput, XlsxThreadMessage } from '../reports/xlsx-thread'
import { packedBuffers, packRows } from '../reports/xlsx-rows'
import { yieldToLoop } from './yield-loop'

/** The thread's script in the built app: `xlsx-thread.js` beside main's `index.js` (electron.vite.config.ts names the entry). */
export const XLSX_THREAD_FILE = 'xlsx-thread.js'
export const xlsxThreadEntry = (mainDir: string): URL => pathToFileURL(join(mainDir, XLSX_THREAD_FILE))

/**
 * Writes Excel reports on a worker thread, one per report, so the main process keeps answering
 * the window however large the workbook. `entry` is the built `xlsx-thread.js` in the app; in
 * tests and benchmarks the TypeScript source, loaded through `execArgv: ['--import', 'tsx']`.
 * Cancelling stops the thread at once; the caller removes the partial file.
 */
export function createWorkerXlsxWriter(options: { entry: URL; execArgv?: string[] }): XlsxWriter {
  return {
    async write(report, path, { signal, onProgress } = {}) {
      const cancelledError = (): AppError => new AppError('cancelled', 'The export was cancelled.')
      if (signal?.aborted) throw cancelledError()
      // The rows go packed, their buffers moved: cloning 100k objects would hold this loop.
      const rows = await packRows(report.rows, yieldToLoop)
      if (signal?.aborted) throw cancelledError()
      return new Promise<void>((resolve, reject) => {
        const workerData: XlsxThreadInput = { report: { ...report, rows }, path }
        const worker = new Worker(options.entry, { workerData, transferList: packedBuffers(rows), ...(options.execArgv ? { execArgv: options.execArgv } : {}) })
        let settled = false
        let cancelled = false
        const finish = (err?: Error): void => {
          if (settled) return
          settled = true
          signal?.removeEventListener('abort', cancel)
          if (err) reject(err)
          else resolve()
        }
        // Settled once the thread is gone, so nothing writes to the file after the caller removes it.
        const cancel = (): void => {
          cancelled = true
          void worker.terminate()
        }
        signal?.addEventListener('abort', cancel, { once: true })
        worker.on('message', (message: XlsxThreadMessage) => {
          if (cancelled) return
          if (message.kind === 'progress') onProgress?.(message.done, message.total)
          else if (message.kind === 'done') finish()
          else finish(new Error(message.message))
          if (message.kind !== 'progress') void worker.terminate()
        })
        worker.on('error', (err) => finish(cancelled ? cancelledError() : err))
        worker.on('exit', (code) => finish(cancelled ? cancelledError() : code === 0 ? undefined : new Error(`The Excel writer stopped (exit code ${code}).`)))
      })
    },
  }
}
