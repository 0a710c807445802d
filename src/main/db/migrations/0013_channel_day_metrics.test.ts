import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createMetricsRepository } from '../../analytics/metrics-repository'
import { MIGRATIONS } from './index'
import { m0013ChannelDayMetrics } from './0013_channel_day_metrics'

const before = (db: BetterSqlite3.Database): void => {
  for (const m of MIGRATIONS.filter((m) => m.version < m0013ChannelDayMetrics.version)) m.up(db)
}
const channel = (db: BetterSqlite3.Database, id: string): void => {
  db.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES (?, 'facebook', ?, 'page', ?, 1)").run(id, id, id)
}
const put = (db: BetterSqlite3.Database, channelId: string, metric: string, day: number, value: number): void => {
  db.prepare("INSERT INTO channel_metric_daily (channel_id, metric, day, value, source, fetched_at) VALUES (?, ?, ?, ?, 'x', 1)").run(channelId, metric, day, value)
}
const dayRows = (db: BetterSqlite3.Database): unknown[] => db.prepare('SELECT channel_id, day, followers, views, reach FROM channel_day_metrics ORDER BY channel_id, day').all()

describe('0013_channel_day_metrics', () => {
  it('lets a dashboard read one row per channel and day, seeking by channel and day range', async () => {
    const db = new BetterSqlite3(':memory:')
    before(db)
    const repo = createMetricsRepository(db)
    // Without the table there is nothing to read the totals from.
    await expect(repo.dailyTotals(['a'], '2026-01-01', '2026-01-31')).rejects.toThrow(/no such table: channel_day_metrics/)
    m0013ChannelDayMetrics.up(db)
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT day, sum(views) FROM channel_day_metrics WHERE channel_id IN (SELECT value FROM json_each(?)) AND day BETWEEN ? AND ? GROUP BY day`).all('[]', 1, 2) as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ')
    expect(plan).toMatch(/SEARCH channel_day_metrics USING PRIMARY KEY \(channel_id=\? AND day>\? AND day<\?\)/)
  })

  it('carries the values already stored over, then follows every insert, change and removal', async () => {
    const db = new BetterSqlite3(':memory:')
    before(db)
    db.pragma('foreign_keys = ON')
    channel(db, 'a')
    channel(db, 'b')
    put(db, 'a', 'views', 100, 7)
    put(db, 'a', 'followers', 100, 50)
    put(db, 'a', 'page_media_view_raw', 100, 1) // not one of Relink's metrics: not carried
    m0013ChannelDayMetrics.up(db)
    expect(dayRows(db)).toEqual([{ channel_id: 'a', day: 100, followers: 50, views: 7, reach: null }])

    const repo = createMetricsRepository(db)
    await repo.putDaily(
      [
        { channelId: 'a', metric: 'views', day: '1970-04-11', value: 9, source: 'x' }, // day 100, changed
        { channelId: 'a', metric: 'followers', day: '1970-04-12', value: 52, source: 'x' }, // day 101, new
        { channelId: 'b', metric: 'reach', day: '1970-04-11', value: 3, source: 'x' },
      ],
      2,
    )
    await repo.deriveFollowerChange('a', '1970-04-11', '1970-04-12', 2)
    expect(db.prepare('SELECT follower_change FROM channel_day_metrics WHERE channel_id = ? AND day = ?').get('a', 101)).toEqual({ follower_change: 2 })
    expect(dayRows(db)).toEqual([
      { channel_id: 'a', day: 100, followers: 50, views: 9, reach: null },
      { channel_id: 'a', day: 101, followers: 52, views: null, reach: null },
      { channel_id: 'b', day: 100, followers: null, views: null, reach: 3 },
    ])
    expect(await repo.dailyTotals(['a', 'b'], '1970-04-11', '1970-04-12')).toEqual([
      { metric: 'followers', day: 100, value: 50, channels: 1 },
      { metric: 'reach', day: 100, value: 3, channels: 1 },
      { metric: 'views', day: 100, value: 9, channels: 1 },
      { metric: 'followers', day: 101, value: 52, channels: 1 },
      { metric: 'follower_change', day: 101, value: 2, channels: 1 },
    ])

    db.prepare("DELETE FROM channel_metric_daily WHERE channel_id = 'a' AND metric = 'views'").run()
    expect(dayRows(db)).toContainEqual({ channel_id: 'a', day: 100, followers: 50, views: null, reach: null })
    db.prepare("DELETE FROM channels WHERE id = 'b'").run()
    expect(dayRows(db).map((r) => (r as { channel_id: string }).channel_id)).toEqual(['a', 'a'])
  })
})
