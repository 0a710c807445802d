import type { Migration } from './types'

/**
 * Every comment stored looks up the delivery of the post it belongs to (Relink's own post, when
 * Relink published it), and so does the thread view: by channel and network post id. Without an
 * index that was a scan of every delivery per comment, which an agency's 100,000 deliveries make
 * the slowest part of a sync.
 */
export const m0014InboxPostIndex: Migration = {
  version: 14,
  name: '0014_inbox_post_index',
  up(db) {
    db.exec(`CREATE INDEX deliveries_by_channel_network_post ON deliveries(channel_id, network_post_id) WHERE network_post_id IS NOT NULL`)
  },
}
