import { describe, expect, it } from 'vitest'
import type { TopPost } from '../../shared/domain/analytics'
import { analyticsReportPage } from './analytics-page'
import type { ReportData } from './report-data'

const post = (id: string, deliveryId: number | null): TopPost => ({
  channelId: 'c1',
  channelName: 'Harbor Books',
  network: 'facebook',
  networkPostId: id,
  publishedAt: Date.UTC(2026, 0, 5, 10),
  url: null,
  excerpt: `Post ${id}`,
  deliveryId,
  metrics: { engagements: 5 },
})

describe('the analytics report page', () => {
  it('says of each top post whether it went out through Relink or elsewhere', async () => {
    const data = {
      title: 'Harbor Books analytics',
      period: '2026-01-01 to 2026-01-07',
      generatedAt: Date.UTC(2026, 0, 8),
      dashboard: {
        query: { fromDay: '2026-01-01', toDay: '2026-01-07' },
        days: [],
        previous: { fromDay: '2025-12-25', toDay: '2025-12-31' },
        channels: [],
        series: [],
        gaps: [],
        definitionChanges: [],
        unavailable: [],
        daysWithData: 0,
        lastSyncedAt: null,
      },
      topPosts: [post('p1', 7), post('p2', null)],
      kpis: [],
      rows: [],
      completeness: [],
    } satisfies ReportData
    const { html } = await analyticsReportPage(data, 'en-GB')
    const rows = html.slice(html.indexOf('id="posts"')).split('<tr>').slice(2)
    expect(rows[0]).toMatch(/Post p1[\s\S]*Through Relink/)
    expect(rows[1]).toMatch(/Post p2[\s\S]*Elsewhere/)
  })
})
