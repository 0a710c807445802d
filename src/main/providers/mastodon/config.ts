/**
 * Everything Relink knows about Mastodon in one table: paths, scopes, the loopback rule, token
 * lifetimes, content limits, metric names and the error signatures the classifier reads.
 * Sources: https://docs.joinmastodon.org/methods/ (apps, oauth, statuses, media, notifications,
 * instance), https://docs.joinmastodon.org/api/rate-limits/ and Mastodon's own controllers
 * (`Api::BaseController`, Doorkeeper's error messages).
 */
import type { ProblemReason } from '../../../shared/domain/health'
import type { RedirectRule } from '../types'

/** A public instance used only when nothing else names one (every real connection names its own). */
export const DEFAULT_INSTANCE = 'https://mastodon.social'

export const MASTODON_PATHS = {
  /** Apps are registered per instance at connect time, for the exact redirect URI. */
  apps: '/api/v1/apps',
  authorize: '/oauth/authorize',
  token: '/oauth/token',
  /** RFC 7009 style; answers 200 even for unknown tokens, so success proves nothing. */
  revoke: '/oauth/revoke',
  verifyCredentials: '/api/v1/accounts/verify_credentials',
  account: (id: string) => `/api/v1/accounts/${encodeURIComponent(id)}`,
  accountStatuses: (id: string) => `/api/v1/accounts/${encodeURIComponent(id)}/statuses`,
  statuses: '/api/v1/statuses',
  status: (id: string) => `/api/v1/statuses/${encodeURIComponent(id)}`,
  context: (id: string) => `/api/v1/statuses/${encodeURIComponent(id)}/context`,
  favourite: (id: string) => `/api/v1/statuses/${encodeURIComponent(id)}/favourite`,
  /** v2 answers 200 when processed synchronously, 202 while the full size is still processing. */
  mediaUpload: '/api/v2/media',
  /** 206 while processing, 200 once the attachment is ready. */
  media: (id: string) => `/api/v1/media/${encodeURIComponent(id)}`,
  notifications: '/api/v1/notifications',
  /** Since 4.0; older instances only have v1 with the same `configuration` block (3.4+). */
  instanceV2: '/api/v2/instance',
  instanceV1: '/api/v1/instance',
} as const

/**
 * Granular scopes (Mastodon 2.4+) instead of the broad `read write`: Relink asks only for what it
 * calls. `read:accounts` covers verify_credentials and account lookups.
 */
export const MASTODON_SCOPES = ['read:accounts', 'read:statuses', 'read:notifications', 'write:statuses', 'write:media', 'write:favourites'] as const

/**
 * Mastodon compares redirect URIs exactly, and whether any-port loopback matching works on every
 * instance is unconfirmed (platform-tokens §11). Apps are registered per connection, so Relink
 * registers the exact `http://127.0.0.1:<port>/callback/mastodon` its listener got (RFC 8252 §7.3).
 */
export const MASTODON_REDIRECT: RedirectRule = { host: '127.0.0.1', ports: 'ephemeral', path: '/callback/mastodon' }

export const MASTODON_APP = {
  clientName: 'Relink',
  /** Optional `website` of the registered app; none is published yet. */
  website: undefined as string | undefined,
  /**
   * `force_login` makes the instance ask who signs in, so a teammate already signed in with a
   * personal account in the browser can connect the brand account instead (docs: oauth#authorize).
   */
  extraAuthParams: { force_login: 'true' } as Readonly<Record<string, string>>,
} as const

/** Mastodon access tokens never expire and there are no refresh tokens (mastodon#26838). */
export const MASTODON_LIFETIMES = {
  accessTokenMs: null,
  refreshTokenMs: null,
  /** No expiry to run ahead of: a daily probe is the only health check (PROVIDERS.md). */
  probeEveryMs: 24 * 60 * 60 * 1000,
} as const

