import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from '.'
import { m0005Analytics } from './0005_analytics'

function migrated(withData: (db: BetterSqlite3.Database) => void = () => undefined) {
  const db = new BetterSqlite3(':memory:')
  db.pragma('foreign_keys = ON')
  for (const m of MIGRATIONS.filter((m) => m.version < m0005Analytics.version)) m.up(db)
  withData(db)
  m0005Analytics.up(db)
  return db
}
const channel = (db: BetterSqlite3.Database, id: string) =>
  db.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES (?, 'facebook', ?, 'page', 'Ch', 1)").run(id, `n-${id}`)

describe('0005_analytics', () => {
  it('keeps channels and adds STRICT analytics tables', () => {
    const db = migrated((d) => channel(d, 'c1'))
    expect(db.prepare('SELECT id FROM channels').all()).toEqual([{ id: 'c1' }])
    const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE name IN ('channel_metric_daily', 'metric_unavailable', 'metric_posts', 'post_metric_latest', 'report_schedules') ORDER BY name").all()
    expect(tables).toHaveLength(5)
    expect(tables.every((t) => (t as { strict: number }).strict === 1)).toBe(true)
  })

  it('keeps one value per channel, metric and day, typed', () => {
    const db = migrated((d) => channel(d, 'c1'))
    const put = db.prepare("INSERT INTO channel_metric_daily (channel_id, metric, day, value, source, fetched_at) VALUES ('c1', 'views', ?, ?, 'page_media_view', 1)")
    put.run(20_000, 5)
    expect(() => put.run(20_000, 6)).toThrow(/UNIQUE|PRIMARY/)
    expect(() => put.run('monday', 6)).toThrow(/cannot store TEXT/)
  })

  it('answers a dashboard range from the primary key', () => {
    const db = migrated()
    const plan = (db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT day, sum(value) FROM channel_metric_daily
          WHERE channel_id IN (SELECT value FROM json_each('["a","b"]')) AND metric IN (SELECT value FROM json_each('["views","reach"]')) AND day BETWEEN 1 AND 90 GROUP BY day`,
      )
      .all() as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ')
    expect(plan).toMatch(/SEARCH channel_metric_daily USING PRIMARY KEY \(channel_id=\? AND metric=\? AND day>\? AND day<\?\)/)
  })

  it('drops a channel’s metrics, posts and their values with the channel', () => {
    const db = migrated((d) => channel(d, 'c1'))
    db.prepare("INSERT INTO channel_metric_daily VALUES ('c1', 'views', 1, 2, 's', 1)").run()
    db.prepare("INSERT INTO metric_posts (channel_id, network_post_id, published_at) VALUES ('c1', 'p1', 1)").run()
    db.prepare("INSERT INTO post_metric_latest VALUES ('c1', 'p1', 'views', 3, 1)").run()
    db.prepare("INSERT INTO metric_unavailable (channel_id, source, since) VALUES ('c1', 'page_video_views', 1)").run()
    db.prepare("DELETE FROM channels WHERE id = 'c1'").run()
    for (const t of ['channel_metric_daily', 'metric_posts', 'post_metric_latest', 'metric_unavailable']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${t}`).get(), t).toEqual({ n: 0 })
    }
  })

  it('checks report cadences and formats', () => {
    const db = migrated()
    const put = db.prepare("INSERT INTO report_schedules (id, cadence, format, folder, next_run_at, created_at) VALUES (?, ?, ?, '/tmp', 1, 1)")
    put.run('a', 'weekly', 'pdf')
    expect(() => put.run('b', 'daily', 'pdf')).toThrow(/CHECK/)
    expect(() => put.run('c', 'monthly', 'docx')).toThrow(/CHECK/)
  })
})
