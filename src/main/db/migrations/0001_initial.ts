import type { Migration } from './types'

/** Brands, profiles with their grant, channels, the links between them, and app settings. */
export const m0001Initial: Migration = {
  version: 1,
  name: '0001_initial',
  up(db) {
    db.exec(`
      CREATE TABLE brands (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
        color TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE profiles (
        id TEXT PRIMARY KEY,
        network TEXT NOT NULL,
        -- Mastodon profiles live on an instance; other networks use ''.
        instance TEXT NOT NULL DEFAULT '',
        network_user_id TEXT NOT NULL,
        display_name TEXT NOT NULL,
        handle TEXT NOT NULL DEFAULT '',
        connected_by TEXT NOT NULL DEFAULT '',
        health TEXT NOT NULL DEFAULT 'active',
        health_detail TEXT NOT NULL DEFAULT '',
        health_changed_at INTEGER,
        -- Token material is SecretBox ciphertext, never plaintext.
        access_token_enc BLOB,
        refresh_token_enc BLOB,
        access_expires_at INTEGER,
        refresh_expires_at INTEGER,
        data_access_expires_at INTEGER,
        scopes TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (network, instance, network_user_id)
      ) STRICT;

      CREATE TABLE channels (
        id TEXT PRIMARY KEY,
        network TEXT NOT NULL,
        instance TEXT NOT NULL DEFAULT '',
        network_channel_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        handle TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        UNIQUE (network, instance, network_channel_id)
      ) STRICT;

      -- A channel is reached through one or more links: (profile, channel token).
      CREATE TABLE channel_links (
        channel_id TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
        profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        token_enc BLOB,
        -- Roles or tasks the profile holds on the channel, comma separated (e.g. CREATE_CONTENT).
        tasks TEXT NOT NULL DEFAULT '',
        health TEXT NOT NULL DEFAULT 'active',
        created_at INTEGER NOT NULL,
        PRIMARY KEY (channel_id, profile_id)
      ) STRICT;
      CREATE INDEX channel_links_by_profile ON channel_links(profile_id);

      CREATE TABLE brand_channels (
        brand_id TEXT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
        channel_id TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
        PRIMARY KEY (brand_id, channel_id)
      ) STRICT;
      CREATE INDEX brand_channels_by_channel ON brand_channels(channel_id);

      CREATE TABLE app_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `)
  },
}
