import type { Database } from 'better-sqlite3'
import { WAITING_STATES } from '../../../shared/domain/attention'
import { BROKEN_GRANT_HEALTH } from '../../../shared/domain/health'

export type AttentionRepository = ReturnType<typeof createAttentionRepository>

export interface AttentionCounts {
  expiring: number
  /** Unfinished setups that are neither broken nor expiring (each connection counts once, at its most urgent). */
  unfinished: number
  failedPosts: number
  /** Every post waiting for a decision, failed ones included. */
  waitingPosts: number
}

/**
 * What the Needs attention list counts, for the tray: connections that are expiring or unfinished
 * (broken ones are listed by the profile repository) and posts waiting for a decision. Plain
 * statements: a handful of counts, read on every change of a channel or the schedule.
 */
export function createAttentionRepository(sqlite: Database) {
  const broken = [...BROKEN_GRANT_HEALTH]
  const profiles = sqlite.prepare(
    `SELECT coalesce(sum(health = 'expiring'), 0) AS expiring,
            coalesce(sum(setup_state = 'picking' AND health <> 'expiring' AND health NOT IN (${broken.map(() => '?').join(', ')})), 0) AS unfinished
     FROM profiles`,
  )
  const posts = sqlite.prepare(`SELECT state, count(*) AS n FROM deliveries WHERE state IN (${WAITING_STATES.map(() => '?').join(', ')}) AND due_at >= ? GROUP BY state`)
  return {
    counts(postsSinceMs: number): AttentionCounts {
      const p = profiles.get(...broken) as { expiring: number; unfinished: number }
      const byState = new Map((posts.all(...WAITING_STATES, postsSinceMs) as { state: string; n: number }[]).map((r) => [r.state, r.n]))
      return {
        expiring: p.expiring,
        unfinished: p.unfinished,
        failedPosts: byState.get('failed') ?? 0,
        waitingPosts: [...byState.values()].reduce((a, b) => a + b, 0),
      }
    },
  }
}
