import { RELINK_METRICS, type ChannelRef, type RelinkMetric, type TopPost } from '../../shared/domain/analytics'
import type { MetricsRepository } from './metrics-repository'

/** What ranks a post: what people did with it, then how often it was seen. */
const RANK: readonly RelinkMetric[] = ['engagements', 'reactions', 'views', 'reach']

const score = (post: TopPost): number[] =>
  RANK.map((m) => post.metrics[m] ?? (m === 'engagements' ? (post.metrics.reactions ?? 0) + (post.metrics.comments ?? 0) + (post.metrics.shares ?? 0) : 0))

/** The posts published in [fromMs, toMs) on these channels, best first, with their latest values. */
export async function topPosts(repo: MetricsRepository, channels: readonly ChannelRef[], fromMs: number, toMs: number, limit = 10): Promise<TopPost[]> {
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
  const compare = (a: TopPost, b: TopPost): number => {
    const sa = score(a)
    const sb = score(b)
    for (let i = 0; i < sa.length; i++) if ((sb[i] ?? 0) !== (sa[i] ?? 0)) return (sb[i] ?? 0) - (sa[i] ?? 0)
    return b.publishedAt - a.publishedAt
  }
  return [...posts.values()].sort(compare).slice(0, limit)
}
