/**
 * Facebook Page metrics in Relink's terms, with Meta's renames (wave2-anchors §3.1):
 * the impressions family and `page_fans*` gave way to views and follows on 15 Nov 2025, and the
 * `*_impressions_unique` reach metrics to the "viewers" metrics on 15 Jun 2026.
 */
import type { NetworkRegistry } from '../../analytics/registry-types'

const VIEWS_NOTE = 'Meta replaced impressions with views on 15 Nov 2025; views also count repeat showings.'
const FOLLOWS_NOTE = 'Meta replaced Page likes (fans) with follows on 15 Nov 2025.'
const VIEWERS_NOTE = 'Meta replaced unique impressions with viewers on 15 Jun 2026.'

export const FACEBOOK_METRIC_REGISTRY: NetworkRegistry = {
  metricList: true,
  entries: [
    { source: 'page_impressions', metric: 'views', scope: 'channel', validFrom: null, validUntil: '2025-11-14', replacedBy: 'page_media_view', note: VIEWS_NOTE },
    { source: 'page_media_view', metric: 'views', scope: 'channel', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'page_impressions_unique', metric: 'reach', scope: 'channel', validFrom: null, validUntil: '2026-06-14', replacedBy: 'page_total_media_view_unique', note: VIEWERS_NOTE },
    { source: 'page_total_media_view_unique', metric: 'reach', scope: 'channel', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'page_fans', metric: 'followers', scope: 'channel', validFrom: null, validUntil: '2025-11-14', replacedBy: 'page_follows', note: FOLLOWS_NOTE },
    { source: 'page_follows', metric: 'followers', scope: 'channel', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'page_fan_adds', metric: 'follower_change', scope: 'channel', validFrom: null, validUntil: '2025-11-14', replacedBy: 'page_daily_follows_unique', note: FOLLOWS_NOTE },
    { source: 'page_daily_follows_unique', metric: 'follower_change', scope: 'channel', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'page_post_engagements', metric: 'engagements', scope: 'channel', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'page_video_views', metric: 'video_views', scope: 'channel', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'post_impressions', metric: 'views', scope: 'post', validFrom: null, validUntil: '2025-11-14', replacedBy: 'post_media_view', note: VIEWS_NOTE },
    { source: 'post_media_view', metric: 'views', scope: 'post', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'post_impressions_unique', metric: 'reach', scope: 'post', validFrom: null, validUntil: '2026-06-14', replacedBy: 'post_total_media_view_unique', note: VIEWERS_NOTE },
    { source: 'post_total_media_view_unique', metric: 'reach', scope: 'post', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'post_reactions_by_type_total', metric: 'reactions', scope: 'post', validFrom: null, validUntil: null, replacedBy: null, note: '' },
    { source: 'post_clicks', metric: 'clicks', scope: 'post', validFrom: null, validUntil: null, replacedBy: null, note: '' },
  ],
}
