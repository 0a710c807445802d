/**
 * Everything Relink knows about Facebook Pages through the Graph API, in one place (STYLE.md
 * rule 7): API version, hosts, scopes, redirect rule, token lifetimes and warning lead times,
 * content limits, insight metric names and the Graph error table. Instagram (through Facebook
 * Login) shares the Graph facts here and keeps its own tables in `../instagram/config.ts`.
 *
 * Sources are listed in /work/shared/reference/platform-tokens.md §3 and §4a; the main ones:
 * - https://developers.facebook.com/docs/graph-api/guides/error-handling
 * - https://developers.facebook.com/docs/graph-api/reference/debug_token
 * - https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived
 * - https://developers.facebook.com/docs/facebook-login/auth-vs-data/
 * - https://developers.facebook.com/docs/graph-api/overview/rate-limiting/
 * - https://developers.facebook.com/documentation/pages-api/platforminsights/page/deprecated-metrics
 */
import type { ProblemReason } from '../../../shared/domain/health'
import type { ProviderEndpoints, RedirectRule } from '../types'

/** The one Graph API version every Facebook and Instagram call uses. */
export const GRAPH_API_VERSION = 'v25.0'

export const FACEBOOK_DEFAULT_ENDPOINTS: ProviderEndpoints = {
  authBase: 'https://www.facebook.com',
  apiBase: 'https://graph.facebook.com',
}

const DAY_MS = 24 * 60 * 60 * 1000

export const GRAPH_PATHS = {
  /** The Login dialog lives on www.facebook.com, under the version. */
  authorize: `/${GRAPH_API_VERSION}/dialog/oauth`,
  /** Code exchange and the long-lived exchange (`grant_type=fb_exchange_token`). */
  token: `/${GRAPH_API_VERSION}/oauth/access_token`,
} as const

/**
 * Facebook Login redirect rule. Strict Mode matches redirect URIs exactly, and plain-HTTP
 * `localhost` is accepted only while the developer app is in development mode; Meta documents no
 * HTTP loopback for live apps, and never mentions `127.0.0.1`. So: `localhost` on a few fixed
 * ports that the team registers in "Valid OAuth Redirect URIs" (the settings page shows them).
 * https://developers.facebook.com/blog/post/2017/12/18/strict-uri-matching/
 */
export const FACEBOOK_REDIRECT_PORTS = [53682, 53683, 53684] as const

export const facebookRedirect = (path: string): RedirectRule => ({
  host: 'localhost',
  ports: FACEBOOK_REDIRECT_PORTS,
  path,
})

/**
 * Permissions for Pages: list Pages (`pages_show_list`), publish (`pages_manage_posts`), read
 * posts and insights (`pages_read_engagement`, `read_insights`), read and answer comments
 * (`pages_read_user_content`, `pages_manage_engagement`).
 * https://developers.facebook.com/docs/pages-api/getting-started
 */
export const FACEBOOK_SCOPES = [
  'pages_show_list',
  'pages_read_engagement',
  'pages_manage_posts',
  'pages_read_user_content',
  'pages_manage_engagement',
  'read_insights',
] as const

/** The Instagram permissions of a Facebook Login grant (business accounts are reached through their Pages). */
export const INSTAGRAM_LOGIN_SCOPES = ['instagram_basic', 'instagram_content_publish', 'instagram_manage_comments', 'instagram_manage_insights'] as const

/**
 * A Meta person is one profile: one Facebook Login grant asks for the Pages permissions and the
 * Instagram ones, so the same sign-in reaches the person's Pages and the Instagram business
 * accounts linked to them. Only the Pages permissions are required of the grant: a person who
 * declines Instagram's still has working Pages.
 */
export const META_SCOPES = [...FACEBOOK_SCOPES, ...INSTAGRAM_LOGIN_SCOPES] as const

/**
 * `auth_type=rerequest` makes the dialog ask again for permissions the person declined before;
 * without it a reconnect silently returns the same reduced grant (Facebook Login, "Re-asking
 * for declined permissions").
 */
export const FACEBOOK_EXTRA_AUTH_PARAMS: Readonly<Record<string, string>> = { auth_type: 'rerequest' }

/** Lifetimes as the docs state them; the adapter prefers what the network answers at run time. */
export const FACEBOOK_LIFETIMES = {
  /** Long-lived user tokens last about 60 days (`expires_in` ≈ 5,184,000 s). */
  longLivedUserTokenMs: 60 * DAY_MS,
  /** Data access lapses 90 days after the person was last active in the app. */
  dataAccessMs: 90 * DAY_MS,
} as const

/**
 * No refresh exists: Relink warns before the long-lived user token ends and before data access
 * lapses, and the person reconnects (PROVIDERS.md, refresh lead times).
 */
export const FACEBOOK_WARN_BEFORE_MS = [7 * DAY_MS, 1 * DAY_MS] as const

