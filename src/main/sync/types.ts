/**
 * The public contract of the sync engine: every read from a network, for the inbox and analytics
 * alike (DESIGN.md, "Channel sync and the gap ledger").
 *
 * A module (inbox, analytics) contributes one {@link StreamReader} per stream kind it owns and
 * registers it with {@link SyncEngine.register}. The engine decides *when* a stream of a channel
 * is read (the network's {@link NetworkSyncPlan} in its adapter config, "Sync now", resume,
 * reconnect), makes sure only one read of a stream runs at a time, hands the reader a
 * {@link StreamRun} whose `call` spends the network's shared rate budget, and owns everything
 * around failure: classification, the lifecycle's `reportFailure`, the per-stream
 * {@link SyncState} and the gap ledger. A reader only talks to the network and stores what it read.
 */
import type { ChannelHealth } from '../../shared/domain/health'
import type { Network } from '../../shared/domain/network'
import type { GapReason, StreamHealth, StreamKind, SyncGap, SyncProgress } from '../../shared/domain/sync'
import type { ChannelKind, ChannelTarget, ProviderAdapter, ProviderContext } from '../providers/types'

export type { GapReason, StreamHealth, StreamKind, SyncGap, SyncProgress } from '../../shared/domain/sync'

// ---------------------------------------------------------------------------------------------
// Plans (data, one per network in its adapter config)
// ---------------------------------------------------------------------------------------------

/** How one stream is read on one network. */
export interface StreamPlan {
  /** Interval between scheduled reads while the channel is healthy. */
  everyMs: number
  /**
   * How far back a read re-visits recent posts for late activity (Facebook's "hot set" of posts
   * re-read newest first, post metrics still growing). 0 when the network gives a clean cursor.
   */
  hotSetMs: number
  /**
   * How far back the network still serves this data after a break (wave2-anchors §3.6):
   * `Infinity` for "everything still on the network", 0 for "nothing: what was missed is gone".
   */
  recoveryMs: number
  /** Longest span one backfill request may cover (Facebook insights: 90 days). */
  backfillChunkMs: number
  /** Said in the gap ledger when part of a gap cannot be recovered ("LinkedIn keeps 12 months"). */
  lossNote: string
}

/** A network's polling plan: absent streams do not exist on that network. */
export type NetworkSyncPlan = Partial<Record<StreamKind, StreamPlan>>

/**
 * Requests per window and connected account (most networks limit per user or per account),
 * shared with the lifecycle's probes. Kept under each network's published limit so a sweep of
 * many channels never trips it.
 */
export interface RateAllowance {
  requests: number
  perMs: number
}

/** A network's sync facts, kept beside its adapter config (`providers/<network>/sync-plan.ts`). */
export interface NetworkSync {
  rate: RateAllowance
  streams: NetworkSyncPlan
}

/**
 * Each network's request allowance, shared by sync runs and the lifecycle's probes so that a
 * sweep of many channels can never starve a health check, nor trip the network's limit.
 */
/**
 * Who is asking the network: `foreground` (probes, refreshes, publishing: never held),
 * `background` (reading comments and mentions), `bulk` (reading metrics and timelines, which can
 * wait an hour without anyone missing anything).
 */
export type RatePriority = 'foreground' | 'background' | 'bulk'

export interface RateBudget {
  /**
   * Counts `cost` requests in the network's window. `background` (the default) first waits until
   * they fit in sync's share of the window (foreground requests included) and until any pause is
   * over, or `signal` aborts; `bulk` waits the same way for a smaller share, so metric reads never
   * leave comment reads without room; `foreground` never waits.
   */
  take(network: Network, cost?: number, signal?: AbortSignal, priority?: RatePriority): Promise<void>
  /** The network asked Relink to wait (`rate_limited` with a retry time): nothing leaves before `untilMs`. */
  pause(network: Network, untilMs: number): void
  usage(network: Network): { used: number; limit: number; pausedUntil: number | null }
}

// ---------------------------------------------------------------------------------------------
// Per-stream state
// ---------------------------------------------------------------------------------------------

