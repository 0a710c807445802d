/**
 * The demo workspace: on the first start in demo mode, every seeded sandbox user is connected
 * through the real connect path (the sandbox's consent page, filled in over HTTP), and their
 * channels are picked into two demo brands. Later starts find it done.
 */
import type { Network } from '../../shared/domain/network'
import type { BrandService } from '../brands/brand-service'
import type { ConnectService } from '../connections/connect-service'
import { createAuthorize } from '../connections/authorize'
import type { MetaRepository } from '../db/repositories/meta-repository'
import type { Clock, Http, Logger, Timer } from '../ports'
import type { ProviderAdapter } from '../providers/types'
import { createSandboxBrowser } from '../sandbox/sandbox-browser'
import type { SandboxNetwork } from '../sandbox/server'

const SEEDED_KEY = 'demo_seeded_at'
const DEMO_BRANDS = ['Northwind Coffee', 'Lumen Studio'] as const

export async function seedDemoWorkspace(deps: {
  sandbox: SandboxNetwork
  connect: ConnectService
  brands: BrandService
  meta: MetaRepository
  http: Http
  clock: Clock
  timer: Timer
  logger: Logger
  adapters: Record<Network, ProviderAdapter>
}): Promise<{ profiles: number; channels: number } | undefined> {
  if ((await deps.meta.get(SEEDED_KEY)) !== undefined) return undefined
  const existing = await deps.brands.list()
  const brandIds: string[] = []
  for (const name of DEMO_BRANDS) {
    const found = existing.find((b) => b.name === name)
    brandIds.push(found ? found.id : (await deps.brands.create({ name })).id)
  }
  let account = { username: '', password: '' }
  const authorize = createAuthorize({
    browser: createSandboxBrowser(deps.http, () => account),
    clock: deps.clock,
    timer: deps.timer,
    logger: deps.logger,
    adapters: deps.adapters,
    allowInsecure: true,
  })
  const users = [...deps.sandbox.world.users.values()]
  const plan: { network: Network; username: string; password: string }[] = []
  // One profile per person: a Facebook user's sign-in brings their pages and the Instagram
  // business accounts linked to them.
  for (const user of users) plan.push({ network: user.network, username: user.handle, password: user.password })
  let profiles = 0
  let channels = 0
  for (const [i, step] of plan.entries()) {
    account = { username: step.username, password: step.password }
    try {
      const result = await deps.connect.connect({ network: step.network }, authorize)
      const picks = result.channels.map((c, j) => ({
        networkChannelId: c.networkChannelId,
        // Spread channels over both brands; every third one sits in both (a channel in many brands).
        brandIds: j % 3 === 2 ? brandIds : [brandIds[(i + j) % brandIds.length] ?? ''],
      }))
      await deps.connect.finishConnect({ profileId: result.profileId, picks })
      profiles += 1
      channels += picks.length
    } catch (err) {
      deps.logger.log('warn', 'demo: could not connect a sandbox user', { network: step.network, user: step.username, error: err })
    }
  }
  await deps.meta.set(SEEDED_KEY, String(deps.clock.now()))
  deps.logger.log('info', 'demo: workspace ready', { profiles, channels })
  return { profiles, channels }
}
