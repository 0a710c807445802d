import type { Migration } from './types'

/**
 * Fewer writes for each comment stored. At a million comments a comment's cost is mostly the
 * b-trees it enters (about 2 µs of CPU time each) and the search index. Two of those writes served
 * nobody:
 *
 * - `inbox_items_by_thread` held every comment, but is asked only for a thread's replies (the thread
 *   view) and for the channel's own comments in it (has the channel answered?). A top-level comment
 *   by someone else, most of an inbox, is neither; it is found by its network id, which is the
 *   thread's id. The index now holds only replies and the channel's own comments.
 * - The search index's sizes of each comment (FTS5 `columnsize`, a row per comment in
 *   `inbox_fts_docsize`) were kept for FTS5's bm25(), which Relink does not call: matches are
 *   ranked from the comment's own text (inbox/search.ts), and the inbox's totals, which stay, come
 *   from the averages FTS5 keeps anyway.
 *
 * The other indexes stay: each filter of the Inbox page reads along its own (a page of 100 in
 * about a millisecond at a million comments), and without `inbox_items_by_time` a page of every
 * state that needs a reply would have to read a whole state to fill it.
 *
 * FTS5 cannot drop the sizes in place: the index is made again from the comments (about 10 s of
 * CPU for a million) with the settings of 0018, 0020, 0023 and 0027, and comments still waiting
 * for it are indexed by the rebuild, so they leave the waiting list.
 */
export const m0028InboxLighterIngest: Migration = {
  version: 28,
  name: '0028_inbox_lighter_ingest',
  up(db) {
    db.exec(`
      DROP INDEX inbox_items_by_thread;
      CREATE INDEX inbox_items_thread_replies ON inbox_items(channel_id, thread_id, created_at)
        WHERE parent_comment_id IS NOT NULL OR own = 1;
      DROP TABLE inbox_fts;
      CREATE VIRTUAL TABLE inbox_fts USING fts5(
        text, author_name,
        content = 'inbox_items', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3 4 5 6 7 8',
        detail = none,
        columnsize = 0
      );
      INSERT INTO inbox_fts(inbox_fts, rank) VALUES ('rank', 'bm25(10.0, 3.0)');
      INSERT INTO inbox_fts(inbox_fts, rank) VALUES ('hashsize', 8388608);
      INSERT INTO inbox_fts(inbox_fts, rank) VALUES ('automerge', 8);
      INSERT INTO inbox_fts(inbox_fts) VALUES ('rebuild');
      DELETE FROM inbox_fts_pending;
    `)
  },
}
