/**
 * The contract every network adapter fulfils. Adapters are data-driven: each network keeps its
 * endpoints, lifetimes, scopes, metric names and error tables in one place (STYLE.md rule 7).
 * Token material appears here only in main-process memory; it never crosses IPC or reaches logs.
 */
import type { ProblemReason } from '../../shared/domain/health'
import type { Network } from '../../shared/domain/network'
import type { Clock, Http } from '../ports'

/** Where a network lives. Real hosts by default; the sandbox passes its own loopback URLs. */
export interface ProviderEndpoints {
  /** Base of the pages a browser opens (authorization dialog). */
  authBase: string
  /** Base of the REST API the adapter calls (also hosts the token endpoint unless `tokenBase`). */
  apiBase: string
  /** Base of the token endpoint when it differs from `apiBase`. */
  tokenBase?: string
}

/** The team's own developer app on a network ("bring your own app"). */
export interface AppCredentials {
  clientId: string
  /** Required by Meta and LinkedIn's standard flow; never shipped in the build. */
  clientSecret?: string
  /** Mastodon: the instance origin, e.g. `https://mastodon.social`. */
  instance?: string
}

/** Everything an adapter call needs from outside. */
export interface ProviderContext {
  http: Http
  clock: Clock
  endpoints: ProviderEndpoints
  credentials: AppCredentials
  /** Per-request timeout for API calls, milliseconds. */
  timeoutMs?: number
  signal?: AbortSignal
}

/** How the loopback redirect must look for this network (RFC 8252 §7.3 and each network's rules). */
export interface RedirectRule {
  host: '127.0.0.1' | 'localhost'
  /** `ephemeral`: any port the OS gives; otherwise the registered ports to try in order. */
  ports: 'ephemeral' | readonly number[]
  /** One callback path per network (mix-up defence, RFC 9700 §4.4). */
  path: string
}

export interface OAuthConfig {
  authorizationEndpoint: string
  tokenEndpoint: string
  revocationEndpoint?: string
  scopes: readonly string[]
  /** Separator the network expects between scopes in the authorize URL. */
  scopeSeparator: ' ' | ','
  pkce: 'required' | 'supported' | 'none'
  clientSecret: 'required' | 'optional' | 'none'
  /** How the client authenticates at the token endpoint when it has a secret. */
  tokenAuth: 'client_secret_post' | 'client_secret_basic' | 'none'
  redirect: RedirectRule
  /** Extra authorize parameters (e.g. `prompt=consent`). */
  extraAuthParams?: Readonly<Record<string, string>>
  /** Networks whose apps are registered per instance at connect time (Mastodon). */
  dynamicRegistration: boolean
}

/** Tokens and clocks of one grant, as the network stated them. Times are unix ms; null = never/unknown. */
export interface GrantTokens {
  accessToken: string
  refreshToken?: string
  accessExpiresAt: number | null
  refreshExpiresAt: number | null
  dataAccessExpiresAt: number | null
  scopes: string[]
}

/** Who authorised Relink. */
export interface ProfileIdentity {
  networkUserId: string
  displayName: string
  handle: string
}

export type ChannelKind = 'page' | 'business_account' | 'organization' | 'member' | 'account'

/** A place the profile can manage, with the token and roles to use it. */
export interface DiscoveredChannel {
  network: Network
  networkChannelId: string
  kind: ChannelKind
  name: string
  handle: string
  /** Channel-specific token (Facebook page token); absent when the profile token is used. */
  token?: string
  /** Roles/tasks as the network names them (e.g. CREATE_CONTENT, MODERATE, ANALYZE, ADMINISTRATOR). */
  tasks: string[]
  capabilities: { publish: boolean; moderate: boolean; analyze: boolean }
}

/** What an adapter needs to act on a channel. */
export interface ChannelTarget {
  networkChannelId: string
  /** The token to call with: page token or the profile's access token. */
  accessToken: string
  /** The profile's network user id (LinkedIn member URN, X user id …) where calls need it. */
  networkUserId?: string
  kind: ChannelKind
}

export interface ProbeResult {
  valid: boolean
  accessExpiresAt: number | null
  dataAccessExpiresAt: number | null
  scopes: string[]
  /** Set when the probe found the token unusable, classified. */
  problem?: ClassifiedFailure
  /** What the network said about the token (e.g. debug_token's `error`), for the event log. */
  raw?: unknown
}

