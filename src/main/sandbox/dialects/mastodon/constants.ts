/** The seeded instance's ids and handles, and the limits, sentences and scopes Mastodon answers with. */
import type { AuthorizeSpec } from '../../oauth'
import { SANDBOX_DAY_MS } from '../../world'

export const DAY = SANDBOX_DAY_MS
export const HOUR = 60 * 60 * 1000

/**
 * Ids and handles of the seeded instance, for tests and the demo. Every password is `demo`.
 * Mastodon has no shared accounts or per-account roles: a login is exactly one account. A backup
 * link is therefore a second grant for the same account (another sign-in, revocable on its own),
 * and "fewer roles" is a grant with fewer scopes; the tests build both from these users.
 */
export const MASTODON_SEED = {
  clientId: 'relink-sandbox-mastodon',
  clientSecret: 'sandbox-secret-mastodon',
  password: 'demo',
  users: {
    /** The brand's account, the one the team publishes from. */
    brand: { id: 'mastodon-user-relinkdemo', handle: 'relinkdemo', name: 'Relink Demo' },
    /** A teammate's own account. */
    ana: { id: 'mastodon-user-ana', handle: 'ana', name: 'Ana Lima' },
    /** A second teammate with a quiet account (few posts, no comments). */
    sam: { id: 'mastodon-user-sam', handle: 'sam', name: 'Sam Okafor' },
  },
  /** Account ids (Mastodon's numeric strings); on Mastodon the channel is the signed-in account. */
  channels: {
    brand: '109384720000000101',
    ana: '109384720000000102',
    sam: '109384720000000103',
  },
  maxCharacters: 500,
} as const

/** What the sandbox developer app may ask for (Mastodon checks the request against the app's scopes). */
export const SEED_APP_SCOPES = [
  'read',
  'write',
  'follow',
  'push',
  'profile',
  'read:accounts',
  'read:statuses',
  'read:notifications',
  'write:statuses',
  'write:media',
  'write:favourites',
]

export const SPEC: AuthorizeSpec = { network: 'mastodon', label: 'Mastodon', pkce: 'supported', scopeSeparator: ' ' }

// Doorkeeper's sentences (config/locales/doorkeeper.en.yml) and Api::BaseController's.
export const TOKEN_INVALID = 'The access token is invalid'
export const TOKEN_REVOKED = 'The access token was revoked'
export const TOKEN_EXPIRED = 'The access token expired'
export const OUTSIDE_SCOPES = 'This action is outside the authorized scopes'
export const LOGIN_DISABLED = 'Your login is currently disabled'
export const NOT_FOUND = 'Record not found'
export const INVALID_GRANT =
  'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.'
export const INVALID_CLIENT = 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.'

/** v2 media: images up to this size are processed synchronously (200); larger ones and GIFs (202). */
export const SYNC_MEDIA_BYTES = 1024 * 1024
export const IMAGE_LIMIT_BYTES = 16 * 1024 * 1024
export const DESCRIPTION_LIMIT = 1500
export const MAX_ATTACHMENTS = 4
export const URL_CHARS = 23
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/heic', 'image/heif', 'image/avif']

export const READ_ACCOUNTS = ['read', 'read:accounts', 'profile'] as const
export const READ_STATUSES = ['read', 'read:statuses'] as const
export const READ_NOTIFICATIONS = ['read', 'read:notifications'] as const
export const WRITE_STATUSES = ['write', 'write:statuses'] as const
export const WRITE_MEDIA = ['write', 'write:media'] as const
export const WRITE_FAVOURITES = ['write', 'write:favourites'] as const
