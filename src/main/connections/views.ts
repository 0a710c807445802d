import type { ProfileView } from '../../shared/domain/connections'
import { isBrokenHealth, type GrantHealth } from '../../shared/domain/health'
import type { Network } from '../../shared/domain/network'
import type { ProfileRow } from '../db/repositories/connection-repository'

/** LinkedIn: after a disconnection, data older than 30 days before reauthorisation may be lost. */
const LINKEDIN_DATA_LOSS = 'If LinkedIn stays disconnected, analytics older than 30 days before you reconnect may be lost. Reconnect soon.'

/** Lower is more urgent: broken first, then expiring by soonest deadline, then healthy by deadline. */
export function urgencyOf(row: ProfileRow): number {
  const health = row.health as GrantHealth
  const deadlines = [row.access_expires_at, row.refresh_expires_at, row.data_access_expires_at].filter((t): t is number => t !== null)
  const soonest = deadlines.length ? Math.min(...deadlines) : Number.MAX_SAFE_INTEGER / 4
  if (isBrokenHealth(health)) return soonest / 1e6
  if (health === 'expiring' || row.setup_state === 'picking') return 1e9 + soonest / 1e6
  return 2e9 + soonest / 1e6
}

export function toProfileView(row: ProfileRow, channelCount: number, nowMs: number, stoppedAt: number | null = null): ProfileView {
  const health = row.health as GrantHealth
  const warnings: string[] = []
  if (row.network === 'linkedin' && (isBrokenHealth(health) || health === 'expiring')) warnings.push(LINKEDIN_DATA_LOSS)
  if (row.network === 'linkedin' && row.refresh_expires_at !== null && row.refresh_expires_at > nowMs) {
    const days = Math.ceil((row.refresh_expires_at - nowMs) / 86_400_000)
    if (days <= 30) warnings.push(`LinkedIn requires a new sign-in in ${days} day${days === 1 ? '' : 's'} (its yearly limit); renewing automatically cannot extend it.`)
  }
  if (row.setup_state === 'picking') warnings.push('Sign-in finished, but no channels were picked yet. Finish connecting to use them.')
  return {
    id: row.id,
    network: row.network as Network,
    instance: row.instance,
    displayName: row.display_name,
    handle: row.handle,
    health,
    reason: row.health_reason,
    detail: row.health_detail,
    connectedBy: row.connected_by,
    connectedAt: row.connected_at,
    accessExpiresAt: row.access_expires_at,
    renewsAutomatically: row.refresh_token_enc !== null,
    refreshExpiresAt: row.refresh_expires_at,
    dataAccessExpiresAt: row.data_access_expires_at,
    lastProbeAt: row.last_probe_at,
    setupState: row.setup_state === 'picking' ? 'picking' : 'ready',
    channelCount,
    urgency: urgencyOf(row),
    warnings,
    stoppedAt: isBrokenHealth(health) ? stoppedAt : null,
  }
}
