import type { Database, Statement } from 'better-sqlite3'
import { FIRST_COMMENT_NETWORKS } from '../../../shared/domain/schedule'
import type { RelinkDatabase } from '../client'
import { writeMarkOf } from '../write-memo'
import { cryptoIds } from '../../platform/crypto-ids'
import { yieldToLoop } from '../../platform/yield-loop'
import type { IdSource } from '../../ports'
import type { AttemptClose } from '../../intents/types'
import { attemptRows } from './attempt-rows'
import {
  createRowIds,
  OPEN_STATES,
  type AttemptKind,
  type AttemptRow,
  type ChannelInfo,
  type DeliveryFields,
  type DeliveryRow,
  type DeliveryStateName,
  type Exclusive,
  type MediaRow,
  type NewDelivery,
  type PostListRow,
  type PostRow,
  type PublishContent,
} from './delivery-rows'
import { createDeliveryWindowReads, POST_COLUMNS } from './delivery-window-queries'
import { createFirstCommentQueries } from './first-comment-queries'

export * from './delivery-rows'
export {
  AT_RISK_CHANNELS_PER_READ,
  AT_RISK_SQL,
  LINK_CLOCKS_SQL,
  listDeliveriesQuery,
  postsPerDayQuery,
  type DeliveryListFilter,
  type PostsPerDayFilter,
} from './delivery-window-queries'

/**
 * All SQL of the scheduler. It runs on cached better-sqlite3 statements rather than Kysely: the
 * due-queue is the hot path (a Kysely round trip costs ~4× a cached statement and prepares on
 * every call — RELIABILITY anchors §3.2, P5), and state transitions must be single synchronous
 * transactions. Every call still waits for Kysely's connection lock (`exclusive`), so a
 * scheduler write can never land inside another repository's open transaction on the shared
 * connection.
 */

const direct: Exclusive = async (work) => work()

export type DeliveryRepository = ReturnType<typeof createDeliveryRepository>

/** The repository on the app's database, sharing Kysely's connection lock. */
export function createDeliveryRepositoryFor(database: Pick<RelinkDatabase, 'sqlite' | 'db'>, ids: IdSource): DeliveryRepository {
  return createDeliveryRepository(database.sqlite, {
    ids,
    exclusive: (work) => database.db.connection().execute(async () => work()),
  })
}

/** `ids` defaults to the system's randomness; the app passes its IdSource port. */
export function createDeliveryRepository(sqlite: Database, options: { exclusive?: Exclusive; yieldToLoop?: () => Promise<void>; ids?: IdSource } = {}) {
  const exclusive = options.exclusive ?? direct
  const rowIds = createRowIds(options.ids ?? cryptoIds)
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
        insertOne().run(id, d.postId, d.channelId, d.state, d.dueAt, d.nextAttemptAt, rowIds.marker(), now, now)
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
          chunk.flatMap((d, j) => [base + 1 + i + j, d.postId, d.channelId, d.state, d.dueAt, d.nextAttemptAt, rowIds.marker(), now, now]),
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

    /** A new post's id: a UUIDv7 of `nowMs` (`RowIds.postId`). */
    newPostId: (nowMs: number): string => rowIds.postId(nowMs),

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

    // ---- views ----------------------------------------------------------------------------

    ...createDeliveryWindowReads({ stmt, exclusive, nextTurn }),

    /** Changes whenever anything is written to the database (write-memo.ts). */
    writeMark(): Promise<string> {
      return exclusive(writeMark)
    },

    /** Integrity of the whole file (crash tests, support). */
    integrityCheck(): Promise<string> {
      return exclusive(() => String(sqlite.pragma('integrity_check', { simple: true })))
    },
  }
}

class EditConflict extends Error {}
