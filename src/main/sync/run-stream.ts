import { isBrokenHealth, type GrantHealth } from '../../shared/domain/health'
import type { Network } from '../../shared/domain/network'
import { AppError } from '../../shared/errors'
import type { LinkAction } from '../connections/link-rights'
import type { Clock, Logger } from '../ports'
import { ProviderError } from '../providers/provider-error'
import type { ChannelTarget, ProviderAdapter, ProviderContext } from '../providers/types'
import type { SyncRepository } from './sync-repository'
import type {
  GapLedger,
  GapReason,
  RateBudget,
  RatePriority,
  StreamPlan,
  StreamReader,
  StreamKind,
  StreamRun,
  SyncChannel,
  SyncGap,
  SyncProgress,
  SyncRunReport,
  SyncState,
  SyncTrigger,
} from './types'

/** What reading each stream needs of a link's roles. */
export const STREAM_ACTION: Record<StreamKind, LinkAction> = { comments: 'moderate', mentions: 'moderate', channel_metrics: 'analyze', post_metrics: 'analyze' }

/** What a run needs from the token lifecycle: the channel's working link, and where failures go. */
export interface SyncConnections {
  /** The channel's working link whose roles allow `action` (an analyst's link reads metrics, never comments). */
  channelTarget(channelId: string, action: LinkAction): Promise<{ profileId: string; network: Network; instance: string; target: ChannelTarget }>
  reportFailure(profileId: string, err: ProviderError, options: { channelId?: string }): Promise<GrantHealth>
}

export interface SyncProviders {
  adapter(network: Network): ProviderAdapter
  /** `background`: every request of the context waits for sync's share of the network's rate budget. */
  context(network: Network, instance: string, signal: AbortSignal | undefined, priority: RatePriority): Promise<ProviderContext>
}

export interface RunDeps {
  repo: SyncRepository
  ledger: GapLedger
  budget: RateBudget
  connections: SyncConnections
  providers: SyncProviders
  clock: Clock
  logger: Logger
  /** The channel as it is now (after a failure changed its health). */
  channel(channelId: string): Promise<SyncChannel | undefined>
  progress(p: SyncProgress): void
  /** Failed reads in a row, without a token problem, before a `sync_failing` gap opens. */
  failuresBeforeGap: number
  /**
   * How long past its planned time a stream's read may stay undone by passing failures before a
   * gap opens: shorter outages are caught up by the next read from the watermark.
   */
  failingGapAfterMs: number
  /** Wait before retrying after the n-th failure in a row. */
  retryDelayMs(failures: number, plan: StreamPlan): number
}

/** Where a gap starts: the break if known, never before the last successful read. */
export function gapStart(state: SyncState, since: number | null, now: number): number {
  const at = since ?? now
  return state.lastOkAt !== null ? Math.max(at, state.lastOkAt) : at
}

/** Opens the stream's gap for a channel that cannot be read, and pauses its schedule. */
export async function openGapForBroken(deps: RunDeps, channel: SyncChannel, stream: StreamReader['stream']): Promise<SyncGap | undefined> {
  const state = await deps.repo.state(channel.id, stream)
  const existing = await deps.ledger.current(channel.id, stream)
  await deps.repo.patchState(channel.id, stream, { nextRunAt: null })
  if (existing) return undefined
  const problem = channel.problem ?? { reason: 'unknown_auth' as GapReason, detail: 'Relink could not read this channel.', since: null }
  return deps.ledger.open({ channelId: channel.id, stream, from: gapStart(state, problem.since, deps.clock.now()), reason: problem.reason, detail: problem.detail })
}

/**
 * One read of one stream: the backfill of a healed gap first, then a poll from the watermark.
 * Every failure is classified by the adapter (inside `ProviderError`), reported to the lifecycle
 * so a dead token found here is the same incident as one found by a probe, and recorded.
 */
/**
 * How long the stream's read has been due and undone. A stream never read yet is in its first
 * sync, not in a gap: nothing was missed yet, and its health shows the failure.
 */
function overdueBy(state: SyncState, plan: StreamPlan, now: number): number {
  return state.lastOkAt === null ? Number.NEGATIVE_INFINITY : now - state.lastOkAt - plan.everyMs
}

