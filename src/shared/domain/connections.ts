import type { ChannelHealth, GrantHealth } from './health'
import type { Network } from './network'

/** One profile as the Connection health view and the Needs attention dropdown show it. */
export interface ProfileView {
  id: string
  network: Network
  instance: string
  displayName: string
  handle: string
  health: GrantHealth
  /** The taxonomy reason behind the health, '' when healthy. */
  reason: string
  /** Plain sentence from the network or Relink about the last problem. */
  detail: string
  connectedBy: string
  connectedAt: number | null
  accessExpiresAt: number | null
  /** True when Relink renews the access token by itself (a refresh token is held): its expiry is routine. */
  renewsAutomatically: boolean
  refreshExpiresAt: number | null
  dataAccessExpiresAt: number | null
  lastProbeAt: number | null
  /** 'picking': the sign-in finished but channels were never picked. */
  setupState: 'picking' | 'ready'
  channelCount: number
  /** Sort key: lower is more urgent (broken first, then soonest deadline). */
  urgency: number
  /** Extra warnings to show, e.g. LinkedIn's 30-day data loss after a disconnection. */
  warnings: string[]
  /** When the current break began, from the event log; null while the grant works. */
  stoppedAt: number | null
}

export interface TokenEventView {
  at: number
  kind: string
  healthBefore: string | null
  healthAfter: string | null
  reason: string | null
  detail: string
  /** The network's raw answer (redacted), shown on demand. */
  raw: string | null
}

export interface ProfileDetail extends ProfileView {
  events: TokenEventView[]
  /** The raw network error of the last classification, redacted; '' when none. */
  lastErrorRaw: string
  channels: { id: string; name: string; network: Network; linkHealth: string; linkDetail: string; channelHealth: ChannelHealth }[]
  /** Channels found at the last sign-in that can still be picked (the unfinished part of a connect). */
  pending: DiscoveredChannelView[]
}

/** A channel found at connect time that the user may pick. */
export interface DiscoveredChannelView {
  networkChannelId: string
  network: Network
  kind: string
  name: string
  handle: string
  tasks: string[]
  canPublish: boolean
}

/** What a Refresh connection did to the profile's channels: those working now, and those still broken with why. */
export interface HealOutcome {
  working: { channelId: string; name: string; network: Network }[]
  /** `health` is the link's health (a key of the health-voice table); `detail` the network's own words. */
  broken: { channelId: string; name: string; network: Network; health: string; detail: string }[]
}

export interface ConnectResult {
  profileId: string
  profile: ProfileView
  channels: DiscoveredChannelView[]
  /** True when this was a Refresh connection of an existing profile. */
  reconnected: boolean
  /** Set when a reconnect healed an existing profile's channels. */
  heal?: HealOutcome
}

/** The team's own developer app on a network, as Settings → Networks shows it (never the secret). */
export interface NetworkAppView {
  network: Network
  instance: string
  configured: boolean
  clientId: string
  hasSecret: boolean
  secretRequired: boolean
  /** Exactly what to register in the network's developer console. */
  redirectUris: string[]
  notes: string[]
}

export type ConnectStep = 'opening_browser' | 'waiting_for_browser' | 'exchanging' | 'discovering' | 'done' | 'failed' | 'cancelled'
