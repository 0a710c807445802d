/**
 * Graph API helpers shared by the Facebook Pages and the Instagram (Facebook Login) adapters:
 * the token endpoint (code exchange, long-lived exchange), `debug_token`, `/me`, Page discovery,
 * revoke, cursor paging, insight parsing, comment cursors and multipart photo uploads.
 */
import { createHash } from 'node:crypto'
import * as z from 'zod'
import type { Network } from '../../../shared/domain/network'
import { createProviderClient, labelOf, type ProviderClient, type ProviderRequest } from '../http-client'
import { ProviderError } from '../provider-error'
import type { ClassifiedFailure, DailyMetric, GrantTokens, ProbeResult, ProfileIdentity, ProviderContext, ProviderFailure } from '../types'
import { classifyFacebook } from '../facebook/classify'
import { FACEBOOK_LIFETIMES, FACEBOOK_SYNC, GRAPH_API_VERSION, GRAPH_PATHS, TASK_CAPABILITIES, type GraphMetric } from '../facebook/config'

const DAY_MS = 24 * 60 * 60 * 1000

// ---------------------------------------------------------------------------------------------
// Client and URLs

export const graphUrl = (ctx: ProviderContext, path: string): string => `${ctx.endpoints.apiBase}/${GRAPH_API_VERSION}${path}`
export const tokenUrl = (ctx: ProviderContext): string => `${ctx.endpoints.tokenBase ?? ctx.endpoints.apiBase}${GRAPH_PATHS.token}`

export function graphClassifier(network: Network, ctx: Pick<ProviderContext, 'clock'>): (f: ProviderFailure) => ClassifiedFailure {
  return (failure) => classifyFacebook(failure, ctx.clock.now(), labelOf(network))
}

export function graphClient(network: Network, ctx: ProviderContext): ProviderClient {
  return createProviderClient(network, ctx, graphClassifier(network, ctx))
}

/** An app access token `{app-id}|{app-secret}`, accepted by `debug_token` and permission edges. */
export function appToken(ctx: ProviderContext): string | undefined {
  const { clientId, clientSecret } = ctx.credentials
  return clientSecret ? `${clientId}|${clientSecret}` : undefined
}

function needSecret(network: Network, ctx: ProviderContext): string {
  const secret = ctx.credentials.clientSecret
  if (secret) return secret
  const failure: ProviderFailure = { source: 'token_endpoint' }
  throw new ProviderError(
    network,
    { reason: 'other', detail: `${labelOf(network)} requires the app secret for this step. Enter it in Settings, then connect again.` },
    failure,
  )
}

// ---------------------------------------------------------------------------------------------
// Schemas of the bodies the adapters read

export const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  // Long-lived exchanges sometimes omit `expires_in`; debug_token then supplies the expiry.
  expires_in: z.number().optional(),
})

export const DebugTokenSchema = z.object({
  data: z.object({
    app_id: z.string().optional(),
    type: z.string().optional(),
    application: z.string().optional(),
    user_id: z.string().optional(),
    profile_id: z.string().optional(),
    is_valid: z.boolean(),
    /** Seconds; 0 means the token never expires (Page tokens from a long-lived user token). */
    expires_at: z.number().optional(),
    data_access_expires_at: z.number().optional(),
    issued_at: z.number().optional(),
    scopes: z.array(z.string()).optional(),
    error: z
      .object({ code: z.number().optional(), message: z.string().optional(), subcode: z.number().optional() })
      .optional(),
  }),
})
export type DebugTokenData = z.output<typeof DebugTokenSchema>['data']

const MeSchema = z.object({ id: z.string(), name: z.string().optional(), short_name: z.string().optional() })

export const PagingSchema = z
  .object({
    cursors: z.object({ before: z.string().optional(), after: z.string().optional() }).optional(),
    next: z.string().optional(),
  })
  .optional()

export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), paging: PagingSchema })

export const AccountSchema = z.object({
  id: z.string(),
  name: z.string(),
  username: z.string().optional(),
  access_token: z.string().optional(),
  tasks: z.array(z.string()).optional(),
  instagram_business_account: z
    .object({ id: z.string(), username: z.string().optional(), name: z.string().optional(), profile_picture_url: z.string().optional().catch(undefined) })
    .optional(),
  /** The Page's `picture` edge: `{ data: { url, is_silhouette } }` (silhouette: no picture of its own). */
  picture: z
    .object({ data: z.object({ url: z.string().optional(), is_silhouette: z.boolean().optional() }) })
    .optional()
    .catch(undefined),
})
export type GraphAccount = z.output<typeof AccountSchema>

