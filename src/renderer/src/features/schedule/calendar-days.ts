import type { CalendarDays, CalendarDelivery } from '../../../../shared/domain/schedule'
import { dayKey } from './calendar-range'

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

/** The calendar's answer as the views read it: every delivery, by day, and each window's post count. */
export interface CalendarIndex {
  deliveries: CalendarDelivery[]
  byDay: Map<string, CalendarDelivery[]>
  /** Posts per window: by hour start (`String(start)`) in the week, by `dayKey` in the month. */
  postCounts: Map<string, number>
}

/** Deliveries grouped by their day (`dayKey`), in the order given. */
export function byDayOf(deliveries: readonly CalendarDelivery[]): Map<string, CalendarDelivery[]> {
  const map = new Map<string, CalendarDelivery[]>()
  for (const d of deliveries) {
    const key = dayKey(d.dueAt)
    const list = map.get(key)
    if (list) list.push(d)
    else map.set(key, [d])
  }
  return map
}

/**
 * Whether an answer is for these windows (`dayStarts` as asked: every window's start, then the
 * end). A page switching from the week to the month still holds the week's answer until the
 * month's arrives, a render later even when the window's cache has it: drawn as a month, it made
 * a grid of the wrong posts only to replace it.
 */
export function answersWindows(answer: CalendarDays, dayStarts: readonly number[]): boolean {
  const { windows } = answer
  return windows.length === dayStarts.length - 1 && windows[0]?.start === dayStarts[0] && windows.at(-1)?.start === dayStarts.at(-2)
}

const indexes = new WeakMap<CalendarDays, Partial<Record<'hour' | 'day', CalendarIndex>>>()

/**
 * The index of an answer, worked out once per answer: the Schedule opened again shows the cached
 * answer (the same object while main says the same, keep-equal.ts) without reading it again.
 */
export function calendarIndex(answer: CalendarDays, countBy: 'hour' | 'day'): CalendarIndex {
  const known = indexes.get(answer) ?? {}
  const found = known[countBy]
  if (found) return found
  const windows = windowDeliveries(answer)
  const deliveries = windows.flatMap((w) => w.deliveries)
  const index: CalendarIndex = {
    deliveries,
    byDay: byDayOf(deliveries),
    postCounts: new Map(windows.map((w) => [countBy === 'hour' ? String(w.start) : dayKey(w.start), w.posts])),
  }
  indexes.set(answer, { ...known, [countBy]: index })
  return index
}
