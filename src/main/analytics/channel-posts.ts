import type { StreamRun } from '../sync/types'
import type { MetricsRepository } from './metrics-repository'

const DAY = 86_400_000
/** Posts older than this get no more reads (see `nextPostRead`), so they are not followed either. */
const FOLLOW_FOR_MS = 365 * DAY
/**
 * How far before the last read a timeline is read again, for posts that show up late (a post
 * scheduled in the network's own app carries its planned time). Networks that page by id (X's
 * `since_id`) read only what is newer and never pay for this.
 */
const OVERLAP_MS = DAY

/** Where the reading of a channel's own timeline got to, kept in the stream's cursor. */
interface TimelineCursor {
  readTo: number
  newestId: string | null
}

function parseCursor(text: string | null): TimelineCursor | null {
  if (!text) return null
  try {
    const value = JSON.parse(text) as Partial<TimelineCursor>
    return typeof value.readTo === 'number' ? { readTo: value.readTo, newestId: typeof value.newestId === 'string' ? value.newestId : null } : null
  } catch {
    return null
  }
}

/**
 * Reads the channel's own recent posts, whoever published them, and follows each one not yet
 * followed (Relink's own are followed from its deliveries, under the same network post id, so a
 * post is never counted twice). The first read goes back the plan's hot set, at most a year;
 * later reads start where the last one ended. Every post read counts towards the run's reads
 * (X bills each). Returns the cursor for the next read and how many posts were new.
 */
export async function followChannelPosts(run: StreamRun, repo: MetricsRepository): Promise<{ cursor: string; added: number }> {
  const last = parseCursor(run.state.cursor)
  const oldest = run.now - FOLLOW_FOR_MS
  const sinceMs = last ? Math.max(oldest, last.readTo - OVERLAP_MS) : run.now - Math.min(run.plan.hotSetMs, FOLLOW_FOR_MS)
  const page = await run.call(() => run.adapter.recentPosts(run.provider, run.target, { sinceMs, afterId: last?.newestId ?? null }), (p) => p.posts.length)
  const fresh = page.posts.filter((p) => p.publishedAt >= oldest && p.publishedAt <= run.now)
  const added = await repo.trackPosts(
    fresh.map((p) => ({
      channel_id: run.channel.id,
      network_post_id: p.networkPostId,
      published_at: p.publishedAt,
      url: p.url,
      excerpt: p.text.slice(0, 160),
      delivery_id: null,
      next_read_at: run.now,
    })),
  )
  const newest = fresh.reduce<{ id: string; at: number } | null>((best, p) => (!best || p.publishedAt > best.at ? { id: p.networkPostId, at: p.publishedAt } : best), null)
  return { cursor: JSON.stringify({ readTo: run.now, newestId: newest?.id ?? last?.newestId ?? null } satisfies TimelineCursor), added }
}
