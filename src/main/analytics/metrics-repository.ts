import type { Database } from 'better-sqlite3'
import { RELINK_METRICS, type DayString } from '../../shared/domain/analytics'
import type { RelinkDatabase } from '../db/client'
import type { Exclusive } from '../db/repositories/delivery-repository'
import { statementCache } from '../db/statement-cache'
import { writeMarkOf } from '../db/write-memo'

const DAY_MS = 86_400_000

/** Whole days since 1970-01-01 UTC: how days are stored. */
export const dayNumber = (day: DayString): number => Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS)
export const dayString = (n: number): DayString => new Date(n * DAY_MS).toISOString().slice(0, 10)
export const dayOfMs = (ms: number): DayString => new Date(ms).toISOString().slice(0, 10)

/** Each metric's sum and count per day over the channels, from one row per channel and day. */
const DAILY_TOTALS_SQL = `SELECT day, ${RELINK_METRICS.map((m) => `sum(${m}), count(${m})`).join(', ')} FROM channel_day_metrics
  WHERE channel_id IN (SELECT value FROM json_each(?)) AND day BETWEEN ? AND ? GROUP BY day ORDER BY day`

/** The same over the whole period in one row: no grouping by day, no temporary b-tree. */
export const PERIOD_TOTALS_SQL = `SELECT ${RELINK_METRICS.map((m) => `sum(${m}), count(${m})`).join(', ')} FROM channel_day_metrics
  WHERE channel_id IN (SELECT value FROM json_each(?)) AND day BETWEEN ? AND ?`

const METRICS_JSON = JSON.stringify(RELINK_METRICS)

export interface DailyValue {
  channelId: string
  metric: string
  day: DayString
  value: number
  source: string
}

export interface PostRow {
  channel_id: string
  network_post_id: string
  published_at: number
  url: string | null
  excerpt: string
  delivery_id: number | null
  next_read_at: number | null
  read_at: number | null
}

export type MetricsRepository = ReturnType<typeof createMetricsRepository>

export function createMetricsRepositoryFor(database: Pick<RelinkDatabase, 'sqlite' | 'db'>): MetricsRepository {
  return createMetricsRepository(database.sqlite, { exclusive: (work) => database.db.connection().execute(async () => work()) })
}

