import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { ConnectResult, ConnectStep, ProfileDetail, ProfileView } from '../../../../shared/domain/connections'
import type { EventName } from '../../../../shared/ipc/channels'
import type { EventPayloads } from '../../../../shared/ipc/contract'
import { NETWORK_LABELS, SIGN_IN_LABELS, type Network } from '../../../../shared/domain/network'
import { useToast } from '../../components/use-toast'
import { call, errorMessage, IpcError, subscribe } from '../../lib/api'
import { useQuery } from '../../lib/use-query'
import {
  ConnectionsContext,
  type ConnectDialogState,
  type ConnectionsContextValue,
  type SignInOutcome,
  type SignInSession,
} from './connections-context'
import { healSummary } from './heal-summary'
import { byUrgency, needsAttention } from './profile-status'

export const PROFILE_EVENTS: readonly EventName[] = ['connections:did-change-health', 'channels:did-change', 'connections:did-reconnect']

const OPENING = 'Opening the sign-in page in your browser…'
const CANCELLED = 'Sign-in cancelled. Nothing was changed.'
const BUSY = 'Another sign-in is still open in your browser. Finish or cancel it first.'
const PROGRESS_GRACE_MS = 300


/**
 * The connections state the whole window shares: the profiles (read again on every health,
 * channel or reconnect event), the one browser sign-in in flight with its live progress, and
 * which connection surface is open (the header dropdown, a profile's details, the connect dialog).
 */
/** "Ava Lindqvist (@ava)": who to sign in as when a profile is refreshed. */
const accountName = (profile: { displayName: string; handle: string }): string =>
  profile.handle && profile.handle !== profile.displayName ? `${profile.displayName} (${profile.handle})` : profile.displayName

/**
 * While the browser waits, a refresh names the account to sign in as: signing in with another
 * one would connect a different person, not heal this profile.
 */
function progressMessage(session: SignInSession, step: ConnectStep, message: string): string {
  if (step !== 'waiting_for_browser' || session.kind !== 'refresh' || !session.network || !session.account) return message
  return `In your browser, sign in to ${NETWORK_LABELS[session.network]} as ${session.account}…`
}

