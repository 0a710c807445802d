/**
 * What the window asks of the schedule, shaped for the question: the list (whole or a page), the
 * calendar's rows and each day's first few posts, held deliveries, taken slots, and the at-risk
 * overview's sign-ins and counts, set-based over every lapsing channel at once.
 */
import type { Statement } from 'better-sqlite3'
import type { CalendarRow, RowShape } from './calendar-rows'
import { CALENDAR_SHAPE } from './calendar-rows'
import type { DeliveryListRow, DeliveryRow, Exclusive, LinkClockRow } from './delivery-rows'

const LIST_COLUMNS = `d.*, c.name AS channel_name, c.network AS network, substr(p.text, 1, 200) AS preview, fc.state AS first_comment_state, fc.failure_detail AS first_comment_detail`
/** What a listed delivery is shown with: its channel, its post and its first comment, if any. */
const LIST_JOINS = `JOIN channels c ON c.id = d.channel_id JOIN posts p ON p.id = d.post_id LEFT JOIN first_comments fc ON fc.delivery_id = d.id`
const LIST_FROM = `FROM deliveries d ${LIST_JOINS}`
const LIST_SHAPE: RowShape = { columns: LIST_COLUMNS, joins: LIST_JOINS }
export const POST_COLUMNS = `p.*, m.mime_type AS image_mime, m.width AS image_width, m.height AS image_height, m.size_bytes AS image_size`

export interface DeliveryListFilter {
  from: number
  to: number
  states: readonly string[]
  channelIds?: readonly string[]
  /** A page goes on after this row, in the same (due_at, id) order. */
  after?: { dueAt: number; id: number }
  limit?: number
}

/** The schedule's list, whole or a page of it. */
export function listDeliveriesQuery(filter: DeliveryListFilter, shape: RowShape = LIST_SHAPE): { sql: string; args: (string | number)[] } {
  // `state IN (…)` lets SQLite walk the (state, due_at) index once per state.
  const args: (string | number)[] = [JSON.stringify(filter.states), filter.from, filter.to]
  let where = 'd.state IN (SELECT value FROM json_each(?)) AND d.due_at >= ? AND d.due_at < ?'
  if (filter.channelIds) {
    where += ' AND d.channel_id IN (SELECT value FROM json_each(?))'
    args.push(JSON.stringify(filter.channelIds))
  }
  if (filter.after) {
    where += ' AND (d.due_at > ? OR (d.due_at = ? AND d.id > ?))'
    args.push(filter.after.dueAt, filter.after.dueAt, filter.after.id)
  }
  if (filter.limit === undefined) return { sql: `SELECT ${shape.columns} FROM deliveries d ${shape.joins} WHERE ${where} ORDER BY d.due_at, d.id`, args }
  // A page picks its ids from the index alone (sorting only ids and times), then joins the rest.
  args.push(filter.limit)
  return {
    sql: `WITH page AS (SELECT d.id, d.due_at FROM deliveries d WHERE ${where} ORDER BY d.due_at, d.id LIMIT ?)
      SELECT ${shape.columns} FROM page JOIN deliveries d ON d.id = page.id ${shape.joins}
      ORDER BY page.due_at, page.id`,
    args,
  }
}

/**
 * Every sign-in behind each channel that has something scheduled. Whether a channel has is one
 * seek on deliveries_by_state_channel_due per channel (EXISTS), not a pass over every scheduled
 * delivery to list the distinct channels (50,000 index entries at agency scale, 4 ms against 1).
 */
export const LINK_CLOCKS_SQL = `SELECT c.id AS channel_id, c.name AS channel_name, c.network AS network, c.kind AS channel_kind, l.tasks, l.profile_id, l.health AS link_health,
    l.token_enc IS NOT NULL AS has_link_token, p.health AS profile_health, p.refresh_token_enc IS NOT NULL AS has_refresh,
    p.access_expires_at, p.refresh_expires_at, p.data_access_expires_at
  FROM channels c
  LEFT JOIN channel_links l ON l.channel_id = c.id
  LEFT JOIN profiles p ON p.id = l.profile_id
  WHERE EXISTS (SELECT 1 FROM deliveries d WHERE d.state = 'scheduled' AND d.channel_id = c.id)`

/**
 * The at-risk questions, for every lapsing channel at once (input: JSON [[channelId, from], …]).
 * CROSS JOIN keeps the short list of channels outside (SQLite would otherwise scan the
 * deliveries); each channel is then one range on deliveries_by_state_channel_due. Counts are
 * correlated per channel rather than grouped: an index range each, no temporary b-tree.
 */