/** Where a stream's reads have got to. Stored per (channel, stream) in `sync_state`. */
export interface SyncState {
  channelId: string
  stream: StreamKind
  /**
   * The newest point already read: a time (unix ms) and/or the network's id of the newest item
   * (`since_id`, `min_id`). Readers read *after* it and return the next one. Null before the
   * first successful read.
   */
  watermarkTime: number | null
  watermarkId: string | null
  /** Opaque reader state that is not a watermark (a paging cursor left mid-way). */
  cursor: string | null
  lastRunAt: number | null
  lastOkAt: number | null
  lastErrorAt: number | null
  lastErrorReason: GapReason | null
  lastErrorDetail: string
  /** Failed reads in a row; a stream that keeps failing opens a `sync_failing` gap. */
  consecutiveFailures: number
  /** When the engine plans the next scheduled read. */
  nextRunAt: number | null
  /** When the first read succeeded (a channel's first sync is not a gap). */
  firstOkAt: number | null
}

// ---------------------------------------------------------------------------------------------
// Readers (what a module implements)
// ---------------------------------------------------------------------------------------------

/** The channel a run reads from, as the engine resolved it. */
export interface SyncChannel {
  id: string
  network: Network
  instance: string
  kind: ChannelKind
  name: string
  networkChannelId: string
  health: ChannelHealth
  /** Why the channel cannot be read while `health` is `disconnected`, and since when (if known). */
  problem: { reason: GapReason; detail: string; since: number | null } | null
}

/** Everything a reader needs for one read. The engine builds it; readers never look up tokens. */
export interface StreamRun {
  channel: SyncChannel
  stream: StreamKind
  plan: StreamPlan
  /** The state before this run (watermarks to read after). */
  state: SyncState
  adapter: ProviderAdapter
  provider: ProviderContext
  /** Through the channel's first healthy link. */
  target: ChannelTarget
  /** The engine's clock reading when the run started (unix ms). */
  now: number
  /**
   * Runs one logical network read and counts `cost` resources read (X bills per resource; the
   * count feeds the per-account read counter). A function counts from the answer (a timeline
   * page: the posts it held). Every HTTP request made through `provider.http`
   * already waits for the network's shared rate budget (background share), so readers never
   * pace themselves. A thrown `ProviderError` is left to propagate: the engine classifies it.
   */
  call<T>(request: () => Promise<T>, cost?: number | ((result: T) => number)): Promise<T>
  /** Reports progress of a long read for the window's progress bars. */
  progress(done: number, total: number | null): void
  /** Aborted when the engine stops (app quit) or the channel is removed mid-run. */
  signal: AbortSignal
}

/** What a poll read and stored. */
export interface PollResult {
  /** The next watermark (unchanged values mean "nothing newer"). */
  watermarkTime: number | null
  watermarkId: string | null
  cursor?: string | null
  /** New items stored (counts towards "items in the last 24 h" and quiet detection). */
  items: number
}

/** The period a backfill reads back: the gap, clipped by the engine to the recovery window. */
export interface BackfillWindow {
  /** The gap's start, already moved forward to the oldest moment the network still serves. */
  from: number
  /** The reconnect (the gap's end). */
  to: number
  /** The gap's true start; `from > gapFrom` means part of the gap is gone for good. */
  gapFrom: number
}

export interface BackfillResult {
  /** Items (comments, mentions) or days (metrics) read back and stored. */
  recovered: number
  unit: 'items' | 'days'
  /**
   * Set when the reader found the network serves less than the plan says (a post deleted, a
   * metric retired): the oldest moment it actually got data for. Defaults to `window.from`.
   */
  servedFrom?: number
  /** Anything the reader knows it could not recover, in plain words; joined to the plan's note. */
  lostNote?: string
}

/**
 * One kind of data, implemented by the module that owns it (inbox: `comments`, `mentions`;
 * analytics: `channel_metrics`, `post_metrics`). Readers store what they read themselves,
 * idempotently (a read may be repeated after a crash), and throw `ProviderError` on failure.
 */
