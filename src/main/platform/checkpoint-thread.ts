/**
 * A worker thread's entry: checkpoints the database's write-ahead log while main writes, started
 * by the WalCheckpoints port (platform/wal-checkpoints.ts) with the file as `workerData`.
 *
 * A PASSIVE checkpoint copies the log's committed pages into the database file and fsyncs it
 * without taking the write lock, so main's writes carry on during it; the log starts over at a
 * write of main's once every page in it has been copied. Soon after a busy spell, then at a slower
 * pace while nothing is written.
 */
import BetterSqlite3 from 'better-sqlite3'
import { parentPort, workerData } from 'node:worker_threads'

export interface CheckpointThreadInput {
  file: string
  /** Pause after a checkpoint that copied pages, and after one that found nothing to copy. */
  busyMs: number
  idleMs: number
}

export type CheckpointThreadMessage = { kind: 'failed'; message: string }
export type CheckpointThreadCommand = { kind: 'stop' }

const port = parentPort
const input = workerData as CheckpointThreadInput
const say = (message: CheckpointThreadMessage): void => port?.postMessage(message)
const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err))
/** Another connection holding a lock for a moment (main's own checkpoint, a backup): the next round tries again. */
const isBusy = (err: unknown): boolean => typeof err === 'object' && err !== null && 'code' in err && String(err.code).startsWith('SQLITE_BUSY')

let db: BetterSqlite3.Database | undefined
let timer: NodeJS.Timeout | undefined
let copied = -1

function stop(): void {
  if (timer) clearTimeout(timer)
  timer = undefined
  if (db?.open) db.close()
  port?.close()
}

function round(): void {
  if (!db) return
  let wait = input.idleMs
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[]
    const now = result?.checkpointed ?? 0
    if (now !== copied && now > 0) wait = input.busyMs
    copied = now
  } catch (err) {
    if (!isBusy(err)) {
      say({ kind: 'failed', message: messageOf(err) })
      stop()
      return
    }
    wait = input.busyMs
  }
  timer = setTimeout(round, wait)
}

try {
  // No busy wait: a checkpoint that finds the log in use is tried again at the next round.
  db = new BetterSqlite3(input.file, { fileMustExist: true, timeout: 0 })
  port?.on('message', (command: CheckpointThreadCommand) => {
    if (command.kind === 'stop') stop()
  })
  round()
} catch (err) {
  say({ kind: 'failed', message: messageOf(err) })
  stop()
}
