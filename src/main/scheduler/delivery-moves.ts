/**
 * How a delivery moves between states, and the one notification each problem raises. Also the
 * deliveries' side of the intents contract: the store that turns the intents module's decisions
 * into delivery states.
 */
import { NETWORK_LABELS } from '../../shared/domain/network'
import type { DeliveryNotice } from '../../shared/domain/schedule'
import type { DeliveryFields, DeliveryRepository, DeliveryRow, DeliveryStateName } from '../db/repositories/delivery-repository'
import type { AttemptClose, Disposition, IntentPhase, IntentStore } from '../intents'
import type { PublishedPost } from '../providers/types'
import { MINUTE, type SchedulerContext } from './options'
import { toView } from './views'

type RepoAttempt = Parameters<DeliveryRepository['transition']>[4]

/** The delivery states behind the intents module's phases. */
const PHASE_STATE: Record<IntentPhase, DeliveryStateName> = { claimed: 'claimed', in_flight: 'publishing' }

/** The attempt log speaks of publishing: the intents module's `call` and `done` are a publish and a published post. */
const attemptRow = (a: AttemptClose | undefined): RepoAttempt => (a ? { ...a, outcome: a.outcome === 'done' ? 'published' : a.outcome } : undefined)

export type DeliveryMoves = ReturnType<typeof createDeliveryMoves>

export function createDeliveryMoves(ctx: SchedulerContext) {
  const { repo, clock, logger, deps } = ctx

  async function move(row: DeliveryRow, from: readonly DeliveryStateName[], fields: DeliveryFields, attempt?: RepoAttempt): Promise<boolean> {
    const ok = await repo.transition(row.id, from, fields, clock.now(), attempt)
    if (!ok) logger.log('warn', 'scheduler: delivery changed under a transition', { deliveryId: row.id, from, to: fields.state })
    ctx.changedRow(row)
    return ok
  }

  async function markPublished(row: DeliveryRow, from: readonly DeliveryStateName[], post: PublishedPost, attempt?: RepoAttempt): Promise<void> {
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

  async function fail(row: DeliveryRow, from: readonly DeliveryStateName[], reason: string, detail: string, attempt?: RepoAttempt): Promise<boolean> {
    const ok = await move(row, from, { state: 'failed', claimed_at: null, next_attempt_at: null, failure_reason: reason, failure_detail: detail }, attempt)
    if (ok) await notifyOnce('failed', [row])
    return ok
  }

  /** A person decides; `candidates`: the channel's posts that may be this one, shown to them. */
  async function needsReview(row: DeliveryRow, from: readonly DeliveryStateName[], reason: string, detail: string, candidates?: readonly PublishedPost[], attempt?: RepoAttempt): Promise<boolean> {
    const ok = await move(
      row,
      from,
      {
        state: 'needs_review',
        claimed_at: null,
        next_attempt_at: null,
        failure_reason: reason,
        failure_detail: detail,
        review_candidates: candidates && candidates.length > 0 ? JSON.stringify(candidates) : null,
      },
      attempt,
    )
    if (ok) {
      logger.log('warn', 'scheduler: needs review', { deliveryId: row.id, reason })
      await notifyOnce('needs_review', [row])
    }
    return ok
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
            body: `Their time passed more than ${ctx.graceMs() / MINUTE} minutes ago while Relink was closed or asleep. Publish, reschedule or skip them.`,
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

  /** The deliveries' store for the intents module. */
  const intentStore: IntentStore<DeliveryRow, PublishedPost> = {
    async commitIntent(row) {
      const now = clock.now()
      const attemptId = await repo.beginPublish(row.id, now)
      if (attemptId === undefined) return undefined
      return { attemptId, row: { ...row, state: 'publishing', intent_at: now, attempt_count: row.attempt_count + 1 } }
    },
    startLookup: (row) => repo.startLookup(row.id, clock.now()),
    finishAttempt: async (attempt) => repo.finishAttempt(attemptRow(attempt) ?? attempt, clock.now()),
    countAttempts: (row, kind, outcomes, sinceMs) => repo.countAttempts(row.id, kind === 'call' ? 'publish' : 'lookup', outcomes, sinceMs),
    async clearIntent(row, attempt) {
      await repo.transition(row.id, ['publishing'], { intent_at: null }, clock.now(), attemptRow(attempt))
    },
    async settle(row, phase, d: Disposition<PublishedPost>, attempt) {
      const from = [PHASE_STATE[phase]]
      const closing = attemptRow(attempt)
      switch (d.kind) {
        case 'done':
          await markPublished(row, from, d.result, closing)
          return true
        case 'retry':
          return move(
            row,
            from,
            {
              state: 'scheduled',
              claimed_at: null,
              ...(d.clearIntent ? { intent_at: null } : {}),
              next_attempt_at: d.at,
              failure_reason: d.reason,
              failure_detail: d.detail,
            },
            closing,
          )
        case 'recheck':
          return move(row, from, { next_attempt_at: d.at, failure_reason: 'checking', failure_detail: d.detail }, closing)
        case 'held':
          await hold(row, from, d.reason, d.detail)
          return true
        case 'failed':
          return fail(row, from, d.reason, d.detail, closing)
        case 'needs_review':
          return needsReview(row, from, d.reason, d.detail, d.candidates, closing)
      }
    },
  }

  return { move, notifyOnce, intentStore }
}
