import type { ProfileDetail, ProfileView } from '../../../../shared/domain/connections'
import { HEALTH_COPY } from '../../../../shared/domain/health-copy'
import { isBrokenHealth, type GrantHealth } from '../../../../shared/domain/health'

export type AttentionKind = 'broken' | 'unfinished' | 'expiring'

/** Why a profile belongs in the "Expired tokens" list, or undefined when it does not. */
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

export interface StatusCopy {
  label: string
  meaning: string
  todo: string
  severity: 'ok' | 'warn' | 'broken' | 'info'
}

export const UNFINISHED: StatusCopy = {
  label: 'Unfinished — pick channels',
  meaning: 'The sign-in worked, but no channels were picked yet, so Relink uses none of them.',
  todo: 'Pick the channels to use; the ones found at sign-in are waiting.',
  severity: 'warn',
}

/** What to call a profile's state in plain words (HEALTH_COPY), with unfinished setups named as such. */
export function statusOf(profile: ProfileView): StatusCopy {
  if (profile.setupState === 'picking' && !isBrokenHealth(profile.health)) return UNFINISHED
  return HEALTH_COPY[profile.health]
}

/** HEALTH_COPY for a health string from the database, if it is one. */
export function copyFor(health: string | null | undefined): StatusCopy | undefined {
  return health && health in HEALTH_COPY ? HEALTH_COPY[health as GrantHealth] : undefined
}

const OTHER_REASONS: Record<string, string> = {
  transient: 'Temporary network problem',
  unknown_auth: 'Unrecognised sign-in error',
  other: 'Not a sign-in problem',
}

/** A taxonomy reason ("password_changed", "transient"…) as a person would say it. */
export function reasonLabel(reason: string | null | undefined): string {
  if (!reason) return ''
  return copyFor(reason)?.label ?? OTHER_REASONS[reason] ?? reason.replaceAll('_', ' ')
}

/** When the profile entered its current broken state, from the event log (newest first). */
export function brokeAt(detail: ProfileDetail | undefined): number | undefined {
  if (!detail || !isBrokenHealth(detail.health)) return undefined
  return detail.events.find((e) => e.kind === 'health_changed' && e.healthAfter === detail.health)?.at
}

export interface KeyMoment {
  /** "Expired", "Expires", "Data access ended", "Stopped working". */
  verb: string
  at: number
}

/** The one moment worth showing next to a profile that needs attention: when it expires or expired. */
export function keyMoment(profile: ProfileView, now: number, stoppedAt?: number): KeyMoment | undefined {
  const deadlines = [profile.accessExpiresAt, profile.refreshExpiresAt, profile.dataAccessExpiresAt].filter(
    (t): t is number => t !== null,
  )
  const past = deadlines.filter((t) => t <= now)
  const future = deadlines.filter((t) => t > now)
  switch (profile.health) {
    case 'data_access_expired':
      if (profile.dataAccessExpiresAt !== null && profile.dataAccessExpiresAt <= now) return { verb: 'Data access ended', at: profile.dataAccessExpiresAt }
      break
    case 'expired':
    case 'refresh_token_dead':
      if (past.length > 0) return { verb: 'Expired', at: Math.max(...past) }
      break
    case 'expiring':
      // Facebook pages outlive the personal sign-in: it may already have ended while pages still work.
      if (past.length > 0) return { verb: 'Expired', at: Math.max(...past) }
      if (future.length > 0) return { verb: 'Expires', at: Math.min(...future) }
      break
    default:
      if (!isBrokenHealth(profile.health) && future.length > 0) return { verb: 'Expires', at: Math.min(...future) }
  }
  return stoppedAt !== undefined ? { verb: 'Stopped working', at: stoppedAt } : undefined
}

/**
 * Main's detail sentence for a problem, without its closing advice ("Refresh the connection to
 * sign in again."): the window shows that advice once, as "What to do", from HEALTH_COPY.
 */
export function reasonSentence(detail: string, fallback: string): string {
  const sentences = detail.match(/[^.!?]+[.!?]+(\s|$)|[^.!?]+$/g) ?? []
  const kept = sentences.filter((s) => !/^\s*(refresh the connection|use “refresh connection”|use "refresh connection"|reconnect)/i.test(s))
  const text = kept.join('').trim()
  return text || fallback
}

/** What went wrong with a profile, in one or two sentences: main's specific detail where it has one. */
export function problemSentence(profile: ProfileView): string {
  const status = statusOf(profile)
  const detail = profile.detail.trim()
  // "Expires 2026-01-10." says less than the plain meaning; the date is shown on its own anyway.
  if (status === UNFINISHED || status.severity === 'ok' || !detail || /^Expires \d{4}-\d{2}-\d{2}\.?$/.test(detail)) return status.meaning
  return reasonSentence(detail, status.meaning)
}
