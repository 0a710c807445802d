import { afterEach, describe, expect, it } from 'vitest'
import type { ChannelSummary } from '../../shared/domain/entities'
import { openDatabase, type RelinkDatabase } from '../db/client'
import { createDashboardService, previousPeriod, type DashboardDeps } from './dashboard'
import { createMetricsRepositoryFor, PERIOD_TOTALS_SQL } from './metrics-repository'

let database: RelinkDatabase | undefined
afterEach(async () => {
  await database?.close()
  database = undefined
})

const channel = (id: string): ChannelSummary => ({ id, network: 'facebook', name: id, handle: '', kind: 'page', health: 'healthy', brandIds: ['b'], linkCount: 1, healthyLinkCount: 1 })

async function setup(split: Partial<Pick<DashboardDeps, 'rowsPerRead' | 'yieldToLoop' | 'channels'>> = {}) {
  database = openDatabase(':memory:', { nowMs: 0 })
  for (const id of ['a', 'b']) database.sqlite.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES (?, 'facebook', ?, 'page', ?, 1)").run(id, id, id)
  const repo = createMetricsRepositoryFor(database)
  const service = createDashboardService({ repo, sync: { gaps: { list: async () => [] } as never, health: async () => [] }, channels: async () => [channel('a'), channel('b')], ...split })
  return { repo, service }
}

const MARCH = [
  { channelId: 'a', metric: 'views', day: '2026-03-01', value: 10, source: 'page_media_view' },
  { channelId: 'b', metric: 'views', day: '2026-03-01', value: 5, source: 'page_media_view' },
  { channelId: 'a', metric: 'views', day: '2026-03-03', value: 7, source: 'page_media_view' },
  { channelId: 'a', metric: 'followers', day: '2026-03-03', value: 100, source: 'page_follows' },
  // b's last known count is from the 2nd: a broken sign-in hid the 3rd.
  { channelId: 'b', metric: 'followers', day: '2026-03-02', value: 50, source: 'page_follows' },
  { channelId: 'a', metric: 'views', day: '2026-02-27', value: 4, source: 'page_media_view' },
  { channelId: 'b', metric: 'views', day: '2026-02-26', value: 3, source: 'page_media_view' },
]

