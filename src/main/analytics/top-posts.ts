import {
  postOrigin,
  postValue,
  RELINK_METRICS,
  type BestTimeSlot,
  type ChannelRef,
  type OriginSummary,
  type PostMetric,
  type PostOrigin,
  type RelinkMetric,
  type TopPost,
} from '../../shared/domain/analytics'
import { AppError } from '../../shared/errors'
import type { MetricsRepository } from './metrics-repository'

/** What ranks a post by default: what people did with it, then how often it was seen. */
const RANK: readonly RelinkMetric[] = ['engagements', 'reactions', 'views', 'reach']

/** The posts published in [fromMs, toMs) on these channels with their latest values, oldest first. */
export async function postsIn(repo: MetricsRepository, channels: readonly ChannelRef[], fromMs: number, toMs: number): Promise<TopPost[]> {
  const byId = new Map(channels.map((c) => [c.id, c]))
  const posts = new Map<string, TopPost>()
  for (const row of await repo.postsWithValues([...byId.keys()], fromMs, toMs)) {
    const channel = byId.get(row.channel_id)
    if (!channel) continue
    const key = `${row.channel_id}\u0000${row.network_post_id}`
    let post = posts.get(key)
    if (!post) {
      post = {
        channelId: channel.id,
        channelName: channel.name,
        network: channel.network,
        networkPostId: row.network_post_id,
        publishedAt: row.published_at,
        url: row.url,
        excerpt: row.excerpt,
        deliveryId: row.delivery_id,
        metrics: {},
      }
      posts.set(key, post)
    }
    if (row.metric !== null && row.value !== null && (RELINK_METRICS as readonly string[]).includes(row.metric)) post.metrics[row.metric as RelinkMetric] = row.value
  }
  return [...posts.values()]
}

/**
 * Posts ordered by one metric, highest first (or lowest with `asc`); posts that do not report
 * the metric come last either way, and ties go to the newer post.
 */
export function rankPosts(posts: readonly TopPost[], metric: PostMetric, direction: 'desc' | 'asc'): TopPost[] {
  const sign = direction === 'desc' ? -1 : 1
  return [...posts].sort((a, b) => {
    const va = postValue(a, metric)
    const vb = postValue(b, metric)
    if (va === null || vb === null) return va === vb ? b.publishedAt - a.publishedAt : va === null ? 1 : -1
    return va !== vb ? sign * (va - vb) : b.publishedAt - a.publishedAt
  })
}

/** The posts published in [fromMs, toMs) on these channels, best first, with their latest values (reports). */
export async function topPosts(repo: MetricsRepository, channels: readonly ChannelRef[], fromMs: number, toMs: number, limit = 10): Promise<TopPost[]> {
  const score = (post: TopPost): number[] => RANK.map((m) => postValue(post, m) ?? 0)
  const compare = (a: TopPost, b: TopPost): number => {
    const sa = score(a)
    const sb = score(b)
    for (let i = 0; i < sa.length; i++) if ((sb[i] ?? 0) !== (sa[i] ?? 0)) return (sb[i] ?? 0) - (sa[i] ?? 0)
    return b.publishedAt - a.publishedAt
  }
  return (await postsIn(repo, channels, fromMs, toMs)).sort(compare).slice(0, limit)
}

const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 }
/** Every zone's offset is a multiple of 15 minutes: one reading per quarter hour serves all posts in it. */
const QUARTER_HOUR = 900_000

/** Reads instants as weekday and hour in an IANA zone; refuses a zone the system does not know. */
export function weekHourIn(timeZone: string): (ms: number) => { weekday: number; hour: number } {
  let format: Intl.DateTimeFormat
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' })
  } catch {
    throw new AppError('validation', `“${timeZone}” is not a time zone this computer knows.`)
  }
  const seen = new Map<number, { weekday: number; hour: number }>()
  return (ms) => {
    const key = Math.floor(ms / QUARTER_HOUR)
    let slot = seen.get(key)
    if (!slot) {
      const parts = format.formatToParts(key * QUARTER_HOUR)
      slot = { weekday: WEEKDAYS[parts.find((p) => p.type === 'weekday')?.value ?? ''] ?? 0, hour: Number(parts.find((p) => p.type === 'hour')?.value ?? 0) % 24 }
      seen.set(key, slot)
    }
    return slot
  }
}

/**
 * When posts did best: for each weekday and hour (in `timeZone`) the posts published then and the
 * mean of `metric` over those that report it. Only slots with posts are returned.
 */
export function bestTimes(posts: readonly TopPost[], metric: PostMetric, timeZone: string): BestTimeSlot[] {
  const at = weekHourIn(timeZone)
  const slots = new Map<number, { weekday: number; hour: number; posts: number; sum: number; counted: number }>()
  for (const post of posts) {
    const { weekday, hour } = at(post.publishedAt)
    const key = weekday * 24 + hour
    let slot = slots.get(key)
    if (!slot) slots.set(key, (slot = { weekday, hour, posts: 0, sum: 0, counted: 0 }))
    slot.posts += 1
    const value = postValue(post, metric)
    if (value !== null) {
      slot.sum += value
      slot.counted += 1
    }
  }
  return [...slots.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, s]) => ({ weekday: s.weekday, hour: s.hour, posts: s.posts, average: s.counted ? s.sum / s.counted : null }))
}

const ORIGINS: readonly PostOrigin[] = ['relink', 'elsewhere']

/** The mean of a metric over the posts that report it; null when none does. */
function perPost(posts: readonly TopPost[], metric: RelinkMetric): number | null {
  const values = posts.map((p) => postValue(p, metric)).filter((v): v is number => v !== null)
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null
}

/** Posts through Relink against posts published elsewhere: count, share and an average post's engagements and views. */
export function compareOrigins(posts: readonly TopPost[]): OriginSummary[] {
  return ORIGINS.map((origin) => {
    const group = posts.filter((p) => postOrigin(p) === origin)
    return {
      origin,
      posts: group.length,
      share: posts.length ? group.length / posts.length : 0,
      engagementsPerPost: perPost(group, 'engagements'),
      viewsPerPost: perPost(group, 'views'),
    }
  })
}
