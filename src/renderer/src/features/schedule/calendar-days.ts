import type { CalendarDays, CalendarDelivery } from '../../../../shared/domain/schedule'

/** One window of the week or month as the views use it: its post count and its first posts' deliveries. */
export interface WindowDeliveries {
  start: number
  posts: number
  deliveries: CalendarDelivery[]
}

/** Main's compact answer (each channel named once, each post's text once) as one delivery per card row. */
export function windowDeliveries(answer: CalendarDays): WindowDeliveries[] {
  const channels = new Map(answer.channels.map((c) => [c.id, c]))
  return answer.windows.map(({ start, posts, entries }) => ({
    start,
    posts,
    deliveries: entries.flatMap(({ postId, dueAt, preview, hasImage, deliveries }) =>
      // Main names every channel it sends; one it did not would be a card with no channel.
      deliveries.flatMap((d): CalendarDelivery[] => {
        const channel = channels.get(d.channelId)
        if (!channel) return []
        const { name: channelName, network } = channel
        return [{ id: d.id, postId, channelId: d.channelId, channelName, network, state: d.state, dueAt, preview, reason: d.reason ?? null, url: d.url ?? null, hasImage }]
      }),
    ),
  }))
}
