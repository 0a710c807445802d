/**
 * LinkedIn adapter: Community Management API (versioned `/rest/...` Posts, Images, Comments,
 * organisation ACLs and statistics) plus LinkedIn's OAuth endpoints. All facts it relies on live in
 * `config.ts`; classification lives in `classify.ts`. This file holds the OAuth and token calls and
 * assembles the adapter from its parts: `identity.ts` (member, organisations, roles), `publishing.ts`,
 * `posts.ts`, `comments.ts` and `insights.ts`.
 */
import type * as z from 'zod'
import { linkedinCommentActions } from './comment-actions'
import { TOKEN_PROBLEM_REASONS } from '../../../shared/domain/health'
import { bodyObject } from '../classify-common'
import { ProviderError } from '../provider-error'
import type { ClassifiedFailure, GrantTokens, OAuthConfig, ProbeResult, ProfileIdentity, ProviderAdapter, ProviderContext, ProviderEndpoints } from '../types'
import { authorUrn, clientFor, restHeaders } from './api'
import { classifyLinkedIn } from './classify'
import { findFirstComment, listComments, postFirstComment, repliesTo, reply } from './comments'
import {
  LINKEDIN_DEFAULT_ENDPOINTS,
  LINKEDIN_FLOW,
  LINKEDIN_FLOWS,
  LINKEDIN_INTROSPECTION_STATUS,
  LINKEDIN_PATHS,
  LINKEDIN_SCOPE_MISSING,
  LINKEDIN_SCOPE_SEPARATOR,
  LINKEDIN_SCOPES,
  LINKEDIN_UNKNOWN_TOKEN,
  type LinkedInFlow,
  LINKEDIN_LOOKUP,
} from './config'
import { discoverChannels, displayNameOf, getMe, withRoleCheck } from './identity'
import { channelInsights, postInsights } from './insights'
import { recentPosts } from './posts'
import { findPublished, publish, validateContent } from './publishing'
import { personUrn } from './restli'
import { introspectionSchema, tokenSchema } from './schemas'

const tokenBase = (ctx: ProviderContext): string => ctx.endpoints.tokenBase ?? ctx.endpoints.authBase

const parseScopes = (scope: string | undefined): string[] => (scope ?? '').split(/[,\s]+/).filter(Boolean)

function grantFrom(data: z.output<typeof tokenSchema>, now: number, fallbackRefresh?: string): GrantTokens {
  const scopes = parseScopes(data.scope)
  return {
    accessToken: data.access_token,
    refreshToken: data.refresh_token ?? fallbackRefresh,
    accessExpiresAt: now + data.expires_in * 1000,
    refreshExpiresAt: data.refresh_token_expires_in === undefined ? null : now + data.refresh_token_expires_in * 1000,
    dataAccessExpiresAt: null,
    scopes: scopes.length > 0 ? scopes : [...LINKEDIN_SCOPES],
  }
}

/** The OAuth settings of one LinkedIn flow; Relink uses `LINKEDIN_FLOW` (native PKCE). */
export function linkedinOAuthConfig(endpoints: ProviderEndpoints, flow: LinkedInFlow = LINKEDIN_FLOW): OAuthConfig {
  const rule = LINKEDIN_FLOWS[flow]
  const base = endpoints.tokenBase ?? endpoints.authBase
  return {
    authorizationEndpoint: `${endpoints.authBase}${LINKEDIN_PATHS.authorize}`,
    tokenEndpoint: `${base}${LINKEDIN_PATHS.token}`,
    revocationEndpoint: `${base}${LINKEDIN_PATHS.revoke}`,
    scopes: LINKEDIN_SCOPES,
    scopeSeparator: LINKEDIN_SCOPE_SEPARATOR,
    pkce: rule.pkce,
    clientSecret: rule.clientSecret,
    tokenAuth: rule.tokenAuth,
    redirect: rule.redirect,
    dynamicRegistration: false,
  }
}

/** A call to LinkedIn's token endpoint with the app's credentials in the form. */
async function tokenCall(ctx: ProviderContext, form: Record<string, string | undefined>) {
  const credentials = { client_id: ctx.credentials.clientId, client_secret: ctx.credentials.clientSecret }
  const { data } = await clientFor(ctx).json(
    { method: 'POST', url: `${tokenBase(ctx)}${LINKEDIN_PATHS.token}`, source: 'token_endpoint', form: { ...form, ...credentials } },
    tokenSchema,
  )
  return data
}

// ---------------------------------------------------------------------------------------------

