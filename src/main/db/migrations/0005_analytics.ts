import type { Migration } from './types'

/**
 * Analytics storage: daily channel metrics in Relink's terms (with the network's name they came
 * from, so a rename stays visible), metrics a network refused, posts and their latest lifetime
 * metrics, and scheduled reports. Days are stored as whole days since 1970-01-01 UTC so range
 * queries are integer comparisons on the primary key.
 */
export const m0005Analytics: Migration = {
  version: 5,
  name: '0005_analytics',
  up(db) {
    db.exec(`
      CREATE TABLE channel_metric_daily (
        channel_id TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
        metric TEXT NOT NULL,
        day INTEGER NOT NULL,
        value REAL NOT NULL,
        -- The network's metric name(s) the value came from ("page_media_view").
        source TEXT NOT NULL,
        fetched_at INTEGER NOT NULL,
        PRIMARY KEY (channel_id, metric, day)
      ) STRICT, WITHOUT ROWID;

      -- A metric the network refused ("(#100) … valid insights metric"): not asked for again.
      CREATE TABLE metric_unavailable (
        channel_id TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        since INTEGER NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (channel_id, source)
      ) STRICT, WITHOUT ROWID;

      -- Posts whose metrics Relink follows, on a decaying schedule after publishing.
      CREATE TABLE metric_posts (
        channel_id TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
        network_post_id TEXT NOT NULL,
        published_at INTEGER NOT NULL,
        url TEXT,
        excerpt TEXT NOT NULL DEFAULT '',
        -- Set when Relink published it.
        delivery_id INTEGER,
        next_read_at INTEGER,
        read_at INTEGER,
        PRIMARY KEY (channel_id, network_post_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX metric_posts_due ON metric_posts(next_read_at) WHERE next_read_at IS NOT NULL;
      CREATE INDEX metric_posts_by_time ON metric_posts(channel_id, published_at);

      CREATE TABLE post_metric_latest (
        channel_id TEXT NOT NULL,
        network_post_id TEXT NOT NULL,
        metric TEXT NOT NULL,
        value REAL NOT NULL,
        fetched_at INTEGER NOT NULL,
        PRIMARY KEY (channel_id, network_post_id, metric),
        FOREIGN KEY (channel_id, network_post_id) REFERENCES metric_posts(channel_id, network_post_id) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE report_schedules (
        id TEXT PRIMARY KEY,
        brand_id TEXT REFERENCES brands(id) ON DELETE CASCADE,
        cadence TEXT NOT NULL CHECK (cadence IN ('weekly', 'monthly')),
        format TEXT NOT NULL CHECK (format IN ('csv', 'xlsx', 'pdf')),
        folder TEXT NOT NULL,
        next_run_at INTEGER NOT NULL,
        last_run_at INTEGER,
        last_file TEXT,
        last_error TEXT,
        created_at INTEGER NOT NULL
      ) STRICT;
    `)
  },
}
