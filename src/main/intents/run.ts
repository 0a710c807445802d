/**
 * The intent runner: one write from claim to recorded outcome, and the reconciliation of an
 * outcome nobody saw. The contract (phases, dispositions, what the store and the adapter supply)
 * is in `types.ts`.
 */
import { HEALTH_COPY, healthForReason } from '../../shared/domain/health-copy'
import { isBrokenHealth, type GrantHealth, type ProblemReason } from '../../shared/domain/health'
import { AppError } from '../../shared/errors'
import { redact } from '../platform/logger'
import { ProviderError } from '../providers/provider-error'
import { backoffMs } from './backoff'
import { classifyOutcome, isTokenReason } from './outcome'
import type { AttemptClose, Disposition, IntentPhase, IntentRow, IntentRunnerDeps, OpenedWrite } from './types'

/** What a lookup settled, as the runner sees it. */
export type Verdict<R> =
  | { kind: 'found'; result: R }
  | { kind: 'absent' }
  | { kind: 'ambiguous'; candidates: readonly R[]; detail: string }
  /** The network could not be asked (`retry`: it may answer later) or cannot tell. */
  | { kind: 'unknown'; retry: boolean; detail: string }
  /** The lookup's sign-in was refused: reported to the lifecycle; `another`: a different link works. */
  | { kind: 'token'; reason: string; detail: string; another: boolean }

export interface IntentRunner<Row extends IntentRow, R> {
  /**
   * Runs a claimed row: opens the write (a broken sign-in holds it), looks first when an earlier
   * intent exists, commits the intent, calls, and records what happened.
   */
  run(row: Row, open: () => Promise<OpenedWrite<R>>): Promise<void>
  /**
   * Settles an in-flight row nobody is working on (a crash, a timeout): done when the lookup finds
   * the effect, `needs_review` when the network says it is not there or cannot tell, re-checked
   * later when the network cannot be reached.
   */
  settleUnknown(row: Row, open: () => Promise<OpenedWrite<R>>): Promise<'done' | 'needs_review' | 'pending'>
  /** Looks the effect of a row up, logging the attempt. */
  lookup(row: Row, write: OpenedWrite<R>): Promise<Verdict<R>>
}

/** A failure that says nothing about the write, only that the network could not be reached now. */
export const isPassing = (err: unknown): boolean =>
  err instanceof ProviderError && (err.failure.source === 'transport' || err.reason === 'transient' || err.reason === 'rate_limited')

/** The network's raw failure for the attempt log, redacted. */
export function rawForLog(err: ProviderError): string {
  const f = err.failure
  return JSON.stringify(redact({ source: f.source, status: f.status, headers: f.headers, body: f.body }))
}

