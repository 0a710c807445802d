import { randomBytes } from 'node:crypto'
import type { Database, Statement } from 'better-sqlite3'
import { FIRST_COMMENT_NETWORKS, type FirstCommentState } from '../../../shared/domain/schedule'
import type { RelinkDatabase } from '../client'
import { writeMarkOf } from '../write-memo'
import { yieldToLoop } from '../../platform/yield-loop'
import type { AttemptClose } from '../../intents/types'
import { attemptRows } from './attempt-rows'
import { CALENDAR_SHAPE, type CalendarRow, type RowShape } from './calendar-rows'
import { createFirstCommentQueries } from './first-comment-queries'

/**
 * All SQL of the scheduler. It runs on cached better-sqlite3 statements rather than Kysely: the
 * due-queue is the hot path (a Kysely round trip costs ~4× a cached statement and prepares on
 * every call — RELIABILITY anchors §3.2, P5), and state transitions must be single synchronous
 * transactions. Every call still waits for Kysely's connection lock (`exclusive`), so a
 * scheduler write can never land inside another repository's open transaction on the shared
 * connection.
 */

export type DeliveryStateName =
  | 'scheduled'
  | 'claimed'
  | 'publishing'
  | 'published'
  | 'held'
  | 'failed'
  | 'needs_review'
  | 'skipped'
  | 'missed'

export interface DeliveryRow {
  id: number
  post_id: string
  channel_id: string
  state: DeliveryStateName
  due_at: number
  next_attempt_at: number | null
  attempt_count: number
  marker: string
  network_post_id: string | null
  url: string | null
  held_reason: string | null
  held_detail: string | null
  failure_reason: string | null
  failure_detail: string | null
  claimed_at: number | null
  intent_at: number | null
  published_at: number | null
  notified_at: number | null
  /** `needs_review` with posts that may be this one: a JSON array of PublishedPost. */
  review_candidates: string | null
  /** Instagram: the media container made for this delivery. */
  container_id: string | null
  created_at: number
  updated_at: number
}

/** A delivery with what lists and dialogs show next to it. */
export interface DeliveryListRow extends DeliveryRow {
  channel_name: string
  network: string
  preview: string
  first_comment_state: FirstCommentState | null
  first_comment_detail: string | null
}

export interface PostRow {
  id: string
  status: 'draft' | 'scheduled' | 'cancelled'
  text: string
  link: string | null
  image_path: string | null
  image_sha256: string | null
  image_alt: string | null
  publish_at: number | null
  time_zone: string
  channel_ids: string
  /** JSON object network → text, for the networks the person customised. */
  network_texts: string
  /** Published under the post on Instagram and LinkedIn once it is out; null for none. */
  first_comment: string | null
  created_at: number
  updated_at: number
}

export interface PostListRow extends PostRow {
  image_mime: string | null
  image_width: number | null
  image_height: number | null
  image_size: number | null
}

export interface MediaRow {
  sha256: string
  mime_type: string
  width: number
  height: number
  size_bytes: number
  bytes: Uint8Array
}

export interface ChannelInfo {
  id: string
  network: string
  instance: string
  name: string
  kind: string
}

/** What the adapter is given at publish time. */
export interface PublishContent {
  status: PostRow['status']
  text: string
  network_texts: string
  link: string | null
  image_alt: string | null
  image_sha256: string | null
  image_mime: string | null
  image_width: number | null
  image_height: number | null
  image_bytes: Uint8Array | null
}

/** The clocks of one link into a channel, for the forecast. */
export interface LinkClockRow {
  channel_id: string
  channel_name: string
  network: string
  channel_kind: string
  tasks: string | null
  profile_id: string | null
  link_health: string | null
  has_link_token: number | null
  profile_health: string | null
  has_refresh: number | null
  access_expires_at: number | null
  refresh_expires_at: number | null
  data_access_expires_at: number | null
}

export interface NewDelivery {
  postId: string
  channelId: string
  state: 'scheduled'
  dueAt: number
  nextAttemptAt: number
}

/** Fields a transition may set (besides `updated_at`, always set). */
export type DeliveryFields = Partial<Omit<DeliveryRow, 'id' | 'post_id' | 'channel_id' | 'marker' | 'created_at' | 'updated_at'>>

export type AttemptKind = 'publish' | 'lookup'

export interface AttemptRow {
  id: number
  delivery_id: number
  kind: AttemptKind
  started_at: number
  finished_at: number | null
  outcome: string | null
  reason: string | null
  detail: string
  raw: string | null
}

