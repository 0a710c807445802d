import type { Migration } from './types'

/**
 * The inbox: every comment and mention read from every channel, stored once per network id,
 * with its thread, its post (Relink's own delivery when Relink published it), what happened to it
 * on the network (edited, deleted, hidden) and where it is in the team's triage. A full-text index
 * (FTS5, external content kept in step by triggers) makes it searchable offline. Replies and
 * moderation are writes to a network, so they are intents with their own attempt log.
 */
export const m0010Inbox: Migration = {
  version: 10,
  name: '0010_inbox',
  up(db) {
    db.exec(`
      CREATE TABLE inbox_items (
        -- A rowid: the FTS index refers to it, and ingest writes many rows.
        id INTEGER PRIMARY KEY,
        network TEXT NOT NULL,
        network_comment_id TEXT NOT NULL,
        channel_id TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
        stream TEXT NOT NULL CHECK (stream IN ('comments', 'mentions')),
        network_post_id TEXT NOT NULL,
        -- The network id of the comment this one answers; null for a top-level comment.
        parent_comment_id TEXT,
        -- The network id of the thread's top-level comment (itself when top-level).
        thread_id TEXT NOT NULL,
        -- Relink's own delivery when Relink published the post.
        delivery_id INTEGER REFERENCES deliveries(id) ON DELETE SET NULL,
        author_name TEXT NOT NULL DEFAULT '',
        author_handle TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL DEFAULT '',
        -- Written by the channel itself (a reply sent from Relink or from the network's own app).
        own INTEGER NOT NULL DEFAULT 0 CHECK (own IN (0, 1)),
        created_at INTEGER NOT NULL,
        edited_at INTEGER,
        deleted_at INTEGER,
        hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
        liked INTEGER NOT NULL DEFAULT 0 CHECK (liked IN (0, 1)),
        state TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'assigned', 'done')),
        assignee TEXT,
        read_at INTEGER,
        first_seen_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (network, network_comment_id)
      ) STRICT;
      -- The unified list, newest first, with or without a state or channel filter.
      CREATE INDEX inbox_items_by_time ON inbox_items(created_at DESC, id DESC);
      CREATE INDEX inbox_items_by_state_time ON inbox_items(state, created_at DESC, id DESC);
      CREATE INDEX inbox_items_by_channel_time ON inbox_items(channel_id, created_at DESC, id DESC);
      -- A thread and the post it belongs to.
      CREATE INDEX inbox_items_by_thread ON inbox_items(channel_id, thread_id, created_at);
      CREATE INDEX inbox_items_by_post ON inbox_items(channel_id, network_post_id);
      -- Unread counts in the navigation.
      CREATE INDEX inbox_items_unread ON inbox_items(channel_id) WHERE state = 'new' AND read_at IS NULL;

      -- Column names match the content table's: snippet(), highlight() and 'rebuild' read it by name.
      CREATE VIRTUAL TABLE inbox_fts USING fts5(
        text, author_name,
        content = 'inbox_items', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );
      -- The text weighs more than the author's name.
      INSERT INTO inbox_fts(inbox_fts, rank) VALUES ('rank', 'bm25(10.0, 3.0)');
      CREATE TRIGGER inbox_items_fts_insert AFTER INSERT ON inbox_items BEGIN
        INSERT INTO inbox_fts(rowid, text, author_name) VALUES (new.id, new.text, new.author_name);
      END;
      CREATE TRIGGER inbox_items_fts_delete AFTER DELETE ON inbox_items BEGIN
        INSERT INTO inbox_fts(inbox_fts, rowid, text, author_name) VALUES ('delete', old.id, old.text, old.author_name);
      END;
      -- Only a change of an indexed column touches the index (state changes are frequent).
      CREATE TRIGGER inbox_items_fts_update AFTER UPDATE OF text, author_name ON inbox_items BEGIN
        INSERT INTO inbox_fts(inbox_fts, rowid, text, author_name) VALUES ('delete', old.id, old.text, old.author_name);
        INSERT INTO inbox_fts(rowid, text, author_name) VALUES (new.id, new.text, new.author_name);
      END;

      CREATE TABLE inbox_labels (
        item_id INTEGER NOT NULL REFERENCES inbox_items(id) ON DELETE CASCADE,
        label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 40),
        PRIMARY KEY (item_id, label)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX inbox_labels_by_label ON inbox_labels(label, item_id);

      -- Internal notes: never sent to a network.
      CREATE TABLE inbox_notes (
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES inbox_items(id) ON DELETE CASCADE,
        text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
        author TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX inbox_notes_by_item ON inbox_notes(item_id, id);

      CREATE TABLE saved_replies (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 80),
        text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- Replies and moderation: writes to a network, driven by the intents module.
      CREATE TABLE inbox_actions (
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES inbox_items(id) ON DELETE CASCADE,
        channel_id TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('reply', 'hide', 'unhide', 'delete', 'like')),
        text TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL CHECK (state IN ('queued', 'claimed', 'in_flight', 'sent', 'held', 'failed', 'needs_review')),
        due_at INTEGER NOT NULL,
        next_attempt_at INTEGER,
        claimed_at INTEGER,
        -- Set, and committed, before the call leaves; while set, the next attempt looks first.
        intent_at INTEGER,
        -- The network's id of what the write created (a reply's comment id).
        result_id TEXT,
        reason TEXT,
        detail TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX inbox_actions_by_state_next ON inbox_actions(state, next_attempt_at);
      CREATE INDEX inbox_actions_by_item ON inbox_actions(item_id, id);

      CREATE TABLE inbox_action_attempts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        action_id INTEGER NOT NULL REFERENCES inbox_actions(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('call', 'lookup')),
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        outcome TEXT,
        reason TEXT,
        detail TEXT NOT NULL DEFAULT '',
        raw TEXT
      ) STRICT;
      CREATE INDEX inbox_action_attempts_by_action ON inbox_action_attempts(action_id, id);
    `)
  },
}
