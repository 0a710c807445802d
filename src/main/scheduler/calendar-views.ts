/** The schedule's calendar and list as main answers them: only what the cards and rows show. */
import type { Network } from '../../shared/domain/network'
import {
  DELIVERY_STATES,
  type CalendarDays,
  type CalendarDelivery,
  type CalendarEntry,
  type DaySummaryFilter,
  type DeliveryFilter,
  type DeliveryState,
} from '../../shared/domain/schedule'
import type { CalendarRow } from '../db/repositories/calendar-rows'
import type { DeliveryRepository } from '../db/repositories/delivery-repository'
import { yieldToLoop } from '../platform/yield-loop'
import { deliveryBasics, listFilter } from './views'

/** The first line of a post's text: what a card or a row has room for. */
export const firstLine = (text: string): string => text.trimStart().split('\n', 1)[0]?.trimEnd() ?? ''

export function toCalendarDelivery(row: CalendarRow): CalendarDelivery {
  return {
    ...deliveryBasics(row),
    preview: firstLine(row.preview),
    reason: row.reason,
    url: row.url,
    hasImage: row.has_image === 1,
  }
}

/**
 * Groups one window's rows into one entry per post and time (a post moved on one channel only
 * is an entry of its own), keeping the rows' order.
 */
function entriesOf(rows: readonly CalendarRow[]): CalendarEntry[] {
  const entries = new Map<string, CalendarEntry>()
  for (const row of rows) {
    const key = `${row.post_id}@${row.due_at}`
    let entry = entries.get(key)
    if (!entry) {
      entry = { postId: row.post_id, dueAt: row.due_at, preview: firstLine(row.preview), hasImage: row.has_image === 1, deliveries: [] }
      entries.set(key, entry)
    }
    entry.deliveries.push({
      id: row.id,
      channelId: row.channel_id,
      state: row.state as DeliveryState,
      ...(row.reason ? { reason: row.reason } : {}),
      ...(row.url ? { url: row.url } : {}),
    })
  }
  return [...entries.values()]
}

/**
 * A piece of the calendar read at once: a week (the month in six pieces, the week whole). Smaller
 * pieces kept main's loop freer but made the week's answer wait behind everything else between
 * them (120-360 ms instead of 12-90 ms in the window bench).
 */
const CHUNK_MS = 7 * 86_400_000

/** Consecutive windows in pieces spanning at most CHUNK_MS, each with the index of its first window. */
export function chunksOf<T extends readonly [number, number]>(windows: readonly T[]): [number, T[]][] {
  const chunks: [number, T[]][] = []
  windows.forEach((window, i) => {
    const last = chunks.at(-1)
    if (last && window[1] - (last[1][0]?.[0] ?? window[0]) <= CHUNK_MS) last[1].push(window)
    else chunks.push([i, [window]])
  })
  return chunks
}

export function createCalendarViews(repo: DeliveryRepository) {
  return {
    /** The list's rows, a page at a time. */
    async listCalendar(filter: DeliveryFilter): Promise<CalendarDelivery[]> {
      return (await repo.listCalendar(listFilter(filter))).map(toCalendarDelivery)
    },

    /**
     * The week and the month: per window (an hour, a day), its post count and the deliveries of
     * its first few posts. Read a week at a time, letting main's other work in between: an
     * agency's month is some 11,000 deliveries to count, 40-75 ms in one piece on a busy machine.
     */
    async calendarDays(filter: DaySummaryFilter): Promise<CalendarDays> {
      const windows = filter.dayStarts.slice(0, -1).map((start, i) => [start, filter.dayStarts[i + 1] ?? start] as const)
      const states = filter.states ?? DELIVERY_STATES
      const firsts: { i: number; post_id: string; posts: number }[] = []
      // A post moved on one channel to another piece is read by both: each delivery once.
      const rows = new Map<number, CalendarRow>()
      for (const [offset, chunk] of chunksOf(windows)) {
        if (offset > 0) await yieldToLoop()
        const found = await repo.postsPerDay({ days: chunk, states, perDay: filter.postsPerDay, ...(filter.channelIds ? { channelIds: filter.channelIds } : {}) })
        for (const f of found) firsts.push({ ...f, i: f.i + offset })
        for (const row of await repo.calendarRowsOfPosts([...new Set(found.map((f) => f.post_id))])) rows.set(row.id, row)
      }
      const byPost = new Map<string, CalendarRow[]>()
      for (const row of rows.values()) byPost.set(row.post_id, [...(byPost.get(row.post_id) ?? []), row])
      const wanted = new Set<string>(states)
      const channelsWanted = filter.channelIds ? new Set(filter.channelIds) : undefined
      const channels = new Map<string, CalendarDays['channels'][number]>()
      const perWindow = windows.map(() => ({ posts: 0, rows: [] as CalendarRow[] }))
      for (const first of firsts) {
        const window = windows[first.i]
        const into = perWindow[first.i]
        if (!window || !into) continue
        into.posts = first.posts
        for (const row of byPost.get(first.post_id) ?? []) {
          if (row.due_at < window[0] || row.due_at >= window[1] || !wanted.has(row.state)) continue
          if (channelsWanted && !channelsWanted.has(row.channel_id)) continue
          into.rows.push(row)
          channels.set(row.channel_id, { id: row.channel_id, name: row.channel_name, network: row.network as Network })
        }
      }
      return {
        channels: [...channels.values()],
        windows: windows.map(([start], i) => {
          const { posts, rows: mine } = perWindow[i] ?? { posts: 0, rows: [] }
          return { start, posts, entries: entriesOf([...mine].sort((a, b) => a.due_at - b.due_at || a.id - b.id)) }
        }),
      }
    },
  }
}
