/**
 * The Graph API dialect of the sandbox: Facebook Login (dialog, code exchange with the app
 * secret, `fb_exchange_token`), `debug_token`, `/me/accounts` with Page tokens and tasks, Page
 * publishing (feed, photos), comments with replies, Page and post insights, and the Instagram
 * business accounts linked to Pages (media containers, `media_publish`, comments, replies,
 * insights). Mounted under `/facebook`; the version prefix (`/v25.0`) is accepted and ignored.
 *
 * Token rules follow Meta's: short-lived user tokens last hours, long-lived ones ~60 days, Page
 * tokens minted from a long-lived user token never expire (`expires_at: 0`), and data access
 * lapses 90 days after the person last signed in. Every breaker answers with the real Graph
 * signature: OAuthException 190 with subcode 463 / 460 / 458 / 467 / 459 / 492, code 10 or 200
 * for missing permissions and lapsed data access, 80001 with `X-Business-Use-Case-Usage` for
 * throttling, and `is_transient` errors for 5xx.
 *
 * This file routes a request to its node; the parts live beside it: `login.ts` (the dialog, the
 * token endpoint, `debug_token`, the person's nodes), `pages.ts`, `posts.ts` (Page posts and
 * their comments), `instagram.ts`, `insights.ts`, `nodes.ts` (the world as Graph nodes),
 * `caller.ts` (tokens, scopes and tasks), `wire.ts` (errors, parameters, paging), `state.ts`
 * (photos, containers, ids), `constants.ts` (seeded ids, Meta's limits) and `seed.ts`.
 */
import { handleAuthorize } from '../../oauth'
import { json, type DialectContext, type SandboxDialect, type SandboxRequest, type SandboxResponse } from '../../types'
import { authenticate, dataAccessLapsed } from './caller'
import { FACEBOOK_SEED } from './constants'
import { igCommentRoute, igRoute, mediaRoute } from './instagram'
import { AUTHORIZE, accounts, debugToken, permissions, tokenEndpoint } from './login'
import { channel, fbPost, fbUser, igMedia, pageOfIg } from './nodes'
import { canSeePage, pageRoute, photoRoute } from './pages'
import { fbCommentRoute, postRoute } from './posts'
import { seed } from './seed'
import { newId, stateOf } from './state'
import { badParam, graphError, paramsOf, pick, unsupported } from './wire'

export { FACEBOOK_SEED } from './constants'

function serveCdn(ctx: DialectContext, file: string): SandboxResponse {
  const photo = stateOf(ctx.world).photos.get(file.replace(/\.[a-z]+$/, ''))
  if (!photo) return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not found' }
  return { status: 200, headers: { 'content-type': photo.contentType, 'cache-control': 'public, max-age=86400' }, body: photo.bytes }
}