export async function runStream(
  deps: RunDeps,
  input: {
    channel: SyncChannel
    reader: StreamReader
    plan: StreamPlan
    trigger: SyncTrigger
    signal: AbortSignal
    /** Told just before the run first asks the network for the stream. */
    reading?: () => void
  },
): Promise<SyncRunReport[]> {
  const { channel, reader, plan, trigger, signal } = input
  const stream = reader.stream
  const reports: SyncRunReport[] = []
  const base = { channelId: channel.id, stream, trigger }

  if (channel.health === 'disconnected') {
    const gap = await openGapForBroken(deps, channel, stream)
    return gap ? [{ ...base, mode: 'poll', ok: false, items: 0, reason: gap.reason, gap }] : []
  }

  let resolved: Awaited<ReturnType<SyncConnections['channelTarget']>>
  try {
    resolved = await deps.connections.channelTarget(channel.id, STREAM_ACTION[stream])
  } catch (err) {
    // No usable link: every one is broken, or renewing the token just failed (the lifecycle has
    // recorded that failure and changed the grant's health itself).
    if ((err instanceof AppError && err.code === 'reauth_required') || err instanceof ProviderError) {
      const fresh = (await deps.channel(channel.id)) ?? channel
      const detail = err.message
      if (fresh.health === 'disconnected') {
        const gap = await openGapForBroken(deps, { ...fresh, problem: fresh.problem ?? { reason: 'unknown_auth', detail, since: null } }, stream)
        return gap ? [{ ...base, mode: 'poll', ok: false, items: 0, reason: gap.reason, gap }] : []
      }
      const now = deps.clock.now()
      const state = await deps.repo.state(channel.id, stream)
      const reason = err instanceof ProviderError ? err.reason : 'unknown_auth'
      await deps.repo.patchState(channel.id, stream, {
        lastRunAt: now,
        lastErrorAt: now,
        lastErrorReason: reason,
        lastErrorDetail: detail,
        consecutiveFailures: state.consecutiveFailures + 1,
        nextRunAt: now + deps.retryDelayMs(state.consecutiveFailures + 1, plan),
      })
      return [{ ...base, mode: 'poll', ok: false, items: 0, reason }]
    }
    throw err
  }
  const adapter = deps.providers.adapter(channel.network)
  const provider = await deps.providers.context(channel.network, channel.instance, signal, STREAM_ACTION[stream] === 'analyze' ? 'bulk' : 'background')
  let reads = 0
  /** Asks, counting what the network bills (a number, or worked out from the answer). */
  async function counted<T>(request: () => Promise<T>, cost: number | ((result: T) => number)): Promise<T> {
    if (typeof cost === 'number') {
      reads += cost
      return request()
    }
    const result = await request()
    reads += cost(result)
    return result
  }

  const makeRun = (state: SyncState, mode: 'poll' | 'backfill'): StreamRun => ({
    channel,
    stream,
    plan,
    state,
    adapter,
    provider,
    target: resolved.target,
    now: deps.clock.now(),
    signal,
    async call(request, cost = 1) {
      if (signal.aborted) throw signal.reason as Error
      input.reading?.()
      try {
        return await counted(request, cost)
      } catch (err) {
        // A read is safe to repeat: one passing failure (a 5xx, a timeout) is tried again at once
        // before it counts against the stream. A rate limit is not: waiting it out inside the read
        // would hold "Sync now" for its whole wait, so the read ends and the engine plans the next.
        if (signal.aborted || !(err instanceof ProviderError && err.reason === 'transient')) throw err
        return counted(request, cost)
      }
    },
    progress: (done, total) => deps.progress({ channelId: channel.id, stream, mode, done, total }),
  })

  async function fail(err: unknown, state: SyncState, mode: 'poll' | 'backfill', startedAt: number): Promise<SyncRunReport> {
    if (signal.aborted) throw err
    const now = deps.clock.now()
    let reason: GapReason = 'transient'
    let detail = err instanceof Error ? err.message : String(err)
    let broken = false
    if (err instanceof ProviderError) {
      reason = err.reason
      detail = err.classified.detail
      if (reason === 'rate_limited' && err.classified.retryAfterMs) deps.budget.pause(channel.network, now + err.classified.retryAfterMs)
      const health = await deps.connections.reportFailure(resolved.profileId, err, { channelId: channel.id })
      broken = isBrokenHealth(health) || reason === 'role_lost'
    } else if (err instanceof AppError && err.code === 'reauth_required') {
      reason = 'unknown_auth'
      broken = true
    } else {
      deps.logger.log('error', 'sync: a reader failed unexpectedly', { channelId: channel.id, stream, error: err })
    }
    const failures = state.consecutiveFailures + 1
    const retryAfter = err instanceof ProviderError ? (err.classified.retryAfterMs ?? 0) : 0
    await deps.repo.patchState(channel.id, stream, {
      lastRunAt: now,
      lastErrorAt: now,
      lastErrorReason: reason,
      lastErrorDetail: detail,
      consecutiveFailures: failures,
      nextRunAt: now + Math.max(retryAfter, deps.retryDelayMs(failures, plan)),
    })
    await deps.repo.recordRun({ channelId: channel.id, stream, mode, startedAt, finishedAt: now, ok: false, items: 0, reason })
    const report: SyncRunReport = { ...base, mode, ok: false, items: 0, reads, reason }
    const fresh = (await deps.channel(channel.id)) ?? channel
    if (broken && fresh.health === 'disconnected') {
      const gap = await openGapForBroken(deps, { ...fresh, problem: fresh.problem ?? { reason, detail, since: now } }, stream)
      if (gap) report.gap = gap
    } else if (!broken && failures >= deps.failuresBeforeGap && overdueBy(state, plan, now) >= deps.failingGapAfterMs && !(await deps.ledger.current(channel.id, stream))) {
      report.gap = await deps.ledger.open({ channelId: channel.id, stream, from: gapStart(state, null, state.lastOkAt ?? now), reason: 'sync_failing', detail })
    }
    return report
  }

  // 1. A gap whose channel works again is read back first (after Refresh connection, or a stream
  //    that failed for a while and now answers).
  let state = await deps.repo.state(channel.id, stream)
  const gap = await deps.ledger.current(channel.id, stream)
  if (gap) {
    const startedAt = deps.clock.now()
    try {
      const report = await backfill(deps, { gap, plan, reader, run: makeRun(state, 'backfill'), now: startedAt })
      reports.push({ ...base, ...report, reads })
      // The stream was read through the gap: a failing poll next starts its count afresh, rather
      // than opening the gap just closed again from the same moment.
      await deps.repo.patchState(channel.id, stream, { lastOkAt: deps.clock.now(), consecutiveFailures: 0 })
    } catch (err) {
      reports.push(await fail(err, state, 'backfill', startedAt))
      return reports
    }
    state = await deps.repo.state(channel.id, stream)
  }

  // 2. The poll from the watermark.
  const startedAt = deps.clock.now()
  try {
    const result = await reader.poll(makeRun(state, 'poll'))
    const now = deps.clock.now()
    await deps.repo.patchState(channel.id, stream, {
      watermarkTime: result.watermarkTime,
      watermarkId: result.watermarkId,
      cursor: result.cursor === undefined ? state.cursor : result.cursor,
      lastRunAt: now,
      lastOkAt: now,
      firstOkAt: state.firstOkAt ?? now,
      lastErrorAt: null,
      lastErrorReason: null,
      lastErrorDetail: '',
      consecutiveFailures: 0,
      nextRunAt: now + plan.everyMs,
    })
    await deps.repo.recordRun({ channelId: channel.id, stream, mode: 'poll', startedAt, finishedAt: now, ok: true, items: result.items, reason: null })
    reports.push({ ...base, mode: 'poll', ok: true, items: result.items, reads })
  } catch (err) {
    reports.push(await fail(err, state, 'poll', startedAt))
  }
  return reports
}

