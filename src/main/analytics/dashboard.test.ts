import { afterEach, describe, expect, it } from 'vitest'
import type { ChannelSummary } from '../../shared/domain/entities'
import { openDatabase, type RelinkDatabase } from '../db/client'
import { createDashboardService, previousPeriod } from './dashboard'
import { createMetricsRepositoryFor } from './metrics-repository'

let database: RelinkDatabase | undefined
afterEach(async () => {
  await database?.close()
  database = undefined
})

const channel = (id: string): ChannelSummary => ({ id, network: 'facebook', name: id, handle: '', kind: 'page', health: 'healthy', brandIds: ['b'], linkCount: 1, healthyLinkCount: 1 })

async function setup() {
  database = openDatabase(':memory:', { nowMs: 0 })
  for (const id of ['a', 'b']) database.sqlite.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES (?, 'facebook', ?, 'page', ?, 1)").run(id, id, id)
  const repo = createMetricsRepositoryFor(database)
  const service = createDashboardService({ repo, sync: { gaps: { list: async () => [] } as never, health: async () => [] }, channels: async () => [channel('a'), channel('b')] })
  return { repo, service }
}

describe('dashboards', () => {
  it('compares with the previous period of the same length', () => {
    expect(previousPeriod('2026-03-01', '2026-03-28')).toEqual({ fromDay: '2026-02-01', toDay: '2026-02-28' })
  })

  it('leaves days without data empty instead of zero, sums flows and counts each channel’s latest level', async () => {
    const { repo, service } = await setup()
    await repo.putDaily(
      [
        { channelId: 'a', metric: 'views', day: '2026-03-01', value: 10, source: 'page_media_view' },
        { channelId: 'b', metric: 'views', day: '2026-03-01', value: 5, source: 'page_media_view' },
        { channelId: 'a', metric: 'views', day: '2026-03-03', value: 7, source: 'page_media_view' },
        { channelId: 'a', metric: 'followers', day: '2026-03-03', value: 100, source: 'page_follows' },
        // b's last known count is from the 2nd: a broken sign-in hid the 3rd.
        { channelId: 'b', metric: 'followers', day: '2026-03-02', value: 50, source: 'page_follows' },
        { channelId: 'a', metric: 'views', day: '2026-02-27', value: 4, source: 'page_media_view' },
      ],
      1,
    )
    const d = await service.dashboard({ fromDay: '2026-03-01', toDay: '2026-03-03' })
    const views = d.series.find((s) => s.metric === 'views')
    expect(views).toEqual({ metric: 'views', values: [15, null, 7], total: 22, previousTotal: 4 })
    expect(d.series.find((s) => s.metric === 'followers')?.total).toBe(150)
    expect(d.daysWithData).toBe(3)
  })

  it('refuses a range that ends before it starts or spans more than two years', async () => {
    const { service } = await setup()
    await expect(service.dashboard({ fromDay: '2026-03-02', toDay: '2026-03-01' })).rejects.toThrow(/ends before it starts/)
    await expect(service.dashboard({ fromDay: '2020-01-01', toDay: '2026-03-01' })).rejects.toThrow(/at most two years/)
  })
})
