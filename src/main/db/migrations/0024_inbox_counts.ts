import type { Migration } from './types'

/**
 * The inbox's counts (items per state, unread per channel) kept up to date by triggers, instead of
 * counted over every comment each time the window asks. The window asks after every read and every
 * triage, and counting took about 50 ms of main's loop at 100,000 comments (nearly all of them
 * new), half a second at a million. `unread` is 1 for a new item not yet read. The partial index
 * those counts were read from (0017) had no other reader, and every new comment paid for it.
 */
export const m0024InboxCounts: Migration = {
  version: 24,
  name: '0024_inbox_counts',
  up(db) {
    db.exec(`
      CREATE TABLE inbox_counts (
        channel_id TEXT NOT NULL,
        state TEXT NOT NULL,
        unread INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (channel_id, state, unread)
      ) WITHOUT ROWID;
      INSERT INTO inbox_counts (channel_id, state, unread, n)
        SELECT channel_id, state, state = 'new' AND read_at IS NULL, count(*) FROM inbox_items GROUP BY 1, 2, 3;
      CREATE TRIGGER inbox_counts_insert AFTER INSERT ON inbox_items BEGIN
        INSERT INTO inbox_counts (channel_id, state, unread, n) VALUES (new.channel_id, new.state, new.state = 'new' AND new.read_at IS NULL, 1)
          ON CONFLICT (channel_id, state, unread) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER inbox_counts_delete AFTER DELETE ON inbox_items BEGIN
        UPDATE inbox_counts SET n = n - 1
          WHERE channel_id = old.channel_id AND state = old.state AND unread = (old.state = 'new' AND old.read_at IS NULL);
      END;
      CREATE TRIGGER inbox_counts_update AFTER UPDATE OF channel_id, state, read_at ON inbox_items
        WHEN old.channel_id IS NOT new.channel_id OR old.state IS NOT new.state OR (old.read_at IS NULL) IS NOT (new.read_at IS NULL)
      BEGIN
        UPDATE inbox_counts SET n = n - 1
          WHERE channel_id = old.channel_id AND state = old.state AND unread = (old.state = 'new' AND old.read_at IS NULL);
        INSERT INTO inbox_counts (channel_id, state, unread, n) VALUES (new.channel_id, new.state, new.state = 'new' AND new.read_at IS NULL, 1)
          ON CONFLICT (channel_id, state, unread) DO UPDATE SET n = n + 1;
      END;
      DROP INDEX inbox_items_unread;
    `)
  },
}
