import type { Database } from 'better-sqlite3'
import type { AttemptClose, Disposition, IntentRow, IntentStore } from '../intents'

/** A reply or moderation action as stored in `inbox_actions`. */
export interface ActionQueueRow extends IntentRow {
  item_id: number
  kind: string
  text: string
  state: string
  next_attempt_at: number | null
  result_id: string | null
  reason: string | null
  detail: string
  created_at: number
  updated_at: number
}

/** What a sent reply created on the network. */
export interface ActionResult {
  networkCommentId: string
}

const PHASE_STATE = { claimed: 'claimed', in_flight: 'in_flight' } as const

/**
 * The inbox's side of the intents module: each step of an action committed to SQLite before the
 * next, so a crash leaves either nothing sent or an intent that the next start looks up first.
 */
export function createActionStore(sqlite: Database, deps: { now: () => number; onSent(row: ActionQueueRow, result: ActionResult, now: number): void }): IntentStore<ActionQueueRow, ActionResult> {
  const closeAttempt = sqlite.prepare('UPDATE inbox_action_attempts SET finished_at = ?, outcome = ?, reason = ?, detail = ?, raw = ? WHERE id = ?')
  const close = (a: AttemptClose | undefined, now: number): void => {
    if (a) closeAttempt.run(now, a.outcome, a.reason ?? null, a.detail ?? '', a.raw ?? null, a.id)
  }
  const move = sqlite.transaction((id: number, from: string, fields: Record<string, unknown>, attempt: AttemptClose | undefined, now: number): boolean => {
    const keys = Object.keys(fields)
    const set = keys.map((k) => `${k} = @${k}`).join(', ')
    const changed = sqlite.prepare(`UPDATE inbox_actions SET ${set}, updated_at = @now WHERE id = @id AND state = @from`).run({ ...fields, now, id, from }).changes === 1
    close(attempt, now)
    return changed
  })
  const commit = sqlite.transaction((row: ActionQueueRow, now: number): number | undefined => {
    const ok = sqlite.prepare(`UPDATE inbox_actions SET state = 'in_flight', intent_at = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ? AND state = 'claimed'`).run(now, now, row.id).changes
    if (ok !== 1) return undefined
    return Number(sqlite.prepare(`INSERT INTO inbox_action_attempts (action_id, kind, started_at) VALUES (?, 'call', ?)`).run(row.id, now).lastInsertRowid)
  })
  const sent = sqlite.transaction((row: ActionQueueRow, from: string, result: ActionResult, attempt: AttemptClose | undefined, now: number): boolean => {
    const ok = move(row.id, from, { state: 'sent', result_id: result.networkCommentId, next_attempt_at: null, reason: null, detail: '' }, attempt, now)
    if (ok) deps.onSent(row, result, now)
    return ok
  })

  return {
    async commitIntent(row) {
      const now = deps.now()
      const attemptId = commit(row, now)
      return attemptId === undefined ? undefined : { attemptId, row: { ...row, state: 'in_flight', intent_at: now } }
    },
    async startLookup(row) {
      return Number(sqlite.prepare(`INSERT INTO inbox_action_attempts (action_id, kind, started_at) VALUES (?, 'lookup', ?)`).run(row.id, deps.now()).lastInsertRowid)
    },
    async finishAttempt(attempt) {
      close(attempt, deps.now())
    },
    async countAttempts(row, kind, outcomes, sinceMs = Number.MIN_SAFE_INTEGER) {
      return (
        sqlite
          .prepare(`SELECT count(*) AS n FROM inbox_action_attempts WHERE action_id = ? AND kind = ? AND started_at >= ? AND outcome IN (SELECT value FROM json_each(?))`)
          .get(row.id, kind, sinceMs, JSON.stringify(outcomes)) as { n: number }
      ).n
    },
    async clearIntent(row, attempt) {
      move(row.id, 'in_flight', { intent_at: null }, attempt, deps.now())
    },
    async settle(row, phase, d: Disposition<ActionResult>, attempt) {
      const from = PHASE_STATE[phase]
      const now = deps.now()
      switch (d.kind) {
        case 'done':
          return sent(row, from, d.result, attempt, now)
        case 'retry':
          return move(row.id, from, { state: 'queued', claimed_at: null, ...(d.clearIntent ? { intent_at: null } : {}), next_attempt_at: d.at, reason: d.reason, detail: d.detail }, attempt, now)
        case 'recheck':
          return move(row.id, from, { next_attempt_at: d.at, reason: 'checking', detail: d.detail }, attempt, now)
        case 'held':
          return move(row.id, from, { state: 'held', claimed_at: null, next_attempt_at: null, reason: d.reason, detail: d.detail }, attempt, now)
        case 'failed':
          return move(row.id, from, { state: 'failed', next_attempt_at: null, reason: d.reason, detail: d.detail }, attempt, now)
        case 'needs_review':
          return move(row.id, from, { state: 'needs_review', next_attempt_at: null, reason: d.reason, detail: d.detail }, attempt, now)
      }
    },
  }
}