function route(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const path = req.path.replace(/^\/v\d+\.\d+(?=\/|$)/, '')
  const segments = path.split('/').filter(Boolean).map((s) => decodeURIComponent(s))
  const [node, edge, sub] = segments
  if (node === 'dialog' && edge === 'oauth') return handleAuthorize(req, ctx, AUTHORIZE)
  if (node === 'cdn' && edge && req.method === 'GET') return serveCdn(ctx, edge)
  const params = paramsOf(req)
  if (node === 'oauth' && edge === 'access_token') return tokenEndpoint(req, ctx, params)
  if (node === 'debug_token' && req.method === 'GET') return debugToken(req, ctx, params)
  if (!node) return badParam(ctx, 'Unknown path components')

  const caller = authenticate(ctx, req, params)
  if ('status' in caller) return caller

  // `me` is the person for a user token and the Page for a Page token.
  const id = node === 'me' ? (caller.kind === 'page' ? caller.page.id : caller.kind === 'user' ? caller.user.id : '') : node
  if (!id) return graphError(ctx, 400, 2500, 'An active access token must be used to query information about the current user.')

  const user = fbUser(ctx, id)
  if (user) {
    if (edge === 'permissions') return permissions(req, ctx, user, caller, sub)
    if (caller.kind === 'app' || caller.user.id !== user.id) return unsupported(ctx, req.method, id)
    const lapsed = dataAccessLapsed(ctx, caller)
    if (lapsed) return lapsed
    if (edge === 'accounts' && req.method === 'GET') return accounts(req, ctx, params, caller)
    if (edge === undefined && req.method === 'GET') {
      return json(200, pick({ id: user.id, name: user.name, short_name: user.handle }, params.get('fields'), ['name']))
    }
    return unsupported(ctx, req.method, `${id}/${edge ?? ''}`)
  }
  const page = channel(ctx, id, 'page')
  if (page) return pageRoute(req, ctx, params, caller, page, edge)
  const ig = channel(ctx, id, 'business_account')
  if (ig) return igRoute(req, ctx, params, caller, ig, edge)
  const post = fbPost(ctx, id)
  if (post) return postRoute(req, ctx, params, caller, post, edge)
  const media = igMedia(ctx, id)
  if (media) return mediaRoute(req, ctx, params, caller, media, edge)
  const comment = ctx.world.comments.get(id)
  if (comment && comment.network === 'facebook') {
    return igMedia(ctx, comment.postId) ? igCommentRoute(req, ctx, params, caller, comment, edge) : fbCommentRoute(req, ctx, params, caller, comment, edge)
  }
  const photo = stateOf(ctx.world).photos.get(id)
  if (photo) return photoRoute(req, ctx, params, caller, photo)
  const container = stateOf(ctx.world).containers.get(id)
  if (container && edge === undefined && req.method === 'GET') {
    const igAccount = channel(ctx, container.igUserId, 'business_account')
    const owner = igAccount ? pageOfIg(ctx, igAccount.id) : undefined
    if (!owner || !canSeePage(caller, owner)) return unsupported(ctx, req.method, id)
    return json(200, pick({ id: container.id, status_code: container.status, status: container.status }, params.get('fields'), ['status_code']))
  }
  return unsupported(ctx, req.method, id)
}

export const facebookDialect: SandboxDialect = {
  network: 'facebook',
  seed,
  handle: (req, ctx) => route(req, ctx),
  // Page post comments are `{post}_{n}`; Instagram media comments are plain numbers.
  // A Page post is `{page}_{post}`; an Instagram media id is a plain number.
  postId: (ctx, channel) => (channel.kind === 'page' ? `${channel.id}_${newId(ctx, '9')}` : newId(ctx, '1800')),
  commentId: (ctx, post) => (post.id.includes('_') ? `${post.id.split('_')[1] ?? post.id}_${newId(ctx, '8')}` : newId(ctx, '1795')),

  /**
   * Graph throttling: HTTP 400 with a throttling code in the body (80001, "too many calls to this
   * Page account") and the usage headers; `estimated_time_to_regain_access` is in minutes.
   */
  rateLimited(ctx, resetAtMs) {
    const minutes = Math.max(1, Math.ceil((resetAtMs - ctx.now) / 60_000))
    const usage = { call_count: 100, total_cputime: 37, total_time: 41 }
    return graphError(
      ctx,
      400,
      80001,
      '(#80001) There have been too many calls to this Page account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
      {
        transient: true,
        headers: {
          'x-business-use-case-usage': JSON.stringify({ [FACEBOOK_SEED.businessId]: [{ type: 'pages', ...usage, estimated_time_to_regain_access: minutes }] }),
          'x-app-usage': JSON.stringify(usage),
        },
      },
    )
  },

  /** Graph's own retry-later errors: code 1 "unknown error" (500) or code 2 "temporarily unavailable". */
  serverError(ctx, status) {
    return status === 500
      ? graphError(ctx, 500, 1, 'An unknown error has occurred.', { transient: true })
      : graphError(ctx, status, 2, 'Service temporarily unavailable', { transient: true })
  },

  endpoints(base) {
    const endpoints = { authBase: base, apiBase: base }
    return { facebook: endpoints, instagram: endpoints }
  },

  credentials() {
    const app = { clientId: FACEBOOK_SEED.clientId, clientSecret: FACEBOOK_SEED.clientSecret }
    return { facebook: app, instagram: app }
  },
}
