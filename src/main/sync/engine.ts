import type { Network } from '../../shared/domain/network'
import type { StreamKind } from '../../shared/domain/sync'
import type { Clock, Logger, Timer, TimerHandle } from '../ports'
import { streamHealth } from './stream-health'
import { kindAllows } from '../connections/link-rights'
import { runStream, STREAM_ACTION, type RunDeps, type SyncConnections, type SyncProviders } from './run-stream'
import type { SyncRepository } from './sync-repository'
import type {
  GapLedger,
  NetworkSync,
  RateBudget,
  StreamPlan,
  StreamReader,
  SyncChannel,
  SyncChannelSource,
  SyncEngine,
  SyncProgress,
  SyncRunReport,
  SyncTrigger,
} from './types'

export interface SyncEngineDeps {
  repo: SyncRepository
  ledger: GapLedger
  budget: RateBudget
  plans: Readonly<Record<Network, NetworkSync>>
  channels: SyncChannelSource
  connections: SyncConnections
  providers: SyncProviders
  clock: Clock
  timer: Timer
  logger: Logger
  options?: Partial<SyncEngineOptions>
}

export interface SyncEngineOptions {
  /** Streams read at the same time (the rate budget still limits each network). */
  concurrency: number
  failuresBeforeGap: number
  /** See RunDeps. */
  failingGapAfterMs: number
  /** A stream with comment history that brings nothing for this long is "suspiciously quiet". */
  quietAfterMs: number
  /** Items in the 30 days before that make a stream's silence suspicious. */
  quietMinHistory: number
}

const DEFAULTS: SyncEngineOptions = { concurrency: 4, failuresBeforeGap: 3, failingGapAfterMs: 30 * 60_000, quietAfterMs: 3 * 86_400_000, quietMinHistory: 10 }
const MINUTE = 60_000
const RUN_LOG_DAYS = 60

/**
 * The sync engine: schedules every stream of every channel from its network's plan on the Timer
 * port, runs each stream single-flight, and keeps the gap ledger in step with channel health.
 */
