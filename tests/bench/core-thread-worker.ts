/** The worker side of core-thread.ts: builds the core, answers commands, forwards events, measures its loop. */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parentPort, workerData } from 'node:worker_threads'
import { createApp, type RelinkCore } from '../../src/main/app'
import { createIpcRouter, createSenderCheck } from '../../src/main/ipc/router'
import { startSandboxNetwork, type SandboxNetwork } from '../../src/main/sandbox/server'
import { createTestPorts } from '../fakes/ports'
import type { CoreSpec, FromCore, ToCore } from './core-thread'

const spec = workerData as CoreSpec
const port = parentPort
if (!port) throw new Error('core-thread-worker runs only as a worker thread')
const send = (message: FromCore): void => port.postMessage(message)

async function build(): Promise<{ core: RelinkCore; sandbox?: SandboxNetwork }> {
  const ports = createTestPorts(spec.dataDir)
  ports.clock.set(spec.now)
  if (spec.kind === 'agency') {
    return { core: await createApp(ports, { dataDir: spec.dataDir, version: 'bench', locale: 'en-GB', demoMode: false, watch: false }) }
  }
  const sandbox = await startSandboxNetwork({ clock: ports.clock, seed: 1 })
  const core = await createApp(ports, { dataDir: spec.dataDir, version: 'bench', locale: 'en-GB', demoMode: true, sandbox, seedDemo: true, watch: false })
  return { core, sandbox }
}

build().then(
  ({ core, sandbox }) => {
    const router = createIpcRouter({ handlers: core.handlers, isTrustedSender: createSenderCheck([spec.origin]), logger: { log: () => undefined } })
    core.events.subscribe((name, payload) => send({ type: 'event', name, payload }))
    let loop = monitorEventLoopDelay({ resolution: 1 })
    port.on('message', (message: ToCore) => {
      if (message.type === 'dispatch') {
        void router.dispatch(message.sender, message.channel, message.input).then((answer) => send({ type: 'answer', id: message.id, answer }))
      } else if (message.type === 'loop-start') {
        loop = monitorEventLoopDelay({ resolution: 1 })
        loop.enable()
      } else if (message.type === 'loop-stop') {
        loop.disable()
        send({ type: 'loop', id: message.id, p99Ms: loop.percentile(99) / 1e6 })
      } else {
        void core
          .dispose()
          .then(() => sandbox?.close())
          .then(() => send({ type: 'disposed', id: message.id }))
      }
    })
    send({ type: 'ready' })
  },
  (error: unknown) => send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
)