/** Reads back what the network still serves of a gap, and records what came back and what is gone. */
async function backfill(
  deps: RunDeps,
  input: { gap: SyncGap; plan: StreamPlan; reader: StreamReader; run: StreamRun; now: number },
): Promise<Omit<SyncRunReport, 'channelId' | 'stream' | 'trigger'>> {
  const { plan, reader, run, now } = input
  const gap = await deps.ledger.startBackfill(input.gap.id, input.gap.to ?? now)
  const to = gap.to ?? now
  const servedFrom = Number.isFinite(plan.recoveryMs) ? now - plan.recoveryMs : Number.NEGATIVE_INFINITY
  const from = Math.max(gap.from, servedFrom)
  let recovered = 0
  let unit: 'items' | 'days' = gap.recoveredUnit
  let lostBefore: number | null = null
  const notes: string[] = []
  if (plan.recoveryMs === 0 || from >= to) {
    lostBefore = to
  } else {
    const result = await reader.backfill(run, { from, to, gapFrom: gap.from })
    recovered = result.recovered
    unit = result.unit
    const reached = Math.max(from, result.servedFrom ?? from)
    if (reached > gap.from) lostBefore = Math.min(reached, to)
    if (result.lostNote) notes.push(result.lostNote)
  }
  if (lostBefore !== null && plan.lossNote) notes.unshift(plan.lossNote)
  const closed = await deps.ledger.close(gap.id, { recovered, unit, lostBefore, lostNote: notes.join(' '), closedAt: deps.clock.now() })
  await deps.repo.recordRun({ channelId: gap.channelId, stream: gap.stream, mode: 'backfill', startedAt: now, finishedAt: deps.clock.now(), ok: true, items: recovered, reason: null })
  return { mode: 'backfill', ok: true, items: recovered, gap: closed }
}