export const MASTODON_CONTENT = {
  /** Upstream default; each instance states its own in `configuration.statuses.max_characters`. */
  defaultMaxChars: 500,
  /** `StatusLengthValidator::URL_PLACEHOLDER_CHARS`: every URL counts as 23 characters. */
  charsPerUrl: 23,
  /** Between the text and a link Relink adds to it (Mastodon has no link field). */
  linkSeparator: '\n\n',
  maxMediaAttachments: 4,
  /** `MediaAttachment::IMAGE_LIMIT` (16 MB since 4.2). */
  imageMaxBytes: 16 * 1024 * 1024,
  /** `Attachmentable::MAX_MATRIX_LIMIT`: width × height. */
  imageMaxPixels: 33_177_600,
  /** `MediaAttachment::MAX_DESCRIPTION_LENGTH`. */
  altTextMaxChars: 1500,
  imageMimeTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as readonly string[],
} as const

export const MASTODON_PAGING = {
  /** Account statuses: default 20, max 40. */
  statusesLimit: 40,
  /** Notifications: default 40, max 80. */
  notificationsLimit: 80,
  /** Upper bound of pages one call walks, so a huge backlog is synced over several calls. */
  maxPages: 5,
  /** `GET /api/v1/media/:id` checks after a 202 before giving up for this attempt. */
  mediaPollAttempts: 6,
  /** Idempotency keys are kept for one hour (docs: statuses#create). */
  idempotencyWindowMs: 60 * 60 * 1000,
} as const

/**
 * Following edits and deletions of replies. A mention notification arrives once and never again:
 * an edit notifies only the accounts that boosted the status (`update`), not the account it
 * answers, and a deletion notifies no one. So about once an hour the account's statuses of the
 * last two days are read again with their thread context (`comments.ts`): a changed text is an
 * edit, and a reply the thread no longer lists is asked for on its own, because Mastodon clears
 * `in_reply_to_id` of the replies under a deleted status (they leave the thread but still exist):
 * only a 404 there says it was deleted.
 *
 * The statuses call answers at most 40 at a time, so a busy account's window is paged down with
 * `max_id` (from the Link header's next link) one page per poll of the mentions stream, every five
 * minutes, until a status older than the window ends it; the cursor keeps where the next page
 * starts. Cost against the rate limit (300 requests per 5 minutes per account, of which the sync
 * plan spends at most 200): one statuses page, one context per status of it in the window, and at
 * most `goneChecksPerReread` single lookups: 61 requests at worst in a poll. An account that
 * posts up to 480 statuses in two days (twelve polls' pages in an hour) is re-read whole once an
 * hour; a busier one goes round again as soon as a re-read ends. Replies mostly come in the first
 * day or two of a post; later ones still arrive as mentions, only their edits and deletions go
 * unseen.
 */
export const MASTODON_REREAD = {
  everyMs: 60 * 60 * 1000,
  windowMs: 2 * 24 * 60 * 60 * 1000,
  /** Replies missing from their thread looked up one by one per poll; the rest wait for the next re-read. */
  goneChecksPerReread: 20,
} as const

/**
 * Metric names: Relink's own on the left, Mastodon's fields on the right. Mastodon has no
 * analytics API and statuses carry no impressions or reach at all, only public counters, so
 * these are cumulative values as of the day they are read.
 */
export const MASTODON_CHANNEL_METRICS = [
  { metric: 'followers', field: 'followers_count' },
  { metric: 'posts', field: 'statuses_count' },
] as const

export const MASTODON_POST_METRICS = [
  { metric: 'likes', field: 'favourites_count' },
  { metric: 'reposts', field: 'reblogs_count' },
  { metric: 'replies', field: 'replies_count' },
  /** Quote posts arrived in 4.5; older instances omit the field. */
  { metric: 'quotes', field: 'quotes_count' },
] as const

export interface MastodonErrorRule {
  /** Matched against the `error` sentence (English; instances may reword or translate it). */
  pattern: RegExp
  reason: ProblemReason
  detail: string
}