const LAPSES = `WITH lapse(channel_id, from_at) AS (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))`
const HITS = `FROM deliveries d WHERE d.state = 'scheduled' AND d.channel_id = lapse.channel_id AND d.due_at >= lapse.from_at`
/** Lapsing channels whose at-risk deliveries are counted in one read (scheduledFromEach). */
export const AT_RISK_CHANNELS_PER_READ = 100

export const AT_RISK_SQL = {
  perChannel: `${LAPSES} SELECT lapse.channel_id, (SELECT count(*) ${HITS}) AS count, (SELECT min(d.due_at) ${HITS}) AS first_due FROM lapse`,
  // The earliest are picked from the index alone (its entries carry the id), and only they are
  // read from the table: sorting whole rows read every hit's row, some 36,000 of them at agency
  // scale, 5-7 ms of CPU with the pages cold.
  first: `${LAPSES} SELECT d.* FROM deliveries d WHERE d.id IN (
            SELECT h.id FROM lapse CROSS JOIN deliveries h ON h.state = 'scheduled' AND h.channel_id = lapse.channel_id AND h.due_at >= lapse.from_at
             ORDER BY h.due_at, h.id LIMIT ?)
          ORDER BY d.due_at, d.id`,
}

export interface PostsPerDayFilter {
  days: readonly (readonly [number, number])[]
  states: readonly string[]
  channelIds?: readonly string[]
  perDay: number
}

/**
 * Per day window (JSON [[start, end], …]): how many posts are due, and the ids of the first
 * `perDay` by time. The days stay outside (CROSS JOIN), each a range on (state, due_at) read from
 * the index alone (0025: it carries the post and the channel).
 */
export function postsPerDayQuery(filter: PostsPerDayFilter): { sql: string; args: (string | number)[] } {
  const channel = filter.channelIds ? 'AND d.channel_id IN (SELECT value FROM json_each(?))' : ''
  const sql = `WITH day(i, start_at, end_at) AS (SELECT key, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)),
    per AS (SELECT day.i AS i, d.post_id AS post_id, min(d.due_at) AS first_due
            FROM day CROSS JOIN deliveries d ON d.state IN (SELECT value FROM json_each(?)) AND d.due_at >= day.start_at AND d.due_at < day.end_at ${channel}
            GROUP BY day.i, d.post_id),
    ranked AS (SELECT i, post_id, row_number() OVER (PARTITION BY i ORDER BY first_due, post_id) AS rn, count(*) OVER (PARTITION BY i) AS posts FROM per)
    SELECT i, post_id, rn, posts FROM ranked WHERE rn <= ? ORDER BY i, rn`
  const args: (string | number)[] = [JSON.stringify(filter.days), JSON.stringify(filter.states)]
  if (filter.channelIds) args.push(JSON.stringify(filter.channelIds))
  args.push(filter.perDay)
  return { sql, args }
}

