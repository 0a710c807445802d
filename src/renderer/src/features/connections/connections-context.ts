import { createContext, useContext } from 'react'
import type { ConnectResult, ConnectStep, ProfileDetail, ProfileView } from '../../../../shared/domain/connections'
import type { Network } from '../../../../shared/domain/network'

/** The one browser sign-in in flight; main runs one at a time and aborts an older one. */
export interface SignInSession {
  kind: 'connect' | 'refresh' | 'refresh-all'
  network?: Network
  profileId?: string
  /** Who or what is being signed in, for progress lines: "Maria Ortega", "Facebook". */
  label: string
  /** For a refresh: the account to sign in as, "Ava Lindqvist (@ava)". */
  account?: string
  step: ConnectStep
  message: string
  cancelling: boolean
}

export type SignInOutcome<T> = { ok: true; data: T } | { ok: false; cancelled: boolean; message: string }

/** What the connect dialog shows: a fresh start, or the channel picker for a finished sign-in. */
export type ConnectDialogState = { mode: 'start' } | { mode: 'pick'; result: ConnectResult }

export interface ConnectionsContextValue {
  profiles: ProfileView[] | undefined
  profilesError: string | undefined
  reloadProfiles(): void
  /** Profiles that are broken, expiring or unfinished, most urgent first. */
  attention: ProfileView[]
  /** Details (event log, channels) of the profiles in `attention`. */
  attentionDetails: ReadonlyMap<string, ProfileDetail>

  session: SignInSession | undefined
  /** The last failed Refresh connection per profile, shown next to its button. */
  failures: ReadonlyMap<string, string>
  refreshProfile(profile: ProfileView): Promise<void>
  refreshAllExpired(): Promise<void>
  startConnect(network: Network, instance?: string): Promise<SignInOutcome<ConnectResult>>
  cancelSignIn(): Promise<void>

  menuOpen: boolean
  setMenuOpen(open: boolean): void
  detailProfileId: string | undefined
  openProfile(profileId: string): void
  closeProfile(): void
  connectDialog: ConnectDialogState | undefined
  openConnect(state?: ConnectDialogState): void
  closeConnect(): void
}

export const ConnectionsContext = createContext<ConnectionsContextValue | null>(null)

export function useConnections(): ConnectionsContextValue {
  const value = useContext(ConnectionsContext)
  if (!value) throw new Error('useConnections needs a ConnectionsProvider above it')
  return value
}
