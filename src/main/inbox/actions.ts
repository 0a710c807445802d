/**
 * Replies and moderation from the inbox, each through the intents module (`../intents`) exactly
 * once: the intent is committed before the call, an outcome nobody saw is looked up on the network
 * (the channel's own reply with this text, the comment hidden, gone or liked), a person decides
 * where the network cannot tell, and nothing is retried blindly. While the computer is offline an
 * action waits in the queue; while the channel's sign-in is broken it is held, and it goes out by
 * itself once a reconnect heals the channel.
 */
import type { Database } from 'better-sqlite3'
import type { InboxActionKind, InboxActionResolution, InboxActionView } from '../../shared/domain/inbox'
import type { EventPayloads } from '../../shared/ipc/contract'
import type { EventBus } from '../events'
import { backoffMs, createIntentRunner, DEFAULT_INTENT_OPTIONS, seededRandom, type IntentOptions, type OpenedWrite } from '../intents'
import type { Clock, Logger, Timer, TimerHandle } from '../ports'
import type { SchedulerConnections, SchedulerProviders } from '../scheduler/options'
import { createActionQueue, type ActionTarget } from './action-queue'
import { createActionStore, type ActionQueueRow, type ActionResult } from './action-store'
import { ACTION_WORDS } from './action-words'
import { actionView, type ActionRow } from './queries'

const MINUTE = 60_000

export interface InboxActionOptions extends IntentOptions {
  /** The longest the queue sleeps with nothing due sooner. */
  maxSleepMs: number
  seed: number
}

export const DEFAULT_ACTION_OPTIONS: InboxActionOptions = {
  ...DEFAULT_INTENT_OPTIONS,
  maxSleepMs: MINUTE,
  seed: 0x1b0c,
}

export interface InboxActionDeps {
  sqlite: Database
  connections: Pick<SchedulerConnections, 'reportFailure'> & { channelTarget(channelId: string, action?: 'moderate'): ReturnType<SchedulerConnections['channelTarget']> }
  providers: SchedulerProviders
  clock: Clock
  timer: Timer
  logger: Logger
  events?: Pick<EventBus, 'subscribe'>
  /** Told which channels' items changed (the window re-reads them). */
  onChange?(channelIds: string[]): void
  random?: () => number
  options?: Partial<InboxActionOptions>
  /** Test seam: runs after the network accepted an action and before Relink commits that fact. */
  hooks?: { afterCallAccepted?(actionId: number): void | Promise<void> }
}

