/**
 * X (Twitter API v2, OAuth 2.0 user context) adapter. A channel is the signed-in account itself:
 * X has no pages or roles, so one grant reaches exactly one channel. Access tokens live two
 * hours; refresh tokens rotate and are single use, so the caller serialises refreshes and stores
 * the new pair before using it. Facts and tables live in `config.ts`.
 */
import { TOKEN_PROBLEM_REASONS } from '../../../shared/domain/health'
import { fingerprintOf, judgeTimeline, type SeenPost } from '../fingerprint'
import { ProviderError } from '../provider-error'
import type {
  ChannelPostPage,
  ContentProblem,
  GrantTokens,
  OAuthConfig,
  PostLookupResult,
  ProviderAdapter,
  ProviderContext,
} from '../types'
import { apiUrl, clientFor, isId, postUrl, readMe, readPages, snowflakeTime, tokenUrl, unescapeX, xTime } from './api'
import { classifyX } from './classify'
import { findXCommentAction, moderateX } from './comment-actions'
import { listXComments } from './comments'
import { xChannelInsights, xPostInsights } from './insights'
import {
  X_CALLBACK_PATH,
  X_CONTENT,
  X_DEFAULT_ENDPOINTS,
  X_PATHS,
  X_READ,
  X_REDIRECT_HOST,
  X_REDIRECT_PORTS,
  X_SCOPES,
  X_TEXT_RULES,
  X_TOKENS,
  X_LOOKUP,
} from './config'
import { XCreatedTweet, XMediaUpload, XRevokeResponse, XTokenResponse, type XTweet } from './schemas'
import { weighText } from '../../../shared/domain/text-length/x-weight'
import { composedText } from '../../../shared/domain/text-length'

/** The fixed loopback ports to register in the X developer portal. */
export { X_REDIRECT_PORTS, xRedirectUris } from './config'
export { snowflakeTime } from './api'

/**
 * X's client-authentication rule: public clients ("Native App") send `client_id` in the body;
 * confidential ones ("Web App", "Automated App") add HTTP Basic with the secret. Form-encoding
 * before base64 follows RFC 6749 §2.3.1.
 */
