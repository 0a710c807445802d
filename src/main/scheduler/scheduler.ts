/**
 * The scheduler: publishes planned posts exactly once, or says plainly that it could not.
 *
 * - SQLite is the truth. One wake-up is armed for the earliest delivery (one index seek), and it
 *   is re-armed after every change, at start, on resume from sleep and on clock jumps, and at
 *   least once a minute, because timers drift across sleep (node-schedule #278/#632, anchors §2.4).
 * - A due delivery is claimed with a conditional UPDATE, and its intent is committed before the
 *   publish request leaves. An outcome Relink does not know (crash, timeout) is settled by
 *   finding the post by its marker, or handed to a person as `needs_review`: never a blind retry
 *   (Postiz #1813, anchors §2.1).
 * - Only failures that created nothing are retried: offline, rate limits (as long as told), and
 *   5xx answers (after first looking for the post). Broken sign-ins hold the delivery until a
 *   reconnect releases it.
 * - Deliveries that fell due while Relink was closed or asleep publish within the grace window,
 *   and beyond it wait for the user as `missed` (anchors §2.5).
 */
import { createHash } from 'node:crypto'
import { HEALTH_COPY, healthForReason } from '../../shared/domain/health-copy'
import { isBrokenHealth, type GrantHealth, type ProblemReason } from '../../shared/domain/health'
import { NETWORK_LABELS, type Network } from '../../shared/domain/network'
import { AppError } from '../../shared/errors'
import type { EventPayloads } from '../../shared/ipc/contract'
import { LIFECYCLE_RULES } from '../connections/network-rules'
import {
  newId,
  OPEN_STATES,
  type ChannelInfo,
  type DeliveryFields,
  type DeliveryListRow,
  type DeliveryRepository,
  type DeliveryRow,
  type DeliveryStateName,
  type MediaRow,
  type NewDelivery,
  type PostListRow,
  type PostRow,
} from '../db/repositories/delivery-repository'
import type { EventBus, EventListener } from '../events'
import { redact } from '../platform/logger'
import type { Clock, Logger, Timer, TimerHandle } from '../ports'
import { ProviderError } from '../providers/provider-error'
import type { ChannelTarget, ContentLimits, ContentProblem, PostDraft, ProviderAdapter, ProviderContext, PublishedPost } from '../providers/types'
import { backoffMs, seededRandom } from './backoff'
import { channelLapse, linkCanPublish, type LinkClock } from './forecast'
import { sniffImage } from './image'
import { isTokenReason, publishOutcome } from './outcome'
import { nextFreeSlot } from './slots'
import type {
  AtRiskDelivery,
  BulkComposeResult,
  ChannelProblems,
  ComposeImageInput,
  ComposeInput,
  ComposeResult,
  DeliveryFilter,
  DeliveryNotice,
  DeliveryState,
  DeliveryView,
  HeldReleasable,
  PostPatch,
  PostView,
  ReleaseChoice,
  ReleaseResult,
  ResolveAction,
  ScheduleChange,
} from '../../shared/domain/schedule'
import { DELIVERY_STATES } from '../../shared/domain/schedule'

const MINUTE = 60_000

/** How the scheduler reaches a channel: the lifecycle in the app. */
export interface SchedulerConnections {
  /** The healthy link's target; throws AppError `reauth_required` when no link works. */
  channelTarget(channelId: string): Promise<{ profileId: string; network: Network; instance: string; target: ChannelTarget }>
  /** Applies a token failure seen while publishing to the grant's health. */
  reportFailure(profileId: string, err: ProviderError, options?: { channelId?: string }): Promise<GrantHealth>
}

export interface SchedulerProviders {
  adapter(network: Network): ProviderAdapter
  context(network: Network, instance?: string): Promise<ProviderContext>
}

export interface SchedulerOptions {
  /** Deliveries published at the same time. */
  concurrency: number
  /** The longest the wake-up sleeps even with nothing due sooner: bounds lateness after an unnoticed sleep or clock change. */
  maxSleepMs: number
  /** First retry wait after a 5xx or offline failure; doubles each time. */
  retryBaseMs: number
  /** Longest wait between retries after 5xx answers. */
  retryMaxMs: number
  /** Longest wait between retries while offline (it retries for as long as it takes). */
  offlineMaxMs: number
  /** 5xx answers before a delivery is marked failed. */
  maxServerErrors: number
  /** Wait after a 429 that did not say how long. */
  rateLimitDefaultMs: number
  /** Lookups of an unknown outcome that could not reach the network before a person is asked. */
  maxLookups: number
  /** How far before the intent a lookup searches (clock skew between Relink and the network). */
  lookupMarginMs: number
  /** Slot size for "next free slot". */
  slotMs: number
  /** Seed of the retry jitter. */
  seed: number
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  concurrency: 4,
  maxSleepMs: MINUTE,
  retryBaseMs: 30_000,
  retryMaxMs: 15 * MINUTE,
  offlineMaxMs: 5 * MINUTE,
  maxServerErrors: 6,
  rateLimitDefaultMs: 60_000,
  maxLookups: 5,
  lookupMarginMs: 10 * MINUTE,
  slotMs: 15 * MINUTE,
  seed: 0x5eed,
}

export interface SchedulerDeps {
  repo: DeliveryRepository
  connections: SchedulerConnections
  providers: SchedulerProviders
  clock: Clock
  timer: Timer
  /** The grace window comes from Settings → Scheduler and is read at each use. */
  settings: { read(): { scheduler: { graceWindowMinutes: number } } }
  logger: Logger
  /** Listens for `connections:did-reconnect` to offer the release of held deliveries. */
  events?: Pick<EventBus, 'subscribe'>
  /** Reads a picked image file once, at compose time. */
  files?: { read(path: string): Promise<Uint8Array> }
  onChange?: (change: ScheduleChange) => void
  /** One call per problem and delivery; the app turns it into a desktop notification. */
  notify?: (notice: DeliveryNotice) => void
  /** A reconnect healed channels with held deliveries: the release dialog's data. */
  onHeldReleasable?: (held: HeldReleasable) => void
  /** Jitter source (seeded by default so runs replay). */
  random?: () => number
  options?: Partial<SchedulerOptions>
  /**
   * Test seam: runs after the network accepted a post and before Relink commits that fact —
   * the crash harness kills the process here.
   */
  hooks?: { afterPublishAccepted?(deliveryId: number): void | Promise<void> }
}

export interface ReconcileReport {
  requeued: number
  published: number
  needsReview: number
  pending: number
}

type Via = Awaited<ReturnType<SchedulerConnections['channelTarget']>>
type Verdict = { kind: 'found'; post: PublishedPost } | { kind: 'absent' } | { kind: 'unknown'; retry: boolean; detail: string }

const MISSED_DETAIL = 'Its time passed while Relink was closed or the computer was asleep. Publish it now, pick a new time, or skip it.'
const NOT_FOUND_DETAIL =
  'Relink was interrupted while publishing and the network shows no post with its tag. Check the channel, then publish it again or skip it.'
const OFFLINE_DETAIL = 'Relink cannot reach the network right now. It will publish as soon as the connection is back.'
const HELD_SUFFIX = 'The post is held, not lost: it can be released once the connection is refreshed.'

