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
  /**
   * The account's profile picture (page picture, logo, avatar): a network's CDN address, often
   * signed and short-lived, so it is downloaded soon after. `null`: the network says the account
   * has none (or only the network's stand-in); absent: not known this time (a failed lookup).
   */
  pictureUrl?: string | null
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
  /**
   * Where the probe reads the account itself (X, Mastodon: the channel is the sign-in), its
   * profile picture as discovery would name it, so a changed picture is noticed between reconnects.
   */
  pictures?: Pick<DiscoveredChannel, 'network' | 'networkChannelId' | 'pictureUrl'>[]
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
}

/** What a publish needs beside the content: nothing of it is added to the post's text. */
export interface PublishOptions {
  /**
   * The delivery's own unique key: sent where the network deduplicates by key (Mastodon's
   * `Idempotency-Key`), never written into the post.
   */
  key: string
  /** Instagram: called with the media container's id before it is published, so a lookup can ask its status. */
  onContainer?(containerId: string): Promise<void>
}

/** How to find a post this delivery may have published (see `fingerprint.ts`). */
export interface PostLookup {
  /** The content as it was sent. */
  draft: PostDraft
  /** The earliest time the post can carry: the intent's time less a margin for clock skew. */
  sinceMs: number
  /** Posts published while Relink appended a tracking marker carry it in their text. */
  legacyMarker?: string
  /** Instagram: the media container made for this delivery, when one was recorded. */
  containerId?: string
  /** Posts Relink already knows as other deliveries' (same text, published earlier): never this one. */
  knownPostIds?: ReadonlySet<string>
}

/** What a lookup found on the channel's timeline. */
export type PostLookupResult =
  | { kind: 'found'; post: PublishedPost }
  | { kind: 'absent' }
  /** More than one post may be it (or one edited since): a person picks. */
  | { kind: 'ambiguous'; candidates: readonly PublishedPost[]; detail: string }
  /** The network offers no way to tell. */
  | { kind: 'unanswerable'; detail: string }

export interface PublishedPost {
  networkPostId: string
  url: string
  publishedAt: number
}

/** A post on the channel's own timeline, whoever published it (Relink, the network's app, another tool). */
export interface ChannelPost {
  networkPostId: string
  url: string
  publishedAt: number
  text: string
}

/** Where {@link ProviderAdapter.recentPosts} starts reading back from. */
export interface RecentPostsSince {
  /** The oldest publication time wanted (unix ms). */
  sinceMs: number
  /** The newest post already seen, where the network pages by id (X's `since_id`): only newer posts are read. */
  afterId: string | null
}

