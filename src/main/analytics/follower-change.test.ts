import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../tests/fakes/ports'
import { openDatabase, type RelinkDatabase } from '../db/client'
import { createMetricsRepositoryFor } from './metrics-repository'

let database: RelinkDatabase | undefined
afterEach(async () => {
  await database?.close()
  database = undefined
})

describe('follower change from daily snapshots (X, Mastodon)', () => {
  it('is each day’s count minus the day before’s, only where both days were read, and follows a corrected count', async () => {
    database = openDatabase(join(tempDir('relink-followers-'), 'relink.db'), { nowMs: 1 })
    database.sqlite.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES ('x1', 'x', 'n1', 'account', 'Relink Labs', 1)").run()
    const repo = createMetricsRepositoryFor(database)
    const snapshot = (day: string, value: number) => ({ channelId: 'x1', metric: 'followers', day, value, source: 'followers' })
    // 4 Jan was not read (a gap): no change on 4 or 5 Jan.
    await repo.putDaily([snapshot('2026-01-01', 100), snapshot('2026-01-02', 104), snapshot('2026-01-03', 101), snapshot('2026-01-05', 110)], 1)
    expect(await repo.deriveFollowerChange('x1', '2026-01-01', '2026-01-05', 2)).toBe(2)
    const changes = () =>
      database?.sqlite.prepare("SELECT day, value, source FROM channel_metric_daily WHERE metric = 'follower_change' ORDER BY day").all() as { day: number; value: number; source: string }[]
    expect(changes().map((c) => c.value)).toEqual([4, -3])
    expect(changes()[0]?.source).toBe('daily follower snapshots')
    // Reading again changes nothing; a corrected count updates the change.
    expect(await repo.deriveFollowerChange('x1', '2026-01-01', '2026-01-05', 3)).toBe(0)
    await repo.putDaily([snapshot('2026-01-03', 99)], 4)
    expect(await repo.deriveFollowerChange('x1', '2026-01-01', '2026-01-05', 5)).toBe(1)
    expect(changes().map((c) => c.value)).toEqual([4, -5])
  })
})
