/**
 * The window benchmarks' core in a thread of its own, as Electron's main process would have it:
 * the renderer's commands reach it by message, and its event-loop delay is measured on its own
 * loop. In the benchmark's thread the same core shared its loop with Playwright (the CDP traffic,
 * the bridge's serialising, the tracing), and that work was counted as the core's.
 */
import { Worker } from 'node:worker_threads'
import type { SenderInfo } from '../../src/main/ipc/router'

/** What the worker builds: the agency workspace already seeded in `dataDir`, or the demo on the sandbox network. */
export type CoreSpec = { kind: 'agency' | 'demo'; dataDir: string; now: number; origin: string }

export type ToCore =
  | { type: 'dispatch'; id: number; sender: SenderInfo; channel: string; input: unknown }
  | { type: 'loop-start' }
  | { type: 'loop-stop'; id: number }
  | { type: 'dispose'; id: number }

export type FromCore =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'answer'; id: number; answer: unknown }
  | { type: 'event'; name: string; payload: unknown }
  | { type: 'loop'; id: number; p99Ms: number; cpuP99Ms: number }
  | { type: 'disposed'; id: number }

/** How a bridged page reaches a core: in this process or in its thread. */
export interface CoreLink {
  dispatch(sender: SenderInfo, channel: string, input: unknown): Promise<unknown>
  subscribe(listener: (name: string, payload: unknown) => void): () => void
}

export interface CoreThread extends CoreLink {
  /** Starts measuring the core's event-loop delay. */
  startLoop(): void
  /** Stops measuring and answers the p99 delay in ms since `startLoop`, in wall-clock time and in the core's own CPU time (loop-stalls.ts). */
  stopLoop(): Promise<{ p99Ms: number; cpuP99Ms: number }>
  dispose(): Promise<void>
}

export async function startCoreThread(spec: CoreSpec): Promise<CoreThread> {
  const worker = new Worker(new URL('./core-thread-worker.ts', import.meta.url), { workerData: spec })
  const waiting = new Map<number, (message: FromCore) => void>()
  const listeners = new Set<(name: string, payload: unknown) => void>()
  let next = 0
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject)
    worker.on('message', (message: FromCore) => {
      if (message.type === 'ready') resolve()
      else if (message.type === 'failed') reject(new Error(message.message))
      else if (message.type === 'event') for (const listener of listeners) listener(message.name, message.payload)
      else {
        waiting.get(message.id)?.(message)
        waiting.delete(message.id)
      }
    })
  })
  const ask = (build: (id: number) => ToCore): Promise<FromCore> =>
    new Promise((resolve) => {
      const id = ++next
      waiting.set(id, resolve)
      worker.postMessage(build(id))
    })
  return {
    async dispatch(sender, channel, input) {
      const answer = await ask((id) => ({ type: 'dispatch', id, sender, channel, input }))
      return answer.type === 'answer' ? answer.answer : undefined
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    startLoop: () => worker.postMessage({ type: 'loop-start' } satisfies ToCore),
    async stopLoop() {
      const answer = await ask((id) => ({ type: 'loop-stop', id }))
      return answer.type === 'loop' ? { p99Ms: answer.p99Ms, cpuP99Ms: answer.cpuP99Ms } : { p99Ms: Number.NaN, cpuP99Ms: Number.NaN }
    },
    async dispose() {
      await ask((id) => ({ type: 'dispose', id }))
      await worker.terminate()
    },
  }
}
