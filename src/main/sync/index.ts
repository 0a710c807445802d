import type { Network } from '../../shared/domain/network'
import type { RelinkDatabase } from '../db/client'
import { writeMarkOf } from '../db/write-memo'
import type { Clock, Logger, Timer } from '../ports'
import { createSyncChannelSource } from './channel-source'
import { createSyncEngine, type SyncEngineOptions } from './engine'
import { createGapLedger } from './gap-ledger'
import { SYNC_PLANS } from './plans'
import { createRateBudget } from './rate-budget'
import type { SyncConnections, SyncProviders } from './run-stream'
import { createSyncRepositoryFor } from './sync-repository'
import type { NetworkSync, RateAllowance, RateBudget, SyncEngine } from './types'

export type { SyncEngine } from './types'

/**
 * Each network's allowance: its plan's per-account figure times the accounts connected there,
 * shared by sync and the lifecycle's probes.
 */
export function createNetworkBudget(deps: {
  clock: Clock
  timer: Timer
  /** How many accounts (profiles) are connected on a network. */
  accounts: (network: Network) => number
  plans?: Readonly<Record<Network, NetworkSync>>
}): RateBudget {
  const plans = deps.plans ?? SYNC_PLANS
  return createRateBudget({
    clock: deps.clock,
    timer: deps.timer,
    allowances: (network): RateAllowance => ({ requests: plans[network].rate.requests * Math.max(1, deps.accounts(network)), perMs: plans[network].rate.perMs }),
  })
}

/** Builds the sync engine over the app's database; modules register their stream readers on it. */
export function createSync(deps: {
  database: Pick<RelinkDatabase, 'sqlite' | 'db'>
  budget: RateBudget
  connections: SyncConnections
  providers: SyncProviders
  clock: Clock
  timer: Timer
  logger: Logger
  plans?: Readonly<Record<Network, NetworkSync>>
  options?: Partial<SyncEngineOptions>
}): SyncEngine {
  const plans = deps.plans ?? SYNC_PLANS
  const repo = createSyncRepositoryFor(deps.database)
  const channels = createSyncChannelSource(deps.database.db, writeMarkOf(deps.database.sqlite))
  const ledger = createGapLedger({
    repo,
    plans,
    networkOf: async (channelId) => (deps.database.sqlite.prepare('SELECT network FROM channels WHERE id = ?').get(channelId) as { network: Network } | undefined)?.network,
    now: () => deps.clock.now(),
  })
  return createSyncEngine({ ...deps, plans, repo, ledger, channels, ...(deps.options ? { options: deps.options } : {}) })
}
