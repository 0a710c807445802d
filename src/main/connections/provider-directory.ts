import type { Network } from '../../shared/domain/network'
import { AppError } from '../../shared/errors'
import type { ConnectionRepository } from '../db/repositories/connection-repository'
import type { Clock, Http } from '../ports'
import type { AppCredentials, ProviderAdapter, ProviderContext, ProviderEndpoints } from '../providers/types'
import { budgetedHttp } from '../sync/rate-budget'
import type { RateBudget, RatePriority } from '../sync/types'
import type { Vault } from './vault'

/** Where the adapters' endpoints and developer apps come from: the real networks, or the sandbox in demo mode. */
export interface NetworkSource {
  kind: 'real' | 'sandbox'
  endpoints(network: Network, instance: string): ProviderEndpoints
  /** Credentials that do not come from Settings (the sandbox's own developer apps). */
  builtInCredentials?(network: Network): AppCredentials | undefined
}

export function realNetworkSource(adapters: Record<Network, ProviderAdapter>): NetworkSource {
  return {
    kind: 'real',
    endpoints(network, instance) {
      const base = adapters[network].defaultEndpoints
      // A Mastodon profile lives on its own instance: every endpoint is relative to it.
      return network === 'mastodon' && instance ? { authBase: instance, apiBase: instance } : base
    },
  }
}

export type ProviderDirectory = ReturnType<typeof createProviderDirectory>

export function createProviderDirectory(deps: {
  adapters: Record<Network, ProviderAdapter>
  source: NetworkSource
  http: Http
  clock: Clock
  repo: ConnectionRepository
  vault: Vault
  timeoutMs?: number
  /** Each network's request allowance, shared by every caller (probes, publishing, sync). */
  budget?: RateBudget
}) {
  const { adapters, source, http, clock, repo, vault } = deps

  async function credentials(network: Network, instance: string): Promise<AppCredentials> {
    const builtIn = source.builtInCredentials?.(network)
    if (builtIn) return builtIn
    // One Meta app serves Facebook and Instagram: Instagram calls use Facebook's app unless one was set for Instagram.
    const row = (await repo.getCredentials(network, instance)) ?? (network === 'instagram' ? await repo.getCredentials('facebook', instance) : undefined)
    if (!row) {
      throw new AppError('not_connected', `Relink has no ${network} developer app yet. Add its client id in Settings → Networks.`)
    }
    const creds: AppCredentials = { clientId: row.client_id }
    if (row.client_secret_enc) creds.clientSecret = await vault.open(row.client_secret_enc)
    if (instance) creds.instance = instance
    return creds
  }

  return {
    adapter: (network: Network): ProviderAdapter => adapters[network],
    source,
    /** `background` contexts (sync) may use only part of the network's budget, leaving room for probes. */
    async context(network: Network, instance = '', signal?: AbortSignal, priority: RatePriority = 'foreground'): Promise<ProviderContext> {
      const ctx: ProviderContext = {
        http: deps.budget ? budgetedHttp(http, deps.budget, network, priority) : http,
        clock,
        endpoints: source.endpoints(network, instance),
        credentials: await credentials(network, instance),
        timeoutMs: deps.timeoutMs ?? 20_000,
      }
      if (signal) ctx.signal = signal
      return ctx
    },
  }
}
