import type { Generated } from 'kysely'

/** Kysely's view of the tables. Times are INTEGER unix milliseconds UTC; blobs are ciphertext. */
export interface BrandsTable {
  id: string
  name: string
  color: string
  created_at: number
  updated_at: number
}

export interface ProfilesTable {
  id: string
  network: string
  instance: string
  network_user_id: string
  display_name: string
  handle: string
  connected_by: string
  health: string
  health_detail: string
  health_changed_at: number | null
  access_token_enc: Uint8Array | null
  refresh_token_enc: Uint8Array | null
  access_expires_at: number | null
  refresh_expires_at: number | null
  data_access_expires_at: number | null
  scopes: string
  created_at: number
  updated_at: number
  setup_state: string
  health_reason: string
  last_probe_at: number | null
  last_refresh_at: number | null
  connected_at: number | null
  last_error_raw: string
}

export interface ChannelsTable {
  id: string
  network: string
  instance: string
  network_channel_id: string
  kind: string
  name: string
  handle: string
  created_at: number
}

export interface ChannelLinksTable {
  channel_id: string
  profile_id: string
  token_enc: Uint8Array | null
  tasks: string
  health: string
  health_detail: string
  created_at: number
}

export interface BrandChannelsTable {
  brand_id: string
  channel_id: string
}

export interface AppSettingsTable {
  key: string
  value: string
}

export interface AppCredentialsTable {
  network: string
  instance: string
  client_id: string
  client_secret_enc: Uint8Array | null
  registered_redirect_uri: string
  created_at: number
  updated_at: number
}

export interface PendingChannelsTable {
  profile_id: string
  network_channel_id: string
  network: string
  kind: string
  name: string
  handle: string
  tasks: string
  token_enc: Uint8Array | null
  discovered_at: number
}

export interface TokenEventsTable {
  id: Generated<number>
  profile_id: string
  at: number
  kind: string
  health_before: string | null
  health_after: string | null
  reason: string | null
  detail: string
  raw: string | null
}

export interface NotificationLogTable {
  profile_id: string
  stage: string
  subject: string
  sent_at: number
}

export interface SchemaVersionTable {
  version: number
  name: string
  applied_at: number
}

export interface DB {
  brands: BrandsTable
  profiles: ProfilesTable
  channels: ChannelsTable
  channel_links: ChannelLinksTable
  brand_channels: BrandChannelsTable
  app_settings: AppSettingsTable
  app_credentials: AppCredentialsTable
  pending_channels: PendingChannelsTable
  token_events: TokenEventsTable
  notification_log: NotificationLogTable
  schema_version: SchemaVersionTable
}
