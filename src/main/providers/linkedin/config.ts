/**
 * Everything Relink knows about LinkedIn in one table (STYLE.md rule 7): endpoints, API version,
 * scopes, the two OAuth flows, token lifetimes and lead times, content limits, role and metric
 * tables, and the error signatures the classifier reads. Sources are cited per entry; the long
 * form is in reference/platform-tokens.md §5.
 */
import type { ProblemReason } from '../../../shared/domain/health'
import type { OAuthConfig, ProviderEndpoints, RedirectRule } from '../types'

const DAY_MS = 24 * 60 * 60 * 1000

/** Real hosts: sign-in and token endpoints live on www.linkedin.com, the API on api.linkedin.com. */
export const LINKEDIN_DEFAULT_ENDPOINTS: ProviderEndpoints = {
  authBase: 'https://www.linkedin.com/oauth/v2',
  apiBase: 'https://api.linkedin.com',
  tokenBase: 'https://www.linkedin.com/oauth/v2',
}

/** Paths relative to the bases above. */
export const LINKEDIN_PATHS = {
  authorize: '/authorization',
  token: '/accessToken',
  // learn.microsoft.com/linkedin/shared/authentication/token-introspection
  introspect: '/introspectToken',
  // Not in the official docs, but used consistently by public integrations (platform-tokens.md §5).
  revoke: '/revoke',
  me: '/v2/me',
  organizationAcls: '/rest/organizationAcls',
  organizations: '/rest/organizations',
  people: '/rest/people',
  images: '/rest/images',
  posts: '/rest/posts',
  socialActions: '/rest/socialActions',
  // learn.microsoft.com/linkedin/marketing/community-management/organizations/organization-social-action-notifications
  notifications: '/rest/organizationalEntityNotifications',
  shareStatistics: '/rest/organizationalEntityShareStatistics',
  followerStatistics: '/rest/organizationalEntityFollowerStatistics',
} as const

/**
 * Every versioned call sends `LinkedIn-Version: YYYYMM` and Rest.li protocol 2.0.0; LinkedIn keeps
 * a version for about a year, so this moves with each Relink release.
 */
export const LINKEDIN_API_VERSION = '202605'
export const RESTLI_PROTOCOL_VERSION = '2.0.0'

/**
 * Scopes of the Community Management API. `r_basicprofile` serves `/v2/me`: LinkedIn wants the
 * Community Management API alone on its developer app, so the OpenID product (and `/v2/userinfo`)
 * may not be available to the same app.
 * `r_member_social` is a closed permission LinkedIn grants to few partners, so Relink cannot read a
 * member's own posts or their comments; member channels publish only.
 */
export const LINKEDIN_SCOPES = [
  'r_basicprofile',
  'w_member_social',
  'r_organization_social',
  'w_organization_social',
  'rw_organization_admin',
] as const

/** Space-separated in the authorize URL (authorization-code-flow doc); comma-separated in responses. */
export const LINKEDIN_SCOPE_SEPARATOR = ' '

export type LinkedInFlow = 'standard' | 'native'

interface FlowRule {
  pkce: OAuthConfig['pkce']
  clientSecret: OAuthConfig['clientSecret']
  tokenAuth: OAuthConfig['tokenAuth']
  redirect: RedirectRule
}

const CALLBACK_PATH = '/callback/linkedin'

/**
 * LinkedIn's two authorization-code flows:
 * - standard: `client_secret` at the token endpoint and an exact registered redirect URL, so the
 *   loopback listener must use a fixed port the team registered;
 * - native ("OAuth 2.0 for Native Clients", enabled per app by LinkedIn): PKCE, and LinkedIn talks
 *   only to loopback IPs on any port (RFC 8252 §7.3).
 */
export const LINKEDIN_FLOWS: Readonly<Record<LinkedInFlow, FlowRule>> = {
  standard: {
    pkce: 'none',
    clientSecret: 'required',
    tokenAuth: 'client_secret_post',
    redirect: { host: '127.0.0.1', ports: [53682], path: CALLBACK_PATH },
  },
  native: {
    pkce: 'required',
    clientSecret: 'optional',
    tokenAuth: 'client_secret_post',
    redirect: { host: '127.0.0.1', ports: 'ephemeral', path: CALLBACK_PATH },
  },
}

