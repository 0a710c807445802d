/**
 * Mastodon adapter (any instance). Apps are registered per instance at connect time, tokens never
 * expire and there is no refresh, so the adapter's job is registering, exchanging, probing daily,
 * and reading Mastodon's errors precisely. Endpoints and rules live in `config.ts`.
 */
import { createHash } from 'node:crypto'
import { createProviderClient, type ProviderClient } from '../http-client'
import { fingerprintOf, judgeTimeline, type SeenPost } from '../fingerprint'
import { ProviderError } from '../provider-error'
import type {
  AppCredentials,
  ChannelPostPage,
  ChannelTarget,
  ContentLimits,
  DailyMetric,
  DiscoveredChannel,
  GrantTokens,
  OAuthConfig,
  PostImage,
  PostLookupResult,
  ProbeResult,
  ProfileIdentity,
  ProviderAdapter,
  ProviderContext,
  PublishedPost,
} from '../types'
import { classifyMastodon } from './classify'
import {
  DEFAULT_INSTANCE,
  MASTODON_APP,
  MASTODON_CHANNEL_METRICS,
  MASTODON_CONTENT,
  MASTODON_PAGING,
  MASTODON_PATHS,
  MASTODON_POST_METRICS,
  MASTODON_REDIRECT,
  MASTODON_SCOPES,
  MASTODON_LOOKUP,
} from './config'
import { composeStatusText, htmlToText, validateMastodonContent } from './content'
import { mastodonCommentActions } from './comment-actions'
import { mastodonComments } from './comments'
import { nextMaxId, parseTime } from './status-fields'
import {
  AccountSchema,
  ApplicationSchema,
  InstanceSchema,
  MediaAttachmentSchema,
  StatusListSchema,
  StatusSchema,
  TokenSchema,
  type MastodonAccount,
  type MastodonStatus,
} from './schemas'

/**
 * The instance origin: the connection's own instance first (`credentials.instance`), else the
 * endpoints given (the sandbox mounts its instance there). Accepts a bare domain.
 */
export function instanceBase(ctx: ProviderContext): string {
  const raw = (ctx.credentials.instance || ctx.endpoints.apiBase || DEFAULT_INSTANCE).trim()
  const withScheme = /^https?:\/\//i.test(raw) ? raw : `https://${raw}`
  return withScheme.replace(/\/+$/, '')
}

const client = (ctx: ProviderContext): ProviderClient =>
  createProviderClient('mastodon', ctx, (failure) => classifyMastodon(failure, ctx.clock.now()))

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

function handleOf(account: MastodonAccount, base: string): string {
  // Local accounts have a bare `acct`; remote ones already carry their domain.
  return account.acct.includes('@') ? account.acct : `${account.acct}@${new URL(base).host}`
}

const statusUrl = (status: MastodonStatus, base: string): string => status.url ?? status.uri ?? `${base}/@${status.account.acct}/${status.id}`

/** Builds a multipart/form-data body (RFC 7578) for `POST /api/v2/media`. */
function multipart(parts: ({ name: string; value: string } | { name: string; filename: string; contentType: string; data: Uint8Array })[]): {
  data: Uint8Array
  contentType: string
} {
  // RFC 2046 §5.1.1: the boundary must not occur in the parts. A digest of them is as unlikely to
  // as a random string, and the same upload is framed the same way every time.
  const digest = createHash('sha256')
  for (const part of parts) digest.update('value' in part ? `${part.name}=${part.value}` : part.data)
  const boundary = `relink-${digest.digest('hex').slice(0, 32)}`
  const encoder = new TextEncoder()
  const chunks: Uint8Array[] = []
  for (const part of parts) {
    if ('value' in part) {
      chunks.push(encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`))
    } else {
      chunks.push(
        encoder.encode(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.contentType}\r\n\r\n`,
        ),
      )
      chunks.push(part.data)
      chunks.push(encoder.encode('\r\n'))
    }
  }
  chunks.push(encoder.encode(`--${boundary}--\r\n`))
  const data = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0))
  let offset = 0
  for (const c of chunks) {
    data.set(c, offset)
    offset += c.byteLength
  }
  return { data, contentType: `multipart/form-data; boundary=${boundary}` }
}

