import type { Network } from '../../shared/domain/network'
import type { Clock, Http, Timer } from '../ports'
import type { RateAllowance, RateBudget, RatePriority } from './types'

/**
 * A sliding-window request budget per network, shared by every caller of a network. Foreground
 * calls (probes, refreshes, publishing) are counted but never held: a health check or a due post
 * must not wait behind reading. Background work (sync) waits while the window, foreground calls
 * included, has used its share, and waits out a pause the network asked for. Bulk reads (metrics,
 * timelines) stop at a smaller share: on Graph's 200 calls an hour, a metrics backfill that took
 * sync's whole share made "Sync now" wait up to an hour for new comments.
 */
export function createRateBudget(deps: {
  clock: Clock
  timer: Timer
  /** The allowance per network now (it may grow with the accounts connected). */
  allowances: Readonly<Record<Network, RateAllowance>> | ((network: Network) => RateAllowance)
  /** Share of each window sync may use. Default 0.8. */
  backgroundShare?: number
  /** Share of each window bulk reads may use. Default 0.65: comments keep at least 15 % of every window. */
  bulkShare?: number
}): RateBudget {
  const shares = { background: deps.backgroundShare ?? 0.8, bulk: deps.bulkShare ?? 0.65 }
  const sent = new Map<Network, number[]>()
  const paused = new Map<Network, number>()
  const allowance = (network: Network): RateAllowance => (typeof deps.allowances === 'function' ? deps.allowances(network) : deps.allowances[network])

  const windowOf = (network: Network): number[] => {
    const { perMs } = allowance(network)
    const now = deps.clock.now()
    const list = (sent.get(network) ?? []).filter((t) => t > now - perMs)
    sent.set(network, list)
    return list
  }

  const sleepUntil = (whenMs: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error)
      const handle = deps.timer.at(whenMs, () => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      })
      const onAbort = (): void => {
        handle.cancel()
        reject(signal?.reason as Error)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
    })

  return {
    async take(network, cost = 1, signal, priority = 'background') {
      if (priority === 'foreground') {
        const list = windowOf(network)
        for (let i = 0; i < cost; i++) list.push(deps.clock.now())
        return
      }
      for (;;) {
        if (signal?.aborted) throw signal.reason as Error
        const { requests, perMs } = allowance(network)
        const limit = Math.max(1, Math.floor(requests * shares[priority]))
        const now = deps.clock.now()
        const pausedUntil = paused.get(network) ?? 0
        if (pausedUntil > now) {
          await sleepUntil(pausedUntil, signal)
          continue
        }
        const list = windowOf(network)
        if (list.length + cost <= limit || list.length === 0) {
          for (let i = 0; i < cost; i++) list.push(now)
          return
        }
        // The oldest request in the window leaves it first; wait for enough of them to leave.
        const freeing = list[Math.min(list.length - 1, list.length + cost - limit - 1)] ?? now
        await sleepUntil(freeing + perMs, signal)
      }
    },
    pause(network, untilMs) {
      paused.set(network, Math.max(paused.get(network) ?? 0, untilMs))
    },
    usage(network) {
      const until = paused.get(network) ?? 0
      return { used: windowOf(network).length, limit: allowance(network).requests, pausedUntil: until > deps.clock.now() ? until : null }
    },
  }
}

/**
 * An Http whose every request first takes a slot of the network's budget. The provider directory
 * hands these out, so sync reads, probes, refreshes and publishing all share one allowance.
 */
export function budgetedHttp(http: Http, budget: RateBudget, network: Network, priority: RatePriority): Http {
  return {
    async request(req) {
      await budget.take(network, 1, req.signal, priority)
      return http.request(req)
    },
  }
}