function clientAuth(ctx: ProviderContext): { headers: Record<string, string>; clientId: string } {
  const { clientId, clientSecret } = ctx.credentials
  if (!clientSecret) return { headers: {}, clientId }
  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`, 'utf8').toString('base64')
  return { headers: { authorization: `Basic ${basic}` }, clientId }
}

/** The text X receives: the draft, its link, then the reconciliation marker. */
const composeText = (draft: { text: string; link?: string }): string => composedText('x', draft)

function toGrant(data: { access_token: string; refresh_token?: string; expires_in?: number; scope?: string }, now: number): GrantTokens {
  return {
    accessToken: data.access_token,
    refreshToken: data.refresh_token,
    accessExpiresAt: now + (data.expires_in !== undefined ? data.expires_in * 1000 : X_TOKENS.accessTtlMs),
    // X documents no refresh-token lifetime; unknown rather than guessed.
    refreshExpiresAt: null,
    dataAccessExpiresAt: null,
    scopes: (data.scope ?? '').split(/\s+/).filter(Boolean),
  }
}

/**
 * X's `profile_image_url` is the 48 px `_normal` variant; `_bigger` (73 px) stays sharp in a
 * 40 px avatar on a high-density screen. The default egg/silhouette is no picture of the account.
 */
export function xPictureUrl(url: string | undefined): string | undefined {
  if (!url || url.includes('/default_profile_images/')) return undefined
  return url.replace(/_normal(\.[a-z]+)?$/i, '_bigger$1')
}

/** What the timeline shows of a post: its text, the full links behind t.co (not the image's), its images. */
function seenTweet(t: XTweet, now: number): SeenPost {
  const urls = t.entities?.urls ?? []
  return {
    post: { networkPostId: t.id, url: postUrl(t.id), publishedAt: (t.created_at ? Date.parse(t.created_at) : undefined) ?? snowflakeTime(t.id) ?? now },
    text: unescapeX(t.text),
    links: urls.filter((u) => !u.media_key && u.expanded_url).map((u) => u.expanded_url ?? u.url),
    media: t.attachments?.media_keys?.length ?? 0,
    edited: (t.edit_history_tweet_ids?.length ?? 1) > 1,
  }
}

/** A grant from X's token endpoint: the client authenticates as its credentials allow. */
async function tokenGrant(ctx: ProviderContext, form: Record<string, string | undefined>): Promise<GrantTokens> {
  const auth = clientAuth(ctx)
  const { data } = await clientFor(ctx).json(
    {
      method: 'POST',
      url: tokenUrl(ctx, X_PATHS.token),
      source: 'token_endpoint',
      headers: auth.headers,
      form: { ...form, client_id: auth.clientId },
    },
    XTokenResponse,
  )
  return toGrant(data, ctx.clock.now())
}

export const xAdapter: ProviderAdapter = {
  network: 'x',
  defaultEndpoints: X_DEFAULT_ENDPOINTS,
  confirmAbsentAfterMs: X_LOOKUP.confirmAbsentAfterMs,

  oauth(ctx): OAuthConfig {
    return {
      authorizationEndpoint: `${ctx.endpoints.authBase}${X_PATHS.authorize}`,
      tokenEndpoint: tokenUrl(ctx, X_PATHS.token),
      revocationEndpoint: tokenUrl(ctx, X_PATHS.revoke),
      scopes: X_SCOPES,
      scopeSeparator: ' ',
      // PKCE is mandatory on X (S256 or plain); Relink always sends S256 (RFC 7636 §4.2).
      pkce: 'required',
      clientSecret: 'optional',
      tokenAuth: ctx.credentials.clientSecret ? 'client_secret_basic' : 'none',
      redirect: { host: X_REDIRECT_HOST, ports: X_REDIRECT_PORTS, path: X_CALLBACK_PATH },
      dynamicRegistration: false,
    }
  },

  exchangeCode: (ctx, input) =>
    tokenGrant(ctx, { grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri, code_verifier: input.codeVerifier }),

  refresh: (ctx, refreshToken) => tokenGrant(ctx, { grant_type: 'refresh_token', refresh_token: refreshToken }),

  async revoke(ctx, grant) {
    const auth = clientAuth(ctx)
    const client = clientFor(ctx)
    // Refresh token first: revoking it ends the whole grant; then the access token for good measure.
    // RFC 7009 §2.2: a 200 proves nothing about whether the token was still valid.
    const tokens: [string, 'refresh_token' | 'access_token'][] = []
    if (grant.refreshToken) tokens.push([grant.refreshToken, 'refresh_token'])
    tokens.push([grant.accessToken, 'access_token'])
    for (const [token, hint] of tokens) {
      await client.json(
        {
          method: 'POST',
          url: tokenUrl(ctx, X_PATHS.revoke),
          source: 'token_endpoint',
          headers: auth.headers,
          form: { token, token_type_hint: hint, client_id: auth.clientId },
        },
        XRevokeResponse,
      )
    }
  },

  async identify(ctx, accessToken) {
    const me = await readMe(ctx, accessToken, 'name,username')
    return { networkUserId: me.id, displayName: me.name, handle: me.username }
  },

  /**
   * `GET /2/users/me`: X has no introspection endpoint. Token problems come back as `problem`;
   * transient failures and rate limits throw, because they say nothing about the token.
   */
  async probe(ctx, accessToken) {
    try {
      const me = await readMe(ctx, accessToken, 'name,username,profile_image_url')
      const pictures = [{ network: 'x' as const, networkChannelId: me.id, pictureUrl: xPictureUrl(me.profile_image_url) ?? null }]
      return { valid: true, accessExpiresAt: null, dataAccessExpiresAt: null, scopes: [], pictures }
    } catch (err) {
      if (err instanceof ProviderError && TOKEN_PROBLEM_REASONS.has(err.reason)) {
        return { valid: false, accessExpiresAt: null, dataAccessExpiresAt: null, scopes: [], problem: err.classified }
      }
      throw err
    }
  },

  async discoverChannels(ctx, grant) {
    const me = await readMe(ctx, grant.accessToken, 'name,username,public_metrics,profile_image_url')
    return [
      {
        network: 'x',
        networkChannelId: me.id,
        kind: 'account',
        name: me.name,
        handle: me.username,
        // X has no page roles: whoever holds the account's token acts as the account.
        tasks: [],
        capabilities: { publish: true, moderate: true, analyze: true },
        pictureUrl: xPictureUrl(me.profile_image_url) ?? null,
      },
    ]
  },

  validateContent(draft, limits) {
    const problems: ContentProblem[] = []
    const composed = composeText(draft)
    const limit = limits?.maxChars ?? X_TEXT_RULES.maxWeightedLength
    if (composed.trim() === '' && !draft.image) {
      problems.push({ field: 'text', message: 'Write some text or add an image: X does not publish empty posts.' })
    }
    const weighed = weighText(composed, limit)
    if (weighed.hasInvalidCharacters) {
      problems.push({ field: 'text', message: 'The text contains an invisible character X refuses (U+FEFF, U+FFFE or U+FFFF). Remove it.' })
    }
    if (weighed.weightedLength > limit) {
      problems.push({
        field: 'text',
        message: `X counts this post as ${weighed.weightedLength} characters; the limit here is ${limit}. Chinese, Japanese and Korean characters and emoji count as 2, every link as 23.`,
      })
    }
    if (draft.link !== undefined) {
      let ok = false
      try {
        const u = new URL(draft.link)
        ok = u.protocol === 'https:' || u.protocol === 'http:'
      } catch {
        ok = false
      }
      if (!ok) problems.push({ field: 'link', message: 'The link must be a full web address starting with https://.' })
    }
    if (draft.image) {
      const { image } = draft
      if (!(X_CONTENT.imageTypes as readonly string[]).includes(image.mimeType)) {
        problems.push({ field: 'image', message: 'X accepts JPEG, PNG, GIF and WebP images.' })
      }
      if (image.bytes.byteLength > X_CONTENT.maxImageBytes) {
        problems.push({ field: 'image', message: `The image is ${(image.bytes.byteLength / 1024 / 1024).toFixed(1)} MB; X accepts images up to 5 MB.` })
      }
      if (image.altText !== undefined && [...image.altText].length > X_CONTENT.maxAltTextChars) {
        problems.push({ field: 'image', message: `The image description is longer than X’s ${X_CONTENT.maxAltTextChars} characters.` })
      }
    }
    return problems
  },

  async publish(ctx, target, draft) {
    const client = clientFor(ctx)
    let mediaId: string | undefined
    if (draft.image) {
      const { image } = draft
      const { data } = await client.json(
        {
          method: 'POST',
          url: apiUrl(ctx, X_PATHS.mediaUpload),
          bearer: target.accessToken,
          json: {
            media: Buffer.from(image.bytes).toString('base64'),
            media_category: X_CONTENT.mediaCategory(image.mimeType),
            media_type: image.mimeType,
          },
        },
        XMediaUpload,
      )
      mediaId = data.data.id
      if (image.altText) {
        await client.raw({
          method: 'POST',
          url: apiUrl(ctx, X_PATHS.mediaMetadata),
          bearer: target.accessToken,
          json: { id: mediaId, metadata: { alt_text: { text: image.altText } } },
        })
      }
    }
    const text = composeText(draft)
    const { data } = await client.json(
      {
        method: 'POST',
        url: apiUrl(ctx, X_PATHS.tweets),
        bearer: target.accessToken,
        json: mediaId ? { text, media: { media_ids: [mediaId] } } : { text },
      },
      XCreatedTweet,
    )
    const id = data.data.id
    return { networkPostId: id, url: postUrl(id), publishedAt: snowflakeTime(id) ?? ctx.clock.now() }
  },

  async findPublished(ctx, target, lookup): Promise<PostLookupResult> {
    const now = ctx.clock.now()
    if (lookup.sinceMs > now) return { kind: 'absent' }
    const { tweets, complete } = await readPages(
      ctx,
      target.accessToken,
      X_PATHS.userTweets(target.networkChannelId),
      { start_time: xTime(lookup.sinceMs), exclude: 'replies,retweets', 'tweet.fields': 'created_at,entities,attachments' },
      'pagination_token',
    )
    const sent = fingerprintOf(composeText(lookup.draft), [], lookup.draft.image ? 1 : 0)
    return judgeTimeline(sent, { posts: tweets.map((t) => seenTweet(t, now)), complete }, 'X', lookup)
  },

  /**
   * The account's own posts (not replies or reposts), newest first. X bills every post read, so
   * once a post has been seen only newer ones are asked for (`since_id`), never the window again.
   */
  async recentPosts(ctx, target, since): Promise<ChannelPostPage> {
    const now = ctx.clock.now()
    const window = isId(since.afterId) ? { since_id: since.afterId } : { start_time: xTime(Math.min(since.sinceMs, now - X_READ.endTimeSlackMs)) }
    const { tweets, complete } = await readPages(
      ctx,
      target.accessToken,
      X_PATHS.userTweets(target.networkChannelId),
      { ...window, exclude: 'replies,retweets', 'tweet.fields': 'created_at' },
      'pagination_token',
    )
    const posts = tweets.map((t) => ({ networkPostId: t.id, url: postUrl(t.id), publishedAt: seenTweet(t, now).post.publishedAt, text: unescapeX(t.text) }))
    return { posts, complete }
  },

  listComments: listXComments,

  async reply(ctx, target, input) {
    const { data } = await clientFor(ctx).json(
      {
        method: 'POST',
        url: apiUrl(ctx, X_PATHS.tweets),
        bearer: target.accessToken,
        json: { text: input.text, reply: { in_reply_to_tweet_id: input.networkCommentId } },
      },
      XCreatedTweet,
    )
    return { networkCommentId: data.data.id }
  },

  moderate: moderateX,
  findCommentAction: findXCommentAction,
  channelInsights: xChannelInsights,
  postInsights: xPostInsights,

  classify: (failure) => classifyX(failure),
}

