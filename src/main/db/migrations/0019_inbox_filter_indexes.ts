import type { Migration } from './types'

/**
 * Three Inbox filters read far more than a page at a million comments:
 * - by network alone, the planner took the unique (network, comment id) index and sorted every
 *   comment of the network (0.5 s, 5 s from a cold disk): an index by network and time;
 * - by teammate, it read the newest comments until it found a hundred of theirs (2 ms when one
 *   comment in 50 is theirs, the whole inbox when they have none): an index of assigned comments;
 * - by label, it checked each comment newest first for the label (5 ms at one in 100): a label
 *   row now carries its comment's time, and the label's rows are read newest first.
 */
export const m0019InboxFilterIndexes: Migration = {
  version: 19,
  name: '0019_inbox_filter_indexes',
  up(db) {
    db.exec(`
      CREATE INDEX inbox_items_by_network_time ON inbox_items(network, created_at DESC, id DESC);
      CREATE INDEX inbox_items_by_assignee_time ON inbox_items(assignee, created_at DESC, id DESC) WHERE assignee IS NOT NULL;
      ALTER TABLE inbox_labels ADD COLUMN item_created_at INTEGER NOT NULL DEFAULT 0;
      UPDATE inbox_labels SET item_created_at = (SELECT created_at FROM inbox_items WHERE inbox_items.id = inbox_labels.item_id);
      CREATE INDEX inbox_labels_by_label_time ON inbox_labels(label, item_created_at DESC, item_id DESC);
    `)
  },
}
