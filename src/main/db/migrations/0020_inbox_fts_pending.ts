import type { Migration } from './types'

/**
 * Comments enter the search index in batches instead of one sync page at a time. The insert
 * trigger of 0010 indexed each page in its own transaction: FTS5 wrote every page's terms as a
 * small segment of its own and then spent more time merging those segments into larger ones than
 * indexing the words (about a third of storing a comment at a million). A stored comment's id now
 * goes to `inbox_fts_pending`, in the same transaction as the comment; the inbox indexes every
 * pending comment in one statement once a batch has gathered, and before any search reads the
 * index (inbox/search-index.ts), so a search never misses a stored comment.
 *
 * An edit or a deletion of a comment still pending leaves the index alone (it holds nothing of it
 * yet): the pending row is dropped with the comment, and indexing reads the text as it is then.
 */
export const m0020InboxFtsPending: Migration = {
  version: 20,
  name: '0020_inbox_fts_pending',
  up(db) {
    db.exec(`
      -- A batch's terms are gathered in memory up to this size before FTS5 writes a segment (1 MB by default).
      INSERT INTO inbox_fts(inbox_fts, rank) VALUES ('hashsize', 8388608);
      CREATE TABLE inbox_fts_pending (id INTEGER PRIMARY KEY) STRICT;
      DROP TRIGGER inbox_items_fts_insert;
      DROP TRIGGER inbox_items_fts_delete;
      DROP TRIGGER inbox_items_fts_update;
      CREATE TRIGGER inbox_items_fts_insert AFTER INSERT ON inbox_items BEGIN
        INSERT INTO inbox_fts_pending(id) VALUES (new.id);
      END;
      CREATE TRIGGER inbox_items_fts_delete AFTER DELETE ON inbox_items BEGIN
        INSERT INTO inbox_fts(inbox_fts, rowid, text, author_name)
          SELECT 'delete', old.id, old.text, old.author_name WHERE NOT EXISTS (SELECT 1 FROM inbox_fts_pending WHERE id = old.id);
        DELETE FROM inbox_fts_pending WHERE id = old.id;
      END;
      CREATE TRIGGER inbox_items_fts_update AFTER UPDATE OF text, author_name ON inbox_items
        WHEN NOT EXISTS (SELECT 1 FROM inbox_fts_pending WHERE id = old.id) BEGIN
        INSERT INTO inbox_fts(inbox_fts, rowid, text, author_name) VALUES ('delete', old.id, old.text, old.author_name);
        INSERT INTO inbox_fts(rowid, text, author_name) VALUES (new.id, new.text, new.author_name);
      END;
    `)
  },
}
