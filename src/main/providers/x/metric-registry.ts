/**
 * X metrics in Relink's terms (wave2-anchors §3.4). The adapter sums the day's posts into channel
 * values and reports the follower count as of today: X keeps no history of it.
 */
import type { RelinkMetric } from '../../../shared/domain/analytics'
import type { NetworkRegistry, RegistryEntry } from '../../analytics/registry-types'

const both = (source: string, metric: RelinkMetric): RegistryEntry[] =>
  (['channel', 'post'] as const).map((scope) => ({ source, metric, scope, validFrom: null, validUntil: null, replacedBy: null, note: '' }))

export const X_METRIC_REGISTRY: NetworkRegistry = {
  metricList: false,
  entries: [
    { source: 'followers', metric: 'followers', scope: 'channel', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    ...both('impressions', 'views'),
    ...both('likes', 'reactions'),
    ...both('replies', 'comments'),
    // Reposts and quotes both spread a post: Relink counts them as shares.
    ...both('reposts', 'shares'),
    ...both('quotes', 'shares'),
    ...both('link_clicks', 'clicks'),
  ],
}
