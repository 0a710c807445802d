import type { Migration } from './types'

/**
 * A post's first comment (Instagram and LinkedIn), published by the channel under the post once
 * the post is out, and the queue of those comments: one row per published delivery, moved
 * through the intents module like any other write, with its own attempt log.
 */
export const m0011FirstComments: Migration = {
  version: 11,
  name: '0011_first_comments',
  up(db) {
    db.exec(`
      ALTER TABLE posts ADD COLUMN first_comment TEXT;
      CREATE INDEX posts_with_first_comment ON posts(id) WHERE first_comment IS NOT NULL;

      CREATE TABLE first_comments (
        delivery_id INTEGER PRIMARY KEY REFERENCES deliveries(id) ON DELETE CASCADE,
        channel_id TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN ('pending', 'claimed', 'sending', 'sent', 'held', 'failed', 'needs_review')),
        -- When the post was published: the comment is due from then.
        due_at INTEGER NOT NULL,
        -- When the queue acts next (send, retry, look up again); null once nothing is planned.
        next_attempt_at INTEGER,
        claimed_at INTEGER,
        -- Non-null once a call may have left: the next run looks the comment up first.
        intent_at INTEGER,
        network_comment_id TEXT,
        failure_reason TEXT,
        failure_detail TEXT,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX first_comments_due ON first_comments(next_attempt_at) WHERE next_attempt_at IS NOT NULL;

      CREATE TABLE first_comment_attempts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        delivery_id INTEGER NOT NULL REFERENCES first_comments(delivery_id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('call', 'lookup')),
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        outcome TEXT,
        reason TEXT,
        detail TEXT NOT NULL DEFAULT '',
        raw TEXT
      ) STRICT;
      CREATE INDEX first_comment_attempts_by_row ON first_comment_attempts(delivery_id, id);
    `)
  },
}
