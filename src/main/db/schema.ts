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
  instance: Generated<string>
  network_user_id: string
  display_name: string
  handle: Generated<string>
  connected_by: Generated<string>
  health: Generated<string>
  health_detail: Generated<string>
  health_changed_at: Generated<number | null>
  access_token_enc: Generated<Uint8Array | null>
  refresh_token_enc: Generated<Uint8Array | null>
  access_expires_at: Generated<number | null>
  refresh_expires_at: Generated<number | null>
  data_access_expires_at: Generated<number | null>
  scopes: Generated<string>
  created_at: number
  updated_at: number
  setup_state: Generated<string>
  health_reason: Generated<string>
  last_probe_at: Generated<number | null>
  last_refresh_at: Generated<number | null>
  connected_at: Generated<number | null>
  last_error_raw: Generated<string>
}

export interface ChannelsTable {
  id: string
  network: string
  instance: Generated<string>
  network_channel_id: string
  kind: string
  name: string
  handle: Generated<string>
  created_at: number
}

export interface ChannelPicturesTable {
  network: string
  instance: Generated<string>
  network_channel_id: string
  url: string | null
  fetched_url: string | null
  mime_type: string | null
  data: Uint8Array | null
  fetched_at: number | null
  failed_at: number | null
  updated_at: number
}

export interface ChannelLinksTable {
  channel_id: string
  profile_id: string
  token_enc: Generated<Uint8Array | null>
  tasks: Generated<string>
  health: Generated<string>
  health_detail: Generated<string>
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
  instance: Generated<string>
  client_id: string
  client_secret_enc: Generated<Uint8Array | null>
  registered_redirect_uri: Generated<string>
  created_at: number
  updated_at: number
}

export interface PendingChannelsTable {
  profile_id: string
  network_channel_id: string
  network: string
  kind: string
  name: string
  handle: Generated<string>
  tasks: Generated<string>
  token_enc: Generated<Uint8Array | null>
  discovered_at: number
}

export interface TokenEventsTable {
  id: Generated<number>
  profile_id: string
  at: number
  kind: string
  health_before: Generated<string | null>
  health_after: Generated<string | null>
  reason: Generated<string | null>
  detail: Generated<string>
  raw: Generated<string | null>
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

export interface PostingSlotsTable {
  channel_id: string
  /** ISO weekday, 1 Monday … 7 Sunday. */
  weekday: number
  /** Minutes after midnight on the channel's wall clock. */
  minute: number
  time_zone: string
}

export interface DB {
  brands: BrandsTable
  profiles: ProfilesTable
  channels: ChannelsTable
  channel_links: ChannelLinksTable
  channel_pictures: ChannelPicturesTable
  posting_slots: PostingSlotsTable
  brand_channels: BrandChannelsTable
  app_settings: AppSettingsTable
  app_credentials: AppCredentialsTable
  pending_channels: PendingChannelsTable
  token_events: TokenEventsTable
  notification_log: NotificationLogTable
  schema_version: SchemaVersionTable
}