export type Scheduler = ReturnType<typeof createScheduler>

export function createScheduler(deps: SchedulerDeps) {
  const { repo, connections, providers, clock, timer, logger } = deps
  const opt: SchedulerOptions = { ...DEFAULT_SCHEDULER_OPTIONS, ...deps.options }
  const random = deps.random ?? seededRandom(opt.seed)
  /** Deliveries this process is working on (claimed or publishing here). */
  const inflight = new Set<number>()
  const background = new Set<Promise<unknown>>()
  const limitsCache = new Map<string, { until: number; limits: ContentLimits | undefined }>()
  const knownZones = new Set<string>()
  let handle: TimerHandle | undefined
  let pumping: Promise<void> | undefined
  let again = false
  let stopped = true
  let unsubscribe: (() => void) | undefined
  /** The clock at the last look at the queue: deliveries due before it are backlog, after it (and beyond grace) missed. */
  let seenUntil = Number.MIN_SAFE_INTEGER

  const graceMs = (): number => deps.settings.read().scheduler.graceWindowMinutes * MINUTE

  function track<T>(work: Promise<T>): Promise<T> {
    background.add(work)
    void work.then(
      () => background.delete(work),
      () => background.delete(work),
    )
    return work
  }

  // ---- change events, coalesced per turn -----------------------------------------------------

  let pending: { posts: Set<string>; deliveries: Set<number> } | undefined
  function changed(postIds: Iterable<string>, deliveryIds: Iterable<number> = []): void {
    if (!deps.onChange) return
    if (!pending) {
      pending = { posts: new Set(), deliveries: new Set() }
      queueMicrotask(() => {
        const batch = pending
        pending = undefined
        if (batch) deps.onChange?.({ postIds: [...batch.posts], deliveryIds: [...batch.deliveries] })
      })
    }
    for (const id of postIds) pending.posts.add(id)
    for (const id of deliveryIds) pending.deliveries.add(id)
  }
  const changedRow = (row: Pick<DeliveryRow, 'id' | 'post_id'>): void => changed([row.post_id], [row.id])

  // ---- the one wake-up -----------------------------------------------------------------------

  /** Runs the queue now (or once more after the current run). */
  function kick(): void {
    if (stopped) return
    if (pumping) {
      again = true
      return
    }
    handle?.cancel()
    handle = undefined
    pumping = pump()
      .catch((err: unknown) => logger.log('error', 'scheduler: run failed', { error: err }))
      .finally(() => {
        pumping = undefined
        if (!stopped) void track(arm(true))
      })
  }

  /** After a change: re-arm, or run at once when something is already due. */
  function poke(): void {
    if (stopped) return
    if (pumping) again = true
    else void track(arm(false))
  }

  let armSeq = 0
  async function arm(afterRun: boolean): Promise<void> {
    const seq = ++armSeq
    const next = await repo.nextWakeAt()
    // A later arm (or a run, which arms when it ends) read newer state: it decides.
    if (stopped || pumping || seq !== armSeq) return
    handle?.cancel()
    handle = undefined
    if (next === null) return
    const now = clock.now()
    if (next <= now && !afterRun) {
      kick()
      return
    }
    // A run that left due work behind (a lost claim, a write conflict) retries in a second rather
    // than spinning; otherwise sleep until the due time, but never longer than maxSleepMs.
    const at = next <= now ? now + 1_000 : Math.min(next, now + opt.maxSleepMs)
    handle = timer.at(at, () => {
      handle = undefined
      kick()
    })
  }

  async function pump(): Promise<void> {
    do {
      again = false
      const now = clock.now()
      const missed = await repo.markMissed(seenUntil, now - graceMs(), MISSED_DETAIL, now)
      seenUntil = now
      if (missed.length > 0) {
        logger.log('info', 'scheduler: missed while not running', { count: missed.length, graceMinutes: graceMs() / MINUTE })
        for (const row of missed) changedRow(row)
        await notifyOnce('missed', missed)
      }
      for (const row of await repo.recheckDue(now)) {
        if (stopped) return
        if (inflight.has(row.id)) continue
        inflight.add(row.id)
        try {
          await settleUnknown(row)
        } finally {
          inflight.delete(row.id)
        }
      }
      await drain()
    } while (again && !stopped)
  }

  async function drain(): Promise<void> {
    const worker = async (): Promise<void> => {
      while (!stopped) {
        const row = await repo.claimNext(clock.now(), inflight)
        if (!row) return
        inflight.add(row.id)
        changedRow(row)
        try {
          await processClaimed(row)
        } catch (err) {
          logger.log('error', 'scheduler: delivery step failed', { deliveryId: row.id, error: err })
          await releaseAfterError(row.id)
        } finally {
          inflight.delete(row.id)
        }
      }
    }
    await Promise.all(Array.from({ length: Math.max(1, opt.concurrency) }, worker))
  }

  /** A bug or a database error mid-step: put back what is safe to put back, never lose it. */
  async function releaseAfterError(id: number): Promise<void> {
    const row = await repo.getDelivery(id).catch(() => undefined)
    if (!row) return
    const at = clock.now() + backoffMs(1, opt.retryBaseMs, opt.retryMaxMs, random)
    if (row.state === 'claimed') await repo.transition(id, ['claimed'], { state: 'scheduled', claimed_at: null, next_attempt_at: at }, clock.now()).catch(() => false)
    // `publishing` stays: its outcome is unknown, and the re-check looks it up.
    if (row.state === 'publishing') await repo.transition(id, ['publishing'], { next_attempt_at: at }, clock.now()).catch(() => false)
    changedRow(row)
  }

  // ---- one delivery --------------------------------------------------------------------------

  async function processClaimed(row: DeliveryRow): Promise<void> {
    const content = await repo.publishContent(row.post_id)
    if (!content || content.status === 'cancelled') {
      await move(row, ['claimed'], { state: 'skipped', claimed_at: null, next_attempt_at: null, failure_reason: 'cancelled', failure_detail: 'The post was cancelled.' })
      return
    }
    let via: Via
    let ctx: ProviderContext
    try {
      via = await connections.channelTarget(row.channel_id)
      ctx = await providers.context(via.network, via.instance)
    } catch (err) {
      await noWayIn(row, err)
      return
    }
    const adapter = providers.adapter(via.network)

    // An earlier attempt may have created the post (a 5xx answer, an interrupted run): look first.
    if (row.intent_at !== null) {
      const verdict = await lookup(row, via, ctx, adapter)
      if (verdict.kind === 'found') {
        await markPublished(row, ['claimed'], verdict.post)
        return
      }
      if (verdict.kind === 'unknown') {
        if (verdict.retry) {
          const tries = await repo.countAttempts(row.id, 'lookup', ['unreachable'])
          if (tries < opt.maxLookups) {
            await move(row, ['claimed'], {
              state: 'scheduled',
              claimed_at: null,
              next_attempt_at: clock.now() + backoffMs(tries, opt.retryBaseMs, opt.retryMaxMs, random),
              failure_reason: 'checking',
              failure_detail: verdict.detail,
            })
            return
          }
        }
        await needsReview(row, ['claimed'], 'unverifiable', verdict.detail)
        return
      }
    }

    const draft: PostDraft = { text: content.text, marker: row.marker }
    if (content.link) draft.link = content.link
    if (content.image_bytes && content.image_mime && content.image_width !== null && content.image_height !== null) {
      draft.image = {
        bytes: content.image_bytes,
        mimeType: content.image_mime as NonNullable<PostDraft['image']>['mimeType'],
        width: content.image_width,
        height: content.image_height,
        ...(content.image_alt ? { altText: content.image_alt } : {}),
      }
    }
    const attemptId = await repo.beginPublish(row.id, clock.now())
    if (attemptId === undefined) {
      logger.log('warn', 'scheduler: claim lost before publishing', { deliveryId: row.id })
      return
    }
    const publishing: DeliveryRow = { ...row, state: 'publishing', intent_at: clock.now(), attempt_count: row.attempt_count + 1 }
    let published: PublishedPost
    try {
      published = await adapter.publish(ctx, via.target, draft)
    } catch (err) {
      await publishFailed(publishing, via, ctx, adapter, attemptId, err)
      return
    }
    await deps.hooks?.afterPublishAccepted?.(row.id)
    await markPublished(publishing, ['publishing'], published, { id: attemptId, outcome: 'published' })
  }

  /** No way to act on the channel: held for a broken sign-in, failed for a vanished channel, retried for a passing problem. */
  async function noWayIn(row: DeliveryRow, err: unknown): Promise<void> {
    if (err instanceof AppError && (err.code === 'reauth_required' || err.code === 'not_connected')) {
      await hold(row, ['claimed'], err.code === 'not_connected' ? 'no_developer_app' : 'reauth_required', err.message)
      return
    }
    if (err instanceof AppError && err.code === 'not_found') {
      await fail(row, ['claimed'], 'channel_removed', 'The channel was removed from Relink, so this post cannot go out there.')
      return
    }
    if (err instanceof ProviderError && isTokenReason(err.reason)) {
      await hold(row, ['claimed'], err.reason, holdDetail(err.reason, err.classified.detail))
      return
    }
    const offline = err instanceof ProviderError && (err.failure.source === 'transport' || err.reason === 'transient' || err.reason === 'rate_limited')
    if (!offline) logger.log('error', 'scheduler: could not prepare a delivery', { deliveryId: row.id, error: err })
    // No attempt was made, so the wait grows with how long the delivery has already waited.
    const waited = Math.max(0, clock.now() - row.due_at)
    const step = 1 + Math.floor(Math.log2(1 + waited / opt.retryBaseMs))
    const wait = err instanceof ProviderError && err.classified.retryAfterMs !== undefined ? err.classified.retryAfterMs : backoffMs(step, opt.retryBaseMs, opt.offlineMaxMs, random)
    await move(row, ['claimed'], {
      state: 'scheduled',
      claimed_at: null,
      next_attempt_at: clock.now() + wait,
      failure_reason: offline ? 'offline' : 'retrying',
      failure_detail: err instanceof ProviderError ? err.classified.detail : OFFLINE_DETAIL,
    })
  }

  async function publishFailed(row: DeliveryRow, via: Via, ctx: ProviderContext, adapter: ProviderAdapter, attemptId: number, err: unknown): Promise<void> {
    const outcome = publishOutcome(err)
    const detail = err instanceof ProviderError ? err.classified.detail : 'Relink lost track of the publish request.'
    const reason = err instanceof ProviderError ? err.reason : 'unexpected'
    const raw = err instanceof ProviderError ? rawForLog(err) : null
    const attempt = (name: string) => ({ id: attemptId, outcome: name, reason, detail, raw })
    const now = clock.now()
    logger.log(outcome.kind === 'unknown' ? 'warn' : 'info', 'scheduler: publish failed', { deliveryId: row.id, network: via.network, outcome: outcome.kind, reason })
    switch (outcome.kind) {
      case 'not_sent': {
        const n = (await repo.countAttempts(row.id, 'publish', ['offline'])) + 1
        await move(
          row,
          ['publishing'],
          { state: 'scheduled', claimed_at: null, intent_at: null, next_attempt_at: now + backoffMs(n, opt.retryBaseMs, opt.offlineMaxMs, random), failure_reason: 'offline', failure_detail: OFFLINE_DETAIL },
          attempt('offline'),
        )
        return
      }
      case 'rate_limited': {
        // Wait exactly as told, plus up to a second so deliveries held back together spread out.
        const wait = (outcome.retryAfterMs ?? opt.rateLimitDefaultMs) + Math.round(random() * 1_000)
        await move(
          row,
          ['publishing'],
          { state: 'scheduled', claimed_at: null, intent_at: null, next_attempt_at: now + wait, failure_reason: 'rate_limited', failure_detail: detail },
          attempt('rate_limited'),
        )
        return
      }
      case 'refused_server': {
        const n = (await repo.countAttempts(row.id, 'publish', ['transient'])) + 1
        if (n >= opt.maxServerErrors) {
          await fail(row, ['publishing'], 'transient', `${detail} Relink tried ${n} times and stopped.`, attempt('transient'))
          return
        }
        // The intent stays: the next attempt first checks whether this one created the post.
        await move(
          row,
          ['publishing'],
          { state: 'scheduled', claimed_at: null, next_attempt_at: now + backoffMs(n, opt.retryBaseMs, opt.retryMaxMs, random), failure_reason: 'transient', failure_detail: detail },
          attempt('transient'),
        )
        return
      }
      case 'unknown': {
        await repo.finishAttempt(attempt('unknown'), now)
        await settleUnknown(row)
        return
      }
      case 'token': {
        // A 401/403 answer: nothing was created. Tell the lifecycle, then look for another way in.
        await repo.transition(row.id, ['publishing'], { intent_at: null }, now, attempt('token'))
        let health: GrantHealth | undefined
        if (err instanceof ProviderError) {
          health = await connections.reportFailure(via.profileId, err, { channelId: row.channel_id }).catch((e: unknown) => {
            logger.log('warn', 'scheduler: could not report a token failure', { deliveryId: row.id, error: e })
            return undefined
          })
        }
        const tries = await repo.countAttempts(row.id, 'publish', ['token'])
        let another = false
        if (tries < 2) {
          try {
            await connections.channelTarget(row.channel_id)
            another = true
          } catch {
            another = false
          }
        }
        if (another) {
          await move(row, ['publishing'], { state: 'scheduled', claimed_at: null, next_attempt_at: now + 5_000, failure_reason: outcome.reason, failure_detail: detail })
        } else if (health && isBrokenHealth(health)) {
          // The lifecycle confirmed what broke (a bare 401 becomes "access removed", say).
          await hold(row, ['publishing'], health, `${HEALTH_COPY[health].meaning} ${HEALTH_COPY[health].todo} ${HELD_SUFFIX}`)
        } else {
          await hold(row, ['publishing'], outcome.reason, holdDetail(outcome.reason, detail))
        }
        return
      }
      case 'rejected': {
        // A refusal as a duplicate (X 403, LinkedIn 422 DUPLICATE_POST) may mean an earlier
        // attempt landed; the marker is unique to this delivery, so finding it settles that.
        await repo.finishAttempt(attempt('rejected'), now)
        const verdict = await lookup(row, via, ctx, adapter)
        if (verdict.kind === 'found') await markPublished(row, ['publishing'], verdict.post)
        else await fail(row, ['publishing'], reason, detail)
        return
      }
    }
  }

  /** Finds a post by its marker. `unknown` when the network could not be asked or cannot tell. */
  async function lookup(row: DeliveryRow, via: Via, ctx: ProviderContext, adapter: ProviderAdapter): Promise<Verdict> {
    const attemptId = await repo.startLookup(row.id, clock.now())
    const since = (row.intent_at ?? row.claimed_at ?? clock.now()) - opt.lookupMarginMs
    const finish = (outcome: string, detail = '', reason: string | null = null, raw: string | null = null) =>
      repo.finishAttempt({ id: attemptId, outcome, reason, detail, raw }, clock.now())
    try {
      const post = await adapter.findPostByMarker(ctx, via.target, row.marker, since)
      await finish(post ? 'found' : 'absent', post ? post.networkPostId : '')
      return post ? { kind: 'found', post } : { kind: 'absent' }
    } catch (err) {
      const passing = err instanceof ProviderError && (err.failure.source === 'transport' || err.reason === 'transient' || err.reason === 'rate_limited')
      const detail = err instanceof ProviderError ? err.classified.detail : 'The lookup failed unexpectedly.'
      await finish(passing ? 'unreachable' : 'unanswerable', detail, err instanceof ProviderError ? err.reason : 'unexpected', err instanceof ProviderError ? rawForLog(err) : null)
      return {
        kind: 'unknown',
        retry: passing,
        detail: passing
          ? `Relink could not check whether the post went out: ${detail}`
          : `Relink could not check whether the post went out (${detail}) Look at the channel, then publish it again or mark it published.`,
      }
    }
  }

  /** An outcome nobody knows (state `publishing`, not in flight here): find it, or ask a person. */
  async function settleUnknown(row: DeliveryRow): Promise<'published' | 'needs_review' | 'pending'> {
    let verdict: Verdict
    try {
      const via = await connections.channelTarget(row.channel_id)
      const ctx = await providers.context(via.network, via.instance)
      verdict = await lookup(row, via, ctx, providers.adapter(via.network))
    } catch (err) {
      const passing = err instanceof ProviderError && (err.failure.source === 'transport' || err.reason === 'transient' || err.reason === 'rate_limited')
      verdict = {
        kind: 'unknown',
        retry: passing,
        detail: `Relink could not check whether the post went out: ${err instanceof Error ? err.message : 'no working connection to the channel.'}`,
      }
    }
    if (verdict.kind === 'found') {
      await markPublished(row, ['publishing'], verdict.post)
      return 'published'
    }
    if (verdict.kind === 'absent') {
      await needsReview(row, ['publishing'], 'not_found', NOT_FOUND_DETAIL)
      return 'needs_review'
    }
    const tries = await repo.countAttempts(row.id, 'lookup', ['unreachable'])
    if (verdict.retry && tries < opt.maxLookups) {
      await move(row, ['publishing'], {
        next_attempt_at: clock.now() + backoffMs(tries, opt.retryBaseMs, opt.retryMaxMs, random),
        failure_reason: 'checking',
        failure_detail: verdict.detail,
      })
      return 'pending'
    }
    await needsReview(row, ['publishing'], 'unverifiable', verdict.detail)
    return 'needs_review'
  }

  // ---- transitions ---------------------------------------------------------------------------

  type AttemptClose = Parameters<DeliveryRepository['transition']>[4]

  async function move(row: DeliveryRow, from: readonly DeliveryStateName[], fields: DeliveryFields, attempt?: AttemptClose): Promise<boolean> {
    const ok = await repo.transition(row.id, from, fields, clock.now(), attempt)
    if (!ok) logger.log('warn', 'scheduler: delivery changed under a transition', { deliveryId: row.id, from, to: fields.state })
    changedRow(row)
    return ok
  }

  async function markPublished(row: DeliveryRow, from: readonly DeliveryStateName[], post: PublishedPost, attempt?: AttemptClose): Promise<void> {
    const ok = await move(
      row,
      from,
      {
        state: 'published',
        network_post_id: post.networkPostId,
        url: post.url,
        published_at: post.publishedAt,
        claimed_at: null,
        next_attempt_at: null,
        failure_reason: null,
        failure_detail: null,
        held_reason: null,
        held_detail: null,
      },
      attempt,
    )
    if (ok) logger.log('info', 'scheduler: published', { deliveryId: row.id, networkPostId: post.networkPostId, attempt: row.attempt_count })
  }

  async function hold(row: DeliveryRow, from: readonly DeliveryStateName[], reason: string, detail: string): Promise<void> {
    await move(row, from, { state: 'held', claimed_at: null, next_attempt_at: null, held_reason: reason, held_detail: detail })
    logger.log('info', 'scheduler: held', { deliveryId: row.id, channelId: row.channel_id, reason })
  }

  async function fail(row: DeliveryRow, from: readonly DeliveryStateName[], reason: string, detail: string, attempt?: AttemptClose): Promise<void> {
    if (await move(row, from, { state: 'failed', claimed_at: null, next_attempt_at: null, failure_reason: reason, failure_detail: detail }, attempt)) {
      await notifyOnce('failed', [row])
    }
  }

  async function needsReview(row: DeliveryRow, from: readonly DeliveryStateName[], reason: string, detail: string): Promise<void> {
    if (await move(row, from, { state: 'needs_review', claimed_at: null, next_attempt_at: null, failure_reason: reason, failure_detail: detail })) {
      logger.log('warn', 'scheduler: needs review', { deliveryId: row.id, reason })
      await notifyOnce('needs_review', [row])
    }
  }

  function holdDetail(reason: ProblemReason | string, detail: string): string {
    const health = healthForReason(reason as ProblemReason)
    const todo = health ? HEALTH_COPY[health].todo : 'Refresh the connection.'
    return `${detail} ${todo} ${HELD_SUFFIX}`
  }

  async function notifyOnce(kind: DeliveryNotice['kind'], rows: readonly Pick<DeliveryRow, 'id'>[]): Promise<void> {
    if (!deps.notify || rows.length === 0) return
    const fresh = await repo.markNotified(
      rows.map((r) => r.id),
      clock.now(),
    )
    if (fresh.length === 0) return
    const views = (await repo.deliveriesByIds(fresh)).map(toView)
    const first = views[0]
    if (!first) return
    const where = `${first.channelName} (${NETWORK_LABELS[first.network] ?? first.network})`
    const quoted = first.preview ? `“${first.preview.split('\n')[0]?.slice(0, 60)}”` : 'A post'
    const notice: DeliveryNotice =
      kind === 'missed'
        ? {
            kind,
            title: views.length === 1 ? 'A scheduled post was missed' : `${views.length} scheduled posts were missed`,
            body: `Their time passed more than ${graceMs() / MINUTE} minutes ago while Relink was closed or asleep. Publish, reschedule or skip them.`,
            deliveries: [],
          }
        : kind === 'failed'
          ? { kind, title: 'A post could not be published', body: `${quoted} was not published on ${where}: ${first.failureDetail ?? 'the network refused it.'}`, deliveries: [] }
          : {
              kind,
              title: 'Check whether a post went out',
              body: `Relink could not confirm whether ${quoted} was published on ${where}. Open it to check and decide; it will not be sent again on its own.`,
              deliveries: [],
            }
    notice.deliveries = views.map((v) => ({ id: v.id, postId: v.postId, channelId: v.channelId, channelName: v.channelName, network: v.network }))
    try {
      deps.notify(notice)
    } catch (err) {
      logger.log('warn', 'scheduler: notification failed', { error: err })
    }
  }

  // ---- composing -----------------------------------------------------------------------------

  function assertTimeZone(zone: string): void {
    if (knownZones.has(zone)) return
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone })
    } catch {
      throw new AppError('validation', `“${zone}” is not a time zone Relink knows. Pick one from the list.`)
    }
    knownZones.add(zone)
  }

  function assertTime(at: number, now: number): void {
    if (!Number.isSafeInteger(at)) throw new AppError('validation', 'Pick a date and time for the post.')
    // A minute of slack lets "publish now" from the composer through.
    if (at < now - MINUTE) throw new AppError('validation', 'That time has already passed. Pick a time from now on.')
  }

  /**
   * A saved post's own image (same path; say only the alt text changed) is its stored copy, so a
   * file that moved or was deleted since it was attached changes nothing. Anything else is read.
   */
  async function readImageOf(post: { image_path: string | null; image_sha256: string | null } | undefined, input: ComposeImageInput): Promise<MediaRow> {
    const stored = post && input.path === post.image_path && post.image_sha256 ? await repo.getMedia(post.image_sha256) : undefined
    return stored ?? readImage(input)
  }

  async function readImage(input: ComposeImageInput): Promise<MediaRow> {
    if (!deps.files) throw new AppError('validation', 'Images cannot be attached here.')
    let bytes: Uint8Array
    try {
      bytes = await deps.files.read(input.path)
    } catch (err) {
      if (err instanceof AppError) throw err
      throw new AppError('validation', `Relink cannot read the image at ${input.path}. Check that the file exists and can be opened.`, { cause: err })
    }
    const info = sniffImage(bytes)
    if (!info) throw new AppError('validation', 'That file is not a PNG, JPEG, GIF or WebP image.')
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    return { sha256, mime_type: info.mimeType, width: info.width, height: info.height, size_bytes: bytes.byteLength, bytes }
  }

  async function limitsFor(channel: ChannelInfo, adapter: ProviderAdapter): Promise<ContentLimits | undefined> {
    if (!adapter.contentLimits) return undefined
    const key = `${channel.network}|${channel.instance}`
    const cached = limitsCache.get(key)
    if (cached && cached.until > clock.now()) return cached.limits
    let limits: ContentLimits | undefined
    try {
      limits = await adapter.contentLimits(await providers.context(channel.network as Network, channel.instance))
    } catch {
      // Offline composing still works: the adapter's defaults apply until the network answers.
      limits = undefined
    }
    limitsCache.set(key, { until: clock.now() + (limits ? 60 : 5) * MINUTE, limits })
    return limits
  }

  /**
   * Problems per channel. The rules are the network's (and the instance's limits), so a post to
   * several channels of one network is checked once; results are remembered, so content the
   * composer already checked (or an import already previewed) is not weighed again.
   */
  const verdicts = new Map<string, Map<string, ContentProblem[]>>()
  let verdictCount = 0
  const VERDICT_CACHE = 20_000
  async function validate(content: { text: string; link: string | null; image: MediaRow | null; alt: string | null }, channels: readonly ChannelInfo[]): Promise<ChannelProblems[]> {
    const out: ChannelProblems[] = []
    let draft: Omit<PostDraft, 'marker'> | undefined
    const key = `${content.image?.sha256 ?? ''}\u0000${content.alt ?? ''}\u0000${content.link ?? ''}\u0000${content.text}`
    const perNetwork = new Map<string, ContentProblem[]>()
    for (const channel of channels) {
      const adapter = providers.adapter(channel.network as Network)
      const limits = await limitsFor(channel, adapter)
      const rules = `${channel.network}|${channel.instance}|${limits?.maxChars ?? ''}`
      let problems = perNetwork.get(rules)
      if (!problems) {
        let known = verdicts.get(rules)
        if (!known) verdicts.set(rules, (known = new Map()))
        problems = known.get(key)
        if (!problems) {
          draft ??= draftOf(content)
          problems = adapter.validateContent(draft, limits)
          if (verdictCount >= VERDICT_CACHE) {
            verdicts.clear()
            verdictCount = 0
            verdicts.set(rules, (known = new Map()))
          }
          known.set(key, problems)
          verdictCount += 1
        }
        perNetwork.set(rules, problems)
      }
      if (problems.length > 0) out.push({ channelId: channel.id, channelName: channel.name, network: channel.network as Network, problems })
    }
    return out
  }

  function draftOf(content: { text: string; link: string | null; image: MediaRow | null; alt: string | null }): Omit<PostDraft, 'marker'> {
    const draft: Omit<PostDraft, 'marker'> = { text: content.text }
    if (content.link) draft.link = content.link
    if (content.image) {
      draft.image = {
        bytes: content.image.bytes,
        mimeType: content.image.mime_type as NonNullable<PostDraft['image']>['mimeType'],
        width: content.image.width,
        height: content.image.height,
        ...(content.alt ? { altText: content.alt } : {}),
      }
    }
    return draft
  }

  async function channelsOf(ids: readonly string[]): Promise<ChannelInfo[]> {
    const unique = [...new Set(ids)]
    const found = await repo.channels(unique)
    if (found.length !== unique.length) throw new AppError('not_found', 'One of the chosen channels no longer exists. Pick the channels again.')
    const byId = new Map(found.map((c) => [c.id, c]))
    return unique.map((id) => byId.get(id)).filter((c): c is ChannelInfo => c !== undefined)
  }

  const newDelivery = (postId: string, channelId: string, publishAt: number, now: number): NewDelivery => ({
    postId,
    channelId,
    state: 'scheduled',
    dueAt: publishAt,
    nextAttemptAt: Math.max(publishAt, now),
  })

  async function createPosts(inputs: readonly ComposeInput[]): Promise<BulkComposeResult[]> {
    const now = clock.now()
    const allChannels = new Map((await channelsOf(inputs.flatMap((i) => i.channelIds))).map((c) => [c.id, c]))
    const batch: { posts: PostRow[]; deliveries: NewDelivery[]; media: MediaRow[] } = { posts: [], deliveries: [], media: [] }
    const outcomes: BulkComposeResult[] = []
    /** Which of the batch's deliveries belong to each outcome (refused ones get none). */
    const spans: [number, number][] = []
    for (const input of inputs) {
      const draft = input.draft === true
      assertTimeZone(input.timeZone)
      if (draft && !input.text.trim() && !input.link?.trim() && !input.image) {
        throw new AppError('validation', 'Write something, add a link or add an image before saving a draft.')
      }
      if (!draft) {
        if (input.channelIds.length === 0) throw new AppError('validation', 'Pick at least one channel to publish to.')
        if (input.publishAt === undefined) throw new AppError('validation', 'Pick a date and time for the post.')
        assertTime(input.publishAt, now)
      }
      const image = input.image ? await readImage(input.image) : null
      const channels = [...new Set(input.channelIds)].map((id) => allChannels.get(id)).filter((c): c is ChannelInfo => c !== undefined)
      const text = input.text
      const link = input.link?.trim() ? input.link.trim() : null
      const alt = input.image?.altText?.trim() ? input.image.altText.trim() : null
      const problems = await validate({ text, link, image, alt }, channels)
      if (!draft && problems.length > 0) {
        outcomes.push({ postId: null, deliveryIds: [], problems })
        spans.push([0, 0])
        continue
      }
      const postId = newId(now)
      batch.posts.push({
        id: postId,
        status: draft ? 'draft' : 'scheduled',
        text,
        link,
        image_path: input.image?.path ?? null,
        image_sha256: image?.sha256 ?? null,
        image_alt: alt,
        publish_at: input.publishAt ?? null,
        time_zone: input.timeZone,
        channel_ids: channels.map((c) => c.id).join(','),
        created_at: now,
        updated_at: now,
      })
      if (image) batch.media.push(image)
      const first = batch.deliveries.length
      if (!draft && input.publishAt !== undefined) {
        for (const channel of channels) batch.deliveries.push(newDelivery(postId, channel.id, input.publishAt, now))
      }
      spans.push([first, batch.deliveries.length])
      outcomes.push({ postId, deliveryIds: [], problems })
    }
    const ids = batch.posts.length > 0 ? await repo.insertPosts(batch, now) : []
    outcomes.forEach((o, i) => {
      const [from, to] = spans[i] ?? [0, 0]
      if (o.postId) o.deliveryIds = ids.slice(from, to)
    })
    changed(
      batch.posts.map((p) => p.id),
      ids,
    )
    if (ids.length > 0) poke()
    return outcomes
  }

  async function postViews(ids: readonly string[]): Promise<PostView[]> {
    if (ids.length === 0) return []
    const byId = new Map((await repo.postsByIds(ids)).map((r) => [r.id, r]))
    const rows = ids.map((id) => byId.get(id)).filter((r): r is PostListRow => r !== undefined)
    const deliveries = await repo.deliveriesOfPosts(ids)
    const byPost = new Map<string, DeliveryView[]>()
    for (const d of deliveries) {
      const list = byPost.get(d.post_id) ?? []
      list.push(toView(d))
      byPost.set(d.post_id, list)
    }
    return rows.map((r) => toPostView(r, byPost.get(r.id) ?? []))
  }

  async function mustPost(postId: string): Promise<PostListRow> {
    const post = await repo.getPost(postId)
    if (!post) throw new AppError('not_found', 'That post no longer exists.')
    return post
  }

  async function mustView(postId: string): Promise<PostView> {
    const [view] = await postViews([postId])
    if (!view) throw new AppError('not_found', 'That post no longer exists.')
    return view
  }

  async function updatePost(patch: PostPatch): Promise<ComposeResult> {
    const now = clock.now()
    const post = await mustPost(patch.postId)
    if (post.status === 'cancelled') throw new AppError('conflict', 'This post was cancelled. Duplicate it to plan it again.')
    const deliveries = await repo.deliveriesOfPosts([post.id])
    if (deliveries.some((d) => !OPEN_STATES.includes(d.state))) {
      throw new AppError('conflict', 'This post already went out, or is going out, on some channels. Duplicate it to change it.')
    }
    const status = patch.status ?? post.status
    const timeZone = patch.timeZone ?? post.time_zone
    assertTimeZone(timeZone)
    const channelIds = patch.channelIds ?? post.channel_ids.split(',').filter(Boolean)
    const channels = await channelsOf(channelIds)
    const publishAt = patch.publishAt ?? post.publish_at
    const timeChanged = patch.publishAt !== undefined && patch.publishAt !== post.publish_at
    if (status === 'scheduled') {
      if (channels.length === 0) throw new AppError('validation', 'Pick at least one channel to publish to.')
      if (publishAt === null) throw new AppError('validation', 'Pick a date and time for the post.')
      if (timeChanged || post.status === 'draft') assertTime(publishAt, now)
    }
    let image: MediaRow | null = null
    let imagePath = post.image_path
    let imageSha = post.image_sha256
    let alt = post.image_alt
    if (patch.image === null) {
      imagePath = null
      imageSha = null
      alt = null
    } else if (patch.image) {
      image = await readImageOf(post, patch.image)
      imagePath = patch.image.path
      imageSha = image.sha256
      alt = patch.image.altText?.trim() ? patch.image.altText.trim() : null
    } else if (post.image_sha256) {
      image = (await repo.getMedia(post.image_sha256)) ?? null
    }
    const text = patch.text ?? post.text
    const link = patch.link === null ? null : patch.link !== undefined ? patch.link.trim() || null : post.link
    const problems = await validate({ text, link, image, alt }, channels)
    if (status === 'scheduled' && problems.length > 0) return { post: null, problems }

    const wanted = new Set(channels.map((c) => c.id))
    const existing = new Map(deliveries.map((d) => [d.channel_id, d]))
    const remove = status === 'draft' ? deliveries.map((d) => d.id) : deliveries.filter((d) => !wanted.has(d.channel_id)).map((d) => d.id)
    const reset =
      status === 'scheduled' && publishAt !== null && (timeChanged || post.status === 'draft')
        ? deliveries.filter((d) => wanted.has(d.channel_id) && d.state !== 'skipped').map((d) => ({ id: d.id, dueAt: publishAt, nextAttemptAt: Math.max(publishAt, now) }))
        : []
    const add = status === 'scheduled' && publishAt !== null ? channels.filter((c) => !existing.has(c.id)).map((c) => newDelivery(post.id, c.id, publishAt, now)) : []
    const ok = await repo.savePostEdit(
      {
        post: {
          ...post,
          status,
          text,
          link,
          image_path: imagePath,
          image_sha256: imageSha,
          image_alt: alt,
          publish_at: publishAt,
          time_zone: timeZone,
          channel_ids: channels.map((c) => c.id).join(','),
        },
        media: patch.image && image ? [image] : [],
        remove,
        reset,
        add,
      },
      now,
    )
    if (!ok) throw new AppError('conflict', 'This post started publishing while you edited it. Duplicate it to change it.')
    changed([post.id], [...remove, ...reset.map((r) => r.id)])
    poke()
    return { post: await mustView(post.id), problems }
  }

  // ---- people's decisions ----------------------------------------------------------------

  const RESUMABLE: readonly DeliveryStateName[] = ['missed', 'failed', 'needs_review', 'held', 'skipped']

  async function resolveDelivery(input: { deliveryId: number; action: ResolveAction }): Promise<DeliveryView> {
    const row = await repo.getDelivery(input.deliveryId)
    if (!row) throw new AppError('not_found', 'That delivery no longer exists.')
    const now = clock.now()
    const cleared: DeliveryFields = { held_reason: null, held_detail: null, failure_reason: null, failure_detail: null, notified_at: null, claimed_at: null }
    const { action } = input
    let ok: boolean
    switch (action.kind) {
      case 'publish_now':
        // A kept intent (needs review, 5xx) still makes the scheduler look for the post first.
        ok = await repo.transition(row.id, RESUMABLE, { ...cleared, state: 'scheduled', next_attempt_at: now }, now)
        break
      case 'reschedule':
        assertTime(action.at, now)
        ok = await repo.transition(row.id, [...RESUMABLE, 'scheduled'], { ...cleared, state: 'scheduled', due_at: action.at, next_attempt_at: Math.max(action.at, now) }, now)
        break
      case 'skip':
        ok = await repo.transition(row.id, ['scheduled', 'missed', 'failed', 'needs_review', 'held'], { state: 'skipped', next_attempt_at: null, claimed_at: null }, now)
        break
      case 'mark_published':
        ok = await repo.transition(
          row.id,
          ['needs_review', 'failed'],
          { ...cleared, state: 'published', next_attempt_at: null, url: action.url ?? null, published_at: row.intent_at ?? now },
          now,
        )
        break
    }
    if (!ok) throw new AppError('conflict', 'This post changed meanwhile (it may be publishing). Look at it again.')
    changedRow(row)
    poke()
    return deliveryView(row.id)
  }

  async function deliveryView(deliveryId: number): Promise<DeliveryView> {
    const [view] = await repo.deliveriesByIds([deliveryId])
    if (!view) throw new AppError('not_found', 'That delivery no longer exists.')
    return toView(view)
  }

  async function releaseHeld(channelIds: readonly string[], choices: ReleaseChoice | Readonly<Record<string, ReleaseChoice>>): Promise<ReleaseResult> {
    const now = clock.now()
    const held = await repo.held(channelIds)
    const result: ReleaseResult = { publishNow: [], moved: [], kept: [], skipped: [] }
    const claimedSlots = new Map<string, number[]>()
    const base: DeliveryFields = { held_reason: null, held_detail: null, failure_reason: null, failure_detail: null, notified_at: null }
    for (const row of held) {
      const choice = typeof choices === 'string' ? choices : (choices[String(row.id)] ?? 'keep_held')
      if (choice === 'keep_held') {
        result.kept.push(row.id)
        continue
      }
      if (choice === 'skip') {
        if (await repo.transition(row.id, ['held'], { state: 'skipped', next_attempt_at: null }, now)) result.skipped.push(row.id)
      } else if (choice === 'publish_now') {
        if (await repo.transition(row.id, ['held'], { ...base, state: 'scheduled', next_attempt_at: now }, now)) result.publishNow.push(row.id)
      } else {
        const mine = claimedSlots.get(row.channel_id) ?? []
        const taken = [...(await repo.takenTimes(row.channel_id, now, now + 60 * 24 * MINUTE)), ...mine]
        const slot = nextFreeSlot(taken, now, opt.slotMs, MINUTE)
        claimedSlots.set(row.channel_id, [...mine, slot])
        if (await repo.transition(row.id, ['held'], { ...base, state: 'scheduled', due_at: slot, next_attempt_at: slot }, now)) {
          result.moved.push({ deliveryId: row.id, dueAt: slot })
        }
      }
      changedRow(row)
    }
    logger.log('info', 'scheduler: released held deliveries', { publishNow: result.publishNow.length, moved: result.moved.length, kept: result.kept.length, skipped: result.skipped.length })
    poke()
    return result
  }

  async function atRisk(): Promise<AtRiskDelivery[]> {
    const rows = await repo.linkClocks()
    const byChannel = new Map<string, { name: string; network: Network; links: LinkClock[] }>()
    for (const r of rows) {
      const network = r.network as Network
      const entry = byChannel.get(r.channel_id) ?? { name: r.channel_name, network, links: [] }
      // Links whose roles cannot publish (an analyst) do not keep the channel publishable.
      if (r.profile_id !== null && linkCanPublish(network, r.channel_kind, (r.tasks ?? '').split(',').filter(Boolean))) {
        entry.links.push({
          profileId: r.profile_id,
          linkHealth: r.link_health,
          profileHealth: r.profile_health,
          hasLinkToken: r.has_link_token === 1,
          refreshable: r.has_refresh === 1 && providers.adapter(network).refresh !== undefined,
          channelTokenOutlivesProfile: LIFECYCLE_RULES[network].channelTokensOutliveProfile,
          accessExpiresAt: r.access_expires_at,
          refreshExpiresAt: r.refresh_expires_at,
          dataAccessExpiresAt: r.data_access_expires_at,
        })
      }
      byChannel.set(r.channel_id, entry)
    }
    const out: AtRiskDelivery[] = []
    for (const [channelId, channel] of byChannel) {
      const lapse = channelLapse(channel.links)
      if (lapse.at === null) continue
      const broken = lapse.at === Number.NEGATIVE_INFINITY
      for (const d of await repo.scheduledFrom(channelId, broken ? Number.MIN_SAFE_INTEGER : lapse.at)) {
        out.push({
          deliveryId: d.id,
          postId: d.post_id,
          channelId,
          channelName: channel.name,
          network: channel.network,
          dueAt: d.due_at,
          lapsesAt: broken ? null : lapse.at,
          cause: lapse.cause,
          profileIds: lapse.profileIds,
        })
      }
    }
    return out.sort((a, b) => a.dueAt - b.dueAt || a.deliveryId - b.deliveryId)
  }

  async function onReconnect(profileId: string, channelIds: readonly string[]): Promise<void> {
    if (channelIds.length === 0) return
    const held = await repo.held(channelIds)
    if (held.length === 0) return
    logger.log('info', 'scheduler: held deliveries can be released', { profileId, count: held.length })
    deps.onHeldReleasable?.({ profileId, channelIds: [...new Set(held.map((h) => h.channel_id))], deliveries: held.map(toView) })
    for (const row of held) changedRow(row)
  }

  const onEvent: EventListener = (event, payload) => {
    if (event !== 'connections:did-reconnect' || stopped) return
    const { profileId, channelIds } = payload as EventPayloads['connections:did-reconnect']
    void track(onReconnect(profileId, channelIds)).catch((err: unknown) => logger.log('error', 'scheduler: reconnect handling failed', { error: err }))
  }

  /**
   * Claimed rows not being worked on go back to the queue (nothing was sent for them);
   * publishing rows are looked up by marker: published when found, `needs_review` when the
   * network says it is not there or cannot tell, re-checked later when it cannot be reached.
   */
  async function reconcile(): Promise<ReconcileReport> {
    const report: ReconcileReport = { requeued: 0, published: 0, needsReview: 0, pending: 0 }
    for (const row of await repo.unresolved()) {
      if (inflight.has(row.id)) continue
      inflight.add(row.id)
      try {
        if (row.state === 'claimed') {
          if (await move(row, ['claimed'], { state: 'scheduled', claimed_at: null })) report.requeued += 1
          continue
        }
        const settled = await settleUnknown(row)
        if (settled === 'published') report.published += 1
        else if (settled === 'needs_review') report.needsReview += 1
        else report.pending += 1
      } finally {
        inflight.delete(row.id)
      }
    }
    if (report.requeued + report.published + report.needsReview + report.pending > 0) logger.log('info', 'scheduler: reconciled', { ...report })
    return report
  }

  // ---- the public surface ------------------------------------------------------------------

  return {
    /** Settles what a previous run left unresolved, then starts the wake-up. */
    async start(): Promise<ReconcileReport> {
      if (!stopped) return { requeued: 0, published: 0, needsReview: 0, pending: 0 }
      stopped = false
      seenUntil = Number.MIN_SAFE_INTEGER
      unsubscribe = deps.events?.subscribe(onEvent)
      const report = await reconcile()
      logger.log('info', 'scheduler: started', { ...report })
      kick()
      return report
    },

    /** Stops waking up; publishes in flight finish first. */
    async stop(): Promise<void> {
      stopped = true
      unsubscribe?.()
      unsubscribe = undefined
      handle?.cancel()
      handle = undefined
      while (pumping || background.size > 0) {
        if (pumping) await pumping
        await Promise.allSettled([...background])
      }
    },

    /** The computer woke up: timers may have slept through due times. */
    resume(): void {
      logger.log('info', 'scheduler: resumed from sleep')
      kick()
    },

    /** The wall clock moved (time zone, NTP, the user): look again from the new "now". */
    clockJumped(): void {
      logger.log('info', 'scheduler: clock changed')
      kick()
    },

    reconcile,

    /** Resolves when no run, re-arm or event handling is in progress (tests, shutdown). */
    async whenIdle(): Promise<void> {
      for (let i = 0; i < 1_000; i++) {
        if (pumping) await pumping
        else if (background.size > 0) await Promise.allSettled([...background])
        else {
          await Promise.resolve()
          if (!pumping && background.size === 0) return
        }
      }
    },

    createPost: async (input: ComposeInput): Promise<ComposeResult> => {
      const [result] = await createPosts([input])
      if (!result) throw new AppError('internal', 'The post could not be created.')
      return { post: result.postId ? await mustView(result.postId) : null, problems: result.problems }
    },
    /** Many posts in one transaction (bulk planning, imports); ids rather than views. */
    createPosts,
    /** Problems of many posts at once (an import's preview), without saving. */
    async checkPosts(inputs: readonly Pick<ComposeInput, 'text' | 'link' | 'image' | 'channelIds'>[]): Promise<ChannelProblems[][]> {
      const channels = new Map((await channelsOf(inputs.flatMap((i) => i.channelIds))).map((c) => [c.id, c]))
      const out: ChannelProblems[][] = []
      for (const input of inputs) {
        const image = input.image ? await readImage(input.image) : null
        const link = input.link?.trim() ? input.link.trim() : null
        const alt = input.image?.altText?.trim() ? input.image.altText.trim() : null
        const picked = [...new Set(input.channelIds)].map((id) => channels.get(id)).filter((c): c is ChannelInfo => c !== undefined)
        out.push(await validate({ text: input.text, link, image, alt }, picked))
      }
      return out
    },
    updatePost,
    /** A new draft with the same content, channels and time zone, without a time. */
    async duplicatePost(postId: string): Promise<PostView> {
      const post = await mustPost(postId)
      const now = clock.now()
      const id = newId(now)
      await repo.insertPosts({ posts: [{ ...post, id, status: 'draft', publish_at: null, created_at: now, updated_at: now }], deliveries: [], media: [] }, now)
      changed([id])
      return mustView(id)
    },
    /** Cancels a post; deliveries that already went out (or are going out) are not affected. */
    async cancelPost(postId: string): Promise<PostView> {
      await mustPost(postId)
      const skipped = await repo.cancelPost(postId, clock.now())
      changed([postId], skipped)
      poke()
      return mustView(postId)
    },
    /** Problems each chosen channel's network would have with this content, without saving. */
    async checkContent(input: Pick<ComposeInput, 'text' | 'link' | 'image' | 'channelIds'> & { postId?: string }): Promise<ChannelProblems[]> {
      const image = input.image ? await readImageOf(input.postId ? await mustPost(input.postId) : undefined, input.image) : null
      const link = input.link?.trim() ? input.link.trim() : null
      const alt = input.image?.altText?.trim() ? input.image.altText.trim() : null
      return validate({ text: input.text, link, image, alt }, await channelsOf(input.channelIds))
    },
    getPost: mustView,
    getDelivery: deliveryView,
    /** The stored copy of a post's image (for the composer's preview), or null without one. */
    async postImage(postId: string): Promise<{ mimeType: string; bytes: Uint8Array } | null> {
      const post = await mustPost(postId)
      const media = post.image_sha256 ? await repo.getMedia(post.image_sha256) : undefined
      return media ? { mimeType: media.mime_type, bytes: media.bytes } : null
    },
    async listDrafts(limit = 200): Promise<PostView[]> {
      const rows = await repo.listPosts('draft', limit)
      return postViews(rows.map((r) => r.id))
    },
    async listDeliveries(filter: DeliveryFilter): Promise<DeliveryView[]> {
      const rows = await repo.listDeliveries({
        from: filter.from,
        to: filter.to,
        states: filter.states ?? DELIVERY_STATES,
        ...(filter.channelIds ? { channelIds: filter.channelIds } : {}),
      })
      return rows.map(toView)
    },
    async heldDeliveries(channelIds?: readonly string[]): Promise<DeliveryView[]> {
      return (await repo.held(channelIds)).map(toView)
    },
    releaseHeld,
    resolveDelivery,
    atRisk,
    async attempts(deliveryId: number) {
      return repo.attempts(deliveryId)
    },
    /** When the wake-up is armed for (tests and diagnostics). */
    armed: (): boolean => handle !== undefined,
  }
}

