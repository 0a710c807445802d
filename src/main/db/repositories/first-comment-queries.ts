/**
 * The SQL of the first-comment queue: one row per published delivery whose post has a first
 * comment and whose channel's network takes one. Same rules as the deliveries' SQL: cached
 * statements, every move a single IMMEDIATE transaction guarded by the state it leaves.
 */
import type { Statement } from 'better-sqlite3'
import type { AttemptClose } from '../../intents/types'
import { attemptRows } from './attempt-rows'
import type { FirstCommentState } from '../../../shared/domain/schedule'

export interface FirstCommentRow {
  /** The delivery the comment belongs under (also the intents module's row id). */
  id: number
  channel_id: string
  state: FirstCommentState
  due_at: number
  next_attempt_at: number | null
  claimed_at: number | null
  intent_at: number | null
  network_comment_id: string | null
  failure_reason: string | null
  failure_detail: string | null
  /** What the comment says and where it goes: the post's comment and the delivery's post on the network. */
  text: string
  network_post_id: string | null
}

export interface FirstCommentFields {
  state?: FirstCommentState
  next_attempt_at?: number | null
  claimed_at?: number | null
  intent_at?: number | null
  network_comment_id?: string | null
  failure_reason?: string | null
  failure_detail?: string | null
}


type Exclusive = <T>(work: () => T) => Promise<T>

const ROW = `SELECT f.delivery_id AS id, f.channel_id, f.state, f.due_at, f.next_attempt_at, f.claimed_at, f.intent_at, f.network_comment_id,
  f.failure_reason, f.failure_detail, p.first_comment AS text, d.network_post_id
  FROM first_comments f JOIN deliveries d ON d.id = f.delivery_id JOIN posts p ON p.id = d.post_id`