/**
 * Relink uses the native PKCE flow: a desktop app cannot keep a secret (RFC 8252 §8.5), and the
 * any-port loopback redirect lets every sign-in take a fresh ephemeral port. A team that has a
 * secret may still enter it; Relink then sends it too and can use token introspection.
 */
export const LINKEDIN_FLOW: LinkedInFlow = 'native'

/** Token clocks (programmatic-refresh-tokens doc). */
export const LINKEDIN_LIFETIMES = {
  accessTokenMs: 60 * DAY_MS,
  /** Counted from the first consent; refreshing never extends it. */
  refreshTokenMs: 365 * DAY_MS,
} as const

/** PROVIDERS.md "Refresh lead times". */
export const LINKEDIN_LEAD_TIMES = {
  /** Refresh the access token a week before day 60. */
  refreshBeforeAccessExpiryMs: 7 * DAY_MS,
  /** Warn ahead of the hard re-consent at the end of the 365-day refresh window. */
  warnBeforeRefreshEndDays: [30, 7, 1],
} as const

/**
 * After LinkedIn disconnects a member, data older than 30 days before they reauthorise may be
 * lost, so the window shows this warning loudly on a broken LinkedIn connection.
 */
export const LINKEDIN_DATA_LOSS_WARNING = {
  windowDays: 30,
  title: 'Reconnect LinkedIn soon',
  message:
    'While LinkedIn is disconnected, Relink cannot collect its comments and statistics. Data older than 30 days before you reconnect may be lost for good.',
} as const

/** Content rules of the Posts and Images APIs. */
export const LINKEDIN_CONTENT = {
  /** Posts API `commentary`; longer text is cut or refused. */
  maxCommentaryChars: 3000,
  /** Images API: JPG, GIF and PNG only, at most 36,152,320 pixels. */
  imageMimeTypes: ['image/jpeg', 'image/png', 'image/gif'] as readonly string[],
  maxImagePixels: 36_152_320,
  /** The comment box limit LinkedIn shows members (commonly cited; not in the API reference). */
  maxCommentChars: 1250,
  /** Articles need a title; Relink derives one from the first line of the text. */
  maxArticleTitleChars: 200,
} as const

/** Public link to a post; the URN goes in as is. */
export const LINKEDIN_POST_URL = (postUrn: string): string => `https://www.linkedin.com/feed/update/${postUrn}/`

/** Paging limits for the calls that walk collections. */
export const LINKEDIN_PAGING = {
  aclPageSize: 100,
  postsPageSize: 50,
  commentsPageSize: 100,
  maxPages: 20,
  /** Posts whose comments the inbox follows: the most recent ones, up to this age. */
  commentSyncMaxPosts: 25,
  commentSyncMaxPostAgeMs: 90 * DAY_MS,
  notificationsPageSize: 100,
  /** LinkedIn keeps an organisation's social action notifications this long. */
  notificationRetentionMs: 60 * DAY_MS,
  /**
   * A poll asks for notifications from this long before the last one it asked up to: a
   * notification can show up a little after the comment it reports.
   */
  notificationOverlapMs: 60 * 60 * 1000,
} as const

/** Organisation share statistics cover a rolling 12 months. */
export const LINKEDIN_INSIGHTS_LOOKBACK_DAYS = 365

export interface ChannelCapabilities {
  publish: boolean
  moderate: boolean
  analyze: boolean
}

/**
 * Company page roles (organization-access-control doc) and what each lets Relink do through the
 * Community Management API: posting and comment management need an admin, content admin or poster
 * role; analytics need an admin, content admin or analyst.
 */
