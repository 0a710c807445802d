/**
 * The contract of the intents module: every write Relink makes to a network (publishing a post,
 * sending a reply, hiding, deleting or liking a comment) goes through it, because they share one
 * problem — the network may have acted even when Relink never saw the answer.
 *
 * The owner of a write (the scheduler for posts, the inbox for replies and moderation) keeps its
 * rows in its own table and hands the module three things:
 *
 * - an {@link IntentStore}: how a row moves, each step committed to SQLite before the next;
 * - per run, an `open` function returning an {@link OpenedWrite}: the call itself and a lookup of
 *   its effect on the network, both supplied by the network's adapter;
 * - {@link IntentWords}: the sentences a person reads when a write waits, is held or needs them.
 *
 * A row's life, as the module drives it:
 *
 * 1. The owner claims a due row in a transaction (its queue; phase `claimed`).
 * 2. If an earlier attempt left an intent (a 5xx answer, an interrupted run), the effect is looked
 *    up first: found means done, never sent twice.
 * 3. The intent is committed (`commitIntent`: phase `in_flight`, an attempt row) before any byte
 *    of the call leaves.
 * 4. The call's answer is recorded. A failure is classified ({@link WriteOutcome}): `not_sent` and
 *    `rate_limited` go back to the queue (nothing was created); `refused_server` goes back with
 *    the intent kept (the next run looks first); `unknown` is reconciled at once through the
 *    lookup; `token` is reported to the connection lifecycle and held unless another link works;
 *    `rejected` is failed, unless the lookup proves an earlier attempt landed.
 * 5. Backoff applies to transient failures only. An effect the network confirms absent on two
 *    lookups spaced by its own delay (`confirmAbsentAfterMs`) is sent again through the same
 *    intent. When the network cannot tell (no lookup, two candidates, a lookup that keeps
 *    failing), the row goes to `needs_review`: a person decides, nothing is retried blindly. A
 *    lookup refused for the sign-in is a token failure like any other: reported and held.
 */
import type { GrantHealth } from '../../shared/domain/health'
import type { Clock, Logger } from '../ports'
import type { ProviderError } from '../providers/provider-error'

export type { WriteOutcome } from './outcome'

/** The row of one write in its owner's table (a delivery, a reply, a moderation action). */
export interface IntentRow {
  id: number
  /** The channel whose connection carries the call. */
  channel_id: string
  /** When the write first fell due: waits while no connection works grow with it. */
  due_at: number
  claimed_at: number | null
  /** When the intent was committed; non-null means a call may have left for this row. */
  intent_at: number | null
}

/**
 * Where a row is when the module acts on it: `claimed` (taken from the queue, nothing sent yet)
 * or `in_flight` (intent committed: a call may have left). A store refuses a move when the row is
 * no longer in the phase named, so two runs never both act on it.
 */
export type IntentPhase = 'claimed' | 'in_flight'

/** What the module decided for a row; the store turns it into its own states. */
export type Disposition<R> =
  /** The network acted: `result` identifies the effect (the post's id and link). */
  | { kind: 'done'; result: R }
  /** Back to the queue at `at`. `clearIntent`: the call proved nothing was created. */
  | { kind: 'retry'; at: number; reason: string; detail: string; clearIntent?: boolean }
  /** Stays in flight; look the effect up again at `at` (the network could not be asked). */
  | { kind: 'recheck'; at: number; detail: string }
  /** The sign-in does not work: wait for a reconnect, never fail for it. */
  | { kind: 'held'; reason: string; detail: string }
  /** The network refused for good (or the channel is gone). */
  | { kind: 'failed'; reason: string; detail: string }
  /** Nobody can tell whether the network acted: a person decides. `candidates`: what may be it. */
  | { kind: 'needs_review'; reason: string; detail: string; candidates?: readonly R[] }

/** The kinds of attempt a store logs: the write's call, or a lookup of its effect. */
export type AttemptKind = 'call' | 'lookup'

/** How an attempt row is closed (in the same transaction as the move it caused, where there is one). */
export interface AttemptClose {
  id: number
  /** `done`, `offline`, `rate_limited`, `transient`, `unknown`, `token`, `rejected`; lookups: `found`, `absent`, `ambiguous`, `unreachable`, `unanswerable`. */
  outcome: string
  reason?: string | null
  detail?: string
  /** The network's raw failure, redacted (never a token). */
  raw?: string | null
}

/** Persistence of one kind of write. Every method commits before it resolves. */
export interface IntentStore<Row extends IntentRow, R> {
  /**
   * `claimed` → `in_flight` with the intent time and an open `call` attempt, in one transaction.
   * Resolves to the attempt id and the row as it now is, or undefined when the claim was lost.
   */
  commitIntent(row: Row): Promise<{ attemptId: number; row: Row } | undefined>
  /** Opens a `lookup` attempt row. */
  startLookup(row: Row): Promise<number>
  /** Closes an attempt row without moving the row. */
  finishAttempt(attempt: AttemptClose): Promise<void>
  /** How many attempts of a kind ended with one of `outcomes` (retry budgets), those started at or after `sinceMs` when given. */
  countAttempts(row: Row, kind: AttemptKind, outcomes: readonly string[], sinceMs?: number): Promise<number>
  /** Forgets the intent while the row stays in flight (a token refusal proved nothing was created). */
  clearIntent(row: Row, attempt: AttemptClose): Promise<void>
  /** Records a disposition if the row is still in `from`, closing `attempt` with it. False when it moved meanwhile. */
  settle(row: Row, from: IntentPhase, disposition: Disposition<R>, attempt?: AttemptClose): Promise<boolean>
}

