import { METRIC_LABELS, type AnalyticsQuery, type Dashboard, type RelinkMetric, type TopPost } from '../../shared/domain/analytics'
import { NETWORK_LABELS } from '../../shared/domain/network'
import { STREAM_LABELS } from '../../shared/domain/sync'
import type { DashboardService } from '../analytics/dashboard'
import { dayNumber, dayString, type MetricsRepository } from '../analytics/metrics-repository'
import { topPosts } from '../analytics/top-posts'
import { gapReasonWords } from '../../shared/domain/gap-copy'
import { periodChange } from '../../shared/domain/period-change'

/** One row of a report's daily table. */
export interface DailyReportRow {
  day: Date
  channel: string
  network: string
  metric: string
  value: number
  source: string
}

/** Everything a report shows, whatever the format. */
export interface ReportData {
  title: string
  period: string
  /** When the report was made (unix ms). */
  generatedAt: number
  dashboard: Dashboard
  /** Best posts of the period (only for formats that show them). */
  topPosts: TopPost[]
  kpis: { metric: string; total: number | null; previous: number | null; change: string }[]
  rows: DailyReportRow[]
  completeness: { channel: string; network: string; stream: string; from: Date; to: Date | null; reason: string; recovered: string; lost: string }[]
}

const DAY_MS = 86_400_000

/**
 * Gathers a report's content from the dashboard and the stored daily values. `rows: false` leaves
 * the daily table out (the PDF shows charts instead); `posts: true` adds the top posts.
 */
export async function reportData(
  deps: { dashboards: DashboardService; repo: MetricsRepository },
  query: AnalyticsQuery,
  title: string,
  options: { generatedAt: number; rows?: boolean; posts?: boolean; locale?: string },
): Promise<ReportData> {
  const dashboard = await deps.dashboards.dashboard(query)
  const names = new Map(dashboard.channels.map((c) => [c.id, c]))
  const stored = options.rows === false ? [] : await deps.repo.dailyRows(dashboard.channels.map((c) => c.id), query.fromDay, query.toDay)
  const rows = stored.map((r) => {
    const channel = names.get(r.channel_id)
    return {
      day: new Date(`${dayString(r.day)}T00:00:00Z`),
      channel: channel?.name ?? '',
      network: channel ? NETWORK_LABELS[channel.network] : '',
      metric: METRIC_LABELS[r.metric as RelinkMetric] ?? r.metric,
      value: r.value,
      source: r.source,
    }
  })
  const posts = options.posts ? await topPosts(deps.repo, dashboard.channels, dayNumber(query.fromDay) * DAY_MS, (dayNumber(query.toDay) + 1) * DAY_MS) : []
  return {
    title,
    period: `${query.fromDay} to ${query.toDay}`,
    generatedAt: options.generatedAt,
    dashboard,
    topPosts: posts,
    kpis: dashboard.series.map((s) => ({ metric: METRIC_LABELS[s.metric], total: s.total, previous: s.previousTotal, change: periodChange(s.total, s.previousTotal, options.locale)?.text ?? '' })),
    rows,
    completeness: dashboard.gaps.map((g) => ({
      channel: g.channelName,
      network: NETWORK_LABELS[g.network],
      stream: STREAM_LABELS[g.stream],
      from: new Date(g.from),
      to: g.to === null ? null : new Date(g.to),
      reason: gapReasonWords(g.reason),
      recovered: g.state === 'closed' ? `${g.recovered} ${g.recoveredUnit} recovered` : g.state === 'backfilling' ? 'Reading back now' : 'Not recovered yet',
      lost: g.lostBefore !== null ? `Data before ${new Date(g.lostBefore).toISOString().slice(0, 10)} is gone for good. ${g.lostNote}`.trim() : g.lostNote,
    })),
  }
}