export const LINKEDIN_ROLE_CAPABILITIES: Readonly<Record<string, ChannelCapabilities>> = {
  ADMINISTRATOR: { publish: true, moderate: true, analyze: true },
  CONTENT_ADMINISTRATOR: { publish: true, moderate: true, analyze: true },
  DIRECT_SPONSORED_CONTENT_POSTER: { publish: true, moderate: true, analyze: false },
  RECRUITING_POSTER: { publish: true, moderate: false, analyze: false },
  ANALYST: { publish: false, moderate: false, analyze: true },
  CURATOR: { publish: false, moderate: false, analyze: false },
  LEAD_GEN_FORMS_MANAGER: { publish: false, moderate: false, analyze: false },
}

/** A member channel: posting needs only `w_member_social`; reading needs the closed `r_member_social`. */
export const LINKEDIN_MEMBER_CAPABILITIES: ChannelCapabilities = { publish: true, moderate: false, analyze: false }
export const LINKEDIN_MEMBER_TASK = 'MEMBER'

/** Relink's metric names ← LinkedIn's `totalShareStatistics` fields. */
export const LINKEDIN_SHARE_METRICS = {
  impressionCount: 'impressions',
  uniqueImpressionsCount: 'unique_impressions',
  clickCount: 'clicks',
  likeCount: 'reactions',
  commentCount: 'comments',
  shareCount: 'shares',
  engagement: 'engagement_rate',
} as const

/** Relink's metric names ← `followerGains` fields of organizationalEntityFollowerStatistics. */
export const LINKEDIN_FOLLOWER_METRICS = {
  organicFollowerGain: 'followers_gained_organic',
  paidFollowerGain: 'followers_gained_paid',
} as const

interface ErrorRule {
  reason: ProblemReason
  detail: string
}

/** Sentences for answers that are not token problems. */
export const LINKEDIN_DETAILS = {
  dailyLimit: 'LinkedIn’s daily limit for this kind of request is used up. Relink will try again after midnight UTC.',
  throttled: 'LinkedIn asked Relink to slow down. Relink will wait and try again.',
  edgeForbidden: 'LinkedIn refused the request (HTTP 403). Relink will try again later.',
  duplicate: 'LinkedIn refused the post because it repeats one published a moment ago.',
  rejectedPart: 'LinkedIn rejected part of the post. Check the text, link and image, then try again.',
  rejected: (status: number): string => `LinkedIn rejected the request (HTTP ${status}). Check the post and try again.`,
} as const

/**
 * API error `code` strings → taxonomy (error-handling doc; pairings seen in public code). LinkedIn
 * puts the reason only in the JSON body, and `serviceErrorCode` of EXPIRED_ACCESS_TOKEN is reported
 * as either 65600 or 65601, so `code` is read first.
 */
export const LINKEDIN_ERROR_CODES: Readonly<Record<string, ErrorRule>> = {
  EXPIRED_ACCESS_TOKEN: {
    reason: 'expired',
    detail: 'Your LinkedIn sign-in has expired. Relink will renew it if it can; otherwise refresh the connection.',
  },
  REVOKED_ACCESS_TOKEN: {
    reason: 'revoked_by_user',
    detail: 'LinkedIn says access for Relink was revoked. Refresh the connection to sign in again.',
  },
  INVALID_ACCESS_TOKEN: {
    reason: 'unknown_auth',
    detail: 'LinkedIn did not accept the saved sign-in. Relink will check the connection before asking you to reconnect.',
  },
  EMPTY_ACCESS_TOKEN: {
    reason: 'unknown_auth',
    detail: 'LinkedIn did not receive a sign-in with the request. Relink will check the connection.',
  },
  ACCESS_DENIED: {
    reason: 'scope_missing',
    detail: 'LinkedIn says Relink lacks a permission for this. Refresh the connection and allow every permission.',
  },
  VERSION_MISSING: {
    reason: 'other',
    detail: 'LinkedIn refused the request because it did not name an API version. Update Relink.',
  },
  NONEXISTENT_VERSION: {
    reason: 'other',
    detail: 'LinkedIn no longer supports the API version this Relink uses. Update Relink.',
  },
}

/** `serviceErrorCode` fallbacks when a body carries no `code` (65600 invalid, 65601 revoked, 100 permissions). */
export const LINKEDIN_SERVICE_ERROR_CODES: Readonly<Record<number, keyof typeof LINKEDIN_ERROR_CODES>> = {
  65600: 'INVALID_ACCESS_TOKEN',
  65601: 'REVOKED_ACCESS_TOKEN',
  65604: 'EMPTY_ACCESS_TOKEN',
  100: 'ACCESS_DENIED',
}

