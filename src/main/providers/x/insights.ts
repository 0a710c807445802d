/**
 * X's numbers: each day's totals of the posts published that day with today's follower count
 * (v2 has no account analytics), and one post's lifetime totals.
 */
import { ProviderError } from '../provider-error'
import type { ChannelTarget, DailyMetric, ProviderContext } from '../types'
import { apiUrl, clientFor, readMe, readPages, snowflakeTime, xTime } from './api'
import { X_CHANNEL_METRICS, X_PATHS, X_POST_METRICS, X_READ } from './config'
import { XTweetLookup, type XTweet } from './schemas'

const DAY_MS = 24 * 60 * 60 * 1000
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10)
const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`)

function metricsOf(tweet: XTweet): Map<string, number> {
  const out = new Map<string, number>()
  for (const row of X_POST_METRICS) {
    const value = tweet[row.source]?.[row.field]
    if (value !== undefined) out.set(row.metric, value)
  }
  return out
}

/**
 * X has no account-level analytics in v2: each day's values are the sums of the metrics of the
 * posts published that day (lifetime totals as of now), plus today's follower count.
 */
export async function xChannelInsights(ctx: ProviderContext, target: ChannelTarget, range: { sinceDay: string; untilDay: string }): Promise<DailyMetric[]> {
  const now = ctx.clock.now()
  const start = dayStart(range.sinceDay)
  const end = Math.min(dayStart(range.untilDay) + DAY_MS, now - X_READ.endTimeSlackMs)
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) return []
  const fields = start >= now - X_READ.nonPublicMetricsWindowMs ? 'created_at,public_metrics,non_public_metrics' : 'created_at,public_metrics'
  const { tweets } = await readPages(
    ctx,
    target.accessToken,
    X_PATHS.userTweets(target.networkChannelId),
    { start_time: xTime(start), end_time: xTime(end), exclude: 'replies,retweets', 'tweet.fields': fields },
    'pagination_token',
  )
  const metricNames = [...new Set(X_POST_METRICS.filter((m) => fields.includes(m.source)).map((m) => m.metric))]
  const byDay = new Map<string, Map<string, number>>()
  for (let t = start; t < end; t += DAY_MS) {
    byDay.set(dayOf(t), new Map([[X_CHANNEL_METRICS.posts, 0], ...metricNames.map((m): [string, number] => [m, 0])]))
  }
  for (const tweet of tweets) {
    const created = tweet.created_at ? Date.parse(tweet.created_at) : snowflakeTime(tweet.id)
    if (created === undefined || !Number.isFinite(created)) continue
    const day = byDay.get(dayOf(created))
    if (!day) continue
    day.set(X_CHANNEL_METRICS.posts, (day.get(X_CHANNEL_METRICS.posts) ?? 0) + 1)
    for (const [metric, value] of metricsOf(tweet)) day.set(metric, (day.get(metric) ?? 0) + value)
  }
  const today = dayOf(now)
  if (today >= range.sinceDay && today <= range.untilDay) {
    const me = await readMe(ctx, target.accessToken, 'public_metrics')
    const followers = me.public_metrics?.followers_count
    if (followers !== undefined) byDay.get(today)?.set(X_CHANNEL_METRICS.followers, followers)
  }
  const out: DailyMetric[] = []
  for (const [day, metrics] of [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    for (const [metric, value] of metrics) out.push({ day, metric, value })
  }
  return out
}

/** Lifetime totals of one post as of today; owner-only metrics while the post is under 30 days old. */
export async function xPostInsights(ctx: ProviderContext, target: ChannelTarget, networkPostId: string): Promise<DailyMetric[]> {
  const now = ctx.clock.now()
  const created = snowflakeTime(networkPostId)
  const ownerMetrics = created !== undefined && created >= now - X_READ.nonPublicMetricsWindowMs
  const { data, raw } = await clientFor(ctx).json(
    {
      method: 'GET',
      url: apiUrl(ctx, X_PATHS.tweet(networkPostId)),
      bearer: target.accessToken,
      query: { 'tweet.fields': ownerMetrics ? 'created_at,public_metrics,non_public_metrics' : 'created_at,public_metrics' },
    },
    XTweetLookup,
  )
  if (!data.data) {
    // A deleted or hidden post is a fact about the post, not the connection: never transient.
    throw new ProviderError(
      'x',
      { reason: 'other', detail: 'X says this post no longer exists or this account cannot see it.' },
      { source: 'api', status: raw.status, headers: raw.headers, body: data },
    )
  }
  const today = dayOf(now)
  return [...metricsOf(data.data)].map(([metric, value]) => ({ day: today, metric, value }))
}