const SuccessSchema = z.union([z.object({ success: z.boolean() }), z.boolean()])

// ---------------------------------------------------------------------------------------------
// Paging

/**
 * Follows cursor paging (`paging.cursors.after` while `paging.next` exists). The next page is
 * requested by rebuilding the URL with `after` instead of following `paging.next`, which on the
 * real network embeds the access token in the URL. `stop` ends the walk early (older items).
 */
export async function collectPaged<T extends z.ZodType>(
  client: ProviderClient,
  req: ProviderRequest,
  item: T,
  options: { stop?: (entry: z.output<T>) => boolean; maxPages?: number } = {},
): Promise<z.output<T>[]> {
  return (await collectWindow(client, req, item, options)).items
}

/** {@link collectPaged}, also saying whether the walk reached its end (`complete`) or ran out of pages first. */
export async function collectWindow<T extends z.ZodType>(
  client: ProviderClient,
  req: ProviderRequest,
  item: T,
  options: { stop?: (entry: z.output<T>) => boolean; maxPages?: number } = {},
): Promise<{ items: z.output<T>[]; complete: boolean }> {
  const items: z.output<T>[] = []
  const maxPages = options.maxPages ?? FACEBOOK_SYNC.maxPages
  let after: string | undefined
  for (let page = 0; page < maxPages; page++) {
    const { data } = await client.json({ ...req, query: { ...req.query, after } }, listOf(item))
    for (const entry of data.data as z.output<T>[]) {
      if (options.stop?.(entry)) return { items, complete: true }
      items.push(entry)
    }
    after = data.paging?.next ? data.paging.cursors?.after : undefined
    if (!after) return { items, complete: true }
  }
  return { items, complete: false }
}

// ---------------------------------------------------------------------------------------------
// Tokens

/**
 * Code → short-lived user token → long-lived user token (~60 days), then `debug_token` for the
 * real expiry, the data-access expiry and the granted scopes. Both token calls need the app
 * secret. They are sent as POST forms so the secret stays out of URLs; the Graph token endpoint
 * accepts the same parameters in a form body as in the documented query string.
 */
export async function exchangeCodeForGrant(
  network: Network,
  ctx: ProviderContext,
  input: { code: string; codeVerifier?: string; redirectUri: string },
): Promise<GrantTokens> {
  const secret = needSecret(network, ctx)
  const client = graphClient(network, ctx)
  const { clientId } = ctx.credentials
  const short = await client.json(
    {
      method: 'POST',
      url: tokenUrl(ctx),
      source: 'token_endpoint',
      form: { client_id: clientId, client_secret: secret, redirect_uri: input.redirectUri, code: input.code, code_verifier: input.codeVerifier },
    },
    TokenResponseSchema,
  )
  const exchangedAt = ctx.clock.now()
  const long = await client.json(
    {
      method: 'POST',
      url: tokenUrl(ctx),
      source: 'token_endpoint',
      form: { grant_type: 'fb_exchange_token', client_id: clientId, client_secret: secret, fb_exchange_token: short.data.access_token },
    },
    TokenResponseSchema,
  )
  const debug = await debugToken(network, ctx, long.data.access_token)
  const fallbackExpiry = exchangedAt + (long.data.expires_in !== undefined ? long.data.expires_in * 1000 : FACEBOOK_LIFETIMES.longLivedUserTokenMs)
  return {
    accessToken: long.data.access_token,
    accessExpiresAt: debug.expires_at === undefined ? fallbackExpiry : secondsOrNever(debug.expires_at),
    refreshExpiresAt: null,
    dataAccessExpiresAt: debug.data_access_expires_at ? debug.data_access_expires_at * 1000 : null,
    scopes: debug.scopes ?? [],
  }
}

const secondsOrNever = (seconds: number): number | null => (seconds === 0 ? null : seconds * 1000)

