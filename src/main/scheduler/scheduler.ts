/**
 * The scheduler: publishes planned posts exactly once, or says plainly that it could not. This
 * file only composes its parts; each says what it does:
 *
 * - `wake-up.ts` — the one timer armed for the next due delivery, and the run that claims and
 *   publishes what is due (with missed deliveries marked beyond the grace window).
 * - `publish-run.ts` — one delivery through the intents module (`../intents`): intent committed
 *   before the call, outcome classified, unknown outcomes looked up, never a blind retry.
 * - `reconcile.ts` — what a previous run left claimed or publishing, settled at start.
 * - `delivery-moves.ts` — state transitions, one notification per problem, and the deliveries'
 *   store for the intents module.
 * - `held-release.ts` — held deliveries released after a reconnect, and deliveries at risk.
 * - `post-commands.ts` and `content-check.ts` — composing, editing and deciding about posts.
 * - `views.ts` — what the window reads.
 */
import { seededRandom } from '../intents'
import type { ReconcileReport, SchedulerContext, SchedulerDeps, SchedulerOptions } from './options'
import { DEFAULT_SCHEDULER_OPTIONS } from './options'
import { createContentCheck } from './content-check'
import { createDeliveryMoves } from './delivery-moves'
import { createHeldRelease } from './held-release'
import { createFirstCommentRun } from './first-comment-run'
import { createImageConverter } from './image-convert'
import { createPostCommands } from './post-commands'
import { createPublishRun } from './publish-run'
import { createReconcile } from './reconcile'
import { createCalendarViews } from './calendar-views'
import { createScheduleViews } from './views'
import { createWakeUp } from './wake-up'

export { DEFAULT_SCHEDULER_OPTIONS, type ReconcileReport, type SchedulerConnections, type SchedulerDeps, type SchedulerOptions, type SchedulerProviders } from './options'
export { toView } from './views'

export type Scheduler = ReturnType<typeof createScheduler>

export function createScheduler(deps: SchedulerDeps) {
  const { logger } = deps
  const opt: SchedulerOptions = { ...DEFAULT_SCHEDULER_OPTIONS, ...deps.options }
  let unsubscribe: (() => void) | undefined

  // Change events, coalesced per turn: one `schedule:did-change` for a burst of transitions.
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

  const ctx: SchedulerContext = {
    deps,
    repo: deps.repo,
    clock: deps.clock,
    logger,
    opt,
    random: deps.random ?? seededRandom(opt.seed),
    images: createImageConverter(),
    inflight: new Set<number>(),
    graceMs: () => deps.settings.read().scheduler.graceWindowMinutes * 60_000,
    changed,
    changedRow: (row) => changed([row.post_id], [row.id]),
    // The wake-up is built from this context below; these run only after it exists.
    poke: () => wakeUp.poke(),
    track: (work) => wakeUp.track(work),
    isStopped: () => wakeUp.isStopped(),
  }

  const moves = createDeliveryMoves(ctx)
  const publishing = createPublishRun(ctx, moves)
  const firstComments = createFirstCommentRun(ctx)
  const wakeUp = createWakeUp(ctx, moves, { ...publishing, firstComments })
  const reconcile = createReconcile(ctx, moves, publishing.settleUnknown)
  const views = createScheduleViews(deps.repo)
  const calendar = createCalendarViews(deps.repo)
  const commands = createPostCommands(ctx, createContentCheck(ctx), views)
  const held = createHeldRelease(ctx)

  return {
    /** Settles what a previous run left unresolved, then starts the wake-up. */
    async start(): Promise<ReconcileReport> {
      if (!wakeUp.isStopped()) return { requeued: 0, published: 0, needsReview: 0, pending: 0 }
      wakeUp.open()
      unsubscribe = deps.events?.subscribe(held.onEvent)
      const report = await reconcile()
      await firstComments.reconcile()
      logger.log('info', 'scheduler: started', { ...report })
      wakeUp.kick()
      return report
    },

    /** Stops waking up; publishes in flight finish first. */
    async stop(): Promise<void> {
      unsubscribe?.()
      unsubscribe = undefined
      await wakeUp.close()
    },

    /** The computer woke up: timers may have slept through due times. */
    resume(): void {
      logger.log('info', 'scheduler: resumed from sleep')
      wakeUp.kick()
    },

    /** The wall clock moved (time zone, NTP, the user): look again from the new "now". */
    clockJumped(): void {
      logger.log('info', 'scheduler: clock changed')
      wakeUp.kick()
    },

    reconcile,
    whenIdle: wakeUp.whenIdle,

    ...commands,
    getPost: views.mustView,
    getDelivery: views.deliveryView,
    postImage: views.postImage,
    listDrafts: views.listDrafts,
    listDeliveries: views.listDeliveries,
    calendarDays: calendar.calendarDays,
    listCalendar: calendar.listCalendar,
    heldDeliveries: views.heldDeliveries,
    releaseHeld: held.releaseHeld,
    atRisk: held.atRisk,
    attempts: views.attempts,
    /** When the wake-up is armed for (tests and diagnostics). */
    armed: wakeUp.armed,
  }
}
