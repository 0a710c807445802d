import type { Migration } from './types'

/**
 * The search index keeps which comments hold each word, and no longer where in them (FTS5's
 * `detail=none`). Nothing reads the positions any more: a search asks for every typed word as a
 * prefix, one word per term, never a phrase or a column; matches are marked and ranked by bm25
 * from the comment's own text (inbox/search.ts). The positions were most of the index: each word
 * of a comment is written eight times (the word and its prefixes of 2 to 8 letters, 0018), each
 * time with its position and column, and then rewritten at every merge of segments. Without them
 * a comment costs about a third less CPU time to index, and a prefix's list of comments is
 * shorter to read.
 *
 * FTS5 cannot change this in place: the index is made again from the comments (about 10 s of CPU
 * for a million), with the settings of 0018, 0020 and 0023. Comments still waiting for the index
 * are indexed by the rebuild too, so they leave the waiting list.
 */
export const m0027InboxFtsWithoutPositions: Migration = {
  version: 27,
  name: '0027_inbox_fts_without_positions',
  up(db) {
    db.exec(`
      DROP TABLE inbox_fts;
      CREATE VIRTUAL TABLE inbox_fts USING fts5(
        text, author_name,
        content = 'inbox_items', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3 4 5 6 7 8',
        detail = none
      );
      INSERT INTO inbox_fts(inbox_fts, rank) VALUES ('rank', 'bm25(10.0, 3.0)');
      INSERT INTO inbox_fts(inbox_fts, rank) VALUES ('hashsize', 8388608);
      INSERT INTO inbox_fts(inbox_fts, rank) VALUES ('automerge', 8);
      INSERT INTO inbox_fts(inbox_fts) VALUES ('rebuild');
      DELETE FROM inbox_fts_pending;
    `)
  },
}
