import type { DeliveryState } from '../../../../shared/domain/schedule'

export type DeliveryTone = 'neutral' | 'progress' | 'good' | 'warn' | 'bad'

/** What each delivery state is called in the window, and how loudly it is shown. */
export const DELIVERY_STATE_LABELS: Record<DeliveryState, { label: string; tone: DeliveryTone; explanation: string }> = {
  scheduled: { label: 'Scheduled', tone: 'neutral', explanation: 'Waiting for its time.' },
  claimed: { label: 'Publishing', tone: 'progress', explanation: 'Relink is about to send it.' },
  publishing: { label: 'Publishing', tone: 'progress', explanation: 'Sent to the network; waiting for its answer.' },
  published: { label: 'Published', tone: 'good', explanation: 'Live on the network.' },
  held: { label: 'Held', tone: 'bad', explanation: 'The channel has no working connection. The post waits, safe, until you refresh the connection and release it.' },
  failed: { label: 'Failed', tone: 'bad', explanation: 'The network refused it.' },
  needs_review: { label: 'Needs review', tone: 'warn', explanation: 'Relink could not confirm whether it went out. Check the channel, then decide.' },
  skipped: { label: 'Skipped', tone: 'neutral', explanation: 'Will not be published.' },
  missed: { label: 'Missed', tone: 'warn', explanation: 'Its time passed while Relink was closed or the computer was asleep.' },
}

/** States a person has to act on. */
export const NEEDS_PERSON: readonly DeliveryState[] = ['held', 'failed', 'needs_review', 'missed']