export interface PostImage {
  bytes: Uint8Array
  mimeType: 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp'
  width: number
  height: number
  altText?: string
}

export interface PostDraft {
  text: string
  link?: string
  image?: PostImage
  /**
   * A short unique tag Relink puts into every post it publishes so an unknown outcome (crash,
   * timeout) can be reconciled by finding the post later instead of publishing it twice.
   */
  marker: string
}

export interface PublishedPost {
  networkPostId: string
  url: string
  publishedAt: number
}

export interface RemoteComment {
  networkCommentId: string
  networkPostId: string
  parentCommentId: string | null
  authorName: string
  authorHandle: string
  text: string
  createdAt: number
}

export interface CommentPage {
  comments: RemoteComment[]
  /** Opaque cursor to pass next time; null when the network has nothing newer. */
  cursor: string | null
}

/** One day's value of one metric (`day` is YYYY-MM-DD in UTC). Metric names are Relink's own. */
export interface DailyMetric {
  day: string
  metric: string
  value: number
}

export interface ContentProblem {
  field: 'text' | 'link' | 'image'
  message: string
}

/** Limits read at run time where the network exposes them (Mastodon's instance limit). */
export interface ContentLimits {
  maxChars?: number
}

export type FailureSource = 'api' | 'token_endpoint' | 'transport'

/** A failed exchange with a network, as raw as it came. */
export interface ProviderFailure {
  source: FailureSource
  status?: number
  headers?: Record<string, string>
  body?: unknown
}

export interface ClassifiedFailure {
  reason: ProblemReason
  retryAfterMs?: number
  /** A plain-language sentence for the user. */
  detail: string
}

export interface ProviderAdapter {
  readonly network: Network
  /** Real-world endpoints; the sandbox substitutes its own. */
  readonly defaultEndpoints: ProviderEndpoints
  /** How late `findPostByMarker` may show a post just created: a second lookup this much later confirms an absence. */
  readonly confirmAbsentAfterMs: number
  oauth(ctx: ProviderContext): OAuthConfig
  /** Mastodon: register an app on the instance for this exact redirect URI. */
  registerApp?(ctx: ProviderContext, redirectUri: string): Promise<AppCredentials>
  /** Code → tokens, including network follow-ups (Facebook's long-lived exchange). */
  exchangeCode(ctx: ProviderContext, input: { code: string; codeVerifier?: string; redirectUri: string }): Promise<GrantTokens>
  /** Absent where the network has no refresh (Facebook, Mastodon). */
  refresh?(ctx: ProviderContext, refreshToken: string): Promise<GrantTokens>
  revoke(ctx: ProviderContext, grant: { accessToken: string; refreshToken?: string; networkUserId: string }): Promise<void>
  identify(ctx: ProviderContext, accessToken: string): Promise<ProfileIdentity>
  probe(ctx: ProviderContext, accessToken: string): Promise<ProbeResult>
  discoverChannels(ctx: ProviderContext, grant: { accessToken: string; networkUserId: string }): Promise<DiscoveredChannel[]>
  validateContent(draft: Omit<PostDraft, 'marker'>, limits?: ContentLimits): ContentProblem[]
  /** Reads limits from the network where it publishes them (Mastodon instance config). */
  contentLimits?(ctx: ProviderContext): Promise<ContentLimits>
  publish(ctx: ProviderContext, target: ChannelTarget, draft: PostDraft): Promise<PublishedPost>
  findPostByMarker(ctx: ProviderContext, target: ChannelTarget, marker: string, sinceMs: number): Promise<PublishedPost | null>
  listComments(ctx: ProviderContext, target: ChannelTarget, cursor: string | null): Promise<CommentPage>
  reply(ctx: ProviderContext, target: ChannelTarget, input: { networkCommentId: string; networkPostId: string; text: string }): Promise<{ networkCommentId: string }>
  /**
   * Daily channel metrics over a range. `metrics`, where the network takes a metric list (the
   * Graph API), asks for exactly these network metric names and reports them under the same
   * names, so a caller can ask in small groups and isolate one the network refuses.
   */
  channelInsights(ctx: ProviderContext, target: ChannelTarget, range: { sinceDay: string; untilDay: string; metrics?: readonly string[] }): Promise<DailyMetric[]>
  postInsights(ctx: ProviderContext, target: ChannelTarget, networkPostId: string): Promise<DailyMetric[]>
  classify(failure: ProviderFailure): ClassifiedFailure
}
