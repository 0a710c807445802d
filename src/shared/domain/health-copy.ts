import { GRANT_HEALTH, type GrantHealth, type ProblemReason } from './health'
import { HEALTH_VOICE } from './health-voice'

/**
 * The grant healths in the shape older callers read (label, meaning, todo, severity), derived
 * from the one-voice table so there is still only one place that words health.
 */
export const HEALTH_COPY: Record<GrantHealth, { label: string; meaning: string; todo: string; severity: 'ok' | 'warn' | 'broken' | 'info' }> = Object.fromEntries(
  GRANT_HEALTH.map((health) => {
    const voice = HEALTH_VOICE[health]
    return [health, { label: voice.badge, meaning: voice.cause, todo: voice.action.sentence, severity: voice.tone }]
  }),
) as Record<GrantHealth, { label: string; meaning: string; todo: string; severity: 'ok' | 'warn' | 'broken' | 'info' }>

/** The grant health a confirmed problem reason leads to; undefined for reasons that never disconnect. */
export function healthForReason(reason: ProblemReason): GrantHealth | undefined {
  switch (reason) {
    case 'expired':
    case 'refresh_token_dead':
    case 'revoked_by_user':
    case 'password_changed':
    case 'account_action_required':
    case 'role_lost':
    case 'data_access_expired':
    case 'scope_missing':
      return reason
    case 'rate_limited':
    case 'transient':
    case 'unknown_auth':
    case 'other':
      return undefined
  }
}
