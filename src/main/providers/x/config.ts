/**
 * Everything Relink knows about X (Twitter API v2 with OAuth 2.0 user context) in one place:
 * endpoints, scopes, redirect ports, token lifetimes, lead times, content limits, the metric-name
 * table and the error table. The adapter, its classifier and the sandbox dialect all read it, so a
 * change to a network fact is a change to this file only (STYLE.md rule 7).
 *
 * Sources: https://docs.x.com/fundamentals/authentication/oauth-2-0/authorization-code,
 * https://docs.x.com/fundamentals/authentication/oauth-2-0/user-access-token,
 * https://docs.x.com/x-api/fundamentals/response-codes-and-errors,
 * https://docs.x.com/x-api/fundamentals/rate-limits, twitter-text `config/v3.json`, and
 * `reference/platform-tokens.md` §6 for behaviour only seen in public code ([obs]).
 */
import type { ProblemReason } from '../../../shared/domain/health'
import type { ProviderEndpoints } from '../types'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Real hosts: the consent page lives on x.com, the API and token endpoint on api.x.com. */
export const X_DEFAULT_ENDPOINTS: ProviderEndpoints = {
  authBase: 'https://x.com',
  apiBase: 'https://api.x.com',
}

/** Paths relative to `authBase` (authorize) and `apiBase` (everything else). */
export const X_PATHS = {
  /** Historically `twitter.com/i/oauth2/authorize`; both hosts still answer. */
  authorize: '/i/oauth2/authorize',
  token: '/2/oauth2/token',
  revoke: '/2/oauth2/revoke',
  me: '/2/users/me',
  userTweets: (userId: string): string => `/2/users/${encodeURIComponent(userId)}/tweets`,
  searchRecent: '/2/tweets/search/recent',
  tweet: (tweetId: string): string => `/2/tweets/${encodeURIComponent(tweetId)}`,
  tweets: '/2/tweets',
  /** One-request upload for images (base64 in a JSON body); the chunked INIT/APPEND/FINALIZE flow is for video. */
  mediaUpload: '/2/media/upload',
  /** Alt text for uploaded images. */
  mediaMetadata: '/2/media/metadata',
  hidden: (tweetId: string): string => `/2/tweets/${encodeURIComponent(tweetId)}/hidden`,
  likes: (userId: string): string => `/2/users/${encodeURIComponent(userId)}/likes`,
  likingUsers: (tweetId: string): string => `/2/tweets/${encodeURIComponent(tweetId)}/liking_users`,
} as const

/**
 * Scopes Relink asks for. `offline.access` is what makes X issue a refresh token at all;
 * `users.read` + `tweet.read` are both needed for `/2/users/me` and for recent search (replies
 * through `conversation_id:`) — `users.read` alone answers 403; `media.write` is required by
 * the v2 media upload endpoint; `tweet.moderate.write` hides replies and `like.read`/`like.write` like
 * a comment and check it was liked (the inbox).
 */
export const X_SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'tweet.moderate.write', 'like.read', 'like.write', 'offline.access'] as const

/**
 * X matches callback URLs exactly (at most 10 per app, ephemeral ports impossible) and asks for
 * `127.0.0.1` rather than `localhost`. These three are what the settings page tells the team to
 * register; the loopback listener tries them in order (RFC 8252 §7.3 cannot be used here).
 */
export const X_REDIRECT_PORTS = [48721, 48722, 48723] as const
export const X_REDIRECT_HOST = '127.0.0.1'
export const X_CALLBACK_PATH = '/callback/x'

/** The redirect URIs to register in the X developer portal, in the order they are tried. */
export const xRedirectUris = (): string[] => X_REDIRECT_PORTS.map((port) => `http://${X_REDIRECT_HOST}:${port}${X_CALLBACK_PATH}`)

export const X_TOKENS = {
  /** Access tokens live two hours [doc]; used when a token answer omits `expires_in`. */
  accessTtlMs: 2 * HOUR,
  /**
   * Refresh-token lifetime is not documented (about six months is reported [unconfirmed]). The
   * adapter reports it as unknown (null); the sandbox uses this value for its own tokens.
   */
  assumedRefreshTtlMs: 180 * DAY,
  /**
   * Refresh tokens rotate and are single use [obs]: refresh only when the access token has under
   * ten minutes left (or lazily on a 401), never twice at once, and commit the new pair before use
   * (RFC 9700 §4.14.2). Refreshing early or on every run is what breaks rotating chains.
   */
  refreshLeadMs: 10 * MINUTE,
} as const

export { X_TEXT_RULES } from '../../../shared/domain/text-length/x-weight'

export const X_CONTENT = {
  /** Images up to 5 MB in these formats (docs.x.com media best practices). */
  maxImageBytes: 5 * 1024 * 1024,
  imageTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const,
  /** Alt text limit of the media metadata endpoint. */
  maxAltTextChars: 1000,
  /** `media_category` per image type: animated GIFs have their own category. */
  mediaCategory: (mimeType: string): 'tweet_image' | 'tweet_gif' => (mimeType === 'image/gif' ? 'tweet_gif' : 'tweet_image'),
} as const