export function ConnectionsProvider({ children }: { children: ReactNode }) {
  const toast = useToast()
  const profiles = useQuery('connections:list-profiles', undefined, PROFILE_EVENTS)
  const reloadProfiles = profiles.reload
  const [session, setSession] = useState<SignInSession>()
  const [failures, setFailures] = useState<ReadonlyMap<string, string>>(new Map())
  const [menuOpen, setMenuOpen] = useState(false)
  const [detailProfileId, setDetailProfileId] = useState<string>()
  const [connectDialog, setConnectDialog] = useState<ConnectDialogState>()
  const [attentionDetails, setAttentionDetails] = useState<ReadonlyMap<string, ProfileDetail>>(new Map())

  // Read inside async callbacks, where state would be stale.
  const busy = useRef(false)
  const cancelRequested = useRef(false)
  const lastProgress = useRef<EventPayloads['connections:did-progress']>(undefined)

  const attention = useMemo(() => (profiles.data ?? []).filter(needsAttention).sort(byUrgency), [profiles.data])

  useEffect(
    () =>
      subscribe('connections:did-progress', (progress) => {
        lastProgress.current = progress
        setSession((current) => (current ? { ...current, step: progress.step, message: progressMessage(current, progress.step, progress.message) } : current))
      }),
    [],
  )

  // The tray, the app menu and notifications ask the window to show a profile, or the list.
  useEffect(
    () =>
      subscribe('app:did-request-open', (request) => {
        if (request.kind !== 'profile') return
        if (request.id) {
          setMenuOpen(false)
          setDetailProfileId(request.id)
        } else {
          setMenuOpen(true)
        }
      }),
    [],
  )

  // The dropdown and the Channels page say when a profile stopped working: that is in its event log.
  const attentionKey = attention.map((p) => `${p.id}:${p.health}:${p.setupState}`).join(' ')
  useEffect(() => {
    let current = true
    const ids = attentionKey ? attentionKey.split(' ').map((entry) => entry.slice(0, entry.indexOf(':'))) : []
    Promise.all(ids.map((profileId) => call('connections:get-profile', { profileId }).catch(() => undefined)))
      .then((list) => {
        if (current) setAttentionDetails(new Map(list.filter((d): d is ProfileDetail => d !== undefined).map((d) => [d.id, d])))
      })
      .catch(() => undefined)
    return () => {
      current = false
    }
    // Re-read whenever the list is re-read, so event logs stay current.
  }, [attentionKey, profiles.data])

  const runSignIn = useCallback(async <T,>(start: Omit<SignInSession, 'step' | 'message' | 'cancelling'>, task: () => Promise<T>): Promise<SignInOutcome<T>> => {
    if (busy.current) return { ok: false, cancelled: false, message: BUSY }
    busy.current = true
    cancelRequested.current = false
    lastProgress.current = undefined
    setSession({ ...start, step: 'opening_browser', message: OPENING, cancelling: false })
    try {
      return { ok: true, data: await task() }
    } catch (err) {
      // Written by the progress listener while the task ran; TypeScript cannot see that.
      const readProgress = (): EventPayloads['connections:did-progress'] | undefined => lastProgress.current
      const generic = !(err instanceof IpcError) || err.code === 'internal'
      const ended = (): boolean => readProgress()?.step === 'failed' || readProgress()?.step === 'cancelled'
      // The progress event carries the flow's own sentence ("Access was not granted…") when the
      // reply is only generic; it is sent just before the reply, so give it a moment to arrive.
      if (generic && !ended() && !cancelRequested.current) await new Promise((resolve) => setTimeout(resolve, PROGRESS_GRACE_MS))
      const progress = readProgress()
      const cancelled = cancelRequested.current || progress?.step === 'cancelled'
      if (cancelled) return { ok: false, cancelled, message: CANCELLED }
      const message = generic && progress?.step === 'failed' && progress.message ? progress.message : errorMessage(err)
      return { ok: false, cancelled, message }
    } finally {
      busy.current = false
      setSession(undefined)
    }
  }, [])

  const rememberFailure = useCallback((profileId: string, message: string | undefined) => {
    setFailures((current) => {
      const next = new Map(current)
      if (message) next.set(profileId, message)
      else next.delete(profileId)
      return next
    })
  }, [])

  const refreshProfile = useCallback(
    async (profile: ProfileView) => {
      rememberFailure(profile.id, undefined)
      if (profile.setupState === 'picking') {
        // The channels found at the last sign-in are kept: pick them without signing in again.
        try {
          const detail = await call('connections:get-profile', { profileId: profile.id })
          if (detail.pending.length > 0) {
            setMenuOpen(false)
            setConnectDialog({ mode: 'pick', result: { profileId: detail.id, profile: detail, channels: detail.pending, reconnected: false } })
            return
          }
        } catch {
          // Fall back to a fresh sign-in, which lists the channels again.
        }
      }
      const outcome = await runSignIn({ kind: 'refresh', network: profile.network, profileId: profile.id, label: profile.displayName, account: accountName(profile) }, () =>
        call('connections:refresh-profile', { profileId: profile.id }),
      )
      if (outcome.ok) {
        reloadProfiles()
        const result: ConnectResult = outcome.data
        if (result.profile.setupState === 'picking') {
          setMenuOpen(false)
          setConnectDialog({ mode: 'pick', result })
          return
        }
        // The toast counts what really works now and names what is still broken, with why.
        const stillBroken = (result.heal?.broken.length ?? 0) > 0
        toast.show({
          message: `Reconnected ${result.profile.displayName} on ${SIGN_IN_LABELS[result.profile.network]}. ${healSummary(result.heal)}`.trim(),
          ...(stillBroken ? { tone: 'danger' as const } : {}),
        })
      } else if (outcome.cancelled) {
        toast.show({ message: outcome.message })
      } else {
        rememberFailure(profile.id, outcome.message)
        toast.show({ message: outcome.message, tone: 'danger' })
      }
    },
    [reloadProfiles, rememberFailure, runSignIn, toast],
  )

  const refreshAllExpired = useCallback(async () => {
    const outcome = await runSignIn({ kind: 'refresh-all', label: 'every connection that needs it' }, () => call('connections:refresh-all-expired'))
    reloadProfiles()
    if (!outcome.ok) {
      toast.show({ message: outcome.message, tone: outcome.cancelled ? 'neutral' : 'danger' })
      return
    }
    const { refreshed, failed } = outcome.data
    for (const failure of failed) rememberFailure(failure.profileId, failure.message)
    if (refreshed.length === 0 && failed.length === 0) {
      toast.show({ message: 'Nothing needed refreshing: every connection works.' })
    } else if (failed.length === 0) {
      toast.show({ message: `Refreshed ${refreshed.length} ${refreshed.length === 1 ? 'connection' : 'connections'}.` })
    } else {
      const done = refreshed.length > 0 ? `Refreshed ${refreshed.length}; ` : ''
      toast.show({ message: `${done}${failed.length} could not be refreshed: ${failed[0]?.message ?? ''}`, tone: 'danger' })
    }
  }, [reloadProfiles, rememberFailure, runSignIn, toast])

  const startConnect = useCallback(
    (network: Network, instance?: string) =>
      runSignIn({ kind: 'connect', network, label: NETWORK_LABELS[network] }, () =>
        call('connections:start-connect', instance ? { network, instance } : { network }),
      ),
    [runSignIn],
  )

  const cancelSignIn = useCallback(async () => {
    cancelRequested.current = true
    setSession((current) => (current ? { ...current, cancelling: true } : current))
    try {
      await call('connections:cancel-connect')
    } catch (err) {
      toast.show({ message: errorMessage(err), tone: 'danger' })
    }
  }, [toast])

  const value = useMemo<ConnectionsContextValue>(
    () => ({
      profiles: profiles.data,
      profilesError: profiles.error,
      reloadProfiles,
      attention,
      attentionDetails,
      session,
      failures,
      refreshProfile,
      refreshAllExpired,
      startConnect,
      cancelSignIn,
      menuOpen,
      setMenuOpen,
      detailProfileId,
      openProfile: (profileId) => {
        setMenuOpen(false)
        setDetailProfileId(profileId)
      },
      closeProfile: () => setDetailProfileId(undefined),
      connectDialog,
      openConnect: (state = { mode: 'start' }) => {
        setMenuOpen(false)
        setConnectDialog(state)
      },
      closeConnect: () => setConnectDialog(undefined),
    }),
    [profiles.data, profiles.error, reloadProfiles, attention, attentionDetails, session, failures, refreshProfile, refreshAllExpired, startConnect, cancelSignIn, menuOpen, detailProfileId, connectDialog],
  )

  return <ConnectionsContext.Provider value={value}>{children}</ConnectionsContext.Provider>
}