/** `GET /debug_token`, authenticated with the app token (or the token itself without a secret). */
export async function debugToken(network: Network, ctx: ProviderContext, token: string): Promise<DebugTokenData> {
  const client = graphClient(network, ctx)
  const { data } = await client.json(
    { method: 'GET', url: graphUrl(ctx, '/debug_token'), bearer: appToken(ctx) ?? token, query: { input_token: token } },
    DebugTokenSchema,
  )
  return data.data
}

/**
 * Health of a token from `debug_token`: validity, expiry (0 = never), data-access expiry and
 * scopes. An invalid token's `error` (code/subcode) goes through the same table as API errors.
 */
export async function probeToken(network: Network, ctx: ProviderContext, token: string, requiredScopes: readonly string[]): Promise<ProbeResult> {
  const d = await debugToken(network, ctx, token)
  const now = ctx.clock.now()
  const label = labelOf(network)
  const accessExpiresAt = d.expires_at === undefined ? null : secondsOrNever(d.expires_at)
  const dataAccessExpiresAt = d.data_access_expires_at ? d.data_access_expires_at * 1000 : null
  const scopes = d.scopes ?? []
  const base = { accessExpiresAt, dataAccessExpiresAt, scopes }
  const classify = graphClassifier(network, ctx)
  if (!d.is_valid) {
    let problem = classify({
      source: 'api',
      status: 200,
      body: { error: { type: 'OAuthException', code: d.error?.code ?? 190, error_subcode: d.error?.subcode, message: d.error?.message } },
    })
    if (problem.reason === 'unknown_auth' && accessExpiresAt !== null && accessExpiresAt <= now) {
      problem = classify({ source: 'api', body: { error: { type: 'OAuthException', code: 190, error_subcode: 463 } } })
    }
    return { valid: false, ...base, problem, raw: { is_valid: false, error: d.error } }
  }
  if (accessExpiresAt !== null && accessExpiresAt <= now) {
    return { valid: false, ...base, problem: classify({ source: 'api', body: { error: { type: 'OAuthException', code: 190, error_subcode: 463 } } }) }
  }
  if (dataAccessExpiresAt !== null && dataAccessExpiresAt <= now) {
    return { valid: false, ...base, problem: dataAccessProblem(label) }
  }
  const missing = requiredScopes.filter((s) => !scopes.includes(s))
  if (missing.length > 0) {
    return {
      valid: false,
      ...base,
      problem: {
        reason: 'scope_missing',
        detail: `${label} no longer grants Relink these permissions: ${missing.join(', ')}. Refresh the connection and allow them.`,
      },
    }
  }
  return { valid: true, ...base }
}

function dataAccessProblem(label: string): ClassifiedFailure {
  return {
    reason: 'data_access_expired',
    detail: `${label} data access lapsed because the person has not used Relink with ${label} for 90 days. Refresh the connection to renew it.`,
  }
}

/**
 * Graph answers a lapsed data access with a plain permission error (code 10 / 200-series), the
 * same as a missing scope. `data_access_expires_at` tells them apart, so a permission failure is
 * checked against `debug_token` before it is reported.
 */
export async function withDataAccessCheck<T>(network: Network, ctx: ProviderContext, token: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (err) {
    if (err instanceof ProviderError && err.reason === 'scope_missing') {
      let lapsed = false
      try {
        const d = await debugToken(network, ctx, token)
        lapsed = d.data_access_expires_at !== undefined && d.data_access_expires_at > 0 && d.data_access_expires_at * 1000 <= ctx.clock.now()
      } catch {
        lapsed = false
      }
      if (lapsed) throw new ProviderError(network, dataAccessProblem(labelOf(network)), err.failure, { cause: err })
    }
    throw err
  }
}

export async function identifyUser(network: Network, ctx: ProviderContext, token: string): Promise<ProfileIdentity> {
  const client = graphClient(network, ctx)
  const { data } = await withDataAccessCheck(network, ctx, token, () =>
    client.json({ method: 'GET', url: graphUrl(ctx, '/me'), bearer: token, query: { fields: 'id,name,short_name' } }, MeSchema),
  )
  const name = data.name ?? data.short_name ?? data.id
  return { networkUserId: data.id, displayName: name, handle: data.short_name ?? name }
}

