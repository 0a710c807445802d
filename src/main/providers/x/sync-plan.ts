/**
 * How Relink reads an X account (wave2-anchors §2.4, §3.4, §3.6). X bills reads, keeps no
 * follower history and serves a post's private metrics for 30 days after posting only, so
 * Relink snapshots what X forgets while the token is healthy.
 */
import { MS } from '../../connections/network-rules'
import type { NetworkSync } from '../../sync/types'

const { MINUTE, HOUR, DAY } = MS

export const X_SYNC_PLAN: NetworkSync = {
  // Mentions: 180 requests per 15 minutes per user on most plans; keep far below, reads cost money.
  rate: { requests: 60, perMs: 15 * MINUTE },
  streams: {
    mentions: {
      // `/2/users/:id/mentions?since_id=`.
      everyMs: 15 * MINUTE,
      hotSetMs: 0,
      // Recent search covers 7 days; the mentions timeline its 800 newest entries.
      recoveryMs: 7 * DAY,
      backfillChunkMs: 7 * DAY,
      lossNote: 'X serves replies from the last 7 days only (older ones need paid full-archive search).',
    },
    channel_metrics: {
      // A daily snapshot of the follower count: X has no history to read back.
      everyMs: DAY,
      hotSetMs: 0,
      recoveryMs: 0,
      backfillChunkMs: DAY,
      lossNote: 'X keeps no follower history: follower counts of the missed days are gone.',
    },
    post_metrics: {
      everyMs: 4 * HOUR,
      hotSetMs: 30 * DAY,
      recoveryMs: 30 * DAY,
      backfillChunkMs: 30 * DAY,
      lossNote: 'X serves private post metrics (impressions, clicks) for 30 days after posting only.',
    },
  },
}