export function createIntentRunner<Row extends IntentRow, R>(deps: IntentRunnerDeps<Row, R>): IntentRunner<Row, R> {
  const { store, connections, clock, logger, random, words } = deps
  const opt = deps.options
  const say = (message: string): string => `${deps.log.label}: ${message}`
  const ids = (row: Row): Record<string, unknown> => ({ [deps.log.idKey]: row.id })

  async function settle(row: Row, from: IntentPhase, disposition: Disposition<R>, attempt?: AttemptClose): Promise<boolean> {
    return store.settle(row, from, disposition, attempt)
  }

  function heldDetail(reason: ProblemReason | string, detail: string): string {
    const health = healthForReason(reason as ProblemReason)
    const todo = health ? HEALTH_COPY[health].todo : 'Refresh the connection.'
    return `${detail} ${todo} ${words.heldSuffix}`
  }

  /** No way to act on the channel: held for a broken sign-in, failed for a vanished channel, retried for a passing problem. */
  function couldNotOpen(row: Row, err: unknown): Disposition<R> {
    if (err instanceof AppError && (err.code === 'reauth_required' || err.code === 'not_connected')) {
      return { kind: 'held', reason: err.code === 'not_connected' ? 'no_developer_app' : 'reauth_required', detail: err.message }
    }
    if (err instanceof AppError && err.code === 'not_found') return { kind: 'failed', reason: 'channel_removed', detail: words.channelRemoved }
    if (err instanceof ProviderError && isTokenReason(err.reason)) return { kind: 'held', reason: err.reason, detail: heldDetail(err.reason, err.classified.detail) }
    const offline = isPassing(err)
    if (!offline) logger.log('error', say(`could not prepare a ${deps.log.verb}`), { ...ids(row), error: err })
    // No attempt was made, so the wait grows with how long the row has already waited.
    const waited = Math.max(0, clock.now() - row.due_at)
    const step = 1 + Math.floor(Math.log2(1 + waited / opt.retryBaseMs))
    const wait = err instanceof ProviderError && err.classified.retryAfterMs !== undefined ? err.classified.retryAfterMs : backoffMs(step, opt.retryBaseMs, opt.offlineMaxMs, random)
    return {
      kind: 'retry',
      at: clock.now() + wait,
      reason: offline ? 'offline' : 'retrying',
      detail: err instanceof ProviderError ? err.classified.detail : words.offline,
    }
  }

  async function lookup(row: Row, write: OpenedWrite<R>): Promise<Verdict<R>> {
    const attemptId = await store.startLookup(row)
    const since = (row.intent_at ?? row.claimed_at ?? clock.now()) - opt.lookupMarginMs
    const finish = (outcome: string, detail = '', reason: string | null = null, raw: string | null = null) => store.finishAttempt({ id: attemptId, outcome, reason, detail, raw })
    try {
      const found = await write.lookup(since)
      switch (found.kind) {
        case 'found':
          await finish('found', deps.describe(found.result))
          return found
        case 'absent':
          await finish('absent')
          return found
        case 'ambiguous':
          await finish('ambiguous', found.detail)
          return { kind: 'ambiguous', candidates: found.candidates, detail: words.ambiguous(found.detail) }
        case 'unanswerable':
          await finish('unanswerable', found.detail)
          return { kind: 'unknown', retry: false, detail: words.couldNotCheck(found.detail, false) }
      }
    } catch (err) {
      if (err instanceof ProviderError && isTokenReason(err.reason)) {
        await finish('token', err.classified.detail, err.reason, rawForLog(err))
        return tokenVerdict(row, write, err)
      }
      const passing = isPassing(err)
      const detail = err instanceof ProviderError ? err.classified.detail : 'The lookup failed unexpectedly.'
      await finish(passing ? 'unreachable' : 'unanswerable', detail, err instanceof ProviderError ? err.reason : 'unexpected', err instanceof ProviderError ? rawForLog(err) : null)
      return { kind: 'unknown', retry: passing, detail: words.couldNotCheck(detail, passing) }
    }
  }

  /**
   * A lookup refused for the sign-in says nothing about the write, everything about the
   * connection: the lifecycle hears of it (so the break is shown and the row offered for release
   * after a reconnect), and the row is held with its intent, unless another link can look.
   */
  async function tokenVerdict(row: Row, write: OpenedWrite<R>, err: ProviderError): Promise<Verdict<R>> {
    const health = await connections.reportFailure(write.profileId, err, { channelId: row.channel_id }).catch((e: unknown) => {
      logger.log('warn', say('could not report a token failure'), { ...ids(row), error: e })
      return undefined
    })
    const another = await connections.channelTarget(row.channel_id).then(
      () => true,
      () => false,
    )
    if (health && isBrokenHealth(health)) return { kind: 'token', reason: health, detail: `${HEALTH_COPY[health].meaning} ${HEALTH_COPY[health].todo} ${words.heldSuffix}`, another }
    return { kind: 'token', reason: err.reason, detail: heldDetail(err.reason, err.classified.detail), another }
  }

  /** What a token verdict does to a row: look again soon through another link, or wait for a reconnect. */
  function afterToken(verdict: { reason: string; detail: string; another: boolean }, from: IntentPhase): Disposition<R> {
    if (verdict.another) {
      const at = clock.now() + 5_000
      return from === 'claimed' ? { kind: 'retry', at, reason: 'checking', detail: verdict.detail } : { kind: 'recheck', at, detail: verdict.detail }
    }
    return { kind: 'held', reason: verdict.reason, detail: verdict.detail }
  }

  /** The wait before looking again, or undefined when the lookup budget is spent. */
  async function nextLookupAt(row: Row, verdict: { retry: boolean }): Promise<number | undefined> {
    if (!verdict.retry) return undefined
    const tries = await store.countAttempts(row, 'lookup', ['unreachable'])
    return tries < opt.maxLookups ? clock.now() + backoffMs(tries, opt.retryBaseMs, opt.retryMaxMs, random) : undefined
  }

  async function run(row: Row, open: () => Promise<OpenedWrite<R>>): Promise<void> {
    let write: OpenedWrite<R>
    try {
      write = await open()
    } catch (err) {
      await settle(row, 'claimed', couldNotOpen(row, err))
      return
    }

    // An earlier attempt may have acted (a 5xx answer, an interrupted run): look first.
    if (row.intent_at !== null) {
      const verdict = await lookup(row, write)
      if (verdict.kind === 'found') {
        await settle(row, 'claimed', { kind: 'done', result: verdict.result })
        return
      }
      if (verdict.kind === 'ambiguous') {
        await settle(row, 'claimed', { kind: 'needs_review', reason: 'ambiguous', detail: verdict.detail, candidates: verdict.candidates })
        return
      }
      if (verdict.kind === 'token') {
        await settle(row, 'claimed', afterToken(verdict, 'claimed'))
        return
      }
      if (verdict.kind === 'unknown') {
        const at = await nextLookupAt(row, verdict)
        if (at !== undefined) await settle(row, 'claimed', { kind: 'retry', at, reason: 'checking', detail: verdict.detail })
        else await settle(row, 'claimed', { kind: 'needs_review', reason: 'unverifiable', detail: verdict.detail })
        return
      }
    }

    const committed = await store.commitIntent(row)
    if (!committed) {
      logger.log('warn', say(`claim lost before the ${deps.log.verb}`), ids(row))
      return
    }
    let result: R
    try {
      result = await write.call()
    } catch (err) {
      await callFailed(committed.row, write, committed.attemptId, err)
      return
    }
    await deps.afterCallAccepted?.(row.id)
    await settle(committed.row, 'in_flight', { kind: 'done', result }, { id: committed.attemptId, outcome: 'done' })
  }

  async function callFailed(row: Row, write: OpenedWrite<R>, attemptId: number, err: unknown): Promise<void> {
    const outcome = classifyOutcome(err)
    const detail = err instanceof ProviderError ? err.classified.detail : words.lostTrack
    const reason = err instanceof ProviderError ? err.reason : 'unexpected'
    const raw = err instanceof ProviderError ? rawForLog(err) : null
    const attempt = (name: string): AttemptClose => ({ id: attemptId, outcome: name, reason, detail, raw })
    const now = clock.now()
    logger.log(outcome.kind === 'unknown' ? 'warn' : 'info', say(`${deps.log.verb} failed`), { ...ids(row), network: write.network, outcome: outcome.kind, reason })
    switch (outcome.kind) {
      case 'not_sent': {
        const n = (await store.countAttempts(row, 'call', ['offline'])) + 1
        const at = now + backoffMs(n, opt.retryBaseMs, opt.offlineMaxMs, random)
        await settle(row, 'in_flight', { kind: 'retry', at, reason: 'offline', detail: words.offline, clearIntent: true }, attempt('offline'))
        return
      }
      case 'rate_limited': {
        // Wait exactly as told, plus up to a second so rows held back together spread out.
        const wait = (outcome.retryAfterMs ?? opt.rateLimitDefaultMs) + Math.round(random() * 1_000)
        await settle(row, 'in_flight', { kind: 'retry', at: now + wait, reason: 'rate_limited', detail, clearIntent: true }, attempt('rate_limited'))
        return
      }
      case 'refused_server': {
        const n = (await store.countAttempts(row, 'call', ['transient'])) + 1
        if (n >= opt.maxServerErrors) {
          await settle(row, 'in_flight', { kind: 'failed', reason: 'transient', detail: `${detail} Relink tried ${n} times and stopped.` }, attempt('transient'))
          return
        }
        // The intent stays: the next attempt first checks whether this one acted.
        const at = now + backoffMs(n, opt.retryBaseMs, opt.retryMaxMs, random)
        await settle(row, 'in_flight', { kind: 'retry', at, reason: 'transient', detail }, attempt('transient'))
        return
      }
      case 'unknown': {
        await store.finishAttempt(attempt('unknown'))
        await settleWith(row, await lookup(row, write), write.confirmAbsentAfterMs)
        return
      }
      case 'token': {
        await tokenRefused(row, write, err, { detail, reason: outcome.reason, now }, attempt('token'))
        return
      }
      case 'rejected': {
        // A refusal as a duplicate (X 403, LinkedIn 422 DUPLICATE_POST, Facebook #506) after an
        // earlier attempt that may have acted is evidence that it landed: the lookup names the
        // post, and where it cannot, a person decides (sending again would only be refused).
        await store.finishAttempt(attempt('rejected'))
        const landedBefore = err instanceof ProviderError && err.classified.duplicate === true && (await mayHaveActedBefore(row))
        const verdict = await lookup(row, write)
        if (verdict.kind === 'found') await settle(row, 'in_flight', { kind: 'done', result: verdict.result })
        else if (verdict.kind === 'token') await settle(row, 'in_flight', afterToken(verdict, 'in_flight'))
        else if (verdict.kind === 'ambiguous') await settle(row, 'in_flight', { kind: 'needs_review', reason: 'ambiguous', detail: verdict.detail, candidates: verdict.candidates })
        else if (landedBefore) {
          await settle(row, 'in_flight', { kind: 'needs_review', reason: 'duplicate', detail: words.duplicateUnseen(detail) })
        } else await settle(row, 'in_flight', { kind: 'failed', reason, detail })
        return
      }
    }
  }

  /** Whether an attempt before this one may have acted: a call that got no answer or a 5xx, or any lookup (there is one only after such a call). */
  async function mayHaveActedBefore(row: Row): Promise<boolean> {
    if ((await store.countAttempts(row, 'call', ['unknown', 'transient'])) > 0) return true
    return (await store.countAttempts(row, 'lookup', ['absent', 'unreachable', 'unanswerable', 'ambiguous'])) > 0
  }

  /** A 401/403 answer: nothing was created. Tell the lifecycle, then look for another way in. */
  async function tokenRefused(row: Row, write: OpenedWrite<R>, err: unknown, seen: { detail: string; reason: ProblemReason; now: number }, attempt: AttemptClose): Promise<void> {
    const { detail, reason, now } = seen
    await store.clearIntent(row, attempt)
    let health: GrantHealth | undefined
    if (err instanceof ProviderError) {
      health = await connections.reportFailure(write.profileId, err, { channelId: row.channel_id }).catch((e: unknown) => {
        logger.log('warn', say('could not report a token failure'), { ...ids(row), error: e })
        return undefined
      })
    }
    const tries = await store.countAttempts(row, 'call', ['token'])
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
      await settle(row, 'in_flight', { kind: 'retry', at: now + 5_000, reason, detail })
    } else if (health && isBrokenHealth(health)) {
      // The lifecycle confirmed what broke (a bare 401 becomes "access removed", say).
      await settle(row, 'in_flight', { kind: 'held', reason: health, detail: `${HEALTH_COPY[health].meaning} ${HEALTH_COPY[health].todo} ${words.heldSuffix}` })
    } else {
      await settle(row, 'in_flight', { kind: 'held', reason, detail: heldDetail(reason, detail) })
    }
  }

  /** Records what a lookup of an in-flight row settled. */
  async function settleWith(row: Row, verdict: Verdict<R>, confirmAbsentAfterMs = 0): Promise<'done' | 'needs_review' | 'pending'> {
    switch (verdict.kind) {
      case 'found':
        await settle(row, 'in_flight', { kind: 'done', result: verdict.result })
        return 'done'
      case 'absent': {
        // Networks list a new post a little late: one empty look is not proof. Two, spaced by the
        // network's own delay, are; the write then goes out again through this same intent (the
        // next run looks once more before it calls).
        const absences = await store.countAttempts(row, 'lookup', ['absent'], row.intent_at ?? undefined)
        if (absences < 2) {
          await settle(row, 'in_flight', { kind: 'recheck', at: clock.now() + confirmAbsentAfterMs, detail: words.confirmingAbsence })
          return 'pending'
        }
        await settle(row, 'in_flight', { kind: 'retry', at: clock.now(), reason: 'not_found', detail: words.publishingAgain })
        return 'pending'
      }
      case 'token':
        await settle(row, 'in_flight', afterToken(verdict, 'in_flight'))
        return 'pending'
      case 'ambiguous':
        await settle(row, 'in_flight', { kind: 'needs_review', reason: 'ambiguous', detail: verdict.detail, candidates: verdict.candidates })
        return 'needs_review'
      case 'unknown': {
        const at = await nextLookupAt(row, verdict)
        if (at !== undefined) {
          await settle(row, 'in_flight', { kind: 'recheck', at, detail: verdict.detail })
          return 'pending'
        }
        await settle(row, 'in_flight', { kind: 'needs_review', reason: 'unverifiable', detail: verdict.detail })
        return 'needs_review'
      }
    }
  }

  async function settleUnknown(row: Row, open: () => Promise<OpenedWrite<R>>): Promise<'done' | 'needs_review' | 'pending'> {
    let write: OpenedWrite<R>
    try {
      write = await open()
    } catch (err) {
      // No link works (a broken sign-in): the row waits for the reconnect, its intent kept.
      const cannot = couldNotOpen(row, err)
      if (cannot.kind === 'held') {
        await settle(row, 'in_flight', cannot)
        return 'pending'
      }
      return settleWith(row, {
        kind: 'unknown',
        retry: isPassing(err),
        detail: words.couldNotCheck(err instanceof Error ? err.message : 'no working connection to the channel.', true),
      })
    }
    return settleWith(row, await lookup(row, write), write.confirmAbsentAfterMs)
  }

  return { run, settleUnknown, lookup }
}
