/**
 * First comments (Instagram, LinkedIn): once a post is published on such a channel, the comment
 * the person wrote goes under it, through the intents module like the post itself: its intent is
 * committed before the call, an unknown outcome is settled by looking for the comment under the
 * post, and it is never sent blindly twice. The queue is a table of its own beside the deliveries,
 * filled from published deliveries on every run (idempotent), so a crash between the post and its
 * comment loses nothing.
 */
import type { FirstCommentRow } from '../db/repositories/first-comment-queries'
import { createIntentRunner, type IntentStore, type IntentWords, type OpenedWrite } from '../intents'
import type { SchedulerContext } from './options'
import { MINUTE } from './options'

type Sent = { networkCommentId: string }

/** A comment held for a broken sign-in is tried again this often (a refresh lets it through). */
export const HELD_COMMENT_RECHECK_MS = 15 * MINUTE

export const FIRST_COMMENT_WORDS: IntentWords = {
  notFound: 'Relink was interrupted while posting the first comment and the network does not show it. Check the post, then add the comment by hand.',
  confirmingAbsence: 'The network did not answer and does not show the first comment yet. Relink looks once more in a moment before posting it again.',
  publishingAgain: 'The network confirmed twice that the first comment is not there, so Relink posts it again.',
  offline: 'Relink cannot reach the network right now. The first comment goes out as soon as the connection is back.',
  heldSuffix: 'The first comment waits, and goes out once the connection is refreshed.',
  channelRemoved: 'The channel was removed from Relink, so the first comment cannot go out there.',
  lostTrack: 'Relink lost track of the first comment.',
  couldNotCheck: (detail, passing) =>
    passing ? `Relink could not check whether the first comment went out: ${detail}` : `Relink could not check whether the first comment went out (${detail}) Look at the post.`,
  ambiguous: (detail) => `More than one comment under the post could be the first comment (${detail}). Look at the post.`,
  duplicateUnseen: (detail) => `${detail} An earlier try of the first comment may be that copy, but Relink cannot see it under the post yet. Look at the post.`,
}

export type FirstCommentRun = ReturnType<typeof createFirstCommentRun>

export function createFirstCommentRun(ctx: SchedulerContext) {
  const { repo, clock, logger, deps, opt } = ctx
  const { connections, providers } = deps
  const queue = repo.firstComments
  /** Comments this process is working on. */
  const working = new Set<number>()

  const store: IntentStore<FirstCommentRow, Sent> = {
    async commitIntent(row) {
      const now = clock.now()
      const attemptId = await queue.beginSend(row.id, now)
      if (attemptId === undefined) return undefined
      return { attemptId, row: { ...row, state: 'sending', intent_at: now } }
    },
    startLookup: (row) => queue.startLookup(row.id, clock.now()),
    finishAttempt: (attempt) => queue.finishAttempt(attempt, clock.now()),
    countAttempts: (row, kind, outcomes, sinceMs) => queue.countAttempts(row.id, kind, outcomes, sinceMs),
    async clearIntent(row, attempt) {
      await queue.transition(row.id, ['sending'], { intent_at: null }, clock.now(), attempt)
    },
    async settle(row, phase, d, attempt) {
      const from = [phase === 'claimed' ? ('claimed' as const) : ('sending' as const)]
      const now = clock.now()
      let moved: boolean
      switch (d.kind) {
        case 'done':
          moved = await queue.transition(
            row.id,
            from,
            { state: 'sent', network_comment_id: d.result.networkCommentId, next_attempt_at: null, claimed_at: null, failure_reason: null, failure_detail: null },
            now,
            attempt,
          )
          break
        case 'retry':
          moved = await queue.transition(
            row.id,
            from,
            { state: 'pending', claimed_at: null, ...(d.clearIntent ? { intent_at: null } : {}), next_attempt_at: d.at, failure_reason: d.reason, failure_detail: d.detail },
            now,
            attempt,
          )
          break
        case 'recheck':
          moved = await queue.transition(row.id, from, { next_attempt_at: d.at, failure_reason: 'checking', failure_detail: d.detail }, now, attempt)
          break
        case 'held':
          moved = await queue.transition(
            row.id,
            from,
            { state: 'held', claimed_at: null, next_attempt_at: now + HELD_COMMENT_RECHECK_MS, failure_reason: d.reason, failure_detail: d.detail },
            now,
            attempt,
          )
          break
        case 'failed':
        case 'needs_review':
          moved = await queue.transition(row.id, from, { state: d.kind, claimed_at: null, next_attempt_at: null, failure_reason: d.reason, failure_detail: d.detail }, now, attempt)
          break
      }
      if (moved) ctx.changed([], [row.id])
      return moved
    },
  }

  const intents = createIntentRunner<FirstCommentRow, Sent>({
    store,
    connections,
    clock,
    logger,
    random: ctx.random,
    options: opt,
    words: FIRST_COMMENT_WORDS,
    describe: (sent) => sent.networkCommentId,
    log: { label: 'scheduler', verb: 'first comment', idKey: 'deliveryId' },
  })

  function opener(row: FirstCommentRow): () => Promise<OpenedWrite<Sent>> {
    return async () => {
      const via = await connections.channelTarget(row.channel_id)
      const pctx = await providers.context(via.network, via.instance)
      const adapter = providers.adapter(via.network)
      const writer = adapter.firstComment
      const postId = row.network_post_id
      return {
        profileId: via.profileId,
        network: via.network,
        confirmAbsentAfterMs: adapter.confirmAbsentAfterMs,
        call: () => {
          if (!writer || !postId) throw new Error(`${via.network} takes no first comment here.`)
          return writer.post(pctx, via.target, { networkPostId: postId, text: row.text })
        },
        lookup: async () => {
          if (!writer || !postId) return { kind: 'unanswerable', detail: 'The network offers no way to find the comment.' }
          const found = await writer.find(pctx, via.target, { networkPostId: postId, text: row.text })
          return found ? { kind: 'found', result: found } : { kind: 'absent' }
        },
      }
    }
  }

  /** Queues the comments of posts just published, then sends or settles every comment that is due. */
  async function runDue(): Promise<void> {
    const now = clock.now()
    if ((await queue.enqueuePublished(now)) > 0) logger.log('info', 'scheduler: first comments queued')
    for (;;) {
      if (ctx.isStopped()) return
      const row = await queue.claimNext(clock.now(), working)
      if (!row) return
      working.add(row.id)
      try {
        if (row.state === 'sending') await intents.settleUnknown(row, opener(row))
        else await intents.run(row, opener(row))
      } catch (err) {
        logger.log('error', 'scheduler: first comment step failed', { deliveryId: row.id, error: err })
        await queue.transition(row.id, ['claimed'], { state: 'pending', claimed_at: null, next_attempt_at: clock.now() + opt.retryBaseMs }, clock.now())
      } finally {
        working.delete(row.id)
      }
    }
  }

  return {
    runDue,
    nextWakeAt: () => queue.nextWakeAt(),
    /** At start: what a previous run left claimed goes back to the queue; what it left sending is looked up. */
    reconcile: () => queue.requeueInterrupted(clock.now()),
  }
}
