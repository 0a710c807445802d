import type { Migration } from './types'

/** Relink's metrics as they stand at this migration; a later metric gets its column in a later one. */
const METRICS = ['followers', 'follower_change', 'reach', 'views', 'engagements', 'reactions', 'comments', 'shares', 'clicks', 'video_views'] as const
const IN_LIST = METRICS.map((m) => `'${m}'`).join(', ')
const setEach = (row: 'NEW' | 'OLD', value: string): string => METRICS.map((m) => `${m} = CASE WHEN ${row}.metric = '${m}' THEN ${value} ELSE ${m} END`).join(', ')

/**
 * A channel's day in one row: every metric of `channel_metric_daily` for that channel and day side
 * by side, kept in step by triggers whoever writes the daily values (reads, derived follower
 * changes, a channel removed). A 90-day dashboard of 50 channels with its previous period reads
 * 9,000 of these instead of 90,000 metric rows; a value never read stays null (a gap, not a zero).
 */
export const m0013ChannelDayMetrics: Migration = {
  version: 13,
  name: '0013_channel_day_metrics',
  up(db) {
    db.exec(`
      CREATE TABLE channel_day_metrics (
        channel_id TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
        day INTEGER NOT NULL,
        ${METRICS.map((m) => `${m} REAL`).join(',\n        ')},
        PRIMARY KEY (channel_id, day)
      ) STRICT, WITHOUT ROWID;

      INSERT INTO channel_day_metrics (channel_id, day, ${METRICS.join(', ')})
        SELECT channel_id, day, ${METRICS.map((m) => `max(CASE WHEN metric = '${m}' THEN value END)`).join(', ')}
          FROM channel_metric_daily WHERE metric IN (${IN_LIST}) GROUP BY channel_id, day;

      CREATE TRIGGER channel_day_metrics_on_insert AFTER INSERT ON channel_metric_daily WHEN NEW.metric IN (${IN_LIST}) BEGIN
        INSERT INTO channel_day_metrics (channel_id, day) VALUES (NEW.channel_id, NEW.day) ON CONFLICT (channel_id, day) DO NOTHING;
        UPDATE channel_day_metrics SET ${setEach('NEW', 'NEW.value')} WHERE channel_id = NEW.channel_id AND day = NEW.day;
      END;

      CREATE TRIGGER channel_day_metrics_on_update AFTER UPDATE OF value ON channel_metric_daily WHEN NEW.metric IN (${IN_LIST}) BEGIN
        UPDATE channel_day_metrics SET ${setEach('NEW', 'NEW.value')} WHERE channel_id = NEW.channel_id AND day = NEW.day;
      END;

      CREATE TRIGGER channel_day_metrics_on_delete AFTER DELETE ON channel_metric_daily WHEN OLD.metric IN (${IN_LIST}) BEGIN
        UPDATE channel_day_metrics SET ${setEach('OLD', 'NULL')} WHERE channel_id = OLD.channel_id AND day = OLD.day;
      END;
    `)
  },
}
