import type { ChannelSummary } from '../../../../shared/domain/entities'
import type { ChannelHealth } from '../../../../shared/domain/health'

export const HEALTH_LABELS: Record<ChannelHealth, { label: string; explanation: string }> = {
  healthy: { label: 'Healthy', explanation: 'Every link to this channel works.' },
  degraded: { label: 'Degraded', explanation: 'One link is broken; Relink is using another that still works.' },
  disconnected: { label: 'Disconnected', explanation: 'No working link: reconnect the profile that manages this channel.' },
  unlinked: { label: 'Not linked', explanation: 'No profile gives Relink access to this channel.' },
}

export const KIND_LABELS: Record<ChannelSummary['kind'], string> = {
  page: 'Page',
  business_account: 'Business account',
  organization: 'Organization page',
  member: 'Member profile',
  account: 'Account',
}
