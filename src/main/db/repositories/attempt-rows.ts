import type { Statement } from 'better-sqlite3'
import type { AttemptClose } from '../../intents/types'

/**
 * The attempt log of a queue of network writes (deliveries, first comments): one row per call or
 * lookup, closed with its outcome. Both tables have the same columns.
 */
export function attemptRows(stmt: (sql: string) => Statement, table: 'delivery_attempts' | 'first_comment_attempts') {
  return {
    close(attempt: AttemptClose, now: number): void {
      stmt(`UPDATE ${table} SET finished_at = ?, outcome = ?, reason = ?, detail = ?, raw = ? WHERE id = ?`).run(
        now,
        attempt.outcome,
        attempt.reason ?? null,
        attempt.detail ?? '',
        attempt.raw ?? null,
        attempt.id,
      )
    },
    /** Attempts of a kind that ended with one of `outcomes`, those started at or after `sinceMs` when given (retry budgets). */
    count(id: number, kind: string, outcomes: readonly string[], sinceMs = Number.MIN_SAFE_INTEGER): number {
      const row = stmt(`SELECT count(*) AS n FROM ${table} WHERE delivery_id = ? AND kind = ? AND started_at >= ? AND outcome IN (SELECT value FROM json_each(?))`).get(
        id,
        kind,
        sinceMs,
        JSON.stringify(outcomes),
      ) as { n: number }
      return row.n
    },
  }
}
