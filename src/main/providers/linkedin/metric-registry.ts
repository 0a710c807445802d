/**
 * LinkedIn organisation statistics in Relink's terms (wave2-anchors §3.3); sources are the names
 * the adapter reports from share and follower statistics.
 */
import type { NetworkRegistry } from '../../analytics/registry-types'

export const LINKEDIN_METRIC_REGISTRY: NetworkRegistry = {
  metricList: false,
  entries: [
    { source: 'impressions', metric: 'views', scope: 'channel', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'unique_impressions', metric: 'reach', scope: 'channel', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'clicks', metric: 'clicks', scope: 'channel', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'reactions', metric: 'reactions', scope: 'channel', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'comments', metric: 'comments', scope: 'channel', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'shares', metric: 'shares', scope: 'channel', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    // Organic and paid gains add up to the day's follower change.
    { source: 'followers_gained_organic', metric: 'follower_change', scope: 'channel', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'followers_gained_paid', metric: 'follower_change', scope: 'channel', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'impressions', metric: 'views', scope: 'post', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'clicks', metric: 'clicks', scope: 'post', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'reactions', metric: 'reactions', scope: 'post', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'comments', metric: 'comments', scope: 'post', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'shares', metric: 'shares', scope: 'post', validFrom: null, validUntil: null, replacedBy: null, note: '' },
  ],
}