export const linkedinAdapter: ProviderAdapter = {
  network: 'linkedin',
  defaultEndpoints: LINKEDIN_DEFAULT_ENDPOINTS,
  confirmAbsentAfterMs: LINKEDIN_LOOKUP.confirmAbsentAfterMs,

  oauth: (ctx) => linkedinOAuthConfig(ctx.endpoints),

  async exchangeCode(ctx, input) {
    const now = ctx.clock.now()
    const data = await tokenCall(ctx, { grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri, code_verifier: input.codeVerifier })
    return grantFrom(data, now)
  },

  /**
   * A new 60-day access token; the refresh token stays the same and keeps counting down to the
   * fixed end 365 days after consent (`refresh_token_expires_in` shrinks with every call).
   */
  async refresh(ctx, refreshToken) {
    const now = ctx.clock.now()
    const data = await tokenCall(ctx, { grant_type: 'refresh_token', refresh_token: refreshToken })
    return grantFrom(data, now, refreshToken)
  },

  async revoke(ctx, grant) {
    const client = clientFor(ctx)
    // RFC 7009: 200 even for tokens already dead, so each token is sent once and errors surface.
    for (const token of [grant.accessToken, grant.refreshToken]) {
      if (!token) continue
      await client.raw({
        method: 'POST',
        url: `${tokenBase(ctx)}${LINKEDIN_PATHS.revoke}`,
        source: 'token_endpoint',
        form: { client_id: ctx.credentials.clientId, client_secret: ctx.credentials.clientSecret, token },
      })
    }
  },

  async identify(ctx, accessToken): Promise<ProfileIdentity> {
    const me = await getMe(ctx, accessToken)
    return {
      networkUserId: personUrn(me.id),
      displayName: displayNameOf(me) || 'LinkedIn member',
      handle: me.vanityName ?? me.id,
    }
  },

  /**
   * Token introspection when the app has a secret (LinkedIn requires one there); otherwise the
   * cheapest authenticated call, `/v2/me`, whose error body is classified.
   */
  async probe(ctx, accessToken): Promise<ProbeResult> {
    const now = ctx.clock.now()
    if (!ctx.credentials.clientSecret) {
      try {
        await getMe(ctx, accessToken)
        return { valid: true, accessExpiresAt: null, dataAccessExpiresAt: null, scopes: [] }
      } catch (err) {
        if (err instanceof ProviderError && TOKEN_PROBLEM_REASONS.has(err.reason)) {
          return { valid: false, accessExpiresAt: null, dataAccessExpiresAt: null, scopes: [], problem: err.classified }
        }
        throw err
      }
    }
    let result: z.output<typeof introspectionSchema>
    try {
      ;({ data: result } = await clientFor(ctx).json(
        {
          method: 'POST',
          url: `${tokenBase(ctx)}${LINKEDIN_PATHS.introspect}`,
          source: 'token_endpoint',
          form: { client_id: ctx.credentials.clientId, client_secret: ctx.credentials.clientSecret, token: accessToken },
        },
        introspectionSchema,
      ))
    } catch (err) {
      // HTTP 400: LinkedIn does not know the token. A client problem (invalid_client) is not the token's.
      if (err instanceof ProviderError && err.failure.status === 400 && bodyObject(err.failure.body)?.error !== 'invalid_client') {
        return { valid: false, accessExpiresAt: null, dataAccessExpiresAt: null, scopes: [], problem: { ...LINKEDIN_UNKNOWN_TOKEN } }
      }
      throw err
    }
    const accessExpiresAt = result.expires_at === undefined ? null : result.expires_at * 1000
    const scopes = parseScopes(result.scope)
    if (!result.active) {
      const rule =
        (result.status ? LINKEDIN_INTROSPECTION_STATUS[result.status] : undefined) ??
        (accessExpiresAt !== null && accessExpiresAt <= now ? LINKEDIN_INTROSPECTION_STATUS.expired : LINKEDIN_INTROSPECTION_STATUS.revoked)
      const problem: ClassifiedFailure = rule ? { reason: rule.reason, detail: rule.detail } : { ...LINKEDIN_UNKNOWN_TOKEN }
      return { valid: false, accessExpiresAt, dataAccessExpiresAt: null, scopes, problem }
    }
    // `scope` is only reported for three-legged tokens; when present, every scope Relink asked for must be there.
    const missing = result.scope === undefined ? [] : LINKEDIN_SCOPES.filter((s) => !scopes.includes(s))
    if (missing.length > 0) {
      return { valid: false, accessExpiresAt, dataAccessExpiresAt: null, scopes, problem: { ...LINKEDIN_SCOPE_MISSING } }
    }
    return { valid: true, accessExpiresAt, dataAccessExpiresAt: null, scopes }
  },

  discoverChannels,
  validateContent,
  publish,
  findPublished,
  recentPosts,
  listComments,
  reply,
  firstComment: { post: postFirstComment, find: findFirstComment },

  ...linkedinCommentActions({
    client: clientFor,
    headers: restHeaders,
    actor: authorUrn,
    withRole: (ctx, target, op) => withRoleCheck(ctx, target, 'moderate', op),
    repliesTo,
  }),

  channelInsights,
  postInsights,

  classify: (failure) => classifyLinkedIn(failure),
}

export { memberPictureUrl } from './identity'
export { classifyLinkedIn } from './classify'
export { LINKEDIN_DATA_LOSS_WARNING, LINKEDIN_LEAD_TIMES, LINKEDIN_LIFETIMES } from './config'