export function createInboxActions(deps: InboxActionDeps) {
  const { sqlite, clock, logger, providers, connections } = deps
  const opt: InboxActionOptions = { ...DEFAULT_ACTION_OPTIONS, ...deps.options }
  const random = deps.random ?? seededRandom(opt.seed)
  const queue = createActionQueue(sqlite)

  // What a sent action changes in the inbox, in the same transaction that records it as sent.
  const insertReply = sqlite.prepare(
    `INSERT INTO inbox_items (network, network_comment_id, channel_id, stream, network_post_id, parent_comment_id, thread_id, delivery_id,
       author_name, author_handle, text, own, created_at, state, read_at, first_seen_at, updated_at)
     SELECT i.network, @id, i.channel_id, i.stream, i.network_post_id, i.network_comment_id, i.thread_id, i.delivery_id,
       c.name, c.handle, @text, 1, @now, 'done', @now, @now, @now
     FROM inbox_items i JOIN channels c ON c.id = i.channel_id WHERE i.id = @item
     ON CONFLICT (network, network_comment_id) DO NOTHING`,
  )
  const setFlag = {
    hide: sqlite.prepare('UPDATE inbox_items SET hidden = 1, updated_at = ? WHERE id = ?'),
    unhide: sqlite.prepare('UPDATE inbox_items SET hidden = 0, updated_at = ? WHERE id = ?'),
    delete: sqlite.prepare('UPDATE inbox_items SET deleted_at = coalesce(deleted_at, ?), updated_at = ? WHERE id = ?'),
    like: sqlite.prepare('UPDATE inbox_items SET liked = 1, updated_at = ? WHERE id = ?'),
  }
  function applyEffect(row: ActionQueueRow, result: ActionResult, now: number): void {
    const kind = row.kind as InboxActionKind
    if (kind === 'reply') insertReply.run({ id: result.networkCommentId, text: row.text, now, item: row.item_id })
    else if (kind === 'delete') setFlag.delete.run(now, now, row.item_id)
    else setFlag[kind].run(now, row.item_id)
  }

  const store = createActionStore(sqlite, {
    now: () => clock.now(),
    onSent: applyEffect,
  })
  const intents = createIntentRunner<ActionQueueRow, ActionResult>({
    store,
    connections: { channelTarget: (id) => connections.channelTarget(id, 'moderate'), reportFailure: connections.reportFailure },
    clock,
    logger,
    random,
    options: opt,
    words: ACTION_WORDS,
    describe: (r) => r.networkCommentId,
    log: { label: 'inbox', verb: 'action', idKey: 'actionId' },
    ...(deps.hooks?.afterCallAccepted ? { afterCallAccepted: deps.hooks.afterCallAccepted } : {}),
  })

  /** The action's write on the channel's working link (one allowed to moderate); throws when none works. */
  function opener(row: ActionQueueRow): () => Promise<OpenedWrite<ActionResult>> {
    return async () => {
      const item = queue.item(row.item_id)
      if (!item) throw new Error('The comment of this action is no longer in the inbox.')
      const via = await connections.channelTarget(row.channel_id, 'moderate')
      const pctx = await providers.context(via.network, via.instance)
      const adapter = providers.adapter(via.network)
      const ref = { networkCommentId: item.network_comment_id, networkPostId: item.network_post_id }
      const kind = row.kind as InboxActionKind
      return {
        profileId: via.profileId,
        network: via.network,
        confirmAbsentAfterMs: adapter.confirmAbsentAfterMs,
        call: async () => {
          if (kind === 'reply') return adapter.reply(pctx, via.target, { ...ref, text: row.text })
          if (!adapter.moderate) throw new Error(`${via.network} takes no moderation from Relink.`)
          await adapter.moderate(pctx, via.target, { ...ref, action: kind })
          return { networkCommentId: item.network_comment_id }
        },
        lookup: async (sinceMs) => {
          if (!adapter.findCommentAction) return { kind: 'unanswerable', detail: 'The network offers no way to check.' }
          const found = await adapter.findCommentAction(pctx, via.target, { ...ref, action: kind, text: row.text, sinceMs })
          if (found.kind === 'found') return { kind: 'found', result: { networkCommentId: found.networkCommentId } }
          if (found.kind === 'ambiguous') return { kind: 'ambiguous', candidates: found.candidates.map((id) => ({ networkCommentId: id })), detail: found.detail }
          return found
        },
      }
    }
  }

  // The one wake-up: a timer armed for the earliest due action, re-armed after every run.
  const inflight = new Set<number>()
  const background = new Set<Promise<unknown>>()
  let handle: TimerHandle | undefined
  let pumping: Promise<void> | undefined
  let again = false
  let stopped = true

  const changed = (channelIds: string[]): void => {
    if (channelIds.length > 0) deps.onChange?.([...new Set(channelIds)])
  }

  async function process(row: ActionQueueRow, how: 'run' | 'settle'): Promise<void> {
    if (inflight.has(row.id)) return
    inflight.add(row.id)
    try {
      if (how === 'run') await intents.run(row, opener(row))
      else await intents.settleUnknown(row, opener(row))
    } catch (err) {
      logger.log('error', 'inbox: action step failed', { actionId: row.id, error: err })
      // A claimed row goes back (nothing left); an in-flight one stays for the lookup.
      const now = clock.now()
      if (!queue.requeue(row.id, now)) sqlite.prepare(`UPDATE inbox_actions SET next_attempt_at = ? WHERE id = ? AND state = 'in_flight'`).run(now + backoffMs(1, opt.retryBaseMs, opt.retryMaxMs, random), row.id)
    } finally {
      inflight.delete(row.id)
      changed([row.channel_id])
    }
  }

  async function pump(): Promise<void> {
    do {
      again = false
      for (const row of queue.rechecksDue(clock.now())) {
        if (stopped) return
        await process(row, 'settle')
      }
      for (let row = queue.claimNext(clock.now()); row && !stopped; row = queue.claimNext(clock.now())) {
        changed([row.channel_id])
        await process(row, 'run')
      }
    } while (again && !stopped)
  }

  function arm(): void {
    handle?.cancel()
    handle = undefined
    if (stopped) return
    const next = queue.nextWakeAt()
    if (next === null) return
    const now = clock.now()
    const at = next <= now ? now + 1_000 : Math.min(next, now + opt.maxSleepMs)
    handle = deps.timer.at(at, () => {
      handle = undefined
      kick()
    })
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
      .catch((err: unknown) => logger.log('error', 'inbox: action run failed', { error: err }))
      .finally(() => {
        pumping = undefined
        arm()
      })
  }

  function track<T>(job: Promise<T>): Promise<T> {
    background.add(job)
    void job.finally(() => background.delete(job))
    return job
  }

  const unsubscribe = deps.events?.subscribe((event, payload) => {
    if (event !== 'connections:did-reconnect' || stopped) return
    const { channelIds } = payload as EventPayloads['connections:did-reconnect']
    const released = queue.releaseHeld(channelIds, clock.now())
    if (released.length === 0) return
    logger.log('info', 'inbox: held actions released after a reconnect', { count: released.length })
    changed(released.map((r) => r.channel_id))
    kick()
  })

  return {
    /**
     * Asks for a reply or a moderation action. A repeat of one already on its way answers with
     * that one (a double click sends once). The item is marked done for replies, hides and deletes.
     */
    act(itemId: number, kind: InboxActionKind, text = ''): { action: InboxActionView; created: boolean } {
      const { row, created } = queue.enqueue(itemId, kind, text.trim(), clock.now())
      if (created) {
        logger.log('info', 'inbox: action queued', { actionId: row.id, kind })
        changed([row.channel_id])
        kick()
      }
      return { action: actionView(row as unknown as ActionRow), created }
    },
    /** A person settles an action that needs them (see the queue's `resolve`). */
    resolve(actionId: number, resolution: InboxActionResolution): InboxActionView {
      const now = clock.now()
      const row = queue.resolve(actionId, resolution, now)
      // A person saw the moderation on the network: the inbox shows it too.
      if (resolution === 'mark_sent' && row.kind !== 'reply') applyEffect(row, { networkCommentId: '' }, now)
      logger.log('info', 'inbox: action resolved by a person', { actionId, resolution })
      changed([row.channel_id])
      if (resolution === 'send_again') kick()
      return actionView(row as unknown as ActionRow)
    },
    /** Settles what a previous run left claimed or in flight, then starts the wake-up. */
    async start(): Promise<{ requeued: number; sent: number; needsReview: number; pending: number }> {
      stopped = false
      const report = { requeued: 0, sent: 0, needsReview: 0, pending: 0 }
      for (const row of queue.unresolved()) {
        if (row.state === 'claimed') {
          if (queue.requeue(row.id, clock.now())) report.requeued += 1
          continue
        }
        inflight.add(row.id)
        try {
          const settled = await intents.settleUnknown(row, opener(row))
          if (settled === 'done') report.sent += 1
          else if (settled === 'needs_review') report.needsReview += 1
          else report.pending += 1
        } catch (err) {
          logger.log('error', 'inbox: settling an action failed', { actionId: row.id, error: err })
          report.pending += 1
        } finally {
          inflight.delete(row.id)
        }
        changed([row.channel_id])
      }
      if (report.requeued + report.sent + report.needsReview + report.pending > 0) logger.log('info', 'inbox: actions reconciled', report)
      kick()
      return report
    },
    /** The connection is back (or the computer woke up): what waits for it goes now. */
    online(): void {
      queue.wakeOffline(clock.now())
      kick()
    },
    kick,
    async stop(): Promise<void> {
      stopped = true
      unsubscribe?.()
      handle?.cancel()
      handle = undefined
      while (pumping || background.size > 0) {
        if (pumping) await pumping
        await Promise.allSettled([...background])
      }
    },
    /** Resolves when no run is in progress (tests). */
    async whenIdle(): Promise<void> {
      for (let i = 0; i < 1_000 && (pumping || background.size > 0); i++) {
        if (pumping) await pumping
        else await Promise.allSettled([...background])
      }
    },
    track,
    get: (id: number) => queue.get(id),
    item: (itemId: number): ActionTarget | undefined => queue.item(itemId),
  }
}

export type InboxActions = ReturnType<typeof createInboxActions>