describe('dashboards', () => {
  it('compares with the previous period of the same length', () => {
    expect(previousPeriod('2026-03-01', '2026-03-28')).toEqual({ fromDay: '2026-02-01', toDay: '2026-02-28' })
  })

  it('leaves days without data empty instead of zero, sums flows and counts each channel’s latest level', async () => {
    const { repo, service } = await setup()
    await repo.putDaily(MARCH, 1)
    const d = await service.dashboard({ fromDay: '2026-03-01', toDay: '2026-03-03' })
    const views = d.series.find((s) => s.metric === 'views')
    expect(views).toEqual({ metric: 'views', values: [15, null, 7], total: 22, previousTotal: 7 })
    expect(d.series.find((s) => s.metric === 'followers')?.total).toBe(150)
    expect(d.series.find((s) => s.metric === 'reach')).toBeUndefined()
    expect(d.daysWithData).toBe(3)
  })

  it('adds up a few channels at a time, letting main’s other work in between, with the same answer', async () => {
    let yields = 0
    const { repo, service } = await setup({ rowsPerRead: 3, yieldToLoop: async () => void yields++ })
    await repo.putDaily(MARCH, 1)
    const asked: number[] = []
    const dailyTotals = repo.dailyTotals
    repo.dailyTotals = (ids, from, to) => {
      asked.push(ids.length)
      return dailyTotals(ids, from, to)
    }
    const d = await service.dashboard({ fromDay: '2026-03-01', toDay: '2026-03-03' })
    expect(d.series.find((s) => s.metric === 'views')).toEqual({ metric: 'views', values: [15, null, 7], total: 22, previousTotal: 7 })
    expect(asked).toEqual([1, 1])
    // A turn before the second channel of each period, and one before each of the dashboard's eight parts.
    expect(yields).toBe(2 + 8)
  })

  it('reads once per turn of main’s loop, even where two sums, or the dashboard and its posts, are wanted at once', async () => {
    // Main's loop as the tests see it: each turn runs what was waiting for it, then everything
    // that work leads to before anything waits again; reads that run in one turn hold main up together.
    const waiting: (() => void)[] = []
    let turn = 0
    const turns: number[] = []
    const channels = async (): Promise<ChannelSummary[]> => {
      turns.push(turn)
      return [channel('a'), channel('b')]
    }
    const { repo, service } = await setup({ rowsPerRead: 3, yieldToLoop: () => new Promise<void>((resolve) => waiting.push(resolve)), channels })
    await repo.putDaily(MARCH, 1)
    const reads = ['dailyTotals', 'periodTotals', 'latestSum', 'unavailable', 'postsWithValues'] as const
    for (const name of reads) {
      const read = repo[name] as (...args: unknown[]) => Promise<unknown>
      ;(repo as Record<string, unknown>)[name] = (...args: unknown[]) => {
        turns.push(turn)
        return read(...args)
      }
    }
    const march = { fromDay: '2026-03-01', toDay: '2026-03-03' }
    let done = false
    const answers = Promise.all([service.dashboard(march), service.posts({ ...march, sortBy: 'views', direction: 'desc', timeZone: 'UTC' })]).finally(() => (done = true))
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve))
      turn++
      for (const resume of waiting.splice(0)) resume()
    }
    const [d] = await answers
    expect(d.series.find((s) => s.metric === 'views')).toEqual({ metric: 'views', values: [15, null, 7], total: 22, previousTotal: 7 })
    expect(d.series.find((s) => s.metric === 'followers')?.total).toBe(150)
    // The channels, read once for both; two channels, one at a time for the days and the previous
    // period; both at once for each period's latest followers (one seek each); what is unavailable; the posts.
    expect(turns).toHaveLength(1 + 2 + 2 + 1 + 1 + 1 + 1)
    expect(new Set(turns).size).toBe(turns.length)
  })

  it('keeps the sums for a question asked again until anything is written', async () => {
    const { repo, service } = await setup()
    await repo.putDaily(MARCH, 1)
    let reads = 0
    const dailyTotals = repo.dailyTotals
    repo.dailyTotals = (ids, from, to) => {
      reads++
      return dailyTotals(ids, from, to)
    }
    const march = { fromDay: '2026-03-01', toDay: '2026-03-03' }
    await service.dashboard(march)
    await service.dashboard(march)
    expect(reads).toBe(1)
    await repo.putDaily([{ channelId: 'b', metric: 'views', day: '2026-03-02', value: 2, source: 'page_media_view' }], 2)
    const after = await service.dashboard(march)
    expect(reads).toBe(2)
    expect(after.series.find((s) => s.metric === 'views')?.values).toEqual([15, 2, 7])
    // A row removed with its channel counts as a write too.
    database?.sqlite.prepare("DELETE FROM channels WHERE id = 'b'").run()
    expect((await service.dashboard(march)).series.find((s) => s.metric === 'views')?.values).toEqual([10, null, 7])
  })

  it('reads the channels once for the dashboard and its posts until anything is written', async () => {
    let reads = 0
    const { repo, service } = await setup({
      channels: async () => {
        reads++
        return [channel('a'), channel('b')]
      },
    })
    await repo.putDaily(MARCH, 1)
    const march = { fromDay: '2026-03-01', toDay: '2026-03-03' }
    await service.dashboard(march)
    await service.posts({ ...march, sortBy: 'views', direction: 'desc', timeZone: 'UTC' })
    await service.dashboard({ fromDay: '2026-02-01', toDay: '2026-03-03' })
    expect(reads).toBe(1)
    database?.sqlite.prepare("UPDATE channels SET name = 'renamed' WHERE id = 'b'").run()
    await service.dashboard(march)
    expect(reads).toBe(2)
  })

  it('totals the previous period in one pass over its rows, not grouped by day', () => {
    database = openDatabase(':memory:', { nowMs: 0 })
    const plan = (database.sqlite.prepare(`EXPLAIN QUERY PLAN ${PERIOD_TOTALS_SQL}`).all('[]', 0, 1) as { detail: string }[]).map((r) => r.detail)
    expect(plan).toContainEqual(expect.stringMatching(/^SEARCH channel_day_metrics USING PRIMARY KEY \(channel_id=\? AND day>\? AND day<\?\)$/))
    expect(plan.filter((step) => step.includes('TEMP B-TREE'))).toEqual([])
  })

  it('refuses a range that ends before it starts or spans more than two years', async () => {
    const { service } = await setup()
    await expect(service.dashboard({ fromDay: '2026-03-02', toDay: '2026-03-01' })).rejects.toThrow(/ends before it starts/)
    await expect(service.dashboard({ fromDay: '2020-01-01', toDay: '2026-03-01' })).rejects.toThrow(/at most two years/)
  })
})
