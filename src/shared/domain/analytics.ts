/**
 * Analytics as the window sees it: Relink's own metric names (every network's metrics map onto
 * these through the metric registry), dashboard data and report formats.
 */
import type { Network } from './network'
import type { SyncGap } from './sync'

export const RELINK_METRICS = [
  'followers',
  'follower_change',
  'reach',
  'views',
  'engagements',
  'reactions',
  'comments',
  'shares',
  'clicks',
  'video_views',
] as const
export type RelinkMetric = (typeof RELINK_METRICS)[number]

export const METRIC_LABELS: Record<RelinkMetric, string> = {
  followers: 'Followers',
  follower_change: 'Follower change',
  reach: 'Reach',
  views: 'Views',
  engagements: 'Engagements',
  reactions: 'Reactions',
  comments: 'Comments',
  shares: 'Shares',
  clicks: 'Clicks',
  video_views: 'Video views',
}

/**
 * How a metric adds up over days: flows sum (views per day), levels take the last value of the
 * period (the follower count on its last day).
 */
export const METRIC_AGGREGATION: Record<RelinkMetric, 'sum' | 'last'> = {
  followers: 'last',
  follower_change: 'sum',
  reach: 'sum',
  views: 'sum',
  engagements: 'sum',
  reactions: 'sum',
  comments: 'sum',
  shares: 'sum',
  clicks: 'sum',
  video_views: 'sum',
}

/** A day as `YYYY-MM-DD` in UTC. */
export type DayString = string

/** Where a network changed what a metric means: charts mark it instead of splicing silently. */
export interface DefinitionChange {
  network: Network
  metric: RelinkMetric
  day: DayString
  /** The network's names before and after ("page_impressions" → "page_media_view"). */
  from: string
  to: string | null
  note: string
}

export interface AnalyticsQuery {
  brandId?: string
  channelIds?: string[]
  network?: Network
  /** Inclusive first and last day. */
  fromDay: DayString
  toDay: DayString
}

export interface MetricSeries {
  metric: RelinkMetric
  /** One value per day of the range; null where no channel had data (a gap, not a zero). */
  values: (number | null)[]
  total: number | null
  previousTotal: number | null
}

export interface ChannelRef {
  id: string
  name: string
  network: Network
}

export interface Dashboard {
  query: AnalyticsQuery
  days: DayString[]
  /** The previous period of the same length, for deltas. */
  previous: { fromDay: DayString; toDay: DayString }
  channels: ChannelRef[]
  series: MetricSeries[]
  /** Gaps of the metric streams of these channels overlapping the range (with reasons). */
  gaps: (SyncGap & { channelName: string; network: Network })[]
  definitionChanges: DefinitionChange[]
  /** Metrics a network refused and Relink stopped asking for. */
  unavailable: { channelId: string; source: string; since: number; detail: string }[]
  /** Days in the range with at least one stored value. */
  daysWithData: number
  /** When Relink last read these channels' metrics; null before the first read. */
  lastSyncedAt: number | null
}

export const REPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/** A post Relink follows, with its latest lifetime values, for top posts. */
export interface TopPost {
  channelId: string
  channelName: string
  network: Network
  networkPostId: string
  publishedAt: number
  url: string | null
  excerpt: string
  /** Set when Relink published it. */
  deliveryId: number | null
  metrics: Partial<Record<RelinkMetric, number>>
}
