import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { WalCheckpoints } from '../ports'
import type { CheckpointThreadCommand, CheckpointThreadInput, CheckpointThreadMessage } from './checkpoint-thread'

/** The thread's script in the built app: `checkpoint-thread.js` beside main's `index.js` (electron.vite.config.ts names the entry). */
export const CHECKPOINT_THREAD_FILE = 'checkpoint-thread.js'
export const checkpointThreadEntry = (mainDir: string): URL => pathToFileURL(join(mainDir, CHECKPOINT_THREAD_FILE))

/** How soon the thread checkpoints again after copying pages, and while nothing is written. */
const BUSY_MS = 50
const IDLE_MS = 1_000

/**
 * Checkpoints on a worker thread of its own. `entry` is the built `checkpoint-thread.js` in the
 * app; in tests and benchmarks the TypeScript source, loaded through `execArgv: ['--import', 'tsx']`.
 * Stopping lets a checkpoint under way finish, then the thread closes its connection and ends.
 */
export function createThreadCheckpoints(options: { entry: URL; execArgv?: string[]; busyMs?: number; idleMs?: number }): WalCheckpoints {
  return {
    start(file, onStopped) {
      const workerData: CheckpointThreadInput = { file, busyMs: options.busyMs ?? BUSY_MS, idleMs: options.idleMs ?? IDLE_MS }
      const worker = new Worker(options.entry, { workerData, ...(options.execArgv ? { execArgv: options.execArgv } : {}) })
      let stopping = false
      let told = false
      const tell = (reason: string): void => {
        if (stopping || told) return
        told = true
        onStopped(reason)
      }
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
      worker.on('message', (message: CheckpointThreadMessage) => tell(message.message))
      worker.on('error', (err) => tell(err.message))
      worker.on('exit', (code) => tell(`the checkpoint thread ended (exit code ${code})`))
      // The thread should not keep the process alive by itself.
      worker.unref()
      return {
        async stop() {
          if (!stopping) {
            stopping = true
            const command: CheckpointThreadCommand = { kind: 'stop' }
            worker.postMessage(command)
          }
          await exited
        },
      }
    },
  }
}