export const X_READ = {
  /** `max_results` bounds of the timeline and recent-search endpoints. */
  pageSize: 100,
  /** Pages read per call before stopping (guards cost under pay-per-use pricing). */
  maxPages: 5,
  /** Recent search covers the last seven days; older `since_id` values are rejected. */
  searchWindowMs: 7 * DAY,
  /** Own posts whose conversations are searched for replies. */
  conversationRootWindowMs: 30 * DAY,
  /** Query length limit of recent search on self-serve access. */
  maxQueryLength: 512,
  /** `end_time` must lie at least ten seconds in the past. */
  endTimeSlackMs: 10 * 1000,
  /** Owner-only metrics are served for posts younger than 30 days. */
  nonPublicMetricsWindowMs: 30 * DAY,
} as const

/** Snowflake ids carry their creation time: ms since the Twitter epoch, shifted left 22 bits. */
export const X_SNOWFLAKE_EPOCH_MS = 1288834974657

/** The `tweet.fields` groups a metric comes from. */
export type XMetricSource = 'public_metrics' | 'non_public_metrics'

/**
 * Post metrics X reports, mapped to Relink's own metric names. Post counts are lifetime totals
 * at the time of the call; channel insights sum them per day of publication.
 */
export const X_POST_METRICS: readonly { source: XMetricSource; field: string; metric: string }[] = [
  { source: 'public_metrics', field: 'impression_count', metric: 'impressions' },
  { source: 'public_metrics', field: 'like_count', metric: 'likes' },
  { source: 'public_metrics', field: 'retweet_count', metric: 'reposts' },
  { source: 'public_metrics', field: 'reply_count', metric: 'replies' },
  { source: 'public_metrics', field: 'quote_count', metric: 'quotes' },
  { source: 'public_metrics', field: 'bookmark_count', metric: 'bookmarks' },
  { source: 'non_public_metrics', field: 'url_link_clicks', metric: 'link_clicks' },
  { source: 'non_public_metrics', field: 'user_profile_clicks', metric: 'profile_clicks' },
]

/** Channel-level metrics: the account's follower count (users/me) and posts published that day. */
export const X_CHANNEL_METRICS = {
  followers: 'followers',
  posts: 'posts',
} as const

/**
 * Request limits per 15-minute window and user (docs.x.com rate limits, 2026; the media upload
 * figure is assumed). The sandbox reports them in `x-rate-limit-*` headers.
 */
export const X_RATE_LIMITS: Readonly<Record<string, number>> = {
  me: 75,
  userTweets: 900,
  searchRecent: 300,
  tweet: 900,
  createTweet: 100,
  mediaUpload: 500,
}
export const X_RATE_WINDOW_MS = 15 * MINUTE

/** What one error-table row matches. Every present field must match. */
export interface XErrorMatch {
  source?: 'api' | 'token_endpoint'
  status?: readonly number[]
  /** RFC 6749 §5.2 `error` of the token endpoint. */
  oauthError?: readonly string[]
  /** Last segment of an RFC 7807 problem `type` (`…/2/problems/<name>`, either host). */
  problemType?: readonly string[]
  /** Tested against `detail`, `title`, `error_description` and any `errors[].message`. */
  text?: RegExp
  /** Legacy v1.1 `errors[].code` values some endpoints still answer with. */
  legacyCode?: readonly number[]
  /** The problem is X's bare generic one: `about:blank` (or no type) with detail "Forbidden". */
  bareForbidden?: boolean
}

export interface XErrorRule {
  id: string
  match: XErrorMatch
  reason: ProblemReason
  /** Read `x-rate-limit-reset` (epoch seconds; X sends no Retry-After) into `retryAfterMs`. */
  wait?: boolean
  /** The refusal says the same content is already on the account. */
  duplicate?: boolean
  /** Plain words for the user: what happened and what to do. Never token material. */
  detail: string
}

/**
 * X's error signatures, first match wins. Transport failures and 5xx are handled before the table
 * (never disconnect); anything unmatched falls through to the generic OAuth rules.
 */