function rawForLog(err: ProviderError): string {
  const f = err.failure
  return JSON.stringify(redact({ source: f.source, status: f.status, headers: f.headers, body: f.body }))
}

export function toView(row: DeliveryListRow): DeliveryView {
  return {
    id: row.id,
    postId: row.post_id,
    channelId: row.channel_id,
    channelName: row.channel_name,
    network: row.network as Network,
    state: row.state as DeliveryState,
    dueAt: row.due_at,
    nextAttemptAt: row.next_attempt_at,
    attemptCount: row.attempt_count,
    marker: row.marker,
    networkPostId: row.network_post_id,
    url: row.url,
    heldReason: row.held_reason,
    heldDetail: row.held_detail,
    failureReason: row.failure_reason,
    failureDetail: row.failure_detail,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    preview: row.preview,
  }
}

function toPostView(row: PostListRow, deliveries: DeliveryView[]): PostView {
  return {
    id: row.id,
    status: row.status,
    text: row.text,
    link: row.link,
    image:
      row.image_path && row.image_mime
        ? { path: row.image_path, mimeType: row.image_mime, width: row.image_width ?? 0, height: row.image_height ?? 0, sizeBytes: row.image_size ?? 0, altText: row.image_alt }
        : null,
    publishAt: row.publish_at,
    timeZone: row.time_zone,
    channelIds: row.channel_ids.split(',').filter(Boolean),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deliveries,
  }
}
