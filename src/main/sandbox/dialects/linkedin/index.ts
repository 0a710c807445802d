/**
 * LinkedIn as the sandbox speaks it: the OAuth endpoints of www.linkedin.com (authorization code
 * with the native PKCE flow's any-port loopback redirects, 60-day access tokens, one 365-day
 * refresh token that refreshing never extends, introspection, revocation) and the versioned
 * Community Management API of api.linkedin.com (organisation ACLs, Posts, Images, Comments, share
 * and follower statistics), with LinkedIn's status codes, headers and error bodies.
 *
 * This file routes a request to its handler; the parts live beside it: `login.ts` (the OAuth
 * endpoints, `/v2/me`, `/v2/userinfo`), `organizations.ts` (ACLs, organisations, people, logos),
 * `posts.ts` (image upload, posts), `comments.ts` (comments, notifications, reactions),
 * `statistics.ts`, `caller.ts` (tokens, scopes and page roles), `wire.ts` (error bodies and Rest.li
 * syntax), `state.ts` (constants and per-world bookkeeping) and `seed.ts`.
 */
import { handleAuthorize } from '../../oauth'
import { json, type DialectContext, type SandboxDialect, type SandboxRequest, type SandboxResponse } from '../../types'
import { authenticate } from './caller'
import { notifications, reactions, socialActions } from './comments'
import { AUTHORIZE_SPEC, introspect, me, revoke, tokenEndpoint, userinfo } from './login'
import { images, organizationAcls, organizations, people } from './organizations'
import { createPost, initializeUpload, postsByAuthor, uploadBytes } from './posts'
import { LINKEDIN_SEED, seed } from './seed'
import { NETWORK, numericId } from './state'
import { statistics } from './statistics'
import { apiError, notFound, VERSION } from './wire'

export { LINKEDIN_SEED }

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

function handle(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const segments = req.path.split('/').filter(Boolean).map(safeDecode)
  const [root, second, third, fourth, fifth] = segments

  if (root === 'oauth' && second === 'v2') {
    if (third === 'authorization' && (req.method === 'GET' || req.method === 'POST')) return handleAuthorize(req, ctx, AUTHORIZE_SPEC)
    if (req.method !== 'POST') return apiError(405, undefined, undefined, 'Method not allowed')
    if (third === 'accessToken') return tokenEndpoint(req, ctx)
    if (third === 'introspectToken') return introspect(req, ctx)
    if (third === 'revoke') return revoke(req, ctx)
    return notFound(req.path)
  }

  const authed = authenticate(req, ctx)

  if (root === 'dms-uploads' && second && req.method === 'PUT') {
    return authed.ok ? uploadBytes(req, ctx, authed.caller, second) : authed.res
  }

  if (root === 'v2' && req.method === 'GET' && (second === 'me' || second === 'userinfo') && segments.length === 2) {
    if (!authed.ok) return authed.res
    return second === 'me' ? me(req, ctx, authed.caller) : userinfo(authed.caller)
  }

  if (root !== 'rest') return notFound(req.path)
  // Versioned APIs refuse calls that do not name a version.
  const version = req.headers['linkedin-version']
  if (!version || !VERSION.test(version)) {
    return apiError(400, 'VERSION_MISSING', undefined, 'A version must be present. Please specify a version by adding the LinkedIn-Version header.')
  }
  if (!authed.ok) return authed.res
  const caller = authed.caller

  switch (second) {
    case 'organizationAcls':
      return req.method === 'GET' ? organizationAcls(req, ctx, caller, version) : notFound(req.path)
    case 'organizations':
      return req.method === 'GET' ? organizations(req, ctx, third) : notFound(req.path)
    case 'people':
      return req.method === 'GET' && !third ? people(req, ctx) : notFound(req.path)
    case 'images':
      if (req.method === 'GET') return images(req, ctx, third)
      return req.method === 'POST' ? initializeUpload(req, ctx, caller, version) : notFound(req.path)
    case 'posts':
      if (req.method === 'POST' && !third) return createPost(req, ctx, caller, version)
      if (req.method === 'GET' && !third) return postsByAuthor(req, ctx, caller, version)
      return notFound(req.path)
    case 'socialActions':
      if (third && fourth === 'comments') return socialActions(req, ctx, caller, version, third, fifth)
      return notFound(req.path)
    case 'reactions':
      return reactions(req, ctx, caller, version, third)
    case 'organizationalEntityNotifications':
      return req.method === 'GET' && !third ? notifications(req, ctx, caller, version) : notFound(req.path)
    case 'organizationalEntityShareStatistics':
      return req.method === 'GET' ? statistics(req, ctx, caller, version, 'share') : notFound(req.path)
    case 'organizationalEntityFollowerStatistics':
      return req.method === 'GET' ? statistics(req, ctx, caller, version, 'follower') : notFound(req.path)
    default:
      return notFound(req.path)
  }
}

export const linkedinDialect: SandboxDialect = {
  network: NETWORK,
  seed,
  handle,
  commentId: (ctx) => numericId(ctx.world),
  postId: (ctx) => numericId(ctx.world),
  /**
   * LinkedIn's quotas are daily and reset at midnight UTC; its 429 names the limit and sends no
   * Retry-After. The `Date` header carries the sandbox clock so clients can compute the wait.
   */
  rateLimited: (ctx) =>
    json(
      429,
      { status: 429, serviceErrorCode: 101, message: 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.' },
      { date: new Date(ctx.now).toUTCString() },
    ),
  serverError: (_ctx, status) =>
    json(status, { status, message: status === 503 ? 'Service Unavailable' : status === 504 ? 'Gateway Timeout' : 'Internal Server Error' }),
  endpoints: (base) => ({ linkedin: { authBase: `${base}/oauth/v2`, apiBase: base, tokenBase: `${base}/oauth/v2` } }),
  credentials: () => ({ linkedin: { clientId: LINKEDIN_SEED.clientId, clientSecret: LINKEDIN_SEED.clientSecret } }),
}
