/**
 * How Relink reads a Mastodon account (wave2-anchors §2.5, §3.5, §3.6). Mastodon has no
 * analytics API: counters are current totals, and follower history exists only if Relink
 * snapshots it every day.
 */
import { MS } from '../../connections/network-rules'
import type { NetworkSync } from '../../sync/types'

const { MINUTE, HOUR, DAY } = MS

export const MASTODON_SYNC_PLAN: NetworkSync = {
  // 300 requests per 5 minutes per account (Mastodon's default rate limits).
  rate: { requests: 200, perMs: 5 * MINUTE },
  streams: {
    mentions: {
      // `/api/v1/notifications?types[]=mention&min_id=`.
      everyMs: 5 * MINUTE,
      hotSetMs: 0,
      recoveryMs: Number.POSITIVE_INFINITY,
      backfillChunkMs: 30 * DAY,
      lossNote: '',
    },
    channel_metrics: {
      everyMs: DAY,
      hotSetMs: 0,
      recoveryMs: 0,
      backfillChunkMs: DAY,
      lossNote: 'Mastodon keeps no follower history: follower counts of the missed days are gone.',
    },
    post_metrics: {
      everyMs: 4 * HOUR,
      hotSetMs: 365 * DAY,
      recoveryMs: Number.POSITIVE_INFINITY,
      backfillChunkMs: 365 * DAY,
      lossNote: 'Mastodon gives post counters as current totals only, so daily growth during the gap is not known.',
    },
  },
}
