import { HEALTH_COPY } from './health-copy'
import type { GapReason } from './sync'

/** A gap's reason in the words Connection health uses ("Sign-in revoked"). */
export function gapReasonWords(reason: GapReason): string {
  if (reason === 'sync_failing') return 'Reading kept failing'
  if (reason === 'transient') return 'The network did not answer'
  if (reason === 'rate_limited') return 'The network asked Relink to slow down'
  if (reason === 'unknown_auth') return 'The network refused the sign-in'
  if (reason === 'other') return 'The network refused the request'
  return HEALTH_COPY[reason].label
}