/** All SQL of analytics: daily channel values, refused metrics, posts and their latest values. */
export function createMetricsRepository(sqlite: Database, options: { exclusive?: Exclusive } = {}) {
  const exclusive: Exclusive = options.exclusive ?? (async (work) => work())
  const stmt = statementCache(sqlite)
  const writeMark = writeMarkOf(sqlite)

  return {
    /** Upserts values; returns how many were new or changed (a re-read of the same day counts nothing). */
    putDaily: (values: readonly DailyValue[], fetchedAt: number): Promise<number> =>
      exclusive(() => {
        const upsert = stmt(
          `INSERT INTO channel_metric_daily (channel_id, metric, day, value, source, fetched_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (channel_id, metric, day) DO UPDATE SET value = excluded.value, source = excluded.source, fetched_at = excluded.fetched_at
           WHERE value <> excluded.value OR source <> excluded.source`,
        )
        let changed = 0
        sqlite.transaction(() => {
          for (const v of values) changed += upsert.run(v.channelId, v.metric, dayNumber(v.day), v.value, v.source, fetchedAt).changes
        })()
        return changed
      }),

    /**
     * Follower change from daily follower snapshots, for networks that keep no history of it (X,
     * Mastodon): each day's count minus the day before's, only where both days were read, so a
     * gap in the snapshots is a gap in the change too, never a jump. Returns the values new or changed.
     */
    deriveFollowerChange: (channelId: string, fromDay: DayString, toDay: DayString, fetchedAt: number): Promise<number> =>
      exclusive(
        () =>
          stmt(
            `INSERT INTO channel_metric_daily (channel_id, metric, day, value, source, fetched_at)
             SELECT t.channel_id, 'follower_change', t.day, t.value - y.value, 'daily follower snapshots', ?
               FROM channel_metric_daily t JOIN channel_metric_daily y ON y.channel_id = t.channel_id AND y.metric = 'followers' AND y.day = t.day - 1
              WHERE t.channel_id = ? AND t.metric = 'followers' AND t.day BETWEEN ? AND ?
             ON CONFLICT (channel_id, metric, day) DO UPDATE SET value = excluded.value, source = excluded.source, fetched_at = excluded.fetched_at
             WHERE value <> excluded.value OR source <> excluded.source`,
          ).run(fetchedAt, channelId, dayNumber(fromDay), dayNumber(toDay)).changes,
      ),

    /** Distinct days with a stored value for a channel in [from, to]. */
    daysWithData: (channelId: string, fromDay: DayString, toDay: DayString): Promise<number> =>
      exclusive(
        () =>
          (stmt('SELECT count(DISTINCT day) AS n FROM channel_metric_daily WHERE channel_id = ? AND day BETWEEN ? AND ?').get(channelId, dayNumber(fromDay), dayNumber(toDay)) as {
            n: number
          }).n,
      ),

    markUnavailable: (channelId: string, source: string, since: number, detail: string): Promise<void> =>
      exclusive(() => {
        stmt('INSERT OR IGNORE INTO metric_unavailable (channel_id, source, since, detail) VALUES (?, ?, ?, ?)').run(channelId, source, since, detail)
      }),

    unavailable: (channelIds: readonly string[]): Promise<{ channelId: string; source: string; since: number; detail: string }[]> =>
      exclusive(() =>
        (
          stmt('SELECT channel_id, source, since, detail FROM metric_unavailable WHERE channel_id IN (SELECT value FROM json_each(?)) ORDER BY channel_id, source').all(
            JSON.stringify(channelIds),
          ) as { channel_id: string; source: string; since: number; detail: string }[]
        ).map((r) => ({ channelId: r.channel_id, source: r.source, since: r.since, detail: r.detail })),
      ),

    /**
     * Per metric and day, the sum over the channels (flows) and the values per channel (for
     * levels like followers, which sum per day too: each channel's count that day), with how many
     * channels had the value. Read from the one-row-per-channel-and-day table (migration 0013).
     */
    dailyTotals: (channelIds: readonly string[], fromDay: DayString, toDay: DayString): Promise<{ metric: string; day: number; value: number; channels: number }[]> =>
      exclusive(() => {
        const rows = stmt(DAILY_TOTALS_SQL)
          .raw()
          .all(JSON.stringify(channelIds), dayNumber(fromDay), dayNumber(toDay)) as (number | null)[][]
        const out: { metric: string; day: number; value: number; channels: number }[] = []
        for (const row of rows) {
          const day = row[0] ?? 0
          RELINK_METRICS.forEach((metric, i) => {
            const channels = row[2 + 2 * i] ?? 0
            if (channels > 0) out.push({ metric, day, value: row[1 + 2 * i] ?? 0, channels })
          })
        }
        return out
      }),

    /** Changes whenever anything is written to the database (write-memo.ts). */
    writeMark: (): Promise<string> => exclusive(writeMark),

    /**
     * Per metric, the sum over the channels and days of the period and how many channel-days had
     * a value: what a comparison with the previous period needs, without its days one by one.
     */
    periodTotals: (channelIds: readonly string[], fromDay: DayString, toDay: DayString): Promise<{ metric: string; value: number; values: number }[]> =>
      exclusive(() => {
        const row = (stmt(PERIOD_TOTALS_SQL).raw().get(JSON.stringify(channelIds), dayNumber(fromDay), dayNumber(toDay)) ?? []) as (number | null)[]
        return RELINK_METRICS.map((metric, i) => ({ metric, value: row[2 * i] ?? 0, values: row[2 * i + 1] ?? 0 })).filter((t) => t.values > 0)
      }),

    /**
     * A level (followers) over a period: each channel's latest value in the range, added up, so a
     * channel missing the last days (a gap) still counts with what it had, not as zero.
     */
    latestSum: (channelIds: readonly string[], metric: string, fromDay: DayString, toDay: DayString): Promise<number | null> =>
      exclusive(
        () =>
          (
            stmt(
              // One seek per channel to its last day in the range, not a pass over every day it has.
              `SELECT sum((SELECT value FROM channel_metric_daily WHERE channel_id = c.id AND metric = ? AND day BETWEEN ? AND ? ORDER BY day DESC LIMIT 1)) AS total
                 FROM (SELECT DISTINCT value AS id FROM json_each(?)) c`,
            ).get(metric, dayNumber(fromDay), dayNumber(toDay), JSON.stringify(channelIds)) as { total: number | null }
          ).total,
      ),

    /**
     * Rows for exports: one per channel, metric and day. Every stored metric is one of Relink's,
     * and naming them lets SQLite seek each channel's and metric's days instead of reading all of
     * a channel's history for a few days (what makes a large export readable a few days at a time).
     */
    dailyRows: (channelIds: readonly string[], fromDay: DayString, toDay: DayString): Promise<{ channel_id: string; metric: string; day: number; value: number; source: string }[]> =>
      exclusive(
        () =>
          stmt(
            `SELECT channel_id, metric, day, value, source FROM channel_metric_daily
              WHERE channel_id IN (SELECT value FROM json_each(?)) AND metric IN (SELECT value FROM json_each(?)) AND day BETWEEN ? AND ? ORDER BY day, channel_id, metric`,
          ).all(JSON.stringify(channelIds), METRICS_JSON, dayNumber(fromDay), dayNumber(toDay)) as { channel_id: string; metric: string; day: number; value: number; source: string }[],
      ),

    // -- posts ---------------------------------------------------------------------------------

    /**
     * Adds posts to follow (Relink's published deliveries, and posts read from the channel's own
     * timeline); keeps existing rows' schedules. A post first found on the timeline becomes
     * Relink's when its delivery is added later. Returns how many were new or became Relink's.
     */
    trackPosts: (posts: readonly Omit<PostRow, 'read_at'>[]): Promise<number> =>
      exclusive(() => {
        const put = stmt(
          `INSERT INTO metric_posts (channel_id, network_post_id, published_at, url, excerpt, delivery_id, next_read_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (channel_id, network_post_id) DO UPDATE SET delivery_id = excluded.delivery_id
           WHERE metric_posts.delivery_id IS NULL AND excluded.delivery_id IS NOT NULL`,
        )
        let added = 0
        sqlite.transaction(() => {
          for (const p of posts) added += put.run(p.channel_id, p.network_post_id, p.published_at, p.url, p.excerpt, p.delivery_id, p.next_read_at).changes
        })()
        return added
      }),

    duePosts: (channelId: string, now: number, limit: number): Promise<PostRow[]> =>
      exclusive(() => stmt('SELECT * FROM metric_posts WHERE channel_id = ? AND next_read_at <= ? ORDER BY next_read_at LIMIT ?').all(channelId, now, limit) as PostRow[]),

    postsIn: (channelId: string, fromMs: number, toMs: number): Promise<PostRow[]> =>
      exclusive(() => stmt('SELECT * FROM metric_posts WHERE channel_id = ? AND published_at >= ? AND published_at < ? ORDER BY published_at').all(channelId, fromMs, toMs) as PostRow[]),

    putPostValues: (channelId: string, networkPostId: string, values: readonly { metric: string; value: number }[], readAt: number, nextReadAt: number | null): Promise<number> =>
      exclusive(() => {
        const put = stmt(
          `INSERT INTO post_metric_latest (channel_id, network_post_id, metric, value, fetched_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (channel_id, network_post_id, metric) DO UPDATE SET value = excluded.value, fetched_at = excluded.fetched_at WHERE value <> excluded.value`,
        )
        let changed = 0
        sqlite.transaction(() => {
          for (const v of values) changed += put.run(channelId, networkPostId, v.metric, v.value, readAt).changes
          stmt('UPDATE metric_posts SET read_at = ?, next_read_at = ? WHERE channel_id = ? AND network_post_id = ?').run(readAt, nextReadAt, channelId, networkPostId)
        })()
        return changed
      }),

    /**
     * Posts published in the range with their latest values, for top posts and the heatmap.
     * `delivery_id` is Relink's published delivery with the same network post id on the channel
     * (the row's own link, else found in the Schedule), null for a post published elsewhere.
     */
    postsWithValues: (
      channelIds: readonly string[],
      fromMs: number,
      toMs: number,
    ): Promise<(PostRow & { metric: string | null; value: number | null })[]> =>
      exclusive(
        () =>
          stmt(
            `SELECT p.channel_id, p.network_post_id, p.published_at, p.url, p.excerpt, p.next_read_at, p.read_at,
                    coalesce(p.delivery_id, (SELECT d.id FROM deliveries d WHERE d.state = 'published' AND d.channel_id = p.channel_id AND d.network_post_id = p.network_post_id ORDER BY d.id LIMIT 1)) AS delivery_id,
                    v.metric, v.value
               FROM metric_posts p LEFT JOIN post_metric_latest v ON v.channel_id = p.channel_id AND v.network_post_id = p.network_post_id
              WHERE p.channel_id IN (SELECT value FROM json_each(?)) AND p.published_at >= ? AND p.published_at < ? ORDER BY p.published_at`,
          ).all(JSON.stringify(channelIds), fromMs, toMs) as (PostRow & { metric: string | null; value: number | null })[],
      ),
  }
}