/** Runs synchronous database work while no other user of the connection is inside a transaction. */
export type Exclusive = <T>(work: () => T) => Promise<T>

const direct: Exclusive = async (work) => work()

/** Random bytes drawn in blocks: one system call per ~340 markers instead of one each. */
let pool = Buffer.alloc(0)
let poolAt = 0
function randomByte(): number {
  if (poolAt >= pool.length) {
    pool = randomBytes(4096)
    poolAt = 0
  }
  return pool[poolAt++] ?? 0
}

/** Base-36 tags: 12 characters (~62 bits) after `rl-`, 15 in all, inside every network's reserve. */
const MARKER_CHARS = 12
export function newMarker(): string {
  let out = 'rl-'
  for (let i = 0; i < MARKER_CHARS; i++) {
    // Rejection sampling keeps every character equally likely (252 = 7 × 36).
    let b = randomByte()
    while (b >= 252) b = randomByte()
    out += (b % 36).toString(36)
  }
  return out
}

/**
 * A UUIDv7 (RFC 9562 §5.7): the creation time in its first 48 bits, then randomness. Rows
 * inserted together land next to each other in the primary-key index instead of all over it,
 * which keeps bulk scheduling fast.
 */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))
export function newId(nowMs: number): string {
  const time = Math.max(0, Math.floor(nowMs)) % 2 ** 48
  const t = time.toString(16).padStart(12, '0')
  const r = (): string => HEX[randomByte()] ?? '00'
  const version = HEX[0x70 | (randomByte() & 0x0f)] ?? '70'
  const variant = HEX[0x80 | (randomByte() & 0x3f)] ?? '80'
  return `${t.slice(0, 8)}-${t.slice(8)}-${version}${r()}-${variant}${r()}-${r()}${r()}${r()}${r()}${r()}${r()}`
}

/** States from which a user-facing change (edit, cancel, reschedule) may still act. */
export const OPEN_STATES: readonly DeliveryStateName[] = ['scheduled', 'held', 'missed', 'failed', 'skipped']

const LIST_COLUMNS = `d.*, c.name AS channel_name, c.network AS network, substr(p.text, 1, 200) AS preview, fc.state AS first_comment_state, fc.failure_detail AS first_comment_detail`
/** What a listed delivery is shown with: its channel, its post and its first comment, if any. */
const LIST_JOINS = `JOIN channels c ON c.id = d.channel_id JOIN posts p ON p.id = d.post_id LEFT JOIN first_comments fc ON fc.delivery_id = d.id`
const LIST_FROM = `FROM deliveries d ${LIST_JOINS}`
const LIST_SHAPE: RowShape = { columns: LIST_COLUMNS, joins: LIST_JOINS }
const POST_COLUMNS = `p.*, m.mime_type AS image_mime, m.width AS image_width, m.height AS image_height, m.size_bytes AS image_size`

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

export type DeliveryRepository = ReturnType<typeof createDeliveryRepository>

/** The repository on the app's database, sharing Kysely's connection lock. */
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

export function createDeliveryRepositoryFor(database: Pick<RelinkDatabase, 'sqlite' | 'db'>): DeliveryRepository {
  return createDeliveryRepository(database.sqlite, {
    exclusive: (work) => database.db.connection().execute(async () => work()),
  })
}

