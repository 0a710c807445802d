/**
 * How Relink reads an Instagram business account through Facebook Login (wave2-anchors §2.2,
 * §3.2, §3.6). Account insights are kept for a short time only (quoted, unverified: about 30 to
 * 90 days), so Relink assumes the shorter end.
 */
import { MS } from '../../connections/network-rules'
import type { NetworkSync } from '../../sync/types'
import { GRAPH_SYNC_RATE, graphCommentsStream } from '../graph/sync'

const { HOUR, DAY } = MS

export const INSTAGRAM_SYNC_PLAN: NetworkSync = {
  // The business use case's allowance, per account.
  rate: GRAPH_SYNC_RATE,
  streams: {
    // `comments_count` diffs on recent media, then `/comments` and `/replies` where it changed.
    comments: graphCommentsStream('Story replies are kept by Instagram for 24 hours only.'),
    channel_metrics: {
      everyMs: DAY,
      // Insights may be delayed up to 48 h.
      hotSetMs: 3 * DAY,
      recoveryMs: 30 * DAY,
      backfillChunkMs: 30 * DAY,
      lossNote: 'Instagram serves account insights for about the last 30 days only.',
    },
    post_metrics: {
      everyMs: 4 * HOUR,
      hotSetMs: 365 * DAY,
      recoveryMs: 2 * 365 * DAY,
      backfillChunkMs: 365 * DAY,
      lossNote: 'Instagram gives media insights as lifetime totals, so daily growth during the gap is not known.',
    },
  },
}
