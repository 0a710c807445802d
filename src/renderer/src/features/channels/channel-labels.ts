import type { ChannelSummary } from '../../../../shared/domain/entities'

export const KIND_LABELS: Record<ChannelSummary['kind'], string> = {
  page: 'Page',
  business_account: 'Business account',
  organization: 'Organization page',
  member: 'Member profile',
  account: 'Account',
}
