/**
 * What the window may know about channel sync: the streams, the health of each, and the gap
 * ledger's periods. No tokens, no raw network bodies beyond the classified sentence.
 */
import type { ProblemReason } from './health'

/** One kind of data read from one channel (DESIGN.md, "Channel sync and the gap ledger"). */
export const STREAM_KINDS = ['comments', 'mentions', 'channel_metrics', 'post_metrics'] as const
export type StreamKind = (typeof STREAM_KINDS)[number]

export const STREAM_LABELS: Record<StreamKind, string> = {
  comments: 'Comments',
  mentions: 'Mentions',
  channel_metrics: 'Channel metrics',
  post_metrics: 'Post metrics',
}

/**
 * Why a period could not be read: the grant's broken health at the time (a token problem
 * reason), or `sync_failing` when the stream kept failing while the token looked fine.
 */
export type GapReason = ProblemReason | 'sync_failing'

/**
 * `open`: Relink cannot read the stream now. `backfilling`: the channel works again and the
 * missing period is being read back. `closed`: the backfill finished; what it could not recover
 * is stated in `lostBefore` and `lostNote`.
 */
export type GapState = 'open' | 'backfilling' | 'closed'

/** One period in the gap ledger. Times are unix ms UTC. */
export interface SyncGap {
  id: number
  channelId: string
  stream: StreamKind
  /** The first moment Relink could not read. */
  from: number
  /** When reading worked again (the reconnect); null while the gap is open. */
  to: number | null
  reason: GapReason
  /** The plain sentence recorded when the gap opened. */
  detail: string
  state: GapState
  /** Items (comments, mentions) or days (metrics) a backfill read back. */
  recovered: number
  /** The unit of `recovered`. */
  recoveredUnit: 'items' | 'days'
  /**
   * The earliest moment the network still served when the backfill ran: anything of the gap
   * before it is gone for good. Null when everything was recoverable (or nothing was tried yet).
   */
  lostBefore: number | null
  /** What could not be recovered, in plain words ("X private metrics of posts over 30 days old"). */
  lostNote: string
  /**
   * While open: the moment the start of the gap falls out of the network's recovery window, i.e.
   * "reconnect before this or older data is lost" (LinkedIn's 30-day rule). Null when the network
   * keeps serving it for good, or keeps nothing at all (`recoveryMs` 0, then `lostNote` says so).
   */
  recoverableUntil: number | null
  closedAt: number | null
}

/** Sync health of one stream of one channel, apart from token health. */
export interface StreamHealth {
  channelId: string
  stream: StreamKind
  /** Last time a read of this stream succeeded. */
  lastOkAt: number | null
  lastRunAt: number | null
  /** The last failure, classified, while it is the latest outcome. */
  lastError: { at: number; reason: GapReason; detail: string } | null
  /** New items (comments, mentions, metric values) stored in the last 24 hours. */
  itemsLast24h: number
  /** When the next scheduled read is planned; null when none is (stream paused by a gap). */
  nextRunAt: number | null
  running: boolean
  /**
   * Set when a stream that usually brings items has brought none for days although every read
   * succeeded: the "valid token, no data" failure (wave2-anchors §8.8).
   */
  quietSince: number | null
}

/** Progress of a long read (first sync, backfill) for progress bars. */
export interface SyncProgress {
  channelId: string
  stream: StreamKind
  mode: 'poll' | 'backfill'
  done: number
  /** Null when the total is not known in advance. */
  total: number | null
}
