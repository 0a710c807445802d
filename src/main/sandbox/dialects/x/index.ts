/**
 * X (Twitter API v2, OAuth 2.0 user context) as the sandbox speaks it: the x.com consent page,
 * `api.x.com/2/oauth2/token` with PKCE and rotating single-use refresh tokens, `/2/users/me`,
 * timelines, recent search by `conversation_id:`, posting with images through the v2 media
 * upload, metrics, and X's own error bodies (problem+json for the API, RFC 6749 JSON with X's
 * sentences at the token endpoint). Mounted under `/x`.
 *
 * X has no pages or roles: a channel is the account itself (channel id = user id), so the
 * `removeRole` and `lapseDataAccess` breakers have no X meaning and change nothing here.
 *
 * This file routes a request to its handler; the parts live beside it: `login.ts` (the consent
 * page, the token endpoint, revocation, `/2/users/me`), `reading.ts` (timelines, recent search,
 * post lookup), `publishing.ts` (posts, replies, media), `moderation.ts` (hide, like, likers),
 * `render.ts` (tweets and users as the API renders them, paging), `metrics.ts`, `caller.ts`
 * (tokens and scopes of API calls), `wire.ts` (errors and rate-limit headers), `state.ts` (media,
 * call counts, snowflake ids) and `seed.ts`.
 */
import { X_PATHS } from '../../../providers/x/config'
import type { SandboxDialect } from '../../types'
import { authorize, me, revokeEndpoint, tokenEndpoint } from './login'
import { hideReply, likeTweet, likingUsers } from './moderation'
import { createTweet, mediaMetadata, mediaUpload } from './publishing'
import { searchRecent, tweetLookup, userTweets } from './reading'
import { problem } from './wire'
import { seedX, X_SEED } from './seed'
import { snowflake } from './state'

export { X_SEED } from './seed'

export const xDialect: SandboxDialect = {
  network: 'x',
  seed: seedX,
  commentId: (ctx, _post, at) => snowflake(ctx.world, at),
  postId: (ctx, _channel, at) => snowflake(ctx.world, at),

  handle(req, ctx) {
    const { method, path } = req
    if (path === X_PATHS.authorize && (method === 'GET' || method === 'POST')) return authorize(req, ctx)
    if (path === X_PATHS.token && method === 'POST') return tokenEndpoint(req, ctx)
    if (path === X_PATHS.revoke && method === 'POST') return revokeEndpoint(req, ctx)
    if (path === X_PATHS.me && method === 'GET') return me(req, ctx)
    if (path === X_PATHS.searchRecent && method === 'GET') return searchRecent(req, ctx)
    if (path === X_PATHS.tweets && method === 'POST') return createTweet(req, ctx)
    if (path === X_PATHS.mediaUpload && method === 'POST') return mediaUpload(req, ctx)
    if (path === X_PATHS.mediaMetadata && method === 'POST') return mediaMetadata(req, ctx)
    const timeline = /^\/2\/users\/(\d+)\/tweets$/.exec(path)
    if (timeline?.[1] && method === 'GET') return userTweets(req, ctx, timeline[1])
    const hidden = /^\/2\/tweets\/(\d+)\/hidden$/.exec(path)
    if (hidden?.[1] && method === 'PUT') return hideReply(req, ctx, hidden[1])
    const likes = /^\/2\/users\/(\d+)\/likes$/.exec(path)
    if (likes?.[1] && method === 'POST') return likeTweet(req, ctx, likes[1])
    const likers = /^\/2\/tweets\/(\d+)\/liking_users$/.exec(path)
    if (likers?.[1] && method === 'GET') return likingUsers(req, ctx, likers[1])
    const lookup = /^\/2\/tweets\/(\d+)$/.exec(path)
    if (lookup?.[1] && method === 'GET') return tweetLookup(req, ctx, lookup[1])
    return problem(ctx, 404, { title: 'Not Found Error', type: 'about:blank', detail: `Sorry, that page does not exist: ${method} ${path}` })
  },

  rateLimited(ctx, resetAtMs) {
    // [doc] 429 with x-rate-limit-* (reset in epoch seconds); X sends no Retry-After.
    return problem(
      ctx,
      429,
      { title: 'Too Many Requests', type: 'about:blank', detail: 'Too Many Requests' },
      { 'x-rate-limit-limit': '75', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(Math.ceil(resetAtMs / 1000)) },
    )
  },

  serverError(ctx, status) {
    const titles: Record<number, string> = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' }
    const title = titles[status] ?? 'Service Unavailable'
    return problem(ctx, status, { title, type: 'about:blank', detail: title })
  },

  endpoints: (base) => ({ x: { authBase: base, apiBase: base } }),

  // A public "Native App" client: no secret is handed to the adapter. Confidential use (Basic
  // auth with `X_SEED.clientSecret`) is accepted too.
  credentials: () => ({ x: { clientId: X_SEED.clientId } }),
}
