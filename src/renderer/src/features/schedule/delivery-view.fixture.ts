import { calendarDeliveryOf, type CalendarDelivery, type DeliveryView } from '../../../../shared/domain/schedule'

/** For tests: a scheduled delivery as the window receives it, with the fields a test names changed. */
export function deliveryView(patch: Partial<DeliveryView> = {}): DeliveryView {
  return {
    id: 1,
    postId: 'p1',
    channelId: 'c1',
    channelName: 'Northwind Coffee',
    network: 'facebook',
    state: 'scheduled',
    dueAt: Date.UTC(2026, 0, 6, 9),
    nextAttemptAt: null,
    attemptCount: 0,
    marker: 'rl-1',
    reviewCandidates: [],
    networkPostId: null,
    url: null,
    heldReason: null,
    heldDetail: null,
    failureReason: null,
    failureDetail: null,
    publishedAt: null,
    updatedAt: 0,
    preview: 'Hello',
    firstComment: null,
    firstCommentDetail: null,
    ...patch,
  }
}

/** For tests: a scheduled delivery as the calendar receives it, with the fields a test names changed. */
export function calendarDelivery(patch: Partial<CalendarDelivery> = {}): CalendarDelivery {
  return { ...calendarDeliveryOf(deliveryView()), ...patch }
}
