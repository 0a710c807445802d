/**
 * The scheduler's rows as stored (posts, deliveries, media, attempts), what inserting them takes,
 * and the ids and markers Relink gives them.
 */
import type { FirstCommentState } from '../../../shared/domain/schedule'
import type { IdSource } from '../../ports'

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

export interface RowIds {
  /** A publishing marker: `rl-` and 12 base-36 characters (~62 bits), 15 in all, inside every network's reserve. */
  marker(): string
  /**
   * A UUIDv7 (RFC 9562 §5.7): the creation time in its first 48 bits, then randomness. Rows
   * inserted together land next to each other in the primary-key index instead of all over it,
   * which keeps bulk scheduling fast.
   */
  postId(nowMs: number): string
}

const MARKER_CHARS = 12
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** Markers and post ids from `ids`, its bytes drawn in blocks: one call per ~340 markers instead of one each. */
export function createRowIds(ids: IdSource): RowIds {
  let pool: Uint8Array = new Uint8Array(0)
  let poolAt = 0
  const randomByte = (): number => {
    if (poolAt >= pool.length) {
      pool = ids.bytes(4096)
      poolAt = 0
    }
    return pool[poolAt++] ?? 0
  }
  return {
    marker() {
      let out = 'rl-'
      for (let i = 0; i < MARKER_CHARS; i++) {
        // Rejection sampling keeps every character equally likely (252 = 7 × 36).
        let b = randomByte()
        while (b >= 252) b = randomByte()
        out += (b % 36).toString(36)
      }
      return out
    },
    postId(nowMs) {
      const time = Math.max(0, Math.floor(nowMs)) % 2 ** 48
      const t = time.toString(16).padStart(12, '0')
      const r = (): string => HEX[randomByte()] ?? '00'
      const version = HEX[0x70 | (randomByte() & 0x0f)] ?? '70'
      const variant = HEX[0x80 | (randomByte() & 0x3f)] ?? '80'
      return `${t.slice(0, 8)}-${t.slice(8)}-${version}${r()}-${variant}${r()}-${r()}${r()}${r()}${r()}${r()}${r()}`
    },
  }
}

/** States from which a user-facing change (edit, cancel, reschedule) may still act. */
export const OPEN_STATES: readonly DeliveryStateName[] = ['scheduled', 'held', 'missed', 'failed', 'skipped']

