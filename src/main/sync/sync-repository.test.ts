import type BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migratedBefore } from '../../../tests/fakes/inbox-migrations'
import { createSyncRepository, NEXT_RUN_SQL } from './sync-repository'

const plan = (db: BetterSqlite3.Database, sql: string): string => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ')

describe('sync repository', () => {
  it('finds the earliest planned read through the next-run index, not by reading every stream', () => {
    const db = migratedBefore(Number.POSITIVE_INFINITY)
    expect(plan(db, NEXT_RUN_SQL)).toMatch(/^SEARCH sync_state USING COVERING INDEX sync_state_by_next_run/)
  })

  it('answers the earliest planned time, leaving out streams with none, and null when none is planned', async () => {
    const db = migratedBefore(Number.POSITIVE_INFINITY)
    const repo = createSyncRepository(db)
    expect(await repo.nextRunAt()).toBeNull()
    for (const stream of ['comments', 'mentions', 'post_metrics'] as const) await repo.state('c1', stream)
    expect(await repo.nextRunAt()).toBeNull()
    await repo.patchState('c1', 'comments', { nextRunAt: 9_000 })
    await repo.patchState('c1', 'mentions', { nextRunAt: 4_000 })
    expect(await repo.nextRunAt()).toBe(4_000)
    await repo.patchState('c1', 'mentions', { nextRunAt: null })
    expect(await repo.nextRunAt()).toBe(9_000)
  })
})