/**
 * API errors. Mastodon answers `{"error":"<sentence>"}`; Doorkeeper's 401 sentences are
 * translatable, so a 401 with any `error` falls back to "revoked" by status code
 * (platform-tokens §11). 403 sentences come from `Api::BaseController#require_user!` and
 * `doorkeeper_forbidden_render_options`, which are fixed English.
 */
export const MASTODON_ERRORS = {
  unauthorized: [
    {
      pattern: /access token was revoked/i,
      reason: 'revoked_by_user',
      detail:
        'Mastodon says Relink’s access was revoked (the app was removed in the account settings, or the password was reset). Refresh the connection to sign in again.',
    },
    {
      pattern: /access token expired/i,
      reason: 'expired',
      detail: 'Mastodon says Relink’s sign-in has expired. Mastodon has no way to renew it, so refresh the connection to sign in again.',
    },
    {
      pattern: /access token is invalid|not authorized|requires an authenticated user/i,
      reason: 'revoked_by_user',
      detail: 'Mastodon no longer accepts Relink’s sign-in for this account. Refresh the connection to sign in again.',
    },
  ] satisfies readonly MastodonErrorRule[],
  /** Any other 401 with Mastodon's `error` field: tokens never expire, so it was revoked or is invalid. */
  unauthorizedFallback: {
    reason: 'revoked_by_user',
    detail: 'Mastodon no longer accepts Relink’s sign-in for this account. Refresh the connection to sign in again.',
  },
  forbidden: [
    {
      pattern: /outside the authorized scopes/i,
      reason: 'scope_missing',
      detail: 'Mastodon says Relink was not given a permission this needs. Refresh the connection and allow every permission.',
    },
    {
      pattern: /login is currently disabled|account is (currently )?suspended|account has been suspended/i,
      reason: 'account_action_required',
      detail:
        'Mastodon says this account’s login is disabled or suspended. Sign in on the instance’s website to see why, then refresh the connection.',
    },
    {
      pattern: /pending approval/i,
      reason: 'account_action_required',
      detail: 'Mastodon says this account is still waiting for approval by the instance’s moderators. Once approved, refresh the connection.',
    },
    {
      pattern: /confirmed e-?mail/i,
      reason: 'account_action_required',
      detail: 'Mastodon says this account’s e-mail address is not confirmed yet. Confirm it from the instance’s e-mail, then refresh the connection.',
    },
    {
      pattern: /two-factor/i,
      reason: 'account_action_required',
      detail: 'Mastodon says this account must turn on two-factor authentication first. Sign in on the instance’s website, set it up, then refresh the connection.',
    },
  ] satisfies readonly MastodonErrorRule[],
  /** Token endpoint (`/oauth/token`, `/oauth/revoke`), RFC 6749 §5.2 codes as Doorkeeper sends them. */
  tokenEndpoint: {
    invalid_grant: {
      reason: 'refresh_token_dead',
      detail: 'Mastodon did not accept the sign-in code (it expired, was already used, or did not match). Start the connection again.',
    },
    invalid_client: {
      reason: 'revoked_by_user',
      detail: 'Mastodon no longer knows Relink’s app registration on this instance. Refresh the connection; Relink registers again.',
    },
    invalid_scope: {
      reason: 'scope_missing',
      detail: 'Mastodon refused the permissions Relink asked for. Refresh the connection to register and ask again.',
    },
    unauthorized_client: {
      reason: 'other',
      detail: 'Mastodon refused to revoke this sign-in because it belongs to another app registration.',
    },
  } as Readonly<Record<string, { reason: ProblemReason; detail: string }>>,
} as const

/**
 * How late the lookup may show a post that was created (an absence is believed only when a second
 * lookup this much later agrees, and the post then goes out again). An account's statuses list is written with the status itself; a short wait covers federation-side caching.
 */
export const MASTODON_LOOKUP = { confirmAbsentAfterMs: 30_000 } as const
