import type { Migration } from './types'

/**
 * The scheduler's tables. SQLite is the truth for every planned post: nothing lives only in a
 * timer. A post to several channels becomes one delivery per channel, and each delivery moves
 * through its states in single transactions so a crash always leaves a state that says what is
 * known (RELIABILITY anchors §2.1: claim, intent before the network call, then the result).
 */
export const m0003Scheduler: Migration = {
  version: 3,
  name: '0003_scheduler',
  up(db) {
    db.exec(`
      -- Images are kept by content hash, so a file moved or edited after composing cannot change
      -- or break a scheduled post, and one image used by many posts is stored once.
      CREATE TABLE media (
        sha256 TEXT PRIMARY KEY,
        mime_type TEXT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        size_bytes INTEGER NOT NULL,
        bytes BLOB NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE posts (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'cancelled')),
        text TEXT NOT NULL DEFAULT '',
        link TEXT,
        -- Where the image came from (shown to the user) and the stored bytes it refers to.
        image_path TEXT,
        image_sha256 TEXT REFERENCES media(sha256),
        image_alt TEXT,
        -- Unix ms UTC; null for a draft without a time yet.
        publish_at INTEGER,
        -- IANA zone the user planned in, for showing and moving the time as they think of it.
        time_zone TEXT NOT NULL,
        -- The channels picked in the composer, comma separated; deliveries exist once scheduled.
        channel_ids TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX posts_by_status ON posts(status, updated_at);

      CREATE TABLE deliveries (
        -- A rowid: bulk scheduling writes thousands of deliveries, and an integer key spares each
        -- row a separate primary-key index (about a quarter of the insert cost).
        id INTEGER PRIMARY KEY,
        post_id TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
        channel_id TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN (
          'scheduled', 'claimed', 'publishing', 'published', 'held', 'failed', 'needs_review', 'skipped', 'missed'
        )),
        -- When the user wants it out (unix ms UTC).
        due_at INTEGER NOT NULL,
        -- When the scheduler acts next: the due time, a retry after a wait, or a re-check of an
        -- unknown outcome. Null while nothing is planned (in flight, or in a final state).
        next_attempt_at INTEGER,
        attempt_count INTEGER NOT NULL DEFAULT 0,
        -- The short tag put into the published text so an unknown outcome can be looked up.
        marker TEXT NOT NULL UNIQUE,
        network_post_id TEXT,
        url TEXT,
        held_reason TEXT,
        held_detail TEXT,
        failure_reason TEXT,
        failure_detail TEXT,
        claimed_at INTEGER,
        -- Set, and committed, before a publish request leaves; cleared only when the network has
        -- answered that nothing was created. While set, the next attempt first looks for the post.
        intent_at INTEGER,
        published_at INTEGER,
        -- One desktop notification per delivery and problem, across restarts.
        notified_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (post_id, channel_id)
      ) STRICT;
      -- Calendar ranges, missed and forecast lookups.
      CREATE INDEX deliveries_by_state_due ON deliveries(state, due_at);
      -- The one wake-up: the smallest next_attempt_at among scheduled rows is a single index seek.
      CREATE INDEX deliveries_by_state_next ON deliveries(state, next_attempt_at);
      -- No index leads with channel_id: per-channel questions (held, free slots, forecast) start
      -- from a state, and every index costs each of the thousands of rows a bulk schedule writes.

      -- Every publish attempt and every lookup, with what the network said, for the delivery's history.
      CREATE TABLE delivery_attempts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        delivery_id INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('publish', 'lookup')),
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        outcome TEXT,
        reason TEXT,
        detail TEXT NOT NULL DEFAULT '',
        -- The network's raw answer (status, headers, body), redacted; never token material.
        raw TEXT
      ) STRICT;
      CREATE INDEX delivery_attempts_by_delivery ON delivery_attempts(delivery_id, id);
    `)
  },
}