/** Message fallbacks, checked in order, when neither `code` nor `serviceErrorCode` is there. */
export const LINKEDIN_ERROR_MESSAGES: readonly (readonly [RegExp, keyof typeof LINKEDIN_ERROR_CODES])[] = [
  [/token used in the request has expired|expired access token/i, 'EXPIRED_ACCESS_TOKEN'],
  [/revoked/i, 'REVOKED_ACCESS_TOKEN'],
  [/invalid access token/i, 'INVALID_ACCESS_TOKEN'],
  [/empty oauth2 access token/i, 'EMPTY_ACCESS_TOKEN'],
  [/not enough permissions/i, 'ACCESS_DENIED'],
]

/** Role refinement of a 403 on an organisation once its ACLs show no role for the action. */
export const LINKEDIN_ROLE_LOST: ErrorRule = {
  reason: 'role_lost',
  detail:
    'You no longer have a role on this LinkedIn page that allows this. A page super admin must restore your role; reconnecting will not help.',
}

/** Token endpoint (`/oauth/v2/accessToken`) answers, RFC 6749 §5.2 codes as LinkedIn uses them. */
export const LINKEDIN_TOKEN_ERRORS: Readonly<Record<string, ErrorRule>> = {
  invalid_grant: {
    reason: 'refresh_token_dead',
    detail:
      'LinkedIn no longer accepts Relink’s saved sign-in (it ends 365 days after you first connected, or was revoked). Refresh the connection to sign in again.',
  },
  invalid_client: {
    reason: 'other',
    detail: 'LinkedIn did not accept the app’s client ID or secret. Check the LinkedIn app in Settings.',
  },
  unauthorized_client: {
    reason: 'other',
    detail: 'LinkedIn has not enabled this sign-in method for the app. Check the LinkedIn app in Settings.',
  },
}

/** Token-endpoint descriptions that mean the refresh token itself is dead, whatever the error code. */
export const LINKEDIN_DEAD_REFRESH_MESSAGE = /refresh token.*(expired|revoked|invalid)|(expired|revoked|invalid).*refresh token/i

/** Introspection `status` → taxonomy. */
export const LINKEDIN_INTROSPECTION_STATUS: Readonly<Record<string, ErrorRule>> = {
  expired: LINKEDIN_ERROR_CODES.EXPIRED_ACCESS_TOKEN as ErrorRule,
  revoked: LINKEDIN_ERROR_CODES.REVOKED_ACCESS_TOKEN as ErrorRule,
}

/** Introspection answering 400: LinkedIn does not know the token (or the client id) at all. */
export const LINKEDIN_UNKNOWN_TOKEN: ErrorRule = {
  reason: 'revoked_by_user',
  detail: 'LinkedIn no longer recognises Relink’s saved sign-in. Refresh the connection to sign in again.',
}

/** Introspection found a scope Relink asked for missing from the grant. */
export const LINKEDIN_SCOPE_MISSING: ErrorRule = {
  reason: 'scope_missing',
  detail: 'A LinkedIn permission Relink needs is no longer granted. Refresh the connection and allow every permission.',
}

/**
 * Quotas are daily per application and per member and reset at midnight UTC (rate-limits doc);
 * LinkedIn sends no Retry-After, so a daily-limit 429 waits for the next UTC midnight.
 */
export const LINKEDIN_DAILY_LIMIT_MESSAGE = /\bDAY\b|daily/i

/** LinkedIn's 422 for a repeated post: "Content is a duplicate of urn:li:share:…". */
export const LINKEDIN_DUPLICATE_MESSAGE = /duplicate/i

/**
 * How late the lookup may show a post that was created (an absence is believed only when a second
 * lookup this much later agrees, and the post then goes out again). The posts finder (`q=author`) can lag the create call by a minute or two.
 */
export const LINKEDIN_LOOKUP = { confirmAbsentAfterMs: 2 * 60_000 } as const
