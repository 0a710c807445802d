/** The worker side of core-thread.ts: builds the core, answers commands, forwards events, measures its loop. */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parentPort, workerData } from 'node:worker_threads'
import { createApp, type RelinkCore } from '../../src/main/app'
import { createIpcRouter, createSenderCheck } from '../../src/main/ipc/router'
import { startSandboxNetwork, type SandboxNetwork } from '../../src/main/sandbox/server'
import { createTestPorts } from '../fakes/ports'
import type { CoreSpec, FromCore, ToCore } from './core-thread'
import { watchLoopStalls } from './loop-stalls'

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
    const stalls = watchLoopStalls()
    port.on('message', (message: ToCore) => {
      if (message.type === 'dispatch') {
        const done = stalls.running(message.channel)
        void router
          .dispatch(message.sender, message.channel, message.input)
          .then((answer) => send({ type: 'answer', id: message.id, answer }))
          .finally(done)
      } else if (message.type === 'loop-start') {
        loop = monitorEventLoopDelay({ resolution: 1 })
        loop.enable()
        stalls.start()
      } else if (message.type === 'loop-stop') {
        loop.disable()
        const { p99Ms, worst } = stalls.stop()
        if (process.env.RELINK_BENCH_PROFILE === 'core') {
          for (const w of worst) process.stdout.write(`    core held ${w.ms.toFixed(1)} ms of CPU during ${w.commands.join(', ') || 'no command'}\n`)
        }
        send({ type: 'loop', id: message.id, p99Ms: loop.percentile(99) / 1e6, cpuP99Ms: p99Ms })
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
