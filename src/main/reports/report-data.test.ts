import { describe, expect, it } from 'vitest'
import type { Dashboard } from '../../shared/domain/analytics'
import type { DashboardService } from '../analytics/dashboard'
import { dayNumber, type MetricsRepository } from '../analytics/metrics-repository'
import { reportData } from './report-data'

const DAY_MS = 86_400_000

describe('a report’s daily table', () => {
  it('is read a few days at a time, in day order, so a large export never holds main in one piece', async () => {
    // 100 channels × 10 metrics: ten days make the ten thousand values read at a time.
    const channels = Array.from({ length: 100 }, (_, i) => ({ id: `c${i}`, name: `Channel ${i}`, network: 'facebook' as const }))
    const reads: [string, string][] = []
    const repo = {
      async dailyRows(_ids: readonly string[], fromDay: string, toDay: string) {
        reads.push([fromDay, toDay])
        const out: { channel_id: string; metric: string; day: number; value: number; source: string }[] = []
        for (let day = dayNumber(fromDay); day <= dayNumber(toDay); day++) out.push({ channel_id: 'c1', metric: 'views', day, value: day, source: 'page_media_view' })
        return out
      },
    } as unknown as MetricsRepository
    const dashboards = { dashboard: async () => ({ channels, series: [], gaps: [] }) as unknown as Dashboard } as unknown as DashboardService
    const query = { fromDay: '2026-01-01', toDay: '2026-02-04' }
    const data = await reportData({ dashboards, repo }, query, 'Harbor Books', { generatedAt: 0 })
    expect(reads).toEqual([
      ['2026-01-01', '2026-01-10'],
      ['2026-01-11', '2026-01-20'],
      ['2026-01-21', '2026-01-30'],
      ['2026-01-31', '2026-02-04'],
    ])
    expect(data.rows).toHaveLength(35)
    expect(data.rows.map((r) => r.day.getTime())).toEqual(Array.from({ length: 35 }, (_, i) => (dayNumber('2026-01-01') + i) * DAY_MS))
    expect(data.rows[0]).toMatchObject({ channel: 'Channel 1', network: 'Facebook', metric: 'Views', value: dayNumber('2026-01-01'), source: 'page_media_view' })
  })
})
