/**
 * Mastodon counters in Relink's terms (wave2-anchors §3.5): no analytics API, only current
 * totals, so follower history exists only as Relink's daily snapshots.
 */
import type { NetworkRegistry } from '../../analytics/registry-types'

export const MASTODON_METRIC_REGISTRY: NetworkRegistry = {
  metricList: false,
  entries: [
    { source: 'followers', metric: 'followers', scope: 'channel', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'likes', metric: 'reactions', scope: 'post', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'replies', metric: 'comments', scope: 'post', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'reposts', metric: 'shares', scope: 'post', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'quotes', metric: 'shares', scope: 'post', validFrom: null, validUntil: null, replacedBy: null, note: '' },
  ],
}
