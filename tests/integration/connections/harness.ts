import { createApp, type RelinkCore } from '../../../src/main/app'
import { createAuthorize } from '../../../src/main/connections/authorize'
import type { Http, PdfPrinter } from '../../../src/main/ports'
import { ADAPTERS } from '../../../src/main/providers'
import type { SchedulerOptions } from '../../../src/main/scheduler/scheduler'
import { createSandboxBrowser } from '../../../src/main/sandbox/sandbox-browser'
import { startSandboxNetwork, type SandboxNetwork } from '../../../src/main/sandbox/server'
import { createTestPorts, tempDir, type TestPorts } from '../../fakes/ports'
import { createSeededIds } from '../../fakes/seeded-ids'

export const DAY = 24 * 60 * 60 * 1000

export interface DemoHarness {
  core: RelinkCore
  sandbox: SandboxNetwork
  ports: TestPorts
  dir: string
  /** Who the headless browser signs in as on the sandbox consent page. */
  signInAs(handle: string): void
  /** Requests seen through the Http port, by URL. */
  requests: { method: string; url: string }[]
  close(): Promise<void>
}

/**
 * A real core in demo mode on a real sandbox network with a fake clock. Sign-ins go through the
 * sandbox's consent page, filled in over HTTP by the account chosen with `signInAs`.
 */
export async function startDemo(
  options: { seed?: number; seedDemo?: boolean; wrapHttp?: (http: Http) => Http; providerTimeoutMs?: number; watch?: boolean; dir?: string
    scheduler?: Partial<SchedulerOptions>
    /** Answer sandbox requests in-process, without sockets (long simulations); requests are then not recorded. */
    inProcess?: boolean
    /** Prints reports (tests/fakes/pdf-printer.ts); without it printing throws. */
    pdf?: PdfPrinter
    /** The system's regional format reported to the core. */
    locale?: string
    /** Draws the core's ids and the sandbox's tokens from streams of this seed, so a run replays (`seeded-ids.ts`). */
    idSeed?: number
  } = {},
): Promise<DemoHarness> {
  const dir = options.dir ?? tempDir('relink-life-')
  const requests: { method: string; url: string }[] = []
  const seeded = options.idSeed === undefined ? undefined : { core: createSeededIds(options.idSeed), sandbox: createSeededIds(options.idSeed ^ 0x85ebca6b) }
  const base = createTestPorts(dir, seeded ? { ids: seeded.core } : {})
  const sandbox = await startSandboxNetwork({ clock: base.clock, seed: options.seed ?? 1, ...(seeded ? { ids: seeded.sandbox } : {}) })
  const transport = options.inProcess ? sandbox.inProcessHttp(base.http) : base.http
  const counted: Http = {
    request: (req) => {
      if (!options.inProcess) requests.push({ method: req.method, url: req.url })
      return transport.request(req)
    },
  }
  const http = options.wrapHttp ? options.wrapHttp(counted) : counted
  const ports: TestPorts = { ...base, http, ...(options.pdf ? { pdf: options.pdf } : {}) }
  let account = { username: '', password: 'demo' }
  const authorize = createAuthorize({
    browser: createSandboxBrowser(http, () => account),
    clock: ports.clock,
    timer: ports.timer,
    adapters: ADAPTERS,
    allowInsecure: true,
  })
  const core = await createApp(ports, {
    dataDir: dir,
    version: 'test',
    demoMode: true,
    sandbox,
    authorize,
    watch: options.watch ?? false,
    seedDemo: options.seedDemo ?? true,
    providerTimeoutMs: options.providerTimeoutMs ?? 2_000,
    operator: 'tester',
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.scheduler ? { scheduler: options.scheduler } : {}),
  })
  return {
    core,
    sandbox,
    ports,
    dir,
    requests,
    signInAs(handle) {
      const user = [...sandbox.world.users.values()].find((u) => u.handle === handle)
      if (!user) throw new Error(`no sandbox user ${handle}`)
      account = { username: user.handle, password: user.password }
    },
    async close() {
      await core.dispose()
      await sandbox.close()
    },
  }
}

/** The profile id of a sandbox user (by network and network user id). */
export async function profileIdOf(h: DemoHarness, network: string, networkUserId: string): Promise<string> {
  const row = await h.core.database.db
    .selectFrom('profiles')
    .select('id')
    .where('network', '=', network)
    .where('network_user_id', '=', networkUserId)
    .executeTakeFirstOrThrow()
  return row.id
}

export async function channelIdOf(h: DemoHarness, network: string, networkChannelId: string): Promise<string> {
  const row = await h.core.database.db
    .selectFrom('channels')
    .select('id')
    .where('network', '=', network)
    .where('network_channel_id', '=', networkChannelId)
    .executeTakeFirstOrThrow()
  return row.id
}