/**
 * `DELETE /{user-id}/permissions` removes the whole login. The app token works even when the
 * user token has already died, so it is preferred; a token that is already dead counts as done.
 */
export async function revokeLogin(network: Network, ctx: ProviderContext, grant: { accessToken: string; networkUserId: string }): Promise<void> {
  const client = graphClient(network, ctx)
  try {
    await client.json(
      { method: 'DELETE', url: graphUrl(ctx, `/${encodeURIComponent(grant.networkUserId)}/permissions`), bearer: appToken(ctx) ?? grant.accessToken },
      SuccessSchema,
    )
  } catch (err) {
    if (err instanceof ProviderError && ['expired', 'revoked_by_user', 'password_changed', 'unknown_auth'].includes(err.reason)) return
    throw err
  }
}

/** `GET /me/accounts`: the Pages the person has a role on, with Page tokens, tasks and IG accounts. */
export async function fetchAccounts(network: Network, ctx: ProviderContext, token: string): Promise<GraphAccount[]> {
  const client = graphClient(network, ctx)
  return collectPaged(
    client,
    {
      method: 'GET',
      url: graphUrl(ctx, '/me/accounts'),
      bearer: token,
      query: { fields: 'id,name,username,access_token,tasks,picture{url,is_silhouette},instagram_business_account{id,username,name,profile_picture_url}', limit: FACEBOOK_SYNC.pageSize },
    },
    AccountSchema,
  )
}

// ---------------------------------------------------------------------------------------------
// Times, days and cursors

/** Graph timestamps look like `2026-01-05T09:00:00+0000`; make the offset ISO 8601. */
export function parseGraphTime(value: string): number {
  const normalised = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
  const ms = Date.parse(normalised)
  if (!Number.isFinite(ms)) throw new Error('Unreadable Graph timestamp')
  return ms
}

