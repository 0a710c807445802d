import type { RelinkDatabase } from '../db/client'
import type { StreamReader, StreamRun } from '../sync/types'
import { followChannelPosts } from './channel-posts'
import type { MetricsRepository } from './metrics-repository'
import { entryFor } from './registry'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Posts read per run, oldest-due first; the rest wait for the next run (4 h later). */
const POSTS_PER_RUN = 50

/**
 * When a post's metrics are read next: every 4 hours for its first 10 days, daily to day 60,
 * weekly to a year, then never (Sprinklr's decaying schedule, wave2-anchors §3.6, §8.13).
 */
export function nextPostRead(publishedAt: number, now: number): number | null {
  const age = now - publishedAt
  if (age < 10 * DAY) return now + 4 * HOUR
  if (age < 60 * DAY) return now + DAY
  if (age < 365 * DAY) return now + 7 * DAY
  return null
}

interface PublishedRow {
  id: number
  network_post_id: string
  url: string | null
  published_at: number
  excerpt: string
}

/**
 * Reads lifetime metrics of a channel's posts on the decaying schedule: those Relink published
 * and, from the channel's own timeline, those published elsewhere. Values are stored in Relink's
 * terms through the registry.
 */
export function createPostMetricsReader(deps: { repo: MetricsRepository; database: Pick<RelinkDatabase, 'sqlite'> }): StreamReader {
  const published = deps.database.sqlite.prepare(
    `SELECT d.id, d.network_post_id, d.url, d.published_at, substr(p.text, 1, 160) AS excerpt
       FROM deliveries d JOIN posts p ON p.id = d.post_id
      WHERE d.channel_id = ? AND d.state = 'published' AND d.network_post_id IS NOT NULL AND d.published_at >= ?`,
  )

  async function trackPublished(run: StreamRun, sinceMs: number): Promise<void> {
    const rows = published.all(run.channel.id, sinceMs) as PublishedRow[]
    await deps.repo.trackPosts(
      rows.map((r) => ({
        channel_id: run.channel.id,
        network_post_id: r.network_post_id,
        published_at: r.published_at,
        url: r.url,
        excerpt: r.excerpt,
        delivery_id: r.id,
        next_read_at: run.now,
      })),
    )
  }

  async function readDue(run: StreamRun): Promise<number> {
    let stored = 0
    const due = await deps.repo.duePosts(run.channel.id, run.now, POSTS_PER_RUN)
    for (const [i, post] of due.entries()) {
      const raw = await run.call(() => run.adapter.postInsights(run.provider, run.target, post.network_post_id))
      const values = new Map<string, number>()
      for (const m of raw) {
        const entry = entryFor(run.channel.network, 'post', m.metric)
        if (entry) values.set(entry.metric, (values.get(entry.metric) ?? 0) + m.value)
      }
      stored += await deps.repo.putPostValues(
        run.channel.id,
        post.network_post_id,
        [...values].map(([metric, value]) => ({ metric, value })),
        run.now,
        nextPostRead(post.published_at, run.now),
      )
      run.progress(i + 1, due.length)
    }
    return stored
  }

  return {
    stream: 'post_metrics',
    appliesTo: () => true,
    async poll(run) {
      const since = run.now - 365 * DAY
      // Relink's own first, so a post of both lists is followed as Relink's.
      await trackPublished(run, since)
      const { cursor } = await followChannelPosts(run, deps.repo)
      const items = await readDue(run)
      return { watermarkTime: run.now, watermarkId: null, cursor, items }
    },
    async backfill(run, window) {
      // Lifetime totals: reading the posts again now recovers them; posts past the window are not asked.
      await trackPublished(run, window.from)
      const items = await readDue(run)
      return { recovered: items, unit: 'items', lostNote: '' }
    },
  }
}