export function createFirstCommentQueries(stmt: (sql: string) => Statement, tx: <T>(work: () => T) => T, exclusive: Exclusive, networks: readonly string[]) {
  const json = (values: readonly (string | number)[]): string => JSON.stringify(values)

  function update(id: number, from: readonly FirstCommentState[], fields: FirstCommentFields, now: number): boolean {
    const keys = (Object.keys(fields) as (keyof FirstCommentFields)[]).filter((k) => fields[k] !== undefined).sort()
    const sets = [...keys.map((k) => `${k} = ?`), 'updated_at = ?'].join(', ')
    const values = keys.map((k) => fields[k] ?? null)
    return stmt(`UPDATE first_comments SET ${sets} WHERE delivery_id = ? AND state IN (SELECT value FROM json_each(?))`).run(...values, now, id, json(from)).changes === 1
  }

  const attempts = attemptRows(stmt, 'first_comment_attempts')
  const close = attempts.close

  return {
    /**
     * Queues the first comment of every published delivery that has one and has none queued yet:
     * idempotent, so a crash between publishing and queueing loses nothing.
     */
    enqueuePublished(now: number): Promise<number> {
      return exclusive(
        () =>
          stmt(
            `INSERT INTO first_comments (delivery_id, channel_id, state, due_at, next_attempt_at, updated_at)
             SELECT d.id, d.channel_id, 'pending', coalesce(d.published_at, ?), ?, ?
             FROM posts p JOIN deliveries d ON d.post_id = p.id JOIN channels c ON c.id = d.channel_id
             WHERE p.first_comment IS NOT NULL AND d.state = 'published' AND d.network_post_id IS NOT NULL
               AND c.network IN (SELECT value FROM json_each(?))
               AND NOT EXISTS (SELECT 1 FROM first_comments f WHERE f.delivery_id = d.id)`,
          ).run(now, now, now, json(networks)).changes,
      )
    },

    /** The earliest time the queue acts next, or null. */
    nextWakeAt(): Promise<number | null> {
      return exclusive(() => (stmt(`SELECT min(next_attempt_at) AS at FROM first_comments WHERE next_attempt_at IS NOT NULL`).get() as { at: number | null }).at)
    },

    /** Takes the next due comment: a queued or held one is claimed; one in flight comes back as it is, to be looked up. */
    claimNext(now: number, skip: ReadonlySet<number>): Promise<FirstCommentRow | undefined> {
      return exclusive(() =>
        tx(() => {
          const due = stmt(
            `SELECT delivery_id AS id, state FROM first_comments WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= ?
               AND delivery_id NOT IN (SELECT value FROM json_each(?)) ORDER BY next_attempt_at, delivery_id LIMIT 1`,
          ).get(now, json([...skip])) as { id: number; state: FirstCommentState } | undefined
          if (!due) return undefined
          if (due.state === 'sending') {
            update(due.id, ['sending'], { next_attempt_at: null }, now)
          } else if (!update(due.id, ['pending', 'held', 'claimed'], { state: 'claimed', claimed_at: now, next_attempt_at: null }, now)) {
            return undefined
          }
          return stmt(`${ROW} WHERE f.delivery_id = ?`).get(due.id) as FirstCommentRow
        }),
      )
    },

    /** `claimed` → `sending` with an open call attempt, or undefined when the claim was lost. */
    beginSend(id: number, now: number): Promise<number | undefined> {
      return exclusive(() =>
        tx(() => {
          if (!update(id, ['claimed'], { state: 'sending', intent_at: now }, now)) return undefined
          return Number(stmt(`INSERT INTO first_comment_attempts (delivery_id, kind, started_at) VALUES (?, 'call', ?)`).run(id, now).lastInsertRowid)
        }),
      )
    },

    startLookup(id: number, now: number): Promise<number> {
      return exclusive(() => Number(stmt(`INSERT INTO first_comment_attempts (delivery_id, kind, started_at) VALUES (?, 'lookup', ?)`).run(id, now).lastInsertRowid))
    },

    finishAttempt(attempt: AttemptClose, now: number): Promise<void> {
      return exclusive(() => close(attempt, now))
    },

    countAttempts(id: number, kind: 'call' | 'lookup', outcomes: readonly string[], sinceMs?: number): Promise<number> {
      return exclusive(() => attempts.count(id, kind, outcomes, sinceMs))
    },

    /** Moves a comment if it is still in one of `from`, closing `attempt` in the same transaction. */
    transition(id: number, from: readonly FirstCommentState[], fields: FirstCommentFields, now: number, attempt?: AttemptClose): Promise<boolean> {
      return exclusive(() =>
        tx(() => {
          const moved = update(id, from, fields, now)
          if (attempt) close(attempt, now)
          return moved
        }),
      )
    },

    /** What a previous run left claimed (nothing sent: back to the queue) or sending (looked up at once). */
    requeueInterrupted(now: number): Promise<number> {
      return exclusive(() =>
        tx(
          () =>
            stmt(`UPDATE first_comments SET state = 'pending', claimed_at = NULL, next_attempt_at = ?, updated_at = ? WHERE state = 'claimed'`).run(now, now).changes +
            stmt(`UPDATE first_comments SET next_attempt_at = ?, updated_at = ? WHERE state = 'sending' AND next_attempt_at IS NULL`).run(now, now).changes,
        ),
      )
    },

    get(id: number): Promise<FirstCommentRow | undefined> {
      return exclusive(() => stmt(`${ROW} WHERE f.delivery_id = ?`).get(id) as FirstCommentRow | undefined)
    },

    attempts(id: number): Promise<{ kind: string; outcome: string | null; detail: string }[]> {
      return exclusive(() => stmt(`SELECT kind, outcome, detail FROM first_comment_attempts WHERE delivery_id = ? ORDER BY id`).all(id) as { kind: string; outcome: string | null; detail: string }[])
    },
  }
}

export type FirstCommentQueries = ReturnType<typeof createFirstCommentQueries>
