import type { Migration } from './types'

/**
 * The Inbox's unread counts per channel, asked on every visit and every change, read the partial
 * index of unread items but then visited each row to check its state and read time: 107 ms at
 * 100,000 comments. The same partial index holding those two columns answers from the index alone.
 */
export const m0017InboxUnreadIndex: Migration = {
  version: 17,
  name: '0017_inbox_unread_index',
  up(db) {
    db.exec(`
      DROP INDEX inbox_items_unread;
      CREATE INDEX inbox_items_unread ON inbox_items(channel_id, state, read_at) WHERE state = 'new' AND read_at IS NULL;
    `)
  },
}
