import type { ChannelHealth, GrantHealth } from './health'
import type { Network } from './network'

/** A named group of channels (a client, a product). */
export interface Brand {
  id: string
  name: string
  /** Hex colour used for the brand's chip in lists, e.g. `#3b82f6`. */
  color: string
  createdAt: number
  channelCount: number
}

/** A personal account that authorised Relink. Token material never leaves the main process. */
export interface ProfileSummary {
  id: string
  network: Network
  displayName: string
  handle: string
  health: GrantHealth
  connectedBy: string
  accessExpiresAt: number | null
  refreshExpiresAt: number | null
  dataAccessExpiresAt: number | null
}

/** A place to publish and read from, as the window shows it. */
export interface ChannelSummary {
  id: string
  network: Network
  name: string
  handle: string
  kind: 'page' | 'business_account' | 'organization' | 'member' | 'account'
  health: ChannelHealth
  brandIds: string[]
  linkCount: number
  healthyLinkCount: number
}

/** A channel's profile picture as the window shows it: a `data:` URL (the CSP allows no network images). */
export interface ChannelPicture {
  channelId: string
  dataUrl: string
}

/** One way into a channel: the profile it goes through and the link's own health (a lost page role). */
export interface ChannelLinkSummary {
  channelId: string
  profileId: string
  linkHealth: string
  linkDetail: string
}

export interface AppInfo {
  version: string
  dataDir: string
  schemaVersion: number
  demoMode: boolean
  secretStorage: 'os' | 'basic_text' | 'unavailable'
  /** Main's clock (the sandbox's in demo mode, which may run ahead), unix ms. */
  now: number
  /** The system's regional format (BCP 47) dates and times are written in. */
  locale: string
}

/** A deleted brand with its channel memberships, enough to undo the deletion. */
export interface BrandSnapshot {
  id: string
  name: string
  color: string
  createdAt: number
  channelIds: string[]
}