/** How far back comment sync and post reconciliation look. */
export const FACEBOOK_SYNC = {
  /** Posts older than this are not scanned for new comments. */
  commentPostLookbackMs: 90 * DAY_MS,
  /** Where a first comment sync (no cursor) starts. */
  firstCommentSyncMs: 30 * DAY_MS,
  /**
   * Posts this recent are read whole again now and then, to follow edits and deletions: a
   * comment's edit does not move its post's `updated_time`, and a deletion leaves nothing to list.
   */
  commentHotSetMs: 2 * DAY_MS,
  commentHotEveryMs: 60 * 60 * 1000,
  pageSize: 50,
  commentPageSize: 100,
  /** Safety stop for paging loops (a misbehaving `next` cursor must not spin forever). */
  maxPages: 40,
  /** Page insights accept at most 93 days between `since` and `until`; stay under it. */
  insightsMaxRangeDays: 90,
} as const

/**
 * Content rules for Page posts. The Graph API rejects messages past 63,206 characters; photos
 * uploaded as `source` should be JPEG, PNG or GIF and at most 4 MB.
 */
export const FACEBOOK_CONTENT = {
  maxChars: 63_206,
  imageMimeTypes: ['image/jpeg', 'image/png', 'image/gif'] as readonly string[],
  maxImageBytes: 4 * 1024 * 1024,
} as const

/** One metric the adapter asks the Graph API for, and Relink's own name for it. */
export interface GraphMetric {
  graph: string
  relink: string
}

/**
 * Page insights, daily. Avoids the retired families: `page_impressions*` (June 2025, replaced by
 * `page_total_media_view_unique`), `impressions` → views (November 2025) and `page_fans` →
 * `page_follows` (November 2025). Retired names answer "invalid metric" on every version.
 */
export const FACEBOOK_PAGE_METRICS: readonly GraphMetric[] = [
  { graph: 'page_media_view', relink: 'views' },
  { graph: 'page_total_media_view_unique', relink: 'reach' },
  { graph: 'page_post_engagements', relink: 'engagements' },
  { graph: 'page_follows', relink: 'followers' },
  { graph: 'page_daily_follows_unique', relink: 'new_followers' },
]

/** Post insights, lifetime values (`post_impressions*` retired like the page ones). */
export const FACEBOOK_POST_METRICS: readonly GraphMetric[] = [
  { graph: 'post_media_view', relink: 'views' },
  { graph: 'post_total_media_view_unique', relink: 'reach' },
  { graph: 'post_reactions_by_type_total', relink: 'reactions' },
  { graph: 'post_clicks', relink: 'clicks' },
]

/** Names Meta retired; kept so tests can prove the tables above never ask for them. */
export const RETIRED_GRAPH_METRICS: readonly string[] = [
  'impressions',
  'page_impressions',
  'page_impressions_unique',
  'page_fans',
  'page_fan_adds',
  'post_impressions',
  'post_impressions_unique',
  'plays',
  'video_views',
]

/** Maps a Page's tasks to what Relink may do with it. */
export const TASK_CAPABILITIES = {
  publish: 'CREATE_CONTENT',
  moderate: 'MODERATE',
  analyze: 'ANALYZE',
} as const

/**
 * Graph error table. `OAuthException` code 190 carries the reason in `error_subcode`; codes 10
 * and 200–299 are permission errors; the throttling codes come with usage headers.
 */
export const GRAPH_ERRORS = {
  invalidTokenCode: 190,
  /** "API Session": the session key is invalid or no longer valid, like 190 without subcode. */
  sessionCode: 102,
  subcodes: {
    458: 'revoked_by_user',
    459: 'account_action_required',
    460: 'password_changed',
    463: 'expired',
    464: 'account_action_required',
    467: 'revoked_by_user',
    492: 'role_lost',
  } satisfies Record<number, ProblemReason>,
  permissionCodes: { single: [10], range: [200, 299] },
  /**
   * 4 app, 17 user, 32 Page, 613 custom throttling, 341 app limit; 80000–80014 are the
   * business-use-case throttles (80001 Pages, 80002 Instagram, others for ads products).
   */
  rateLimitCodes: [4, 17, 32, 613, 341],
  bucRateLimitRange: [80000, 80014],
  /** Temporarily blocked for policy reasons: not a token problem, try again later. */
  policyBlockCode: 368,
  duplicatePostCode: 506,
  linkPostingErrorCode: 1_609_005,
  /** 1 "unknown error" and 2 "service temporarily unavailable" are Meta's own retry-later codes. */
  transientCodes: [1, 2],
  /** Token endpoint: code 100 with these subcodes is a spent, expired or mismatched code. */
  codeExchangeSubcodes: [36007, 36008, 36009],
  /** Token endpoint: the app id (101), secret (1) or redirect URI (191) is misconfigured. */
  appConfigCodes: [1, 101, 191],
} as const

/** Header names of the usage reports (rate limiting guide). */
export const USAGE_HEADERS = {
  app: 'x-app-usage',
  businessUseCase: 'x-business-use-case-usage',
} as const

/**
 * How late the lookup may show a post that was created (an absence is believed only when a second
 * lookup this much later agrees, and the post then goes out again). Graph lists a new Page post in `/feed` within seconds; a minute covers replication lag.
 */
export const FACEBOOK_LOOKUP = { confirmAbsentAfterMs: 60_000 } as const