const EXTENSIONS: Record<PostImage['mimeType'], string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp' }

async function uploadImage(http: ProviderClient, base: string, token: string, image: PostImage): Promise<string> {
  const parts: Parameters<typeof multipart>[0] = [
    { name: 'file', filename: `image.${EXTENSIONS[image.mimeType]}`, contentType: image.mimeType, data: image.bytes },
  ]
  if (image.altText) parts.push({ name: 'description', value: image.altText })
  const body = multipart(parts)
  const { data, raw } = await http.json({ method: 'POST', url: `${base}${MASTODON_PATHS.mediaUpload}`, bearer: token, bytes: body }, MediaAttachmentSchema)
  if (raw.status !== 202 && data.url !== null) return data.id
  // 202: the full size is still processing; statuses refuse unprocessed attachments (422), so
  // ask until it is ready. 206 means "still processing", 200 "ready" (docs: media#get).
  for (let attempt = 0; attempt < MASTODON_PAGING.mediaPollAttempts; attempt++) {
    const res = await http.raw({ method: 'GET', url: `${base}${MASTODON_PATHS.media(data.id)}`, bearer: token })
    if (res.status === 200) return data.id
  }
  throw new ProviderError(
    'mastodon',
    { reason: 'transient', detail: 'Mastodon is still processing the image. Relink will try publishing again shortly.' },
    { source: 'api', status: 206 },
  )
}

/** A stable Idempotency-Key for a reply, so a retried reply is not posted twice within the hour. */
const replyKey = (commentId: string, text: string): string =>
  `relink-reply-${commentId}-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`

/** Replies keep the parent's audience when it is narrower than public (as Mastodon's composer does). */
const VISIBILITY_ORDER = ['public', 'unlisted', 'private', 'direct'] as const
function replyVisibility(parent: string): string {
  const rank = VISIBILITY_ORDER.indexOf(parent as (typeof VISIBILITY_ORDER)[number])
  return rank > 0 ? parent : 'public'
}

/**
 * `avatar_static` (a still frame where the avatar is animated) over `avatar`. An account without
 * its own avatar gets the instance's `/avatars/original/missing.png`: no picture of the account.
 */
export function mastodonPictureUrl(account: { avatar?: string; avatar_static?: string }): string | undefined {
  const url = account.avatar_static || account.avatar
  if (!url || /\/avatars\/original\/missing\.png$/.test(url)) return undefined
  return url
}

async function verifyCredentials(ctx: ProviderContext, accessToken: string): Promise<MastodonAccount> {
  const base = instanceBase(ctx)
  const { data } = await client(ctx).json({ method: 'GET', url: `${base}${MASTODON_PATHS.verifyCredentials}`, bearer: accessToken }, AccountSchema)
  return data
}

/** Reasons a probe reports as "this token is unusable"; the rest say nothing about the token. */
const NOT_ABOUT_THE_TOKEN = new Set(['transient', 'rate_limited', 'other'])

/**
 * One page of the account's own statuses, newest first, below `maxId`, and where the next page
 * starts as the Link header names it (none after the last page).
 */
async function statusesPage(ctx: ProviderContext, target: ChannelTarget, maxId: string | undefined): Promise<{ statuses: MastodonStatus[]; next: string | undefined }> {
  const { data, raw } = await client(ctx).json(
    {
      method: 'GET',
      url: `${instanceBase(ctx)}${MASTODON_PATHS.accountStatuses(target.networkChannelId)}`,
      bearer: target.accessToken,
      query: { limit: MASTODON_PAGING.statusesLimit, exclude_replies: 'true', exclude_reblogs: 'true', max_id: maxId },
    },
    StatusListSchema,
  )
  return { statuses: data, next: nextMaxId(raw.headers, data, MASTODON_PAGING.statusesLimit) }
}