export interface StreamReader {
  readonly stream: StreamKind
  /** Whether this channel has the stream at all (Mastodon accounts have no mentions feed …). */
  appliesTo(channel: SyncChannel): boolean
  /** Reads what is new since `run.state`'s watermark and the hot set, and stores it. */
  poll(run: StreamRun): Promise<PollResult>
  /** Reads back a gap's period after the channel works again, and stores it. */
  backfill(run: StreamRun, window: BackfillWindow): Promise<BackfillResult>
}

// ---------------------------------------------------------------------------------------------
// The gap ledger
// ---------------------------------------------------------------------------------------------

/**
 * Per stream, each period Relink could not read. At most one gap per (channel, stream) is not
 * closed at any time; opening again while one is open returns it unchanged.
 */
export interface GapLedger {
  /** Opens (or returns the already open) gap of a stream. */
  open(input: { channelId: string; stream: StreamKind; from: number; reason: GapReason; detail: string }): Promise<SyncGap>
  /** The channel works again: the gap ends at `to` and its backfill starts. */
  startBackfill(gapId: number, to: number): Promise<SyncGap>
  /** The backfill finished: record what came back and what is gone. */
  close(gapId: number, outcome: { recovered: number; unit: 'items' | 'days'; lostBefore: number | null; lostNote: string; closedAt: number }): Promise<SyncGap>
  /** The gap that is not closed for this stream, if any. */
  current(channelId: string, stream: StreamKind): Promise<SyncGap | undefined>
  /**
   * Gaps overlapping [from, to) (open gaps reach to "now"), oldest first. Filters are optional;
   * charts and reports ask per channel list and range, the inbox per stream.
   */
  list(filter: { channelIds?: readonly string[]; streams?: readonly StreamKind[]; from?: number; to?: number }): Promise<SyncGap[]>
}

// ---------------------------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------------------------

/** Why a read runs; decides whether a fresh plan interval is waited for. */
export type SyncTrigger = 'schedule' | 'now' | 'resume' | 'reconnect' | 'start'

/** Emitted after every run; modules refresh their views, the window hears `sync:did-change`. */
export interface SyncRunReport {
  channelId: string
  stream: StreamKind
  mode: 'poll' | 'backfill'
  trigger: SyncTrigger
  ok: boolean
  items: number
  /** Resources read, as counted by `StreamRun.call` (X bills reads). */
  reads?: number
  /** The classified reason when the run failed. */
  reason?: GapReason
  /** A gap the run opened, moved to backfill or closed. */
  gap?: SyncGap
}

export interface SyncEngine {
  /** Adds a module's reader for one stream kind; call before `start`. One reader per kind. */
  register(reader: StreamReader): void
  /** Arms the Timer for the next due read, catches up overdue ones, backfills open gaps that healed. */
  start(): Promise<void>
  /** After sleep or a clock jump: reads whatever fell due meanwhile and re-arms the Timer. */
  resume(): void
  /** Cancels the Timer, aborts runs in flight and waits for them. */
  stop(): Promise<void>
  /**
   * Reads now, outside the plan ("Sync now"; after resume; after Refresh connection). A stream
   * already being read is not read twice: the caller waits for the run in flight.
   */
  syncNow(filter?: { channelIds?: readonly string[]; streams?: readonly StreamKind[]; trigger?: SyncTrigger }): Promise<SyncRunReport[]>
  /** Settles once nothing is read, reconciled or swept any more (including what that work started). */
  whenIdle(): Promise<void>
  /** Re-evaluates channel health against the gap ledger: opens gaps for broken channels, backfills healed ones. */
  reconcileHealth(): Promise<SyncRunReport[]>
  health(filter?: { channelIds?: readonly string[]; streams?: readonly StreamKind[] }): Promise<StreamHealth[]>
  gaps: GapLedger
  /** Listens to run reports and progress; returns an unsubscribe function. */
  onReport(listener: (report: SyncRunReport) => void): () => void
  onProgress(listener: (progress: SyncProgress) => void): () => void
}

/** Keeps a channel list small for engines: the id plus what plans and readers need to decide. */
export type SyncChannelSource = () => Promise<SyncChannel[]>
