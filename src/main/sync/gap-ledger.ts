import type { Network } from '../../shared/domain/network'
import type { SyncGap } from '../../shared/domain/sync'
import type { StoredGap, SyncRepository } from './sync-repository'
import type { GapLedger, NetworkSync } from './types'

/**
 * The gap ledger over the sync repository. It adds what the plans know: how long the start of
 * an open gap can still be read back ("reconnect before …, or older data is lost").
 */
export function createGapLedger(deps: {
  repo: SyncRepository
  plans: Readonly<Record<Network, NetworkSync>>
  /** The network of a channel, for its recovery windows. */
  networkOf: (channelId: string) => Promise<Network | undefined>
  now: () => number
}): GapLedger {
  const { repo, plans } = deps

  async function view(gap: StoredGap): Promise<SyncGap> {
    let recoverableUntil: number | null = null
    if (gap.state === 'open') {
      const network = await deps.networkOf(gap.channelId)
      const recoveryMs = network ? plans[network].streams[gap.stream]?.recoveryMs : undefined
      // Infinity: served for good; 0: nothing to race against, the plan's note says it is gone.
      if (recoveryMs !== undefined && Number.isFinite(recoveryMs) && recoveryMs > 0) recoverableUntil = gap.from + recoveryMs
    }
    return { ...gap, recoverableUntil }
  }

  const must = (gap: StoredGap | undefined, id: number): StoredGap => {
    if (!gap) throw new Error(`sync: gap ${id} does not exist`)
    return gap
  }

  return {
    async open(input) {
      return view(await repo.openGap({ ...input, now: deps.now() }))
    },
    async startBackfill(gapId, to) {
      return view(must(await repo.startBackfill(gapId, to), gapId))
    },
    async close(gapId, outcome) {
      return view(must(await repo.closeGap(gapId, outcome), gapId))
    },
    async current(channelId, stream) {
      const gap = await repo.currentGap(channelId, stream)
      return gap ? view(gap) : undefined
    },
    async list(filter) {
      return Promise.all((await repo.listGaps(filter)).map(view))
    },
  }
}
