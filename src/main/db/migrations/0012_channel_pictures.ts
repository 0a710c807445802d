import type { Migration } from './types'

/**
 * Each channel's profile picture, downloaded once and kept here so the window shows it offline.
 * Keyed like a channel (network, instance, id on the network) because the address is learnt when
 * the profile's channels are listed, before a person picks which of them become channels.
 */
export const m0012ChannelPictures: Migration = {
  version: 12,
  name: '0012_channel_pictures',
  up(db) {
    db.exec(`
      CREATE TABLE channel_pictures (
        network TEXT NOT NULL,
        instance TEXT NOT NULL DEFAULT '',
        network_channel_id TEXT NOT NULL,
        -- The address the network gave last; NULL when it says the account has no picture.
        url TEXT,
        -- The address 'data' was downloaded from: a different 'url' means the picture changed.
        fetched_url TEXT,
        mime_type TEXT,
        data BLOB,
        fetched_at INTEGER,
        -- The last failed download of 'url': tried again a day later, or at once when 'url' changes.
        failed_at INTEGER,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (network, instance, network_channel_id)
      ) STRICT;
    `)
  },
}
