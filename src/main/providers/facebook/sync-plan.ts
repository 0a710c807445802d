/**
 * How Relink reads a Facebook Page: how often, how far back the hot set reaches, and how much
 * the Graph API still serves after a break (wave2-anchors §2.1, §3.1, §3.6).
 */
import { MS } from '../../connections/network-rules'
import type { NetworkSync } from '../../sync/types'
import { GRAPH_SYNC_RATE, graphCommentsStream } from '../graph/sync'

const { HOUR, DAY } = MS

export const FACEBOOK_SYNC_PLAN: NetworkSync = {
  // Page calls also scale with engaged users; the app-level figure is the one to stay under.
  rate: GRAPH_SYNC_RATE,
  streams: {
    // `/{page}/feed?since=` plus a hot set of recent posts re-read newest first.
    comments: graphCommentsStream(''),
    channel_metrics: {
      // Page insights update once a day and settle over about three days.
      everyMs: DAY,
      hotSetMs: 3 * DAY,
      recoveryMs: 2 * 365 * DAY,
      // At most 93 days per since/until window; 90 keeps a margin.
      backfillChunkMs: 90 * DAY,
      lossNote: 'Facebook serves Page insights for the last 2 years only.',
    },
    post_metrics: {
      // Post insights are lifetime totals: readable again for every post still on the Page.
      everyMs: 4 * HOUR,
      hotSetMs: 365 * DAY,
      recoveryMs: Number.POSITIVE_INFINITY,
      backfillChunkMs: 365 * DAY,
      lossNote: 'Facebook gives post insights as lifetime totals, so daily growth during the gap is not known.',
    },
  },
}
