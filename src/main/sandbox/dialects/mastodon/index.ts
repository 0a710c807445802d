/**
 * The Mastodon dialect: one instance mounted at `/mastodon`, speaking Mastodon's REST API and its
 * Doorkeeper OAuth server as documented at docs.joinmastodon.org (apps, oauth, accounts,
 * statuses, media, notifications, instance) with the error bodies of `Api::BaseController` and
 * Doorkeeper. Tokens never expire and there are no refresh tokens; the breakers map to what
 * Mastodon really says:
 *
 * - password change, app removed, revoked → 401 `{"error":"The access token was revoked"}`
 *   (Mastodon revokes a user's tokens in those cases; it cannot tell them apart);
 * - unknown token → 401 `{"error":"The access token is invalid"}`;
 * - expireAccessTokens → 401 `{"error":"The access token expired"}` (Doorkeeper's sentence; real
 *   Mastodon tokens never reach it);
 * - account action required → 403 `{"error":"Your login is currently disabled"}` on methods that
 *   need a functional login (`require_user!`);
 * - scope withdrawn → 403 `{"error":"This action is outside the authorized scopes"}`;
 * - role lost, data access lapsed, refresh tokens killed: Mastodon has no such concept (one
 *   login is one account; no data-access clock; no refresh tokens), so they change nothing.
 */
import type { AppCredentials } from '../../../providers/types'
import { html, json, type DialectContext, type SandboxDialect, type SandboxRequest, type SandboxResponse } from '../../types'
import { MASTODON_SEED, NOT_FOUND } from './constants'
import { instance } from './instance'
import { getMedia, uploadMedia } from './media'
import { authorizationServerMetadata, authorize, createApp, revoke, token } from './oauth'
import { seed } from './seed'
import { isoMicros, snowflake, stateOf } from './state'
import { accountStatuses, createStatus, favourite, getAccount, getStatus, notifications, statusContext, verifyCredentials } from './statuses'
import { apiError, withDate } from './wire'

async function route(req: SandboxRequest, ctx: DialectContext): Promise<SandboxResponse> {
  const { method, path } = req
  if (path === '/.well-known/oauth-authorization-server' && method === 'GET') return authorizationServerMetadata(ctx)
  if (path === '/oauth/authorize' && (method === 'GET' || method === 'POST')) return authorize(req, ctx)
  if (path === '/oauth/token' && method === 'POST') return token(req, ctx)
  if (path === '/oauth/revoke' && method === 'POST') return revoke(req, ctx)
  if (path === '/api/v1/apps' && method === 'POST') return createApp(req, ctx)
  if (path === '/api/v2/instance' && method === 'GET') return instance(ctx, 2)
  if (path === '/api/v1/instance' && method === 'GET') return instance(ctx, 1)
  if (path === '/api/v1/accounts/verify_credentials' && method === 'GET') return verifyCredentials(req, ctx)
  if (path === '/api/v1/notifications' && method === 'GET') return notifications(req, ctx)
  if (path === '/api/v1/statuses' && method === 'POST') return createStatus(req, ctx)
  if (path === '/api/v2/media' && method === 'POST') return uploadMedia(req, ctx, 2)
  if (path === '/api/v1/media' && method === 'POST') return uploadMedia(req, ctx, 1)
  let m: RegExpExecArray | null
  if ((m = /^\/api\/v1\/accounts\/(\d+)$/.exec(path)) && method === 'GET') return getAccount(req, ctx, m[1] ?? '')
  if ((m = /^\/api\/v1\/accounts\/(\d+)\/statuses$/.exec(path)) && method === 'GET') return accountStatuses(req, ctx, m[1] ?? '')
  if ((m = /^\/api\/v1\/statuses\/(\d+)$/.exec(path)) && method === 'GET') return getStatus(req, ctx, m[1] ?? '')
  if ((m = /^\/api\/v1\/statuses\/(\d+)\/context$/.exec(path)) && method === 'GET') return statusContext(req, ctx, m[1] ?? '')
  if ((m = /^\/api\/v1\/statuses\/(\d+)\/favourite$/.exec(path)) && method === 'POST') return favourite(req, ctx, m[1] ?? '')
  if ((m = /^\/api\/v1\/media\/(\d+)$/.exec(path)) && method === 'GET') return getMedia(req, ctx, m[1] ?? '')
  if (path.startsWith('/api/')) return apiError(404, NOT_FOUND)
  return html(404, '<!doctype html><title>The page you are looking for isn’t here.</title><h1>404</h1>')
}

export const mastodonDialect: SandboxDialect = {
  network: 'mastodon',
  seed,
  commentId: (ctx, _post, at) => snowflake(stateOf(ctx.world), at),
  postId: (ctx, _channel, at) => snowflake(stateOf(ctx.world), at),
  async handle(req, ctx) {
    return withDate(ctx, await route(req, ctx))
  },
  /** Rack::Attack's throttled answer (config/initializers/rack_attack.rb). */
  rateLimited(ctx, resetAtMs) {
    return withDate(
      ctx,
      json(
        429,
        { error: 'Too many requests' },
        { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': isoMicros(resetAtMs) },
      ),
    )
  },
  /** 503 from Rails in Mastodon's JSON; 500 is Rails' static page; 502/504 come from nginx in front. */
  serverError(ctx, status) {
    if (status === 503) return withDate(ctx, apiError(503, 'There was a temporary problem serving your request, please try again'))
    if (status === 502 || status === 504) {
      const title = status === 502 ? '502 Bad Gateway' : '504 Gateway Time-out'
      return withDate(ctx, html(status, `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`))
    }
    return withDate(
      ctx,
      html(status, '<!DOCTYPE html><html><head><title>Mastodon</title></head><body><div class="dialog"><h1>We’re sorry, but something went wrong on our end.</h1></div></body></html>'),
    )
  },
  endpoints: (base) => ({ mastodon: { authBase: base, apiBase: base } }),
  credentials: (ctx): Partial<Record<'mastodon', AppCredentials>> => ({
    mastodon: { clientId: MASTODON_SEED.clientId, clientSecret: MASTODON_SEED.clientSecret, instance: ctx.base },
  }),
}

export { MASTODON_SEED } from './constants'
export { mastodonSandboxSettings } from './state'