/** The window's reads, on the repository's statements and connection lock. */
export function createDeliveryWindowReads(deps: { stmt: (sql: string) => Statement; exclusive: Exclusive; nextTurn: () => Promise<void> }) {
  const { stmt, exclusive, nextTurn } = deps
  const json = (values: readonly (string | number)[]): string => JSON.stringify(values)
  return {
    listDeliveries(filter: DeliveryListFilter): Promise<DeliveryListRow[]> {
      return exclusive(() => {
        const { sql, args } = listDeliveriesQuery(filter)
        return stmt(sql).all(...args) as DeliveryListRow[]
      })
    },

    /** The same question, answered with only what a calendar card or a list row shows. */
    listCalendar(filter: DeliveryListFilter): Promise<CalendarRow[]> {
      return exclusive(() => {
        const { sql, args } = listDeliveriesQuery(filter, CALENDAR_SHAPE)
        return stmt(sql).all(...args) as CalendarRow[]
      })
    },

    /** Each day's post count and first few posts (postsPerDayQuery). */
    postsPerDay(filter: PostsPerDayFilter) {
      return exclusive(() => {
        const { sql, args } = postsPerDayQuery(filter)
        return stmt(sql).all(...args) as { i: number; post_id: string; rn: number; posts: number }[]
      })
    },

    /** Every delivery of the posts, as the calendar shows them. */
    calendarRowsOfPosts(postIds: readonly string[]): Promise<CalendarRow[]> {
      return exclusive(
        () =>
          stmt(`SELECT ${CALENDAR_SHAPE.columns} FROM deliveries d ${CALENDAR_SHAPE.joins} WHERE d.post_id IN (SELECT value FROM json_each(?)) ORDER BY d.due_at, c.name, d.id`).all(
            json(postIds),
          ) as CalendarRow[],
      )
    },

    deliveriesOfPosts(postIds: readonly string[]): Promise<DeliveryListRow[]> {
      return exclusive(
        () =>
          stmt(`SELECT ${LIST_COLUMNS} ${LIST_FROM} WHERE d.post_id IN (SELECT value FROM json_each(?)) ORDER BY d.due_at, c.name, d.id`).all(
            json(postIds),
          ) as DeliveryListRow[],
      )
    },

    deliveriesByIds(ids: readonly number[]): Promise<DeliveryListRow[]> {
      return exclusive(
        () => stmt(`SELECT ${LIST_COLUMNS} ${LIST_FROM} WHERE d.id IN (SELECT value FROM json_each(?)) ORDER BY d.due_at, d.id`).all(json(ids)) as DeliveryListRow[],
      )
    },

    /** Held deliveries, optionally of some channels only, oldest first. */
    held(channelIds?: readonly string[]): Promise<DeliveryListRow[]> {
      return exclusive(() =>
        channelIds
          ? (stmt(
              `SELECT ${LIST_COLUMNS} ${LIST_FROM} WHERE d.channel_id IN (SELECT value FROM json_each(?)) AND d.state = 'held' ORDER BY d.due_at, d.id`,
            ).all(json(channelIds)) as DeliveryListRow[])
          : (stmt(`SELECT ${LIST_COLUMNS} ${LIST_FROM} WHERE d.state = 'held' ORDER BY d.due_at, d.id`).all() as DeliveryListRow[]),
      )
    },

    /** Due times already taken on a channel in [from, to), the post being edited left out: for "next free slot". */
    takenTimes(channelId: string, from: number, to: number, exceptPostId: string | null = null): Promise<number[]> {
      return exclusive(() =>
        (
          stmt(
            `SELECT due_at FROM deliveries WHERE channel_id = ? AND state IN ('scheduled', 'claimed', 'publishing', 'held') AND due_at >= ? AND due_at < ? AND post_id IS NOT ? ORDER BY due_at`,
          ).all(channelId, from, to, exceptPostId) as { due_at: number }[]
        ).map((r) => r.due_at),
      )
    },

    /**
     * Every link (with its profile's clocks) of channels that have scheduled deliveries, read in a
     * turn of main's loop of its own: a window asks for the held posts and the at-risk overview
     * together, and both arriving in one turn ran this read and the other answer back to back.
     */
    async linkClocks(): Promise<LinkClockRow[]> {
      await nextTurn()
      return exclusive(() => stmt(LINK_CLOCKS_SQL).all() as LinkClockRow[])
    },

    /**
     * Scheduled deliveries each channel's lapse would hit (due at or after its `from`), set-based
     * (AT_RISK_SQL): counts and first due time per channel, and the earliest `limit` deliveries
     * overall. Each read gets a turn of main's loop of its own, apart from the sign-ins read before
     * them, and the counts are read AT_RISK_CHANNELS_PER_READ channels at a time: at agency scale
     * (some 36,000 deliveries behind 300-400 lapsing channels) counting them all at once held the
     * loop for 8-10 ms with the index's pages cold.
     */
    async scheduledFromEach(
      thresholds: readonly { channelId: string; from: number }[],
      limit: number,
    ): Promise<{ perChannel: { channel_id: string; count: number; first_due: number }[]; first: DeliveryRow[] }> {
      if (thresholds.length === 0) return { perChannel: [], first: [] }
      const lapses = thresholds.map((t) => [t.channelId, t.from] as const)
      const perChannel: { channel_id: string; count: number; first_due: number }[] = []
      for (let i = 0; i < lapses.length; i += AT_RISK_CHANNELS_PER_READ) {
        const part = JSON.stringify(lapses.slice(i, i + AT_RISK_CHANNELS_PER_READ))
        await nextTurn()
        const counted = await exclusive(() => stmt(AT_RISK_SQL.perChannel).all(part) as { channel_id: string; count: number; first_due: number | null }[])
        for (const r of counted) if (r.count > 0 && r.first_due !== null) perChannel.push({ channel_id: r.channel_id, count: r.count, first_due: r.first_due })
      }
      const input = JSON.stringify(lapses)
      await nextTurn()
      const first = await exclusive(() => stmt(AT_RISK_SQL.first).all(input, limit) as DeliveryRow[])
      return { perChannel, first }
    },
  }
}
