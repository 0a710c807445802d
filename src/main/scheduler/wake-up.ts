/**
 * The one wake-up. SQLite is the truth: a single timer is armed for the earliest due delivery
 * (one index seek) and re-armed after every change, at start, on resume from sleep and on clock
 * jumps, and at least every `maxSleepMs`, because timers drift across sleep (node-schedule
 * #278/#632, anchors §2.4). A run marks what fell due while Relink was not running as missed
 * (beyond the grace window; anchors §2.5), re-checks unknown outcomes that are due, then claims
 * and publishes due deliveries with bounded concurrency.
 */
import type { DeliveryRow } from '../db/repositories/delivery-repository'
import { backoffMs } from '../intents'
import type { TimerHandle } from '../ports'
import type { DeliveryMoves } from './delivery-moves'
import { MINUTE, type SchedulerContext } from './options'
import { MISSED_DETAIL } from './words'

export interface WakeUpWork {
  /** Publishes a delivery this run claimed. */
  processClaimed(row: DeliveryRow): Promise<void>
  /** Re-checks a publishing delivery whose lookup is due. */
  settleUnknown(row: DeliveryRow): Promise<unknown>
  /** The first comments under published posts: queued, sent and settled when due. */
  firstComments?: { runDue(): Promise<void>; nextWakeAt(): Promise<number | null> }
}

export type WakeUp = ReturnType<typeof createWakeUp>

export function createWakeUp(ctx: SchedulerContext, moves: DeliveryMoves, work: WakeUpWork) {
  const { repo, clock, logger, opt, inflight } = ctx
  const timer = ctx.deps.timer
  const background = new Set<Promise<unknown>>()
  let handle: TimerHandle | undefined
  let pumping: Promise<void> | undefined
  let again = false
  let stopped = true
  /** The clock at the last look at the queue: deliveries due before it are backlog, after it (and beyond grace) missed. */
  let seenUntil = Number.MIN_SAFE_INTEGER

  function track<T>(job: Promise<T>): Promise<T> {
    background.add(job)
    void job.then(
      () => background.delete(job),
      () => background.delete(job),
    )
    return job
  }

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
    const deliveriesNext = await repo.nextWakeAt()
    const commentsNext = (await work.firstComments?.nextWakeAt()) ?? null
    const next = deliveriesNext === null ? commentsNext : commentsNext === null ? deliveriesNext : Math.min(deliveriesNext, commentsNext)
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
      const missed = await repo.markMissed(seenUntil, now - ctx.graceMs(), MISSED_DETAIL, now)
      seenUntil = now
      if (missed.length > 0) {
        logger.log('info', 'scheduler: missed while not running', { count: missed.length, graceMinutes: ctx.graceMs() / MINUTE })
        for (const row of missed) ctx.changedRow(row)
        await moves.notifyOnce('missed', missed)
      }
      for (const row of await repo.recheckDue(now)) {
        if (stopped) return
        if (inflight.has(row.id)) continue
        inflight.add(row.id)
        try {
          await work.settleUnknown(row)
        } finally {
          inflight.delete(row.id)
        }
      }
      await drain()
      if (!stopped) await work.firstComments?.runDue()
    } while (again && !stopped)
  }

  async function drain(): Promise<void> {
    const worker = async (): Promise<void> => {
      while (!stopped) {
        const row = await repo.claimNext(clock.now(), inflight)
        if (!row) return
        inflight.add(row.id)
        ctx.changedRow(row)
        try {
          await work.processClaimed(row)
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
    const at = clock.now() + backoffMs(1, opt.retryBaseMs, opt.retryMaxMs, ctx.random)
    if (row.state === 'claimed') await repo.transition(id, ['claimed'], { state: 'scheduled', claimed_at: null, next_attempt_at: at }, clock.now()).catch(() => false)
    // `publishing` stays: its outcome is unknown, and the re-check looks it up.
    if (row.state === 'publishing') await repo.transition(id, ['publishing'], { next_attempt_at: at }, clock.now()).catch(() => false)
    ctx.changedRow(row)
  }

  return {
    kick,
    poke,
    track,
    isStopped: (): boolean => stopped,
    /** Lets the wake-up run; the first run is the caller's `kick`. */
    open(): void {
      stopped = false
      seenUntil = Number.MIN_SAFE_INTEGER
    },
    /** Stops waking up; runs and background work in flight finish first. */
    async close(): Promise<void> {
      stopped = true
      handle?.cancel()
      handle = undefined
      while (pumping || background.size > 0) {
        if (pumping) await pumping
        await Promise.allSettled([...background])
      }
    },
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
    armed: (): boolean => handle !== undefined,
  }
}