export const X_ERROR_TABLE: readonly XErrorRule[] = [
  {
    // [obs] A spent, revoked or expired refresh token: 400 invalid_request, not invalid_grant.
    id: 'refresh-token-invalid',
    match: { source: 'token_endpoint', text: /value passed for the token was invalid/i },
    reason: 'refresh_token_dead',
    detail: 'X no longer accepts the saved sign-in for this account. Use “Refresh connection” to sign in to X again.',
  },
  {
    // RFC 6749 §5.2: sometimes sent by X for the same situation.
    id: 'refresh-invalid-grant',
    match: { source: 'token_endpoint', oauthError: ['invalid_grant'] },
    reason: 'refresh_token_dead',
    detail: 'X no longer accepts the saved sign-in for this account. Use “Refresh connection” to sign in to X again.',
  },
  {
    // [obs] The code from the redirect was reused or expired.
    id: 'authorization-code-invalid',
    match: { source: 'token_endpoint', text: /authorization code was invalid|redirect uri did not match/i },
    reason: 'other',
    detail: 'The sign-in with X expired before Relink could finish it. Start connecting again.',
  },
  {
    // [obs] PKCE (RFC 7636) verifier did not match the challenge, or was missing.
    id: 'pkce-mismatch',
    match: { source: 'token_endpoint', text: /code verifier|code_verifier/i },
    reason: 'other',
    detail: 'X could not confirm that this sign-in was started by Relink. Start connecting again.',
  },
  {
    // [obs] A confidential client without (or with a wrong) Basic header.
    id: 'client-authentication',
    match: { source: 'token_endpoint', oauthError: ['unauthorized_client', 'invalid_client'] },
    reason: 'other',
    detail: 'X did not accept the app’s client ID or secret. Check the X app settings in Relink (Settings → Networks → X).',
  },
  {
    // [doc] Monthly usage cap of the app's plan reached.
    id: 'usage-capped',
    match: { problemType: ['usage-capped'] },
    reason: 'rate_limited',
    wait: true,
    detail: 'The X developer app reached its usage cap. Relink will pause X requests until the cap resets.',
  },
  {
    // [doc] Per-endpoint 15-minute windows; `x-rate-limit-reset` is an absolute Unix time.
    id: 'too-many-requests',
    match: { status: [429] },
    reason: 'rate_limited',
    wait: true,
    detail: 'X asked Relink to slow down. Relink will wait until X’s limit resets and try again.',
  },
  {
    // [obs/unconfirmed] Pay-per-use credits exhausted.
    id: 'payment-required',
    match: { source: 'api', status: [402] },
    reason: 'other',
    detail: 'The X developer app has run out of API credits. Add credits in the X developer portal; nothing is disconnected.',
  },
  {
    // [obs] Expired or revoked access token: `{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}`.
    // X says nothing more, so Relink refreshes or probes before deciding.
    id: 'unauthorized',
    match: { source: 'api', status: [401] },
    reason: 'unknown_auth',
    detail: 'X refused the saved sign-in without saying why. Relink will renew it or check the connection.',
  },
  {
    // [obs] Posting the same text twice: not a token problem.
    id: 'duplicate-content',
    match: { status: [403], text: /duplicate content/i },
    reason: 'other',
    duplicate: true,
    detail: 'X rejected the post because the account already published the same text. Change the text and try again.',
  },
  {
    // [obs] v1.1 codes 326 (locked) and 64 (suspended); v2 carries the same sentences in `detail`.
    id: 'account-locked-or-suspended',
    match: { status: [403], text: /temporarily locked|unlock your account|account is suspended|account has been suspended|account is locked/i },
    reason: 'account_action_required',
    detail: 'X has locked or suspended this account. Sign in on x.com, follow X’s steps to unlock it, then refresh the connection.',
  },
  {
    id: 'account-locked-legacy-code',
    match: { status: [403], legacyCode: [64, 326] },
    reason: 'account_action_required',
    detail: 'X has locked or suspended this account. Sign in on x.com, follow X’s steps to unlock it, then refresh the connection.',
  },
  {
    // [doc] The developer app lacks the access level or project for this endpoint (`reason`
    // client-not-enrolled): a permission problem, fixed in the developer portal, not by the person.
    id: 'client-forbidden',
    match: { status: [403], problemType: ['client-forbidden'] },
    reason: 'scope_missing',
    detail: 'The X developer app is not allowed to use this part of the X API. Check the app’s project and access level in the X developer portal.',
  },
  {
    // [doc] Wrong authentication type for the endpoint (e.g. app-only token).
    id: 'unsupported-authentication',
    match: { status: [403], problemType: ['unsupported-authentication'] },
    reason: 'other',
    detail: 'X does not accept this kind of sign-in for this request. Refresh the connection; if it persists, check the X app type.',
  },
  {
    // [doc] e.g. replying where the account is neither mentioned nor the author.
    id: 'not-authorized-for-resource',
    match: { status: [403], problemType: ['not-authorized-for-resource', 'not-authorized-for-field', 'disallowed-resource'] },
    reason: 'other',
    detail: 'X does not allow this account to act on that post. Nothing is wrong with the connection.',
  },
  {
    // [obs] A token without the scope the endpoint needs: bare `{"title":"Forbidden","type":"about:blank","status":403,"detail":"Forbidden"}`.
    id: 'missing-scope',
    match: { source: 'api', status: [403], bareForbidden: true },
    reason: 'scope_missing',
    detail: 'X says Relink was not given a permission it needs for this account. Refresh the connection and allow every permission.',
  },
]

/** Label used in generic sentences. */
export const X_LABEL = 'X'

/**
 * How late the lookup may show a post that was created (an absence is believed only when a second
 * lookup this much later agrees, and the post then goes out again). The user timeline and recent search index a new post within seconds to a minute.
 */
export const X_LOOKUP = { confirmAbsentAfterMs: 60_000 } as const
