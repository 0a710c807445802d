import type { Migration } from './types'

/**
 * The index of comments by channel and post (0010) is read by no query: the thread view and the
 * "answered" test go through the thread index, and a comment's post is looked up in deliveries
 * (0014). Each comment stored still paid for it: about a tenth of the CPU time of a plain insert
 * into inbox_items, and a tenth of the table's size on disk.
 */
export const m0021InboxDropPostIndex: Migration = {
  version: 21,
  name: '0021_inbox_drop_post_index',
  up(db) {
    db.exec('DROP INDEX inbox_items_by_post')
  },
}