/**
 * The account's own statuses published since `sinceMs`, newest first, paged down with `max_id`;
 * `complete` is false when the page limit was reached before `sinceMs`.
 */
async function ownStatuses(ctx: ProviderContext, target: ChannelTarget, sinceMs: number): Promise<{ statuses: MastodonStatus[]; complete: boolean }> {
  const statuses: MastodonStatus[] = []
  let complete = false
  let maxId: string | undefined
  for (let page = 0; page < MASTODON_PAGING.maxPages && !complete; page++) {
    const { statuses: data, next } = await statusesPage(ctx, target, maxId)
    statuses.push(...data.filter((status) => parseTime(status.created_at) >= sinceMs))
    const oldest = data.at(-1)
    complete = !oldest || next === undefined || parseTime(oldest.created_at) < sinceMs
    maxId = next
  }
  return { statuses, complete }
}

const comments = mastodonComments({ base: instanceBase, client, statusesPage })

export const mastodonAdapter: ProviderAdapter = {
  network: 'mastodon',
  defaultEndpoints: { authBase: DEFAULT_INSTANCE, apiBase: DEFAULT_INSTANCE },
  confirmAbsentAfterMs: MASTODON_LOOKUP.confirmAbsentAfterMs,

  oauth(ctx): OAuthConfig {
    const base = instanceBase(ctx)
    return {
      authorizationEndpoint: `${base}${MASTODON_PATHS.authorize}`,
      tokenEndpoint: `${base}${MASTODON_PATHS.token}`,
      revocationEndpoint: `${base}${MASTODON_PATHS.revoke}`,
      scopes: MASTODON_SCOPES,
      scopeSeparator: ' ',
      // Optional on Mastodon (4.3+, S256 only); Relink always sends it (RFC 9700 §2.1.1).
      pkce: 'supported',
      clientSecret: 'required',
      tokenAuth: 'client_secret_post',
      redirect: MASTODON_REDIRECT,
      extraAuthParams: MASTODON_APP.extraAuthParams,
      dynamicRegistration: true,
    }
  },

  async registerApp(ctx, redirectUri): Promise<AppCredentials> {
    const base = instanceBase(ctx)
    const { data } = await client(ctx).json(
      {
        method: 'POST',
        url: `${base}${MASTODON_PATHS.apps}`,
        form: {
          client_name: MASTODON_APP.clientName,
          redirect_uris: redirectUri,
          scopes: MASTODON_SCOPES.join(' '),
          website: MASTODON_APP.website,
        },
      },
      ApplicationSchema,
    )
    return { clientId: data.client_id, clientSecret: data.client_secret, instance: base }
  },

  async exchangeCode(ctx, input): Promise<GrantTokens> {
    const base = instanceBase(ctx)
    const { data } = await client(ctx).json(
      {
        method: 'POST',
        url: `${base}${MASTODON_PATHS.token}`,
        source: 'token_endpoint',
        form: {
          grant_type: 'authorization_code',
          code: input.code,
          client_id: ctx.credentials.clientId,
          client_secret: ctx.credentials.clientSecret,
          redirect_uri: input.redirectUri,
          code_verifier: input.codeVerifier,
        },
      },
      TokenSchema,
    )
    return {
      accessToken: data.access_token,
      // Never expires; nothing to refresh (platform-tokens §11).
      accessExpiresAt: null,
      refreshExpiresAt: null,
      dataAccessExpiresAt: null,
      scopes: (data.scope ?? '').split(/\s+/).filter(Boolean),
    }
  },

  async revoke(ctx, grant): Promise<void> {
    const base = instanceBase(ctx)
    await client(ctx).raw({
      method: 'POST',
      url: `${base}${MASTODON_PATHS.revoke}`,
      source: 'token_endpoint',
      form: { client_id: ctx.credentials.clientId, client_secret: ctx.credentials.clientSecret, token: grant.accessToken },
    })
  },

  async identify(ctx, accessToken): Promise<ProfileIdentity> {
    const account = await verifyCredentials(ctx, accessToken)
    return { networkUserId: account.id, displayName: account.display_name || account.username, handle: handleOf(account, instanceBase(ctx)) }
  },

  async probe(ctx, accessToken): Promise<ProbeResult> {
    try {
      const account = await verifyCredentials(ctx, accessToken)
      const pictures = [{ network: 'mastodon' as const, networkChannelId: account.id, pictureUrl: mastodonPictureUrl(account) ?? null }]
      // Mastodon does not report a token's scopes anywhere; the granted set is what exchangeCode saw.
      return { valid: true, accessExpiresAt: null, dataAccessExpiresAt: null, scopes: [], pictures }
    } catch (err) {
      if (err instanceof ProviderError && !NOT_ABOUT_THE_TOKEN.has(err.reason)) {
        return { valid: false, accessExpiresAt: null, dataAccessExpiresAt: null, scopes: [], problem: err.classified }
      }
      throw err
    }
  },

  async discoverChannels(ctx, grant): Promise<DiscoveredChannel[]> {
    // A Mastodon login is exactly one account: the channel is the profile itself, used with the
    // profile's own token. There are no shared accounts or per-account roles to discover.
    const account = await verifyCredentials(ctx, grant.accessToken)
    return [
      {
        network: 'mastodon',
        networkChannelId: account.id,
        kind: 'account',
        name: account.display_name || account.username,
        handle: handleOf(account, instanceBase(ctx)),
        tasks: ['OWNER'],
        capabilities: { publish: true, moderate: true, analyze: true },
        pictureUrl: mastodonPictureUrl(account) ?? null,
      },
    ]
  },

  validateContent: validateMastodonContent,

  async contentLimits(ctx): Promise<ContentLimits> {
    const base = instanceBase(ctx)
    const http = client(ctx)
    for (const path of [MASTODON_PATHS.instanceV2, MASTODON_PATHS.instanceV1]) {
      try {
        const { data } = await http.json({ method: 'GET', url: `${base}${path}` }, InstanceSchema)
        const maxChars = data.configuration?.statuses?.max_characters ?? data.max_toot_chars
        return { maxChars: maxChars ?? MASTODON_CONTENT.defaultMaxChars }
      } catch (err) {
        // v2 arrived in 4.0: an older instance answers 404 there and has the limit on v1.
        if (err instanceof ProviderError && (err.failure.status === 404 || err.failure.status === 410)) continue
        throw err
      }
    }
    return { maxChars: MASTODON_CONTENT.defaultMaxChars }
  },

  async publish(ctx, target, draft, options): Promise<PublishedPost> {
    const base = instanceBase(ctx)
    const http = client(ctx)
    const mediaIds = draft.image ? [await uploadImage(http, base, target.accessToken, draft.image)] : []
    const { data } = await http.json(
      {
        method: 'POST',
        url: `${base}${MASTODON_PATHS.statuses}`,
        bearer: target.accessToken,
        // Mastodon keeps Idempotency-Key for an hour: a retry after a lost answer returns the
        // status already created instead of posting twice.
        ...(options ? { headers: { 'Idempotency-Key': options.key } } : {}),
        json: {
          status: composeStatusText(draft),
          ...(mediaIds.length > 0 ? { media_ids: mediaIds } : {}),
          visibility: 'public',
        },
      },
      StatusSchema,
    )
    return { networkPostId: data.id, url: statusUrl(data, base), publishedAt: parseTime(data.created_at) }
  },

  /**
   * The account's own statuses since the intent, compared with what was sent (`fingerprint.ts`).
   * A retry within the hour is safe anyway: Mastodon returns the status already created for the
   * same Idempotency-Key.
   */
  async findPublished(ctx, target, lookup): Promise<PostLookupResult> {
    const base = instanceBase(ctx)
    const { statuses, complete } = await ownStatuses(ctx, target, lookup.sinceMs)
    const posts: SeenPost[] = statuses.map((status) => ({
      post: { networkPostId: status.id, url: statusUrl(status, base), publishedAt: parseTime(status.created_at) },
      text: htmlToText(status.content),
      links: [],
      media: status.media_attachments?.length ?? 0,
      edited: Boolean(status.edited_at),
    }))
    const sent = fingerprintOf(composeStatusText(lookup.draft), [], lookup.draft.image ? 1 : 0)
    return judgeTimeline(sent, { posts, complete }, 'Mastodon', lookup)
  },

  /** The account's own statuses (not replies or boosts), newest first, since `sinceMs`. */
  async recentPosts(ctx, target, since): Promise<ChannelPostPage> {
    const base = instanceBase(ctx)
    const { statuses, complete } = await ownStatuses(ctx, target, since.sinceMs)
    const posts = statuses.map((status) => ({ networkPostId: status.id, url: statusUrl(status, base), publishedAt: parseTime(status.created_at), text: htmlToText(status.content) }))
    return { posts, complete }
  },

  ...comments,

  async reply(ctx, target, input): Promise<{ networkCommentId: string }> {
    const base = instanceBase(ctx)
    const http = client(ctx)
    const { data: parent } = await http.json(
      { method: 'GET', url: `${base}${MASTODON_PATHS.status(input.networkCommentId)}`, bearer: target.accessToken },
      StatusSchema,
    )
    // The API does not add the mention the web composer adds; without it the commenter is not told.
    const mention = `@${parent.account.acct}`
    const mentionNeeded = parent.account.id !== target.networkChannelId && !input.text.includes(mention)
    const { data } = await http.json(
      {
        method: 'POST',
        url: `${base}${MASTODON_PATHS.statuses}`,
        bearer: target.accessToken,
        headers: { 'Idempotency-Key': replyKey(input.networkCommentId, input.text) },
        json: {
          status: mentionNeeded ? `${mention} ${input.text}` : input.text,
          in_reply_to_id: input.networkCommentId,
          visibility: replyVisibility(parent.visibility),
        },
      },
      StatusSchema,
    )
    return { networkCommentId: data.id }
  },

  ...mastodonCommentActions({ base: instanceBase, client }),

  /**
   * Mastodon keeps no history of account numbers: only today's values can be read, so a range
   * that does not include today yields nothing.
   */
  async channelInsights(ctx, target, range): Promise<DailyMetric[]> {
    const today = dayOf(ctx.clock.now())
    if (today < range.sinceDay || today > range.untilDay) return []
    const base = instanceBase(ctx)
    const { data } = await client(ctx).json(
      { method: 'GET', url: `${base}${MASTODON_PATHS.account(target.networkChannelId)}`, bearer: target.accessToken },
      AccountSchema,
    )
    return MASTODON_CHANNEL_METRICS.flatMap(({ metric, field }) => {
      const value = data[field]
      return value === undefined ? [] : [{ day: today, metric, value }]
    })
  },

  /** Statuses carry only public counters (no impressions or reach), as of today. */
  async postInsights(ctx, target, networkPostId): Promise<DailyMetric[]> {
    const base = instanceBase(ctx)
    const today = dayOf(ctx.clock.now())
    const { data } = await client(ctx).json(
      { method: 'GET', url: `${base}${MASTODON_PATHS.status(networkPostId)}`, bearer: target.accessToken },
      StatusSchema,
    )
    return MASTODON_POST_METRICS.flatMap(({ metric, field }) => {
      const value = data[field]
      return value === undefined ? [] : [{ day: today, metric, value }]
    })
  },

  classify: (failure) => classifyMastodon(failure),
}

