import type { Migration } from './types'

/**
 * Prefix indexes for every word length from 2 to 8 letters (they were 2 and 3). Each searched word
 * is a prefix ("ref" finds "refund"), and FTS5 answers a prefix from an index only when one of
 * exactly its length exists; otherwise it gathers every indexed word that begins with it and
 * merges their whole lists before returning a single row: 5-6 ms for a word in one comment of
 * eight at a million comments, twice that for two such words, however few rows the search needs.
 * From its own index a prefix is read newest first and the search stops at 200 (0.5 ms). Most
 * searched words are 8 letters or fewer; a longer one is still found, the slow way.
 *
 * The price is paid at ingest (about a fifth more CPU time per comment) and once here: the index
 * is rebuilt from the comments, about 15 s of CPU for a million of them. FTS5 cannot change
 * prefixes in place; the triggers of 0010 name the table and carry on unchanged.
 */
export const m0018InboxSearchPrefixes: Migration = {
  version: 18,
  name: '0018_inbox_search_prefixes',
  up(db) {
    db.exec(`
      DROP TABLE inbox_fts;
      CREATE VIRTUAL TABLE inbox_fts USING fts5(
        text, author_name,
        content = 'inbox_items', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3 4 5 6 7 8'
      );
      INSERT INTO inbox_fts(inbox_fts, rank) VALUES ('rank', 'bm25(10.0, 3.0)');
      INSERT INTO inbox_fts(inbox_fts) VALUES ('rebuild');
    `)
  },
}