/** The channel's own posts, newest first; `complete` is false when paging stopped before `sinceMs`. */
export interface ChannelPostPage {
  posts: ChannelPost[]
  complete: boolean
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

/** What Relink can do to someone's comment besides answering it (where the network allows: `ACTION_MATRIX`). */
export type CommentModeration = 'hide' | 'unhide' | 'delete' | 'like'

/** A comment on the network, as the inbox knows it. */
export interface CommentRef {
  networkCommentId: string
  networkPostId: string
}

/** The effect to look for after a reply or a moderation action whose answer was lost. */
export interface CommentActionLookup extends CommentRef {
  action: 'reply' | CommentModeration
  /** The reply's text (empty for moderation). */
  text: string
  /** The earliest time the effect can carry: the intent's time less a margin for clock skew. */
  sinceMs: number
}

/** What a lookup found. `found`: the reply's id, or the comment's own id for moderation. */
export type CommentActionLookupResult =
  | { kind: 'found'; networkCommentId: string }
  | { kind: 'absent' }
  | { kind: 'ambiguous'; candidates: readonly string[]; detail: string }
  | { kind: 'unanswerable'; detail: string }

export interface CommentPage {
  comments: RemoteComment[]
  /**
   * Posts whose every comment this read listed (a full read of the post again): a stored comment
   * on one of them that the list leaves out was deleted on the network.
   */
  wholePosts?: { networkPostId: string; networkCommentIds: string[] }[]
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
  /** The network refused the content as a copy of a post already there (X, LinkedIn, Facebook). */
  duplicate?: boolean
}

export interface FirstCommentWriter {
  post(ctx: ProviderContext, target: ChannelTarget, input: { networkPostId: string; text: string }): Promise<{ networkCommentId: string }>
  find(ctx: ProviderContext, target: ChannelTarget, input: { networkPostId: string; text: string }): Promise<{ networkCommentId: string } | null>
}

export interface ProviderAdapter {
  readonly network: Network
  /** Real-world endpoints; the sandbox substitutes its own. */
  readonly defaultEndpoints: ProviderEndpoints
  /** How late `findPublished` may see a post just created: a second lookup this much later confirms an absence. */
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
  validateContent(draft: PostDraft, limits?: ContentLimits): ContentProblem[]
  /** Reads limits from the network where it publishes them (Mastodon instance config). */
  contentLimits?(ctx: ProviderContext): Promise<ContentLimits>
  publish(ctx: ProviderContext, target: ChannelTarget, draft: PostDraft, options?: PublishOptions): Promise<PublishedPost>
  /** Looks for a post this channel published since `lookup.sinceMs` with the content sent. Throws when the network could not be asked. */
  findPublished(ctx: ProviderContext, target: ChannelTarget, lookup: PostLookup): Promise<PostLookupResult>
  listComments(ctx: ProviderContext, target: ChannelTarget, cursor: string | null): Promise<CommentPage>
  /**
   * Of comments stored under a post read whole (`CommentPage.wholePosts`) that the read no longer
   * listed, the ones the network confirms deleted, and how many were asked. Only where leaving a
   * thread does not mean deleted (Mastodon: replies under a deleted status); elsewhere every
   * comment left out is deleted.
   */
  confirmGone?(ctx: ProviderContext, target: ChannelTarget, networkCommentIds: readonly string[]): Promise<{ gone: string[]; asked: number }>
  reply(ctx: ProviderContext, target: ChannelTarget, input: { networkCommentId: string; networkPostId: string; text: string }): Promise<{ networkCommentId: string }>
  /** Hides, unhides, deletes or likes a comment; absent where the network allows none of it. Throws on failure. */
  moderate?(ctx: ProviderContext, target: ChannelTarget, input: CommentRef & { action: CommentModeration }): Promise<void>
  /**
   * Looks for the effect of a reply or moderation action on the network (the channel's own reply
   * with this text since `sinceMs`, the comment hidden, gone or liked). Throws when the network
   * could not be asked; `unanswerable` where it offers no way to tell.
   */
  findCommentAction?(ctx: ProviderContext, target: ChannelTarget, lookup: CommentActionLookup): Promise<CommentActionLookupResult>
  /**
   * Instagram and LinkedIn: the channel's own comment under a post it published (a "first
   * comment"), and the lookup that settles an unknown outcome: a top-level comment with exactly
   * this text under the post. Absent where the network gets no first comment.
   */
  firstComment?: FirstCommentWriter
  /**
   * Daily channel metrics over a range. `metrics`, where the network takes a metric list (the
   * Graph API), asks for exactly these network metric names and reports them under the same
   * names, so a caller can ask in small groups and isolate one the network refuses.
   */
  channelInsights(ctx: ProviderContext, target: ChannelTarget, range: { sinceDay: string; untilDay: string; metrics?: readonly string[] }): Promise<DailyMetric[]>
  postInsights(ctx: ProviderContext, target: ChannelTarget, networkPostId: string): Promise<DailyMetric[]>
  /**
   * The channel's own recent posts, newest first, whoever published them, so analytics can follow
   * posts made outside Relink too. Empty where the network lets apps read no such list (a
   * LinkedIn member's posts need the restricted `r_member_social` permission).
   */
  recentPosts(ctx: ProviderContext, target: ChannelTarget, since: RecentPostsSince): Promise<ChannelPostPage>
  classify(failure: ProviderFailure): ClassifiedFailure
}
