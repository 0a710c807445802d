import type { Network } from '../../shared/domain/network'
import { ProviderError } from '../providers/provider-error'
import type { DailyMetric } from '../providers/types'
import type { StreamReader, StreamRun } from '../sync/types'
import { dayOfMs, type DailyValue, type MetricsRepository } from './metrics-repository'
import { currentEntries, entryFor, METRIC_REGISTRY } from './registry'
import type { NetworkRegistry, RegistryEntry } from './registry-types'

const DAY_MS = 86_400_000
/** Metrics asked for in one request where the network takes a list: small, so one refusal costs little. */
export const METRIC_GROUP_SIZE = 3

/** A network that reports follower counts but no change (X, Mastodon): the change comes from Relink's daily snapshots. */
const snapshotsOnly = (book: NetworkRegistry): boolean =>
  book.entries.some((e) => e.scope === 'channel' && e.metric === 'followers') && !book.entries.some((e) => e.scope === 'channel' && e.metric === 'follower_change')

/** Graph's answer to a metric it does not (or no longer) serve: `(#100) … valid insights metric`. */
export function isInvalidMetric(err: unknown): boolean {
  if (!(err instanceof ProviderError)) return false
  const body = err.failure.body as { error?: { code?: unknown; message?: unknown } } | undefined
  return body?.error?.code === 100 && typeof body.error.message === 'string' && /metric/i.test(body.error.message)
}

/**
 * Reads daily channel metrics through the adapter and stores them in Relink's terms. Where the
 * network takes a metric list, the registry's current names are asked for in small groups, and a
 * group the network refuses is split in halves until the one bad metric is found, marked
 * unavailable, and never asked for again; the rest of the group still arrives.
 */
export function createChannelMetricsReader(deps: {
  repo: MetricsRepository
  registry?: Readonly<Record<Network, NetworkRegistry>>
  /** How far a channel's first read reaches back (never beyond the network's recovery window). Default 365 days. */
  firstSyncMs?: number
}): StreamReader {
  const registry = deps.registry ?? METRIC_REGISTRY
  const firstSyncMs = deps.firstSyncMs ?? 365 * DAY_MS

  async function askGroup(run: StreamRun, group: RegistryEntry[], sinceDay: string, untilDay: string): Promise<DailyMetric[]> {
    try {
      return await run.call(() => run.adapter.channelInsights(run.provider, run.target, { sinceDay, untilDay, metrics: group.map((e) => e.source) }))
    } catch (err) {
      if (!isInvalidMetric(err)) throw err
      const [only] = group
      if (group.length === 1 && only) {
        await deps.repo.markUnavailable(run.channel.id, only.source, run.now, (err as ProviderError).classified.detail)
        return []
      }
      const half = Math.ceil(group.length / 2)
      return [...(await askGroup(run, group.slice(0, half), sinceDay, untilDay)), ...(await askGroup(run, group.slice(half), sinceDay, untilDay))]
    }
  }

  /** Reads [fromMs, toMs] in the plan's chunks and stores it; returns the values stored anew. */
  async function readRange(run: StreamRun, fromMs: number, toMs: number): Promise<number> {
    const network = run.channel.network
    const book = registry[network]
    const today = dayOfMs(run.now)
    let groups: RegistryEntry[][] | null = null
    if (book.metricList) {
      const refused = new Set((await deps.repo.unavailable([run.channel.id])).map((u) => u.source))
      const wanted = currentEntries(network, 'channel', today, registry).filter((e) => !refused.has(e.source))
      groups = []
      for (let i = 0; i < wanted.length; i += METRIC_GROUP_SIZE) groups.push(wanted.slice(i, i + METRIC_GROUP_SIZE))
    }
    let stored = 0
    const chunk = Math.max(DAY_MS, run.plan.backfillChunkMs)
    for (let start = fromMs; start <= toMs; start += chunk) {
      const sinceDay = dayOfMs(start)
      const untilDay = dayOfMs(Math.min(toMs, start + chunk - DAY_MS))
      const raw: DailyMetric[] = []
      if (groups) for (const group of groups) raw.push(...(await askGroup(run, group, sinceDay, untilDay)))
      else raw.push(...(await run.call(() => run.adapter.channelInsights(run.provider, run.target, { sinceDay, untilDay }))))
      stored += await deps.repo.putDaily(toRelink(run.channel.id, network, raw), run.now)
      if (snapshotsOnly(book)) stored += await deps.repo.deriveFollowerChange(run.channel.id, dayOfMs(start - DAY_MS), untilDay, run.now)
      run.progress(Math.min(toMs, start + chunk) - fromMs, toMs - fromMs)
    }
    return stored
  }

  function toRelink(channelId: string, network: Network, raw: readonly DailyMetric[]): DailyValue[] {
    // Several network metrics may feed one of Relink's on the same day (organic + paid gains).
    const byKey = new Map<string, DailyValue>()
    for (const m of raw) {
      const entry = entryFor(network, 'channel', m.metric, registry)
      if (!entry) continue
      const key = `${entry.metric}\u0000${m.day}`
      const seen = byKey.get(key)
      if (seen) {
        seen.value += m.value
        if (!seen.source.split('+').includes(m.metric)) seen.source = `${seen.source}+${m.metric}`
      } else {
        byKey.set(key, { channelId, metric: entry.metric, day: m.day, value: m.value, source: m.metric })
      }
    }
    return [...byKey.values()]
  }

  return {
    stream: 'channel_metrics',
    appliesTo: () => true,
    async poll(run) {
      // Never further back than the network serves (a year at most): a network that keeps no
      // history (recovery 0) is read for today only.
      const reach = Number.isFinite(run.plan.recoveryMs) ? Math.min(run.plan.recoveryMs, firstSyncMs) : firstSyncMs
      // First read: all of that. Later: from the last read, with the days that still settle.
      const from = run.state.watermarkTime === null ? run.now - reach : Math.max(run.now - reach, Math.min(run.state.watermarkTime, run.now) - run.plan.hotSetMs)
      const items = await readRange(run, Math.min(from, run.now), run.now)
      return { watermarkTime: run.now, watermarkId: null, items }
    },
    async backfill(run, window) {
      const fromDay = dayOfMs(window.from)
      await readRange(run, window.from, window.to)
      return { recovered: await deps.repo.daysWithData(run.channel.id, fromDay, dayOfMs(window.to)), unit: 'days' }
    },
  }
}
