/**
 * Instagram metrics in Relink's terms (wave2-anchors §3.2): `impressions` and `plays` were
 * retired for all versions on 21 Apr 2025 in favour of `views`. Sources are the names the adapter
 * reports (its tables in `config.ts` map the Graph names).
 */
import type { NetworkRegistry } from '../../analytics/registry-types'

const VIEWS_NOTE = 'Instagram replaced impressions and plays with views on 21 Apr 2025.'

export const INSTAGRAM_METRIC_REGISTRY: NetworkRegistry = {
  // Asked for in small groups and bisected on a refusal. The two `total_value` metrics (read a day
  // per request) sit together so their day-by-day requests are made once per read, not per group.
  metricList: true,
  entries: [
    { source: 'impressions', metric: 'views', scope: 'channel', validFrom: null, validUntil: '2025-04-20', replacedBy: 'views', note: VIEWS_NOTE },
    { source: 'views', metric: 'views', scope: 'channel', validFrom: '2025-01-21', validUntil: null, replacedBy: null, note: '' },
    { source: 'engagements', metric: 'engagements', scope: 'channel', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'reach', metric: 'reach', scope: 'channel', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'new_followers', metric: 'follower_change', scope: 'channel', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'impressions', metric: 'views', scope: 'post', validFrom: null, validUntil: '2025-04-20', replacedBy: 'views', note: VIEWS_NOTE },
    { source: 'plays', metric: 'video_views', scope: 'post', validFrom: null, validUntil: '2025-04-20', replacedBy: 'views', note: VIEWS_NOTE },
    { source: 'views', metric: 'views', scope: 'post', validFrom: '2025-01-21', validUntil: null, replacedBy: null, note: '' },
    { source: 'reach', metric: 'reach', scope: 'post', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'likes', metric: 'reactions', scope: 'post', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'comments', metric: 'comments', scope: 'post', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'shares', metric: 'shares', scope: 'post', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'engagements', metric: 'engagements', scope: 'post', validFrom: null, validUntil: null, replacedBy: null, note: '' },
  ],
}
