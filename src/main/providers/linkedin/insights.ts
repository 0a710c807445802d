/**
 * LinkedIn statistics: an organisation's daily share and follower numbers, and one post's lifetime
 * totals, under Relink's metric names.
 */
import type { ChannelTarget, DailyMetric, ProviderContext } from '../types'
import { clientFor, restHeaders } from './api'
import { LINKEDIN_FOLLOWER_METRICS, LINKEDIN_INSIGHTS_LOOKBACK_DAYS, LINKEDIN_PATHS, LINKEDIN_SHARE_METRICS } from './config'
import { withRoleCheck } from './identity'
import { dayStart, encodeRestli, organizationUrn, restliList, restliUrl, utcDay } from './restli'
import { followerStatisticsSchema, shareStatisticsSchema } from './schemas'

const DAY_MS = 24 * 60 * 60 * 1000

/** A day's numbers under Relink's metric names, from one of LinkedIn's statistics objects. */
function metricsOf(day: string, values: Record<string, number> | undefined, table: Record<string, string>): DailyMetric[] {
  if (!values) return []
  const out: DailyMetric[] = []
  for (const [field, metric] of Object.entries(table)) {
    const value = values[field]
    if (typeof value === 'number' && Number.isFinite(value)) out.push({ day, metric, value })
  }
  return out
}

const shareMetrics = (day: string, stats: Record<string, number> | undefined): DailyMetric[] => metricsOf(day, stats, LINKEDIN_SHARE_METRICS)
const followerMetrics = (day: string, gains: Record<string, number> | undefined): DailyMetric[] => metricsOf(day, gains, LINKEDIN_FOLLOWER_METRICS)

/** Rest.li time-bound query: daily buckets between two UTC midnights. */
const dailyIntervals = (start: number, end: number): string =>
  `(timeRange:(start:${start},end:${end}),timeGranularityType:DAY)`

export async function channelInsights(ctx: ProviderContext, target: ChannelTarget, range: { sinceDay: string; untilDay: string }): Promise<DailyMetric[]> {
  // Member analytics need a separate LinkedIn product (r_member_postAnalytics) Relink does not request.
  if (target.kind !== 'organization') return []
  const today = dayStart(utcDay(ctx.clock.now()))
  const start = Math.max(dayStart(range.sinceDay), today - LINKEDIN_INSIGHTS_LOOKBACK_DAYS * DAY_MS)
  const end = Math.min(dayStart(range.untilDay) + DAY_MS, today + DAY_MS)
  if (!Number.isFinite(start) || !Number.isFinite(end) || start >= end) return []
  const org = encodeRestli(organizationUrn(target.networkChannelId))
  const query = (): (readonly [string, string])[] => [
    ['q', 'organizationalEntity'],
    ['organizationalEntity', org],
    ['timeIntervals', dailyIntervals(start, end)],
  ]
  const client = clientFor(ctx)
  return withRoleCheck(ctx, target, 'analyze', async () => {
    const { data: shares } = await client.json(
      { method: 'GET', url: restliUrl(ctx.endpoints.apiBase, LINKEDIN_PATHS.shareStatistics, query()), bearer: target.accessToken, headers: restHeaders() },
      shareStatisticsSchema,
    )
    const { data: followers } = await client.json(
      { method: 'GET', url: restliUrl(ctx.endpoints.apiBase, LINKEDIN_PATHS.followerStatistics, query()), bearer: target.accessToken, headers: restHeaders() },
      followerStatisticsSchema,
    )
    const metrics: DailyMetric[] = []
    for (const e of shares.elements) if (e.timeRange) metrics.push(...shareMetrics(utcDay(e.timeRange.start), e.totalShareStatistics))
    for (const e of followers.elements) if (e.timeRange) metrics.push(...followerMetrics(utcDay(e.timeRange.start), e.followerGains))
    return metrics.sort((a, b) => a.day.localeCompare(b.day) || a.metric.localeCompare(b.metric))
  })
}

/**
 * Lifetime totals of one post (share statistics narrowed to the post), recorded against the UTC
 * day they were read, so a series of reads shows the post's growth.
 */
export async function postInsights(ctx: ProviderContext, target: ChannelTarget, networkPostId: string): Promise<DailyMetric[]> {
  if (target.kind !== 'organization') return []
  const key = networkPostId.startsWith('urn:li:ugcPost:') ? 'ugcPosts' : 'shares'
  const url = restliUrl(ctx.endpoints.apiBase, LINKEDIN_PATHS.shareStatistics, [
    ['q', 'organizationalEntity'],
    ['organizationalEntity', encodeRestli(organizationUrn(target.networkChannelId))],
    [key, restliList([encodeRestli(networkPostId)])],
  ])
  return withRoleCheck(ctx, target, 'analyze', async () => {
    const { data } = await clientFor(ctx).json({ method: 'GET', url, bearer: target.accessToken, headers: restHeaders() }, shareStatisticsSchema)
    const day = utcDay(ctx.clock.now())
    return data.elements.flatMap((e) => shareMetrics(day, e.totalShareStatistics))
  })
}
