import { METRIC_LABELS, RELINK_METRICS, type AnalyticsQuery, type Dashboard, type RelinkMetric, type TopPost } from '../../shared/domain/analytics'
import { NETWORK_LABELS } from '../../shared/domain/network'
import { STREAM_LABELS } from '../../shared/domain/sync'
import type { DashboardService } from '../analytics/dashboard'
import { dayNumber, dayString, type MetricsRepository } from '../analytics/metrics-repository'
import { topPosts } from '../analytics/top-posts'
import { gapReasonWords } from '../../shared/domain/gap-copy'
import { periodChange } from '../../shared/domain/period-change'
import { yieldToLoop } from '../platform/yield-loop'

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
/** Stored values read between yields to the event loop: about 10 ms of main's time on a loaded machine. */
const ROWS_PER_READ = 10_000

/**
 * The daily table, read a few days at a time in day order with the loop yielded to in between,
 * so a year of a large brand (100k rows and more) never holds the main process in one piece.
 * Each day's Date is made once and shared by its rows.
 */
async function dailyReportRows(repo: MetricsRepository, dashboard: Dashboard, query: AnalyticsQuery): Promise<DailyReportRow[]> {
  const names = new Map(dashboard.channels.map((c) => [c.id, c]))
  const ids = [...names.keys()]
  const rows: DailyReportRow[] = []
  if (ids.length === 0) return rows
  const dates = new Map<number, Date>()
  const daysPerRead = Math.max(1, Math.floor(ROWS_PER_READ / (ids.length * RELINK_METRICS.length)))
  const last = dayNumber(query.toDay)
  for (let from = dayNumber(query.fromDay); from <= last; from += daysPerRead) {
    for (const r of await repo.dailyRows(ids, dayString(from), dayString(Math.min(last, from + daysPerRead - 1)))) {
      const channel = names.get(r.channel_id)
      let day = dates.get(r.day)
      if (!day) dates.set(r.day, (day = new Date(r.day * DAY_MS)))
      rows.push({
        day,
        channel: channel?.name ?? '',
        network: channel ? NETWORK_LABELS[channel.network] : '',
        metric: METRIC_LABELS[r.metric as RelinkMetric] ?? r.metric,
        value: r.value,
        source: r.source,
      })
    }
    await yieldToLoop()
  }
  return rows
}

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
  const rows = options.rows === false ? [] : await dailyReportRows(deps.repo, dashboard, query)
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