export const toSeconds = (ms: number): number => Math.floor(ms / 1000)
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10)
export const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`)

/** Splits an inclusive day range into chunks of at most `maxDays` days. */
export function dayChunks(sinceDay: string, untilDay: string, maxDays: number): { since: string; until: string }[] {
  const chunks: { since: string; until: string }[] = []
  const end = dayStart(untilDay)
  for (let start = dayStart(sinceDay); start <= end; start += maxDays * DAY_MS) {
    chunks.push({ since: dayOf(start), until: dayOf(Math.min(start + (maxDays - 1) * DAY_MS, end)) })
  }
  return chunks
}

/**
 * A comment cursor: the newest comment time seen and the ids seen at exactly that time (Graph
 * timestamps have one-second resolution, so equal times must not be re-reported or skipped).
 */
export interface CommentCursor {
  since: number
  seen: string[]
  /** When recent posts were last read whole again (to follow edits and deletions); absent before. */
  hotAt?: number
}

export function encodeCursor(cursor: CommentCursor): string {
  return Buffer.from(JSON.stringify({ v: 1, s: cursor.since, i: cursor.seen, ...(cursor.hotAt === undefined ? {} : { h: cursor.hotAt }) }), 'utf8').toString('base64url')
}

export function decodeCursor(cursor: string | null): CommentCursor | null {
  if (!cursor) return null
  try {
    const parsed = z
      .object({ v: z.literal(1), s: z.number(), i: z.array(z.string()), h: z.number().optional() })
      .parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')))
    return parsed.h === undefined ? { since: parsed.s, seen: parsed.i } : { since: parsed.s, seen: parsed.i, hotAt: parsed.h }
  } catch {
    return null
  }
}

/** Keeps comments newer than the cursor and computes the next cursor. */
export function advanceCursor<C extends { networkCommentId: string; createdAt: number }>(
  comments: C[],
  cursor: CommentCursor | null,
): { fresh: C[]; next: string | null } {
  const seen = new Set(cursor?.seen ?? [])
  const fresh = comments
    .filter((c) => cursor === null || c.createdAt > cursor.since || (c.createdAt === cursor.since && !seen.has(c.networkCommentId)))
    .sort((a, b) => a.createdAt - b.createdAt || a.networkCommentId.localeCompare(b.networkCommentId))
  const last = fresh.at(-1)
  if (!last) return { fresh, next: cursor ? encodeCursor(cursor) : null }
  const atLast = fresh.filter((c) => c.createdAt === last.createdAt).map((c) => c.networkCommentId)
  const carried = cursor && cursor.since === last.createdAt ? cursor.seen : []
  const hot = cursor?.hotAt === undefined ? {} : { hotAt: cursor.hotAt }
  return { fresh, next: encodeCursor({ since: last.createdAt, seen: [...new Set([...carried, ...atLast])], ...hot }) }
}

// ---------------------------------------------------------------------------------------------
// Insights

export const InsightSchema = z.object({
  name: z.string(),
  period: z.string().optional(),
  values: z
    .array(z.object({ value: z.union([z.number(), z.record(z.string(), z.number())]).optional(), end_time: z.string().optional() }))
    .optional(),
  total_value: z.object({ value: z.number() }).optional(),
})
export const InsightsSchema = z.object({ data: z.array(InsightSchema), paging: PagingSchema })
export type GraphInsight = z.output<typeof InsightSchema>

/** A metric value may be a number or an object of numbers (reactions by type): sum the latter. */
export function metricValue(value: number | Record<string, number> | undefined): number | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'number') return value
  return Object.values(value).reduce((sum, v) => sum + v, 0)
}

/**
 * Daily values: Graph reports each day with `end_time` at the end of that day (midnight Pacific,
 * i.e. the next day at 07:00/08:00 UTC), so the day a value belongs to is `end_time` minus a day.
 */
export function dailyMetrics(insights: GraphInsight[], table: readonly GraphMetric[], range?: { sinceDay: string; untilDay: string }): DailyMetric[] {
  const names = new Map(table.map((m) => [m.graph, m.relink]))
  const out: DailyMetric[] = []
  for (const insight of insights) {
    const metric = names.get(insight.name)
    if (!metric) continue
    for (const v of insight.values ?? []) {
      const value = metricValue(v.value)
      if (value === undefined || !v.end_time) continue
      const day = dayOf(parseGraphTime(v.end_time) - DAY_MS)
      if (range && (day < range.sinceDay || day > range.untilDay)) continue
      out.push({ day, metric, value })
    }
  }
  return out
}

/** Lifetime values (post insights) are reported on the day they were read. */
export function lifetimeMetrics(insights: GraphInsight[], table: readonly GraphMetric[], nowMs: number): DailyMetric[] {
  const names = new Map(table.map((m) => [m.graph, m.relink]))
  const day = dayOf(nowMs)
  const out: DailyMetric[] = []
  for (const insight of insights) {
    const metric = names.get(insight.name)
    if (!metric) continue
    const value = metricValue(insight.values?.[0]?.value) ?? insight.total_value?.value
    if (value !== undefined) out.push({ day, metric, value })
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Publishing helpers

/** A multipart/form-data body for photo uploads (`source` file plus text fields). */
export function multipartBody(
  fields: Record<string, string | undefined>,
  file: { name: string; filename: string; contentType: string; data: Uint8Array },
): { data: Uint8Array; contentType: string } {
  // RFC 2046 §5.1.1: the boundary must not occur in the parts. A digest of them is as unlikely to
  // as a random string, and the same upload is framed the same way every time.
  const digest = createHash('sha256').update(file.data)
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) digest.update(`${name}=${value}`)
  const boundary = `----relink${digest.digest('hex').slice(0, 24)}`
  const parts: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'))
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
      'utf8',
    ),
  )
  parts.push(Buffer.from(file.data))
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'))
  return { data: new Uint8Array(Buffer.concat(parts)), contentType: `multipart/form-data; boundary=${boundary}` }
}

export const extensionOf = (mimeType: string): string => ({ 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp' })[mimeType] ?? 'bin'

/** Whether a string is an absolute http(s) URL. */
export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value)
    return u.protocol === 'http:' || u.protocol === 'https:'
  } catch {
    return false
  }
}

/** What a person may do on a Page, from the tasks Graph lists for them. */
export function capabilitiesOf(tasks: readonly string[]): { publish: boolean; moderate: boolean; analyze: boolean } {
  return {
    publish: tasks.includes(TASK_CAPABILITIES.publish),
    moderate: tasks.includes(TASK_CAPABILITIES.moderate),
    analyze: tasks.includes(TASK_CAPABILITIES.analyze),
  }
}