/** What a lookup found on the network, from the adapter. Throw when the network could not be asked. */
export type LookupResult<R> =
  | { kind: 'found'; result: R }
  | { kind: 'absent' }
  /** More than one effect matches: which one is this write's cannot be told. */
  | { kind: 'ambiguous'; candidates: readonly R[]; detail: string }
  /** The network offers no way to tell (no lookup for this kind of write). */
  | { kind: 'unanswerable'; detail: string }

/** One write, ready to go: the connection is resolved and the adapter chosen. */
export interface OpenedWrite<R> {
  /** The profile whose sign-in carries the call: token failures are reported against it. */
  profileId: string
  /** Network name for logs. */
  network: string
  /**
   * How long the network may take to show a new effect where the lookup searches (its timeline
   * or search index), from the adapter's config: an absence is believed only when a second
   * lookup this much later agrees.
   */
  confirmAbsentAfterMs: number
  /** Sends the write. Throws on failure (a ProviderError whenever the network was involved). */
  call(): Promise<R>
  /**
   * Looks for this write's effect on the network, among what happened since `sinceMs` (the
   * intent's time less a margin for clock skew).
   */
  lookup(sinceMs: number): Promise<LookupResult<R>>
}

/** The part of the connection lifecycle the module needs. */
export interface IntentConnections {
  /** Resolves when some link to the channel works; throws when none does. */
  channelTarget(channelId: string): Promise<unknown>
  /** Applies a token failure seen during a write to the grant's health. */
  reportFailure(profileId: string, err: ProviderError, options?: { channelId?: string }): Promise<GrantHealth>
}

/** Retry and lookup budgets. */
export interface IntentOptions {
  /** First retry wait after a 5xx or offline failure; doubles each time. */
  retryBaseMs: number
  /** Longest wait between retries after 5xx answers. */
  retryMaxMs: number
  /** Longest wait between retries while offline (it retries for as long as it takes). */
  offlineMaxMs: number
  /** 5xx answers before a row is failed. */
  maxServerErrors: number
  /** Wait after a 429 that did not say how long. */
  rateLimitDefaultMs: number
  /** Lookups that could not reach the network before a person is asked. */
  maxLookups: number
  /** How far before the intent a lookup searches (clock skew between Relink and the network). */
  lookupMarginMs: number
}

const MINUTE = 60_000

/** The retry and lookup budget every queue of network writes starts from (posts, replies). */
export const DEFAULT_INTENT_OPTIONS: IntentOptions = {
  retryBaseMs: 30_000,
  retryMaxMs: 15 * MINUTE,
  offlineMaxMs: 5 * MINUTE,
  maxServerErrors: 6,
  rateLimitDefaultMs: 60_000,
  maxLookups: 5,
  lookupMarginMs: 10 * MINUTE,
}

/** The sentences a person reads about this kind of write (a post, a reply …). */
export interface IntentWords {
  /** The lookup after an unknown outcome found nothing (kept for writes that cannot be sent again). */
  notFound: string
  /** The first lookup found nothing; a second one, later, confirms before the write is sent again. */
  confirmingAbsence: string
  /** Two lookups, spaced apart, found nothing: the write goes out again through the same intent. */
  publishingAgain: string
  /** No connection could be made; it goes out when one can. */
  offline: string
  /** Appended to why a write is held. */
  heldSuffix: string
  /** The channel is no longer in Relink. */
  channelRemoved: string
  /** Why the call failed when nothing explains it. */
  lostTrack: string
  /** The lookup could not be made; `passing`: it will be tried again. */
  couldNotCheck(detail: string, passing: boolean): string
  /** Two or more of the channel's recent items match. */
  ambiguous(detail: string): string
  /**
   * The network refused the write as a copy of one already there after an earlier attempt may
   * have acted, and the lookup does not show it: `detail` is the network's refusal.
   */
  duplicateUnseen(detail: string): string
}

/** What the module needs from the app. */
export interface IntentRunnerDeps<Row extends IntentRow, R> {
  store: IntentStore<Row, R>
  connections: IntentConnections
  clock: Clock
  logger: Logger
  /** Jitter source in [0, 1). */
  random: () => number
  options: IntentOptions
  words: IntentWords
  /** The effect's id for the attempt log (a post id). */
  describe(result: R): string
  /** How log lines name things: `scheduler: publish failed` with `deliveryId`. */
  log: { label: string; verb: string; idKey: string }
  /** Test seam: runs after the network accepted a call and before Relink commits that fact. */
  afterCallAccepted?(id: number): void | Promise<void>
}
