/**
 * Instagram business accounts through Facebook Login (graph.facebook.com). Token rules, the
 * Graph version, the redirect rule and the error table are Facebook's (`../facebook/config.ts`);
 * this module holds what differs: scopes, publishing and caption rules, and the metric tables.
 *
 * - https://developers.facebook.com/docs/instagram-platform/content-publishing/
 * - https://developers.facebook.com/docs/instagram-platform/comment-moderation
 * - https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights
 * - https://developers.facebook.com/documentation/instagram-platform/api-reference/instagram-user/insights/
 */
import { INSTAGRAM_LOGIN_SCOPES, type GraphMetric } from '../facebook/config'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * `instagram_basic` (read the account and media), `instagram_content_publish`,
 * `instagram_manage_comments`, `instagram_manage_insights`, plus `pages_show_list` and
 * `pages_read_engagement` to find the account through its Page. `pages_manage_posts` lets Relink
 * stage the image on the Page as an unpublished photo (see `publish` in index.ts).
 */
export const INSTAGRAM_SCOPES = [
  ...INSTAGRAM_LOGIN_SCOPES,
  'pages_show_list',
  'pages_read_engagement',
  'pages_manage_posts',
] as const

/**
 * Feed images: JPEG only, at most 8 MB, aspect ratio between 4:5 and 1.91:1; captions at most
 * 2,200 characters, 30 hashtags and 20 @-mentions. Links in captions are not clickable.
 */
export const INSTAGRAM_CONTENT = {
  maxCaptionChars: 2_200,
  maxHashtags: 30,
  maxMentions: 20,
  imageMimeTypes: ['image/jpeg'] as readonly string[],
  maxImageBytes: 8 * 1024 * 1024,
  minAspectRatio: 4 / 5,
  maxAspectRatio: 1.91,
} as const

export const INSTAGRAM_PUBLISH = {
  /**
   * Image containers are usually ready at once; Relink checks `status_code` a few times and
   * reports "still processing" (transient) rather than waiting, since adapters hold no timers.
   */
  statusChecks: 3,
} as const

export const INSTAGRAM_SYNC = {
  /** Media older than this are not scanned for new comments. */
  commentMediaLookbackMs: 90 * DAY_MS,
  /** Where a first comment sync (no cursor) starts; a re-read never reports comments older than this or the cursor. */
  firstCommentSyncMs: 30 * DAY_MS,
  /**
   * The safety re-read. A read opens only the media whose `comments_count` changed, so a deletion
   * and a new comment between two reads, leaving the count as it was, would go unseen. About once
   * an hour the media of the last three days are read again anyway, with one share in
   * `commentSweepShares` of the older ones, so every media item in the lookback is read again
   * about once a day.
   *
   * Against Graph's 200 calls an hour per account (Relink's sync keeps to 150, `graph/sync.ts`):
   * the listing costs one call per 50 media in the lookback on every poll, every five minutes. An
   * account posting daily has 90 media: 2 pages, 24 calls an hour; the re-read adds its 3 media
   * of the last three days and a 24th of the 87 older ones, about 7, so a quiet hour is about 31
   * calls. (In the sandbox, 93 media and 30 new comments a day over a simulated day: 32.6 calls
   * an hour.) Posting three times a day (270 media) costs 72 + 9 + 11, about 92, still inside the
   * allowance. Reading every media item with comments on every poll, as before, cost about 1,100
   * and 3,300 calls an hour for those two accounts: far past it.
   */
  commentWholeEveryMs: 60 * 60 * 1000,
  commentHotSetMs: 3 * DAY_MS,
  commentSweepShares: 24,
  pageSize: 50,
  /** Account insights accept at most 30 days between `since` and `until`. */
  insightsMaxRangeDays: 30,
  /** `total_value` metrics are read one day per call; only the latest days of a range are read. */
  totalValueMaxDays: 30,
} as const

/** Account metrics with a daily time series (`period=day`). `follower_count` is new followers per day. */
export const INSTAGRAM_USER_SERIES_METRICS: readonly GraphMetric[] = [
  { graph: 'reach', relink: 'reach' },
  { graph: 'follower_count', relink: 'new_followers' },
]

/**
 * Account metrics only offered as `metric_type=total_value` (`views` replaced the retired
 * `impressions` in v22), read per day.
 */
export const INSTAGRAM_USER_TOTAL_METRICS: readonly GraphMetric[] = [
  { graph: 'views', relink: 'views' },
  { graph: 'total_interactions', relink: 'engagements' },
]

/** Media metrics (lifetime); `impressions`, `plays` and `video_views` are retired. */
export const INSTAGRAM_MEDIA_METRICS: readonly GraphMetric[] = [
  { graph: 'views', relink: 'views' },
  { graph: 'reach', relink: 'reach' },
  { graph: 'likes', relink: 'likes' },
  { graph: 'comments', relink: 'comments' },
  { graph: 'saved', relink: 'saves' },
  { graph: 'shares', relink: 'shares' },
  { graph: 'total_interactions', relink: 'engagements' },
]

/**
 * How late the lookup may show a post that was created (an absence is believed only when a second
 * lookup this much later agrees, and the post then goes out again). A published container shows in `/media` after processing; two minutes covers it.
 */
export const INSTAGRAM_LOOKUP = { confirmAbsentAfterMs: 2 * 60_000 } as const