export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const options = { ...DEFAULTS, ...deps.options }
  const readers = new Map<StreamKind, StreamReader>()
  /** Runs under way per stream, and whether each has begun asking the network yet. */
  const inflight = new Map<string, { reading: boolean; run: Promise<SyncRunReport[]> }>()
  /** The one run queued per stream behind the run under way, for everyone who asked meanwhile. */
  const followUps = new Map<string, Promise<SyncRunReport[]>>()
  const reportListeners = new Set<(r: SyncRunReport) => void>()
  const progressListeners = new Set<(p: SyncProgress) => void>()
  let controller = new AbortController()
  let handle: TimerHandle | undefined
  let started = false
  let stopped = false
  let sweeping: Promise<SyncRunReport[]> | undefined
  /** Reconciliations and requests under way, for `whenIdle`. */
  const busy = new Set<Promise<unknown>>()
  const tracked = <T>(work: Promise<T>): Promise<T> => {
    busy.add(work)
    const done = (): void => void busy.delete(work)
    work.then(done, done)
    return work
  }

  const emit = <T>(set: Set<(v: T) => void>, value: T): void => {
    for (const listener of set) {
      try {
        listener(value)
      } catch (err) {
        deps.logger.log('error', 'sync: a listener failed', { error: err })
      }
    }
  }

  const runDeps: RunDeps = {
    repo: deps.repo,
    ledger: deps.ledger,
    budget: deps.budget,
    connections: deps.connections,
    providers: deps.providers,
    clock: deps.clock,
    logger: deps.logger,
    channel: async (id) => (await deps.channels()).find((c) => c.id === id),
    progress: (p) => emit(progressListeners, p),
    failuresBeforeGap: options.failuresBeforeGap,
    failingGapAfterMs: options.failingGapAfterMs,
    // Doubling from a minute, never beyond the plan's own interval (a daily stream retries within the day).
    retryDelayMs: (failures, plan) => Math.min(plan.everyMs, MINUTE * 2 ** Math.min(failures - 1, 10)),
  }

  function streamsOf(channel: SyncChannel): { reader: StreamReader; plan: StreamPlan }[] {
    if (channel.health === 'unlinked') return []
    const out: { reader: StreamReader; plan: StreamPlan }[] = []
    for (const reader of readers.values()) {
      const plan = deps.plans[channel.network].streams[reader.stream]
      if (plan && reader.appliesTo(channel) && kindAllows(channel.network, channel.kind, STREAM_ACTION[reader.stream])) out.push({ reader, plan })
    }
    return out
  }

  /**
   * Runs one stream, single-flight. A planned run joins the run under way; a request ("Sync now",
   * reconnect, resume) joins it only while it has not yet asked the network anything, since a run
   * that has may have read the network before what the request wants to see (a post published
   * meanwhile). Otherwise one more run follows it, shared by everyone who asks meanwhile. No clock
   * decides this: a paused or coarse clock would make a run that already read look fresh.
   */
  function runOne(channel: SyncChannel, reader: StreamReader, plan: StreamPlan, trigger: SyncTrigger): Promise<SyncRunReport[]> {
    const key = `${channel.id}\u0000${reader.stream}`
    const running = inflight.get(key)
    if (running && (trigger === 'schedule' || !running.reading)) return running.run
    if (running) {
      let next = followUps.get(key)
      if (!next) {
        next = running.run.then(() => {
          followUps.delete(key)
          return stopped ? [] : runOne(channel, reader, plan, trigger)
        })
        followUps.set(key, next)
      }
      return next
    }
    const entry = { reading: false, run: Promise.resolve<SyncRunReport[]>([]) }
    const reading = (): void => void (entry.reading = true)
    entry.run = runStream(runDeps, { channel, reader, plan, trigger, signal: controller.signal, reading })
      .then((reports) => {
        for (const r of reports) emit(reportListeners, r)
        return reports
      })
      .catch((err: unknown) => {
        if (!controller.signal.aborted) deps.logger.log('error', 'sync: run failed', { channelId: channel.id, stream: reader.stream, error: err })
        return [] as SyncRunReport[]
      })
      .finally(() => {
        if (inflight.get(key) === entry) inflight.delete(key)
      })
    inflight.set(key, entry)
    return entry.run
  }

  /** Runs jobs with at most `concurrency` at a time. */
  async function pool(jobs: (() => Promise<SyncRunReport[]>)[]): Promise<SyncRunReport[]> {
    const out: SyncRunReport[] = []
    const queue = [...jobs]
    const worker = async (): Promise<void> => {
      for (let job = queue.shift(); job && !stopped; job = queue.shift()) out.push(...(await job()))
    }
    await Promise.all(Array.from({ length: Math.min(options.concurrency, queue.length) }, worker))
    return out
  }

  async function runDue(): Promise<SyncRunReport[]> {
    const now = deps.clock.now()
    const states = new Map((await deps.repo.states()).map((s) => [`${s.channelId}\u0000${s.stream}`, s]))
    const jobs: (() => Promise<SyncRunReport[]>)[] = []
    for (const channel of await deps.channels()) {
      if (channel.health === 'disconnected') continue
      for (const { reader, plan } of streamsOf(channel)) {
        const state = states.get(`${channel.id}\u0000${reader.stream}`)
        // Never read yet, or its planned time has come.
        if (!state || state.lastRunAt === null || (state.nextRunAt !== null && state.nextRunAt <= now)) {
          jobs.push(() => runOne(channel, reader, plan, 'schedule'))
        }
      }
    }
    const reports = await pool(jobs)
    await deps.repo.pruneRuns(now - RUN_LOG_DAYS * 86_400_000)
    return reports
  }

  async function arm(): Promise<void> {
    handle?.cancel()
    handle = undefined
    if (stopped || !started) return
    // One index lookup, not every stream's state: arming follows every sweep and every request.
    const next = await deps.repo.nextRunAt()
    if (next === null) return
    handle = deps.timer.at(Math.max(next, deps.clock.now()), () => void tick())
  }

  /** One sweep at a time; a wake-up during a sweep is folded into it. */
  function tick(): Promise<SyncRunReport[]> {
    sweeping ??= runDue()
      .catch((err: unknown) => {
        deps.logger.log('error', 'sync: sweep failed', { error: err })
        return [] as SyncRunReport[]
      })
      .finally(() => {
        sweeping = undefined
        void arm().catch((err: unknown) => deps.logger.log('error', 'sync: arming failed', { error: err }))
      })
    return sweeping
  }

  function reconcileHealth(): Promise<SyncRunReport[]> {
    return tracked(reconcile())
  }

  async function reconcile(): Promise<SyncRunReport[]> {
    if (!started || stopped) return []
    const jobs: (() => Promise<SyncRunReport[]>)[] = []
    for (const channel of await deps.channels()) {
      for (const { reader, plan } of streamsOf(channel)) {
        const gap = await deps.ledger.current(channel.id, reader.stream)
        if (channel.health === 'disconnected') {
          if (!gap) jobs.push(() => runOne(channel, reader, plan, 'reconnect'))
        } else if (gap && gap.reason !== 'sync_failing') {
          // Healed (Refresh connection): backfill the gap, then poll.
          jobs.push(() => runOne(channel, reader, plan, 'reconnect'))
        }
      }
    }
    const reports = await pool(jobs)
    await arm()
    return reports
  }

  async function syncFor(filter: Parameters<SyncEngine['syncNow']>[0] = {}): Promise<SyncRunReport[]> {
    const trigger = filter.trigger ?? 'now'
    const jobs: (() => Promise<SyncRunReport[]>)[] = []
    const only = filter.channelIds ? new Set(filter.channelIds) : null
    for (const channel of await deps.channels()) {
      if (only && !only.has(channel.id)) continue
      for (const { reader, plan } of streamsOf(channel)) {
        if (filter.streams && !filter.streams.includes(reader.stream)) continue
        jobs.push(() => runOne(channel, reader, plan, trigger))
      }
    }
    const reports = await pool(jobs)
    await arm()
    return reports
  }

  return {
    register(reader) {
      if (readers.has(reader.stream)) throw new Error(`sync: a reader for ${reader.stream} is already registered`)
      readers.set(reader.stream, reader)
    },
    async start() {
      if (started) return
      started = true
      stopped = false
      controller = new AbortController()
      await reconcileHealth()
      void tick()
    },
    resume() {
      if (started && !stopped) void tick()
    },
    async stop() {
      stopped = true
      handle?.cancel()
      controller.abort(new Error('sync: stopped'))
      await Promise.allSettled([...[...inflight.values()].map((f) => f.run), ...followUps.values(), sweeping])
      started = false
    },
    syncNow(filter = {}) {
      return tracked(syncFor(filter))
    },
    reconcileHealth,
    async whenIdle() {
      for (;;) {
        const work = [...busy, ...[...inflight.values()].map((f) => f.run), ...followUps.values(), ...(sweeping ? [sweeping] : [])]
        if (work.length === 0) return
        await Promise.allSettled(work)
      }
    },
    async health(filter = {}) {
      // A set: the window asks for all 500 channels of an agency at once.
      const only = filter.channelIds ? new Set(filter.channelIds) : null
      const channels = (await deps.channels()).filter((c) => !only || only.has(c.id))
      const streams = channels.flatMap((c) => streamsOf(c).map(({ reader }) => ({ channelId: c.id, stream: reader.stream })))
      const wanted = streams.filter((s) => !filter.streams || filter.streams.includes(s.stream))
      const running = new Set(inflight.keys())
      return streamHealth({ repo: deps.repo, now: deps.clock.now(), streams: wanted, running, ...options })
    },
    gaps: deps.ledger,
    onReport(listener) {
      reportListeners.add(listener)
      return () => void reportListeners.delete(listener)
    },
    onProgress(listener) {
      progressListeners.add(listener)
      return () => void progressListeners.delete(listener)
    },
  }
}
