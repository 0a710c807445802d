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
  /** Relink's delivery that published it (matched by the network's post id); null for a post published elsewhere. */
  deliveryId: number | null
  metrics: Partial<Record<RelinkMetric, number>>
}

/** The metrics a post carries (lifetime values), in the order the top-posts table shows them. */
export const POST_METRICS = ['engagements', 'views', 'reach', 'reactions', 'comments', 'shares', 'clicks', 'video_views'] as const satisfies readonly RelinkMetric[]
export type PostMetric = (typeof POST_METRICS)[number]

/** Top posts and best times to post over a dashboard's scope and range. */
export interface PostsQuery extends AnalyticsQuery {
  /** What ranks the posts and colours the best-time grid. */
  sortBy: PostMetric
  direction: 'desc' | 'asc'
  /** The IANA zone the best-time grid's days and hours are read in (the window's own). */
  timeZone: string
  /** Posts listed; at most 100. Default 10. */
  limit?: number
}

/** One hour of one weekday in the best-time grid: the posts published then and their mean. */
export interface BestTimeSlot {
  /** 0 = Monday … 6 = Sunday. */
  weekday: number
  /** 0–23 in the query's zone. */
  hour: number
  posts: number
  /** Mean of the metric over the posts that report it; null when none does. */
  average: number | null
}

/** Where a post came from: published through Relink (a delivery of the Schedule) or on the network some other way. */
export type PostOrigin = 'relink' | 'elsewhere'

export const POST_ORIGIN_LABELS: Record<PostOrigin, string> = { relink: 'Through Relink', elsewhere: 'Elsewhere' }

/** A post's origin: Relink's when one of Relink's deliveries published it. */
export const postOrigin = (post: Pick<TopPost, 'deliveryId'>): PostOrigin => (post.deliveryId !== null ? 'relink' : 'elsewhere')

/** One group of the range's posts by origin: how many, their share of all, and what an average post of the group got. */
export interface OriginSummary {
  origin: PostOrigin
  posts: number
  /** Of all the range's posts, 0–1; 0 when there are none. */
  share: number
  /** Means over the group's posts that report the metric; null when none does. */
  engagementsPerPost: number | null
  viewsPerPost: number | null
}

export interface PostsReport {
  sortBy: PostMetric
  direction: 'desc' | 'asc'
  posts: TopPost[]
  /** Every post published in the range on these channels (the table lists the first `limit`). */
  totalPosts: number
  /** The metrics at least one of those posts reports, in table order. */
  metrics: PostMetric[]
  /** Only slots with at least one post. */
  bestTimes: BestTimeSlot[]
  /** Posts through Relink, then posts elsewhere, over every post of the range. */
  origins: OriginSummary[]
  timeZone: string
}

/** A post's value of a metric; engagements, where the network reports none, are its reactions, comments and shares. */
export function postValue(post: Pick<TopPost, 'metrics'>, metric: RelinkMetric): number | null {
  const value = post.metrics[metric]
  if (value !== undefined) return value
  if (metric !== 'engagements') return null
  const parts = [post.metrics.reactions, post.metrics.comments, post.metrics.shares].filter((v): v is number => v !== undefined)
  return parts.length ? parts.reduce((a, b) => a + b, 0) : null
}
