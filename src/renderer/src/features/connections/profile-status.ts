import type { ProfileView } from '../../../../shared/domain/connections'
import { HEALTH_VOICE, MOMENT_VERBS, voiceOf, type HealthVoice } from '../../../../shared/domain/health-voice'
import { isBrokenHealth } from '../../../../shared/domain/health'

export type AttentionKind = 'broken' | 'unfinished' | 'expiring'

/** Why a profile belongs in the Needs attention list, or undefined when it does not. */
export function attentionOf(profile: ProfileView): AttentionKind | undefined {
  if (isBrokenHealth(profile.health)) return 'broken'
  if (profile.setupState === 'picking') return 'unfinished'
  if (profile.health === 'expiring') return 'expiring'
  return undefined
}

export const needsAttention = (profile: ProfileView): boolean => attentionOf(profile) !== undefined

/** Main's urgency first (broken, then soonest deadline); names break ties so the order is stable. */
export function byUrgency(a: ProfileView, b: ProfileView): number {
  return a.urgency - b.urgency || a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id)
}

/** A state's words as the window shows them: always an entry of the one-voice table. */
export type StatusCopy = HealthVoice

/** What to call a profile's state (the one-voice table), with unfinished setups named as such. */
export function statusOf(profile: ProfileView): HealthVoice {
  if (profile.setupState === 'picking' && !isBrokenHealth(profile.health)) return HEALTH_VOICE.unfinished
  return HEALTH_VOICE[profile.health]
}

/** The table's entry for a health or reason string from the database, if it is one. */
export const copyFor = (health: string | null | undefined): HealthVoice | undefined => voiceOf(health)

/** A taxonomy reason ("password_changed", "transient"…) as its badge word. */
export function reasonLabel(reason: string | null | undefined): string {
  if (!reason) return ''
  return voiceOf(reason)?.badge ?? reason.replaceAll('_', ' ')
}

export interface KeyMoment {
  /** One of the table's moment verbs ("Expired", "Expires", "Data access ended", "Stopped working"). */
  verb: string
  at: number
}

/** The one moment worth showing next to a profile that needs attention: when it expires or expired. */
export function keyMoment(profile: ProfileView, now: number, stoppedAt?: number): KeyMoment | undefined {
  // A token Relink renews by itself (X's two hours) is routine, not a moment worth showing.
  const access = profile.renewsAutomatically ? null : profile.accessExpiresAt
  const deadlines = [access, profile.refreshExpiresAt, profile.dataAccessExpiresAt].filter(
    (t): t is number => t !== null,
  )
  const past = deadlines.filter((t) => t <= now)
  const future = deadlines.filter((t) => t > now)
  switch (profile.health) {
    case 'data_access_expired':
      if (profile.dataAccessExpiresAt !== null && profile.dataAccessExpiresAt <= now) return { verb: MOMENT_VERBS.dataAccessEnded, at: profile.dataAccessExpiresAt }
      break
    case 'expired':
    case 'refresh_token_dead':
      if (past.length > 0) return { verb: MOMENT_VERBS.expired, at: Math.max(...past) }
      break
    case 'expiring':
      // Facebook pages outlive the personal sign-in: it may already have ended while pages still work.
      if (past.length > 0) return { verb: MOMENT_VERBS.expired, at: Math.max(...past) }
      if (future.length > 0) return { verb: MOMENT_VERBS.expires, at: Math.min(...future) }
      break
    default:
      if (!isBrokenHealth(profile.health) && future.length > 0) return { verb: MOMENT_VERBS.expires, at: Math.min(...future) }
  }
  return stoppedAt !== undefined ? { verb: MOMENT_VERBS.stopped, at: stoppedAt } : undefined
}

/** What went wrong with a profile, in the table's one sentence. */
export function problemSentence(profile: ProfileView): string {
  return statusOf(profile).cause
}