export function createDeliveryRepository(sqlite: Database, options: { exclusive?: Exclusive; yieldToLoop?: () => Promise<void> } = {}) {
  const exclusive = options.exclusive ?? direct
  const nextTurn = options.yieldToLoop ?? yieldToLoop
  const cache = new Map<string, Statement>()
  const stmt = (sql: string): Statement => {
    let s = cache.get(sql)
    if (!s) {
      s = sqlite.prepare(sql)
      cache.set(sql, s)
    }
    return s
  }
  const json = (values: readonly (string | number)[]): string => JSON.stringify(values)
  const attempts = attemptRows(stmt, 'delivery_attempts')
  const writeMark = writeMarkOf(sqlite)
  // A transition commits with BEGIN IMMEDIATE: the write lock is taken up front, so a second
  // process cannot slip in between the read and the write of a claim (anchors §2.3).
  const tx = <T>(work: () => T): T => sqlite.transaction(work).immediate()

  function update(id: number, from: readonly DeliveryStateName[], fields: DeliveryFields, now: number): boolean {
    // Undefined means "leave as is"; clearing a column takes an explicit null.
    const keys = (Object.keys(fields) as (keyof DeliveryFields)[]).filter((k) => fields[k] !== undefined).sort()
    const sets = [...keys.map((k) => `${k} = ?`), 'updated_at = ?'].join(', ')
    const sql = `UPDATE deliveries SET ${sets} WHERE id = ? AND state IN (SELECT value FROM json_each(?))`
    const values = keys.map((k) => fields[k] ?? null)
    return stmt(sql).run(...values, now, id, json(from)).changes === 1
  }

  const insertOne = (): Statement =>
    stmt(`INSERT INTO deliveries (id, post_id, channel_id, state, due_at, next_attempt_at, marker, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)

  function insertDelivery(id: number, d: NewDelivery, now: number): void {
    for (let tries = 0; ; tries++) {
      try {
        insertOne().run(id, d.postId, d.channelId, d.state, d.dueAt, d.nextAttemptAt, newMarker(), now, now)
        return
      } catch (err) {
        // A marker collision (one in ~10^18 per pair) only costs a new marker.
        const collided = (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && String(err).includes('deliveries.marker')
        if (!collided || tries >= 3) throw err
      }
    }
  }

  function putMediaRow(m: MediaRow, now: number): void {
    stmt('INSERT OR IGNORE INTO media (sha256, mime_type, width, height, size_bytes, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      m.sha256,
      m.mime_type,
      m.width,
      m.height,
      m.size_bytes,
      m.bytes,
      now,
    )
  }

  const postValues = (p: PostRow) => [p.id, p.status, p.text, p.link, p.image_path, p.image_sha256, p.image_alt, p.publish_at, p.time_zone, p.channel_ids, p.network_texts, p.first_comment, p.created_at, p.updated_at]
  const rowsOf = (count: number, width: number): string => Array.from({ length: count }, () => `(${new Array<string>(width).fill('?').join(', ')})`).join(', ')

  /**
   * Bulk inserts go in multi-row statements: one statement per hundred rows instead of per row
   * roughly halves the cost of scheduling thousands at once.
   */
  const POSTS_PER_STATEMENT = 50
  const DELIVERIES_PER_STATEMENT = 100
  function insertPostRows(posts: readonly PostRow[]): void {
    for (let i = 0; i < posts.length; i += POSTS_PER_STATEMENT) {
      const chunk = posts.slice(i, i + POSTS_PER_STATEMENT)
      stmt(
        `INSERT INTO posts (id, status, text, link, image_path, image_sha256, image_alt, publish_at, time_zone, channel_ids, network_texts, first_comment, created_at, updated_at)
         VALUES ${rowsOf(chunk.length, 14)}`,
      ).run(chunk.flatMap(postValues))
    }
  }

  /**
   * Numbers the deliveries explicitly from the current maximum (inside the write transaction, so
   * nobody else can take the same numbers) and returns them in the order given.
   */
  function insertDeliveries(deliveries: readonly NewDelivery[], now: number): number[] {
    const base = (stmt('SELECT coalesce(max(id), 0) AS top FROM deliveries').get() as { top: number }).top
    const ids = deliveries.map((_, i) => base + 1 + i)
    for (let i = 0; i < deliveries.length; i += DELIVERIES_PER_STATEMENT) {
      const chunk = deliveries.slice(i, i + DELIVERIES_PER_STATEMENT)
      if (chunk.length < DELIVERIES_PER_STATEMENT) {
        chunk.forEach((d, j) => insertDelivery(base + 1 + i + j, d, now))
        continue
      }
      try {
        stmt(`INSERT INTO deliveries (id, post_id, channel_id, state, due_at, next_attempt_at, marker, created_at, updated_at) VALUES ${rowsOf(chunk.length, 9)}`).run(
          chunk.flatMap((d, j) => [base + 1 + i + j, d.postId, d.channelId, d.state, d.dueAt, d.nextAttemptAt, newMarker(), now, now]),
        )
      } catch (err) {
        // A failed statement changes nothing; row by row, a colliding marker is simply redrawn.
        if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw err
        chunk.forEach((d, j) => insertDelivery(base + 1 + i + j, d, now))
      }
    }
    return ids
  }

  return {
    /** The first comments' queue (Instagram, LinkedIn). */
    firstComments: createFirstCommentQueries(stmt, tx, exclusive, FIRST_COMMENT_NETWORKS),

    exclusive,

    // ---- composing -------------------------------------------------------------------------

    /**
     * Stores posts, their media and their deliveries in one transaction (one fsync for a batch).
     * Returns the deliveries' ids in the order given.
     */
    insertPosts(batch: { posts: PostRow[]; deliveries: NewDelivery[]; media: MediaRow[] }, now: number): Promise<number[]> {
      return exclusive(() =>
        tx(() => {
          for (const m of batch.media) putMediaRow(m, now)
          insertPostRows(batch.posts)
          return insertDeliveries(batch.deliveries, now)
        }),
      )
    },

    /**
     * Applies an edit: the post row, deliveries removed, reset to a new time, or added. Refuses
     * (returns false) when a delivery left the open states meanwhile (the scheduler claimed it).
     */
    savePostEdit(
      edit: {
        post: PostRow
        media: MediaRow[]
        remove: number[]
        reset: { id: number; dueAt: number; nextAttemptAt: number }[]
        add: NewDelivery[]
      },
      now: number,
    ): Promise<boolean> {
      return exclusive(() => {
        try {
          return tx(() => {
            for (const m of edit.media) putMediaRow(m, now)
            const post = edit.post
            stmt(
              `UPDATE posts SET status = ?, text = ?, link = ?, image_path = ?, image_sha256 = ?, image_alt = ?, publish_at = ?,
                 time_zone = ?, channel_ids = ?, network_texts = ?, first_comment = ?, updated_at = ? WHERE id = ?`,
            ).run(
              post.status,
              post.text,
              post.link,
              post.image_path,
              post.image_sha256,
              post.image_alt,
              post.publish_at,
              post.time_zone,
              post.channel_ids,
              post.network_texts,
              post.first_comment,
              now,
              post.id,
            )
            const remove = stmt(`DELETE FROM deliveries WHERE id = ? AND state IN (SELECT value FROM json_each(?))`)
            for (const id of edit.remove) if (remove.run(id, json(OPEN_STATES)).changes !== 1) throw new EditConflict()
            for (const r of edit.reset) {
              const ok = update(
                r.id,
                OPEN_STATES,
                { state: 'scheduled', due_at: r.dueAt, next_attempt_at: r.nextAttemptAt, held_reason: null, held_detail: null, failure_reason: null, failure_detail: null, notified_at: null },
                now,
              )
              if (!ok) throw new EditConflict()
            }
            insertDeliveries(edit.add, now)
            return true
          })
        } catch (err) {
          if (err instanceof EditConflict) return false
          throw err
        }
      })
    },

    /** Cancels a post: every delivery that has not gone out is skipped. Returns the skipped ids. */
    cancelPost(postId: string, now: number): Promise<number[]> {
      return exclusive(() =>
        tx(() => {
          stmt(`UPDATE posts SET status = 'cancelled', updated_at = ? WHERE id = ?`).run(now, postId)
          const rows = stmt(
            `UPDATE deliveries SET state = 'skipped', next_attempt_at = NULL, failure_reason = 'cancelled',
               failure_detail = 'The post was cancelled.', updated_at = ?
             WHERE post_id = ? AND state IN ('scheduled', 'held', 'missed', 'failed') RETURNING id`,
          ).all(now, postId) as { id: number }[]
          return rows.map((r) => r.id)
        }),
      )
    },

    getPost(postId: string): Promise<PostListRow | undefined> {
      return exclusive(() => stmt(`SELECT ${POST_COLUMNS} FROM posts p LEFT JOIN media m ON m.sha256 = p.image_sha256 WHERE p.id = ?`).get(postId) as PostListRow | undefined)
    },

    postsByIds(ids: readonly string[]): Promise<PostListRow[]> {
      return exclusive(
        () =>
          stmt(`SELECT ${POST_COLUMNS} FROM posts p LEFT JOIN media m ON m.sha256 = p.image_sha256 WHERE p.id IN (SELECT value FROM json_each(?))`).all(
            json(ids),
          ) as PostListRow[],
      )
    },

    listPosts(status: PostRow['status'], limit: number): Promise<PostListRow[]> {
      return exclusive(
        () =>
          stmt(`SELECT ${POST_COLUMNS} FROM posts p LEFT JOIN media m ON m.sha256 = p.image_sha256 WHERE p.status = ? ORDER BY p.updated_at DESC LIMIT ?`).all(
            status,
            limit,
          ) as PostListRow[],
      )
    },

    getMedia(sha256: string): Promise<MediaRow | undefined> {
      return exclusive(() => stmt('SELECT sha256, mime_type, width, height, size_bytes, bytes FROM media WHERE sha256 = ?').get(sha256) as MediaRow | undefined)
    },

    channels(ids: readonly string[]): Promise<ChannelInfo[]> {
      return exclusive(() => stmt('SELECT id, network, instance, name, kind FROM channels WHERE id IN (SELECT value FROM json_each(?))').all(json(ids)) as ChannelInfo[])
    },

    // ---- the due queue ---------------------------------------------------------------------

    /**
     * The next moment the scheduler has work: the earliest scheduled delivery, or the earliest
     * re-check of an unknown outcome. Two index seeks on (state, next_attempt_at).
     */
    nextWakeAt(): Promise<number | null> {
      return exclusive(() => {
        const row = stmt(
          `SELECT (SELECT min(next_attempt_at) FROM deliveries WHERE state = 'scheduled') AS s,
                  (SELECT min(next_attempt_at) FROM deliveries WHERE state = 'publishing') AS p`,
        ).get() as { s: number | null; p: number | null }
        if (row.s === null) return row.p
        return row.p === null ? row.s : Math.min(row.s, row.p)
      })
    },

    /** The bare next-due lookup, synchronously (what the wake-up costs; used by the benchmark). */
    nextDueAtSync(): number | null {
      const row = stmt(`SELECT min(next_attempt_at) AS t FROM deliveries WHERE state = 'scheduled'`).get() as { t: number | null }
      return row.t
    },

    /**
     * Marks as missed every scheduled delivery that fell due after `after` (the last time the
     * scheduler looked) and is older than `before` (now minus the grace window): it came due while
     * Relink was not running. Ones already due at the last look are backlog, never "missed".
     */
    markMissed(after: number, before: number, detail: string, now: number): Promise<DeliveryRow[]> {
      return exclusive(
        () =>
          stmt(
            `UPDATE deliveries SET state = 'missed', next_attempt_at = NULL, failure_reason = 'missed', failure_detail = ?, updated_at = ?
             WHERE state = 'scheduled' AND next_attempt_at > ? AND next_attempt_at < ? RETURNING *`,
          ).all(detail, now, after, before) as DeliveryRow[],
      )
    },

    /**
     * Claims the earliest due delivery not in `skip`. The claim is a conditional UPDATE
     * (`WHERE id = ? AND state = 'scheduled'`): if another process took the row first, it changes
     * nothing and the next candidate is tried.
     */
    claimNext(now: number, skip: ReadonlySet<number>): Promise<DeliveryRow | undefined> {
      return exclusive(() => {
        const limit = skip.size + 8
        const ids = stmt(`SELECT id FROM deliveries WHERE state = 'scheduled' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`).all(now, limit) as {
          id: number
        }[]
        const claim = stmt(
          `UPDATE deliveries SET state = 'claimed', claimed_at = ?, updated_at = ?
           WHERE id = ? AND state = 'scheduled' AND next_attempt_at <= ? RETURNING *`,
        )
        for (const { id } of ids) {
          if (skip.has(id)) continue
          const row = claim.get(now, now, id, now) as DeliveryRow | undefined
          if (row) return row
        }
        return undefined
      })
    },

    /** Claims one given delivery; undefined when someone else holds it or it is not due. */
    claim(id: number, now: number): Promise<DeliveryRow | undefined> {
      return exclusive(
        () =>
          stmt(
            `UPDATE deliveries SET state = 'claimed', claimed_at = ?, updated_at = ?
             WHERE id = ? AND state = 'scheduled' AND next_attempt_at <= ? RETURNING *`,
          ).get(now, now, id, now) as DeliveryRow | undefined,
      )
    },

    /**
     * claimed → publishing, with the intent and the attempt's log row, committed before any byte
     * of the publish request leaves. Returns the attempt id, or undefined if the claim was lost.
     */
    beginPublish(id: number, now: number): Promise<number | undefined> {
      return exclusive(() =>
        tx(() => {
          const ok = stmt(
            `UPDATE deliveries SET state = 'publishing', intent_at = ?, attempt_count = attempt_count + 1, next_attempt_at = NULL, updated_at = ?
             WHERE id = ? AND state = 'claimed'`,
          ).run(now, now, id).changes
          if (ok !== 1) return undefined
          return Number(stmt(`INSERT INTO delivery_attempts (delivery_id, kind, started_at) VALUES (?, 'publish', ?)`).run(id, now).lastInsertRowid)
        }),
      )
    },

    startLookup(id: number, now: number): Promise<number> {
      return exclusive(() => Number(stmt(`INSERT INTO delivery_attempts (delivery_id, kind, started_at) VALUES (?, 'lookup', ?)`).run(id, now).lastInsertRowid))
    },

    /**
     * Moves a delivery (if still in one of `from`) and closes its attempt row in the same
     * transaction, so the log never disagrees with the state.
     */
    transition(
      id: number,
      from: readonly DeliveryStateName[],
      fields: DeliveryFields,
      now: number,
      attempt?: AttemptClose,
    ): Promise<boolean> {
      return exclusive(() =>
        tx(() => {
          const ok = update(id, from, fields, now)
          if (attempt) {
            attempts.close(attempt, now)
          }
          return ok
        }),
      )
    },

    /** Closes an attempt row without moving the delivery (lookups, outcomes settled later). */
    finishAttempt(attempt: AttemptClose, now: number): Promise<void> {
      return exclusive(() => attempts.close(attempt, now))
    },

    /** Attempts of a kind that ended with one of `outcomes`, those started at or after `sinceMs` when given (retry budgets). */
    countAttempts(id: number, kind: AttemptKind, outcomes: readonly string[], sinceMs?: number): Promise<number> {
      return exclusive(() => attempts.count(id, kind, outcomes, sinceMs))
    },

    attempts(id: number): Promise<AttemptRow[]> {
      return exclusive(() => stmt('SELECT * FROM delivery_attempts WHERE delivery_id = ? ORDER BY id').all(id) as AttemptRow[])
    },

    /** Records the media container an Instagram publish made, while the delivery is publishing. */
    recordContainer(id: number, containerId: string, now: number): Promise<void> {
      return exclusive(() => {
        stmt(`UPDATE deliveries SET container_id = ?, updated_at = ? WHERE id = ? AND state = 'publishing'`).run(containerId, now, id)
      })
    },

    /** Network post ids other deliveries on the channel already published since `sinceMs`: a lookup skips them. */
    publishedPostIds(channelId: string, exceptId: number, sinceMs: number): Promise<string[]> {
      return exclusive(() =>
        (
          stmt(
            `SELECT network_post_id FROM deliveries WHERE channel_id = ? AND id != ? AND network_post_id IS NOT NULL AND published_at >= ?`,
          ).all(channelId, exceptId, sinceMs) as { network_post_id: string }[]
        ).map((r) => r.network_post_id),
      )
    },

    /** Deliveries another run left claimed or publishing (a crash): reconciliation's input. */
    unresolved(): Promise<DeliveryRow[]> {
      return exclusive(() => stmt(`SELECT * FROM deliveries WHERE state IN ('claimed', 'publishing') ORDER BY id`).all() as DeliveryRow[])
    },

    /** Unknown outcomes whose re-check is due (the network could not be asked last time). */
    recheckDue(now: number): Promise<DeliveryRow[]> {
      return exclusive(
        () => stmt(`SELECT * FROM deliveries WHERE state = 'publishing' AND next_attempt_at <= ? ORDER BY next_attempt_at`).all(now) as DeliveryRow[],
      )
    },

    getDelivery(id: number): Promise<DeliveryRow | undefined> {
      return exclusive(() => stmt('SELECT * FROM deliveries WHERE id = ?').get(id) as DeliveryRow | undefined)
    },

    publishContent(postId: string): Promise<PublishContent | undefined> {
      return exclusive(
        () =>
          stmt(
            `SELECT p.status, p.text, p.network_texts, p.link, p.image_alt, p.image_sha256, m.mime_type AS image_mime, m.width AS image_width, m.height AS image_height, m.bytes AS image_bytes
             FROM posts p LEFT JOIN media m ON m.sha256 = p.image_sha256 WHERE p.id = ?`,
          ).get(postId) as PublishContent | undefined,
      )
    },

    /** Records the notification; returns the ids not notified before (one notification each). */
    markNotified(ids: readonly number[], now: number): Promise<number[]> {
      return exclusive(() =>
        tx(() => {
          const mark = stmt('UPDATE deliveries SET notified_at = ? WHERE id = ? AND notified_at IS NULL')
          return ids.filter((id) => mark.run(now, id).changes === 1)
        }),
      )
    },

    // ---- views ---------------------------------------------------------------------------

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

    /** Changes whenever anything is written to the database (write-memo.ts). */
    writeMark(): Promise<string> {
      return exclusive(writeMark)
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

    /** Integrity of the whole file (crash tests, support). */
    integrityCheck(): Promise<string> {
      return exclusive(() => String(sqlite.pragma('integrity_check', { simple: true })))
    },
  }
}

class EditConflict extends Error {}
