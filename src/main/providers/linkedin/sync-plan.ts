/**
 * How Relink reads a LinkedIn organisation page (wave2-anchors §2.3, §3.3, §3.6). Organisation
 * notifications are kept 60 days and share statistics a rolling 12 months; the seed articles'
 * rule "reconnect within 30 days of the break or older data is lost" comes from the gap ledger's
 * `recoverableUntil`, computed from these windows.
 */
import { MS } from '../../connections/network-rules'
import type { NetworkSync } from '../../sync/types'

const { MINUTE, HOUR, DAY } = MS

export const LINKEDIN_SYNC_PLAN: NetworkSync = {
  // Daily quotas are unpublished and LinkedIn sends no rate-limit headers: stay modest.
  rate: { requests: 100, perMs: HOUR },
  streams: {
    comments: {
      // organizationalEntityNotifications by time range, then the threads it names.
      everyMs: 10 * MINUTE,
      hotSetMs: 0,
      recoveryMs: 30 * DAY,
      backfillChunkMs: 30 * DAY,
      lossNote: 'LinkedIn keeps organisation activity for a limited time only; reconnect within 30 days of a break.',
    },
    mentions: {
      everyMs: 10 * MINUTE,
      hotSetMs: 0,
      recoveryMs: 30 * DAY,
      backfillChunkMs: 30 * DAY,
      lossNote: 'LinkedIn keeps organisation activity for a limited time only; reconnect within 30 days of a break.',
    },
    channel_metrics: {
      everyMs: DAY,
      hotSetMs: 3 * DAY,
      recoveryMs: 365 * DAY,
      backfillChunkMs: 90 * DAY,
      lossNote: 'LinkedIn serves daily page statistics for the last 12 months only.',
    },
    post_metrics: {
      everyMs: 4 * HOUR,
      hotSetMs: 365 * DAY,
      recoveryMs: 365 * DAY,
      backfillChunkMs: 365 * DAY,
      lossNote: 'LinkedIn serves post statistics for the last 12 months only.',
    },
  },
}
