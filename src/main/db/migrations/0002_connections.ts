import type { Migration } from './types'

/**
 * What the token lifecycle needs: the team's developer apps per network, profiles whose channel
 * pick is unfinished, the token event log, and the record of notifications already sent.
 */
export const m0002Connections: Migration = {
  version: 2,
  name: '0002_connections',
  up(db) {
    db.exec(`
      CREATE TABLE app_credentials (
        network TEXT NOT NULL,
        -- Mastodon apps are registered per instance; other networks use ''.
        instance TEXT NOT NULL DEFAULT '',
        client_id TEXT NOT NULL,
        client_secret_enc BLOB,
        -- The exact redirect URI registered dynamically (Mastodon), if any.
        registered_redirect_uri TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (network, instance)
      ) STRICT;

      -- 'picking': the login finished but channels were never picked; shown as unfinished, not lost.
      ALTER TABLE profiles ADD COLUMN setup_state TEXT NOT NULL DEFAULT 'ready';
      ALTER TABLE profiles ADD COLUMN health_reason TEXT NOT NULL DEFAULT '';
      ALTER TABLE profiles ADD COLUMN last_probe_at INTEGER;
      ALTER TABLE profiles ADD COLUMN last_refresh_at INTEGER;
      ALTER TABLE profiles ADD COLUMN connected_at INTEGER;
      -- Raw network error of the last classification, redacted, shown on demand.
      ALTER TABLE profiles ADD COLUMN last_error_raw TEXT NOT NULL DEFAULT '';

      ALTER TABLE channel_links ADD COLUMN health_detail TEXT NOT NULL DEFAULT '';

      -- Channels a profile can manage, discovered at connect time, until the user picks them.
      CREATE TABLE pending_channels (
        profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        network_channel_id TEXT NOT NULL,
        network TEXT NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        handle TEXT NOT NULL DEFAULT '',
        tasks TEXT NOT NULL DEFAULT '',
        token_enc BLOB,
        discovered_at INTEGER NOT NULL,
        PRIMARY KEY (profile_id, network_channel_id)
      ) STRICT;

      CREATE TABLE token_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        health_before TEXT,
        health_after TEXT,
        reason TEXT,
        detail TEXT NOT NULL DEFAULT '',
        -- The network's raw answer (status, headers, body), redacted; never token material.
        raw TEXT
      ) STRICT;
      CREATE INDEX token_events_by_profile ON token_events(profile_id, at);

      -- One desktop notification per profile per stage: survives restarts, so no storms.
      CREATE TABLE notification_log (
        profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        stage TEXT NOT NULL,
        -- What the stage is about (e.g. the expiry time), so a new expiry warns again.
        subject TEXT NOT NULL,
        sent_at INTEGER NOT NULL,
        PRIMARY KEY (profile_id, stage, subject)
      ) STRICT;

      CREATE INDEX profiles_by_health ON profiles(health);
    `)
  },
}
