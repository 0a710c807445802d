import type { Migration } from './types'

/**
 * Comments on Relink's own posts point at the delivery that published them, and deleting a
 * delivery (a channel taken off a post, a post deleted) sets that pointer to NULL. Without an index
 * on it, SQLite looks through every stored comment for each delivery deleted: about 0.8 s per
 * delivery at 300,000 comments, on main's loop, inside the edit's transaction. Only comments on
 * Relink's posts carry a delivery, so the index holds those alone.
 */
export const m0022InboxDeliveryIndex: Migration = {
  version: 22,
  name: '0022_inbox_delivery_index',
  up(db) {
    db.exec('CREATE INDEX inbox_items_by_delivery ON inbox_items(delivery_id) WHERE delivery_id IS NOT NULL')
  },
}
