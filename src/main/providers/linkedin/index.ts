/**
 * LinkedIn adapter: Community Management API (versioned `/rest/...` Posts, Images, Comments,
 * organisation ACLs and statistics) plus LinkedIn's OAuth endpoints. All facts it relies on live in
 * `config.ts`; classification lives in `classify.ts`.
 */
import * as z from 'zod'
import { linkedinCommentActions } from './comment-actions'
import { postsWithCommentActivity, type NotifiedPost } from './notifications'
import { TOKEN_PROBLEM_REASONS, type ProblemReason } from '../../../shared/domain/health'
import { bodyObject } from '../classify-common'
import { createProviderClient, type ProviderClient } from '../http-client'
import { fingerprintOf, judgeTimeline, type SeenPost } from '../fingerprint'
import { ProviderError } from '../provider-error'
import type {
  ChannelPost,
  ChannelPostPage,
  ChannelTarget,
  ClassifiedFailure,
  CommentPage,
  ContentLimits,
  ContentProblem,
  DailyMetric,
  DiscoveredChannel,
  GrantTokens,
  OAuthConfig,
  PostDraft,
  PostLookupResult,
  ProbeResult,
  ProfileIdentity,
  ProviderAdapter,
  ProviderContext,
  ProviderEndpoints,
  PublishedPost,
  RemoteComment,
} from '../types'
import { classifyLinkedIn } from './classify'
import {
  type ChannelCapabilities,
  LINKEDIN_API_VERSION,
  LINKEDIN_CONTENT,
  LINKEDIN_DEFAULT_ENDPOINTS,
  LINKEDIN_FLOW,
  LINKEDIN_FLOWS,
  LINKEDIN_FOLLOWER_METRICS,
  LINKEDIN_INSIGHTS_LOOKBACK_DAYS,
  LINKEDIN_INTROSPECTION_STATUS,
  LINKEDIN_MEMBER_CAPABILITIES,
  LINKEDIN_MEMBER_TASK,
  LINKEDIN_PAGING,
  LINKEDIN_PATHS,
  LINKEDIN_POST_URL,
  LINKEDIN_ROLE_CAPABILITIES,
  LINKEDIN_ROLE_LOST,
  LINKEDIN_SCOPE_MISSING,
  LINKEDIN_SCOPE_SEPARATOR,
  LINKEDIN_SCOPES,
  LINKEDIN_SHARE_METRICS,
  LINKEDIN_UNKNOWN_TOKEN,
  type LinkedInFlow,
  RESTLI_PROTOCOL_VERSION,
  LINKEDIN_LOOKUP,
} from './config'
import {
  charCount,
  dayStart,
  encodeRestli,
  escapeLittleText,
  organizationUrn,
  parseCommentUrn,
  personUrn,
  restliList,
  restliUrl,
  unescapeLittleText,
  urnId,
  utcDay,
} from './restli'
import { composedText, measureText, textDraftOf } from '../../../shared/domain/text-length'

const DAY_MS = 24 * 60 * 60 * 1000

// ---------------------------------------------------------------------------------------------
// Response shapes (only the fields Relink reads).

const tokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number(),
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_in: z.number().optional(),
  scope: z.string().optional(),
})

const introspectionSchema = z.object({
  active: z.boolean(),
  status: z.string().optional(),
  expires_at: z.number().optional(),
  scope: z.string().optional(),
})

/** A still image's renditions as `displayImage~:playableStreams` decorates them (100 to 800 px). */
const playableStreamsSchema = z.object({
  elements: z.array(
    z.object({
      data: z
        .object({ 'com.linkedin.digitalmedia.mediaartifact.StillImage': z.object({ displaySize: z.object({ width: z.number() }) }).optional() })
        .optional(),
      identifiers: z.array(z.object({ identifier: z.string() })),
    }),
  ),
})

const meSchema = z.object({
  id: z.string().min(1),
  localizedFirstName: z.string().optional(),
  localizedLastName: z.string().optional(),
  vanityName: z.string().optional(),
  profilePicture: z.object({ 'displayImage~': playableStreamsSchema.optional() }).optional().catch(undefined),
})

/** `/v2/me` fields for discovery: the member's picture decorated with its renditions (Profile Picture Fields). */
const ME_WITH_PICTURE = '(id,localizedFirstName,localizedLastName,vanityName,profilePicture(displayImage~:playableStreams))'

const imagesSchema = z.object({ results: z.record(z.string(), z.object({ downloadUrl: z.string().optional() })) })

const pagingSchema = z.object({ start: z.number().optional(), count: z.number().optional(), total: z.number().optional() }).optional()

const aclsSchema = z.object({
  paging: pagingSchema,
  elements: z.array(
    z.object({
      // Versioned responses name the organisation `organization`; older ones `organizationalTarget`.
      organization: z.string().optional(),
      organizationalTarget: z.string().optional(),
      role: z.string(),
      state: z.string().optional(),
    }),
  ),
})

const batchSchema = <T extends z.ZodType>(item: T) => z.object({ results: z.record(z.string(), item).default({}) })

const organizationSchema = z.object({
  localizedName: z.string().optional(),
  vanityName: z.string().optional(),
  /** Image URNs (`urn:li:image:…`) of the page's logo, resolved through the Images API. */
  logoV2: z.object({ original: z.string().optional(), cropped: z.string().optional() }).optional().catch(undefined),
})
const personSchema = z.object({
  localizedFirstName: z.string().optional(),
  localizedLastName: z.string().optional(),
  vanityName: z.string().optional(),
})

const initializeUploadSchema = z.object({ value: z.object({ uploadUrl: z.string().url(), image: z.string().min(1) }) })

const postsSchema = z.object({
  paging: pagingSchema,
  elements: z.array(
    z.object({
      id: z.string(),
      commentary: z.string().optional(),
      createdAt: z.number().optional(),
      publishedAt: z.number().optional(),
      lastModifiedAt: z.number().optional(),
      lifecycleState: z.string().optional(),
      content: z
        .object({ media: z.object({ id: z.string().optional() }).optional(), article: z.object({ source: z.string().optional() }).optional() })
        .optional(),
      lifecycleStateInfo: z.object({ isEditedByAuthor: z.boolean().optional() }).optional(),
    }),
  ),
})

const commentSchema = z.object({
  id: z.string().optional(),
  commentUrn: z.string().optional(),
  $URN: z.string().optional(),
  actor: z.string().optional(),
  created: z.object({ time: z.number() }).optional(),
  message: z.object({ text: z.string().optional() }).optional(),
  parentComment: z.string().optional(),
  commentsSummary: z
    .object({ aggregatedTotalComments: z.number().optional(), totalFirstLevelComments: z.number().optional() })
    .optional(),
})
type LinkedInComment = z.output<typeof commentSchema>

const commentsSchema = z.object({ paging: pagingSchema, elements: z.array(commentSchema) })

const shareStatisticsSchema = z.object({
  elements: z.array(
    z.object({
      timeRange: z.object({ start: z.number(), end: z.number() }).optional(),
      totalShareStatistics: z.record(z.string(), z.number()).optional(),
    }),
  ),
})

const followerStatisticsSchema = z.object({
  elements: z.array(
    z.object({
      timeRange: z.object({ start: z.number(), end: z.number() }).optional(),
      followerGains: z.record(z.string(), z.number()).optional(),
    }),
  ),
})

// ---------------------------------------------------------------------------------------------
// Shared plumbing.

const clientFor = (ctx: ProviderContext): ProviderClient =>
  createProviderClient('linkedin', ctx, (failure) => classifyLinkedIn(failure, ctx.clock.now()))

const restHeaders = (): Record<string, string> => ({
  'LinkedIn-Version': LINKEDIN_API_VERSION,
  'X-Restli-Protocol-Version': RESTLI_PROTOCOL_VERSION,
})

const tokenBase = (ctx: ProviderContext): string => ctx.endpoints.tokenBase ?? ctx.endpoints.authBase

const parseScopes = (scope: string | undefined): string[] => (scope ?? '').split(/[,\s]+/).filter(Boolean)

/** A failure Relink itself detected before calling LinkedIn (never carries token material). */
function localFailure(reason: ProblemReason, detail: string): ProviderError {
  return new ProviderError('linkedin', { reason, detail }, { source: 'api' })
}

function authorUrn(target: ChannelTarget): string {
  if (target.kind === 'organization') return organizationUrn(target.networkChannelId)
  if (target.kind === 'member') return personUrn(target.networkChannelId)
  throw localFailure('other', 'This LinkedIn channel is neither an organisation page nor a member profile.')
}

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

// ---------------------------------------------------------------------------------------------
// Identity, organisations and roles.

async function getMe(ctx: ProviderContext, accessToken: string, projection?: string) {
  const { data } = await clientFor(ctx).json(
    {
      method: 'GET',
      url: `${ctx.endpoints.apiBase}${LINKEDIN_PATHS.me}${projection ? `?projection=${encodeRestli(projection)}` : ''}`,
      bearer: accessToken,
      headers: { 'X-Restli-Protocol-Version': RESTLI_PROTOCOL_VERSION },
    },
    meSchema,
  )
  return data
}

/** The smallest rendition at least 96 px wide (a sharp 48 px avatar at 2×), else the largest. */
export function memberPictureUrl(me: z.output<typeof meSchema>): string | undefined {
  const renditions = (me.profilePicture?.['displayImage~']?.elements ?? [])
    .map((e) => ({ width: e.data?.['com.linkedin.digitalmedia.mediaartifact.StillImage']?.displaySize.width ?? 0, url: e.identifiers[0]?.identifier }))
    .filter((r): r is { width: number; url: string } => r.url !== undefined)
    .sort((a, b) => a.width - b.width)
  return (renditions.find((r) => r.width >= 96) ?? renditions.at(-1))?.url
}

/**
 * Download addresses of organisation logos (`BATCH_GET /rest/images`). A logo is decoration: when
 * the Images API refuses or fails, the pages are listed without logos rather than not at all.
 */
async function logoUrls(ctx: ProviderContext, accessToken: string, urns: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  if (urns.length === 0) return found
  try {
    const url = restliUrl(ctx.endpoints.apiBase, LINKEDIN_PATHS.images, [['ids', restliList(urns.map(encodeRestli))]])
    const { data } = await clientFor(ctx).json({ method: 'GET', url, bearer: accessToken, headers: restHeaders() }, imagesSchema)
    for (const [urn, image] of Object.entries(data.results)) if (image.downloadUrl) found.set(urn, image.downloadUrl)
  } catch {
    // Nothing to tell the token lifecycle: the same token just listed the pages.
  }
  return found
}

const displayNameOf = (p: { localizedFirstName?: string; localizedLastName?: string }): string =>
  [p.localizedFirstName, p.localizedLastName].filter((s) => s && s.trim()).join(' ')

/** Approved roles per organisation id, from `organizationAcls?q=roleAssignee` (all pages). */
async function approvedRoles(ctx: ProviderContext, accessToken: string): Promise<Map<string, string[]>> {
  const client = clientFor(ctx)
  const roles = new Map<string, string[]>()
  for (let page = 0, start = 0; page < LINKEDIN_PAGING.maxPages; page++) {
    const url = restliUrl(ctx.endpoints.apiBase, LINKEDIN_PATHS.organizationAcls, [
      ['q', 'roleAssignee'],
      ['state', 'APPROVED'],
      ['start', String(start)],
      ['count', String(LINKEDIN_PAGING.aclPageSize)],
    ])
    const { data } = await client.json({ method: 'GET', url, bearer: accessToken, headers: restHeaders() }, aclsSchema)
    for (const acl of data.elements) {
      if (acl.state !== undefined && acl.state !== 'APPROVED') continue
      const id = urnId(acl.organization ?? acl.organizationalTarget ?? '', 'organization')
      if (!id) continue
      const list = roles.get(id) ?? []
      if (!list.includes(acl.role)) list.push(acl.role)
      roles.set(id, list)
    }
    start += data.elements.length
    const total = data.paging?.total
    if (data.elements.length < LINKEDIN_PAGING.aclPageSize || (total !== undefined && start >= total)) break
  }
  return roles
}

function capabilitiesOf(roles: readonly string[]): ChannelCapabilities {
  const caps: ChannelCapabilities = { publish: false, moderate: false, analyze: false }
  for (const role of roles) {
    const c = LINKEDIN_ROLE_CAPABILITIES[role]
    if (!c) continue
    caps.publish ||= c.publish
    caps.moderate ||= c.moderate
    caps.analyze ||= c.analyze
  }
  return caps
}

async function organizationsById(ctx: ProviderContext, accessToken: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, z.output<typeof organizationSchema>>()
  const url = restliUrl(ctx.endpoints.apiBase, LINKEDIN_PATHS.organizations, [['ids', restliList(ids.map(encodeRestli))]])
  const { data } = await clientFor(ctx).json(
    { method: 'GET', url, bearer: accessToken, headers: restHeaders() },
    batchSchema(organizationSchema),
  )
  return new Map(Object.entries(data.results))
}

async function peopleById(ctx: ProviderContext, accessToken: string, ids: readonly string[]) {
  const found = new Map<string, z.output<typeof personSchema>>()
  if (ids.length === 0) return found
  const keys = ids.map((id) => `(id:${encodeRestli(id)})`)
  const url = restliUrl(ctx.endpoints.apiBase, LINKEDIN_PATHS.people, [['ids', restliList(keys)]])
  const { data } = await clientFor(ctx).json({ method: 'GET', url, bearer: accessToken, headers: restHeaders() }, batchSchema(personSchema))
  for (const [key, person] of Object.entries(data.results)) {
    const id = /^\(id:(.+)\)$/.exec(key)?.[1] ?? key
    found.set(safeDecode(id), person)
  }
  return found
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/**
 * LinkedIn answers 403 ACCESS_DENIED both for a missing scope and for a member who lost their page
 * role. On an organisation, the member's ACLs tell which: no approved role allowing the action means
 * `role_lost` (a new token will not help), otherwise the scope is what is missing.
 */
async function withRoleCheck<T>(ctx: ProviderContext, target: ChannelTarget, need: keyof ChannelCapabilities, op: () => Promise<T>): Promise<T> {
  try {
    return await op()
  } catch (err) {
    if (!(err instanceof ProviderError) || err.reason !== 'scope_missing' || err.failure.status !== 403 || target.kind !== 'organization') {
      throw err
    }
    let roles: string[]
    try {
      roles = (await approvedRoles(ctx, target.accessToken)).get(target.networkChannelId) ?? []
    } catch {
      throw err
    }
    if (capabilitiesOf(roles)[need]) throw err
    throw new ProviderError('linkedin', { ...LINKEDIN_ROLE_LOST }, err.failure, { cause: err })
  }
}

// ---------------------------------------------------------------------------------------------
// Content.

function validateContent(draft: PostDraft, limits?: ContentLimits): ContentProblem[] {
  const problems: ContentProblem[] = []
  const max = limits?.maxChars ?? LINKEDIN_CONTENT.maxCommentaryChars
  const { used: length, available: room } = measureText('linkedin', textDraftOf(draft), max)
  if (!draft.text.trim() && !draft.link && !draft.image) {
    problems.push({ field: 'text', message: 'Write some text, or add a link or an image.' })
  }
  if (length > room) {
    problems.push({
      field: 'text',
      message: `LinkedIn allows ${max.toLocaleString('en-US')} characters. Shorten this post by ${(length - room).toLocaleString('en-US')} characters.`,
    })
  }
  if (draft.link !== undefined) {
    let ok = false
    try {
      const url = new URL(draft.link)
      ok = url.protocol === 'https:' || url.protocol === 'http:'
    } catch {
      ok = false
    }
    if (!ok) problems.push({ field: 'link', message: 'The link must be a full web address starting with https:// or http://.' })
  }
  const image = draft.image
  if (image) {
    if (!LINKEDIN_CONTENT.imageMimeTypes.includes(image.mimeType)) {
      problems.push({ field: 'image', message: 'LinkedIn accepts JPG, PNG and GIF images. Convert the image and try again.' })
    }
    if (!(image.width > 0 && image.height > 0)) {
      problems.push({ field: 'image', message: 'The image has no size. Choose the image again.' })
    } else if (image.width * image.height > LINKEDIN_CONTENT.maxImagePixels) {
      problems.push({ field: 'image', message: 'The image is too large for LinkedIn (over 36 megapixels). Use a smaller image.' })
    }
    if (image.bytes.length === 0) problems.push({ field: 'image', message: 'The image file is empty. Choose the image again.' })
  }
  return problems
}

/**
 * A post carries either an image or a link preview (article), not both; with an image the link goes
 * into the text so it still reaches readers.
 */
const commentaryText = (draft: PostDraft): string => composedText('linkedin', textDraftOf(draft))

function articleTitle(draft: PostDraft, link: string): string {
  const firstLine = draft.text.split('\n').map((l) => l.trim()).find((l) => l !== '')
  const title = firstLine ?? new URL(link).hostname
  return [...title].slice(0, LINKEDIN_CONTENT.maxArticleTitleChars).join('')
}

async function uploadImage(ctx: ProviderContext, target: ChannelTarget, owner: string, image: NonNullable<PostDraft['image']>): Promise<string> {
  const client = clientFor(ctx)
  const url = restliUrl(ctx.endpoints.apiBase, LINKEDIN_PATHS.images, [['action', 'initializeUpload']])
  const { data } = await client.json(
    { method: 'POST', url, bearer: target.accessToken, headers: restHeaders(), json: { initializeUploadRequest: { owner } } },
    initializeUploadSchema,
  )
  // Images API: the bytes go to the returned upload URL with the same bearer token.
  await client.raw({
    method: 'PUT',
    url: data.value.uploadUrl,
    bearer: target.accessToken,
    bytes: { data: image.bytes, contentType: image.mimeType },
  })
  return data.value.image
}

// ---------------------------------------------------------------------------------------------
// Posts and comments.

type PostElement = z.output<typeof postsSchema>['elements'][number]

/** Posts of an organisation, newest first, until `stop` says enough. True when the walk reached its end (not the page limit). */
async function walkPosts(ctx: ProviderContext, target: ChannelTarget, stop: (post: PostElement) => boolean, each: (post: PostElement) => boolean | void): Promise<boolean> {
  const client = clientFor(ctx)
  for (let page = 0, start = 0; page < LINKEDIN_PAGING.maxPages; page++) {
    const url = restliUrl(ctx.endpoints.apiBase, LINKEDIN_PATHS.posts, [
      ['author', encodeRestli(authorUrn(target))],
      ['q', 'author'],
      ['count', String(LINKEDIN_PAGING.postsPageSize)],
      ['start', String(start)],
      ['sortBy', 'LAST_MODIFIED'],
    ])
    const { data } = await client.json({ method: 'GET', url, bearer: target.accessToken, headers: restHeaders() }, postsSchema)
    for (const post of data.elements) {
      if (stop(post)) return true
      if (each(post) === true) return true
    }
    start += data.elements.length
    const total = data.paging?.total
    if (data.elements.length < LINKEDIN_PAGING.postsPageSize || (total !== undefined && start >= total)) return true
  }
  return false
}

async function commentsOn(ctx: ProviderContext, accessToken: string, targetUrn: string): Promise<LinkedInComment[]> {
  const client = clientFor(ctx)
  const all: LinkedInComment[] = []
  for (let page = 0, start = 0; page < LINKEDIN_PAGING.maxPages; page++) {
    const url = restliUrl(ctx.endpoints.apiBase, `${LINKEDIN_PATHS.socialActions}/${encodeRestli(targetUrn)}/comments`, [
      ['start', String(start)],
      ['count', String(LINKEDIN_PAGING.commentsPageSize)],
    ])
    const { data } = await client.json({ method: 'GET', url, bearer: accessToken, headers: restHeaders() }, commentsSchema)
    all.push(...data.elements)
    start += data.elements.length
    const total = data.paging?.total
    if (data.elements.length < LINKEDIN_PAGING.commentsPageSize || (total !== undefined && start >= total)) break
  }
  return all
}

const commentUrnOf = (c: LinkedInComment): string | undefined => c.commentUrn ?? c.$URN

/**
 * The inbox cursor: the newest comment time seen and the ids that share it, and the time the last
 * read asked notifications up to (times are ms; `at` is absent from cursors of older versions).
 */
interface CommentCursor {
  t: number
  ids: string[]
  at?: number
}

function decodeCursor(cursor: string | null): CommentCursor | null {
  if (!cursor) return null
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    const checked = z.object({ t: z.number(), ids: z.array(z.string()), at: z.number().optional() }).safeParse(parsed)
    if (!checked.success) return null
    const { t, ids, at } = checked.data
    return at === undefined ? { t, ids } : { t, ids, at }
  } catch {
    return null
  }
}

const encodeCursor = (c: CommentCursor): string => Buffer.from(JSON.stringify(c), 'utf8').toString('base64url')

/**
 * The posts whose comments a read looks through. Since a read LinkedIn still keeps notifications
 * for, only the posts they name; on the first read, or after a break longer than that, the most
 * recent posts (up to `commentSyncMaxPosts`, none older than `commentSyncMaxPostAgeMs`).
 */
async function postsToRead(ctx: ProviderContext, target: ChannelTarget, since: CommentCursor | null, now: number): Promise<NotifiedPost[]> {
  const from = since ? Math.max(since.t, (since.at ?? since.t) - LINKEDIN_PAGING.notificationOverlapMs) : null
  if (from !== null && from > now - LINKEDIN_PAGING.notificationRetentionMs) {
    return postsWithCommentActivity(clientFor(ctx), {
      apiBase: ctx.endpoints.apiBase,
      accessToken: target.accessToken,
      organization: authorUrn(target),
      startMs: from,
      endMs: now,
      headers: restHeaders(),
    })
  }
  const oldest = now - LINKEDIN_PAGING.commentSyncMaxPostAgeMs
  const posts: NotifiedPost[] = []
  await walkPosts(
    ctx,
    target,
    (post) => (post.createdAt ?? Number.POSITIVE_INFINITY) < oldest && (post.lastModifiedAt ?? 0) < oldest,
    (post) => {
      posts.push({ post: post.id, edited: false })
      return posts.length >= LINKEDIN_PAGING.commentSyncMaxPosts
    },
  )
  return posts
}

async function authorNames(ctx: ProviderContext, accessToken: string, actors: readonly string[]) {
  const names = new Map<string, { name: string; handle: string }>()
  const personIds = [...new Set(actors.map((a) => urnId(a, 'person')).filter((id): id is string => !!id))]
  const orgIds = [...new Set(actors.map((a) => urnId(a, 'organization')).filter((id): id is string => !!id))]
  // Names are a nicety: a lookup LinkedIn refuses leaves the fallback labels, never fails the sync.
  const tolerate = async <T>(lookup: Promise<Map<string, T>>): Promise<Map<string, T>> => {
    try {
      return await lookup
    } catch (err) {
      if (err instanceof ProviderError && (err.reason === 'other' || err.reason === 'scope_missing')) return new Map<string, T>()
      throw err
    }
  }
  const [people, orgs] = await Promise.all([tolerate(peopleById(ctx, accessToken, personIds)), tolerate(organizationsById(ctx, accessToken, orgIds))])
  for (const id of personIds) {
    const p = people.get(id)
    names.set(personUrn(id), { name: (p && displayNameOf(p)) || 'LinkedIn member', handle: p?.vanityName ?? id })
  }
  for (const id of orgIds) {
    const o = orgs.get(id)
    names.set(organizationUrn(id), { name: o?.localizedName ?? 'LinkedIn page', handle: o?.vanityName ?? id })
  }
  return names
}

// ---------------------------------------------------------------------------------------------
// Insights.

/** A day's numbers under Relink's metric names, from one of LinkedIn's statistics objects. */
function metricsOf(day: string, values: Record<string, number> | undefined, table: Record<string, string>): DailyMetric[] {
  if (!values) return []
  const out: DailyMetric[] = []
  for (const [field, metric] of Object.entries(table)) {
    const value = values[field]
    if (typeof value === 'number' && Number.isFinite(value)) out.push({ day, metric, value })
  }
  return out
}

const shareMetrics = (day: string, stats: Record<string, number> | undefined): DailyMetric[] => metricsOf(day, stats, LINKEDIN_SHARE_METRICS)
const followerMetrics = (day: string, gains: Record<string, number> | undefined): DailyMetric[] => metricsOf(day, gains, LINKEDIN_FOLLOWER_METRICS)

/** Rest.li time-bound query: daily buckets between two UTC midnights. */
const dailyIntervals = (start: number, end: number): string =>
  `(timeRange:(start:${start},end:${end}),timeGranularityType:DAY)`

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

  async discoverChannels(ctx, grant): Promise<DiscoveredChannel[]> {
    const me = await getMe(ctx, grant.accessToken, ME_WITH_PICTURE)
    const roles = await approvedRoles(ctx, grant.accessToken)
    const withCapabilities = [...roles.entries()]
      .map(([id, list]) => ({ id, roles: list, caps: capabilitiesOf(list) }))
      .filter((o) => o.caps.publish || o.caps.moderate || o.caps.analyze)
    const orgs = await organizationsById(
      ctx,
      grant.accessToken,
      withCapabilities.map((o) => o.id),
    )
    const member: DiscoveredChannel = {
      network: 'linkedin',
      networkChannelId: me.id,
      kind: 'member',
      name: displayNameOf(me) || 'LinkedIn member',
      handle: me.vanityName ?? me.id,
      tasks: [LINKEDIN_MEMBER_TASK],
      capabilities: { ...LINKEDIN_MEMBER_CAPABILITIES },
    }
    member.pictureUrl = memberPictureUrl(me) ?? null
    const logoOf = (id: string): string | undefined => orgs.get(id)?.logoV2?.cropped ?? orgs.get(id)?.logoV2?.original
    const logos = await logoUrls(ctx, grant.accessToken, [...new Set(withCapabilities.map((o) => logoOf(o.id)).filter((u) => u !== undefined))])
    return [
      member,
      ...withCapabilities.map((o): DiscoveredChannel => {
        const channel: DiscoveredChannel = {
          network: 'linkedin',
          networkChannelId: o.id,
          kind: 'organization',
          name: orgs.get(o.id)?.localizedName ?? `LinkedIn page ${o.id}`,
          handle: orgs.get(o.id)?.vanityName ?? o.id,
          tasks: o.roles,
          capabilities: o.caps,
        }
        // No logo URN: the page has none. A URN the Images API did not resolve: unknown this time.
        const urn = logoOf(o.id)
        if (urn === undefined) channel.pictureUrl = null
        else if (logos.has(urn)) channel.pictureUrl = logos.get(urn)
        return channel
      }),
    ]
  },

  validateContent,

  async publish(ctx, target, draft): Promise<PublishedPost> {
    const problems = validateContent(draft)
    if (problems.length > 0) throw localFailure('other', problems.map((p) => p.message).join(' '))
    const author = authorUrn(target)
    return withRoleCheck(ctx, target, 'publish', async () => {
      let content: Record<string, unknown> | undefined
      if (draft.image) {
        const image = await uploadImage(ctx, target, author, draft.image)
        content = { media: { id: image, ...(draft.image.altText ? { altText: draft.image.altText } : {}) } }
      } else if (draft.link) {
        content = { article: { source: draft.link, title: articleTitle(draft, draft.link) } }
      }
      const text = commentaryText(draft)
      const commentary = escapeLittleText(text)
      const res = await clientFor(ctx).raw({
        method: 'POST',
        url: `${ctx.endpoints.apiBase}${LINKEDIN_PATHS.posts}`,
        bearer: target.accessToken,
        headers: restHeaders(),
        json: {
          author,
          commentary,
          visibility: 'PUBLIC',
          distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
          ...(content ? { content } : {}),
          lifecycleState: 'PUBLISHED',
          isReshareDisabledByAuthor: false,
        },
      })
      // Posts API: 201 with the new post's URN in `x-restli-id`, no body.
      const urn = res.headers['x-restli-id'] ?? res.headers['x-linkedin-id']
      if (!urn) {
        throw new ProviderError(
          'linkedin',
          { reason: 'transient', detail: 'LinkedIn accepted the post but did not say which post it created. Relink will look for it before trying again.' },
          { source: 'api', status: res.status, headers: res.headers },
        )
      }
      return { networkPostId: urn, url: LINKEDIN_POST_URL(urn), publishedAt: ctx.clock.now() }
    })
  },

  async findPublished(ctx, target, lookup): Promise<PostLookupResult> {
    if (target.kind !== 'organization') {
      return {
        kind: 'unanswerable',
        detail: 'LinkedIn does not let apps read a member’s own posts, so Relink cannot check whether this post went out. Look at the profile on LinkedIn before publishing again.',
      }
    }
    const posts: SeenPost[] = []
    const complete = await withRoleCheck(ctx, target, 'moderate', () =>
      walkPosts(
        ctx,
        target,
        (post) => (post.lastModifiedAt ?? post.createdAt ?? Number.POSITIVE_INFINITY) < lookup.sinceMs,
        (post) => {
          if ((post.createdAt ?? post.publishedAt ?? Number.POSITIVE_INFINITY) < lookup.sinceMs) return
          const source = post.content?.article?.source
          posts.push({
            post: { networkPostId: post.id, url: LINKEDIN_POST_URL(post.id), publishedAt: post.publishedAt ?? post.createdAt ?? lookup.sinceMs },
            text: unescapeLittleText(post.commentary ?? ''),
            links: source ? [source] : [],
            media: post.content?.media ? 1 : 0,
            edited: post.lifecycleStateInfo?.isEditedByAuthor === true,
          })
        },
      ),
    )
    const { draft } = lookup
    const sent = fingerprintOf(commentaryText(draft), draft.link && !draft.image ? [draft.link] : [], draft.image ? 1 : 0)
    return judgeTimeline(sent, { posts, complete }, 'LinkedIn', lookup)
  },

  /**
   * An organisation's own posts, newest first (`q=author`, sorted by last change, so paging stops
   * at the first post untouched since `sinceMs`). A member's own posts are not listed: reading
   * them needs the closed `r_member_social` permission (see LINKEDIN_SCOPES). Neither are an
   * organisation's through an analyst, whom LinkedIn shows statistics but not the post list:
   * Relink then follows the posts it published (and a role really lost shows in those reads).
   */
  async recentPosts(ctx, target, since): Promise<ChannelPostPage> {
    if (target.kind !== 'organization') return { posts: [], complete: true }
    const posts: ChannelPost[] = []
    const walk = () =>
      walkPosts(
        ctx,
        target,
        (post) => (post.lastModifiedAt ?? post.createdAt ?? Number.POSITIVE_INFINITY) < since.sinceMs,
        (post) => {
          const publishedAt = post.publishedAt ?? post.createdAt
          if (publishedAt === undefined || publishedAt < since.sinceMs || post.lifecycleState === 'DRAFT') return
          posts.push({ networkPostId: post.id, url: LINKEDIN_POST_URL(post.id), publishedAt, text: unescapeLittleText(post.commentary ?? '') })
        },
      )
    try {
      return { posts, complete: await withRoleCheck(ctx, target, 'moderate', walk) }
    } catch (err) {
      if (err instanceof ProviderError && err.reason === 'role_lost') return { posts: [], complete: true }
      throw err
    }
  },

  async listComments(ctx, target, cursor): Promise<CommentPage> {
    // Reading a member's comments needs the closed r_member_social permission (see LINKEDIN_SCOPES).
    if (target.kind !== 'organization') return { comments: [], cursor }
    const since = decodeCursor(cursor)
    const now = ctx.clock.now()
    return withRoleCheck(ctx, target, 'moderate', async () => {
      const posts = await postsToRead(ctx, target, since, now)
      const found: { comment: LinkedInComment; urn: string; postUrn: string; edited: boolean }[] = []
      for (const { post: postUrn, edited } of posts) {
        for (const top of await commentsOn(ctx, target.accessToken, postUrn)) {
          const urn = commentUrnOf(top)
          if (!urn) continue
          found.push({ comment: top, urn, postUrn, edited })
          // Replies are read from the comment itself; LinkedIn threads are two levels deep.
          const replies = top.commentsSummary?.aggregatedTotalComments ?? top.commentsSummary?.totalFirstLevelComments ?? 0
          if (replies > 0) {
            for (const reply of await commentsOn(ctx, target.accessToken, urn)) {
              const replyUrn = commentUrnOf(reply)
              if (replyUrn) found.push({ comment: { ...reply, parentComment: reply.parentComment ?? urn }, urn: replyUrn, postUrn, edited })
            }
          }
        }
      }
      // New comments; in a thread where a comment was edited, every comment, so the edit is stored.
      const fresh = found
        .filter(({ comment, urn, edited }) => {
          const t = comment.created?.time ?? 0
          return !since || edited || t > since.t || (t === since.t && !since.ids.includes(urn))
        })
        .sort((a, b) => (a.comment.created?.time ?? 0) - (b.comment.created?.time ?? 0) || a.urn.localeCompare(b.urn))
      if (fresh.length === 0) return { comments: [], cursor: encodeCursor({ t: since?.t ?? 0, ids: since?.ids ?? [], at: now }) }
      const names = await authorNames(
        ctx,
        target.accessToken,
        fresh.map((f) => f.comment.actor ?? ''),
      )
      const comments: RemoteComment[] = fresh.map(({ comment, urn, postUrn }) => {
        const who = names.get(comment.actor ?? '')
        return {
          networkCommentId: urn,
          networkPostId: postUrn,
          parentCommentId: comment.parentComment ?? null,
          authorName: who?.name ?? 'LinkedIn member',
          authorHandle: who?.handle ?? '',
          text: comment.message?.text ?? '',
          createdAt: comment.created?.time ?? 0,
        }
      })
      // An edited comment can be older than the cursor: the cursor never moves back.
      const newest = Math.max(since?.t ?? 0, ...comments.map((c) => c.createdAt))
      const atNewest = comments.filter((c) => c.createdAt === newest).map((c) => c.networkCommentId)
      const ids = since && since.t === newest ? [...new Set([...since.ids, ...atNewest])] : atNewest
      return { comments, cursor: encodeCursor({ t: newest, ids, at: now }) }
    })
  },

  async reply(ctx, target, input) {
    if (charCount(input.text) > LINKEDIN_CONTENT.maxCommentChars) {
      throw localFailure('other', `LinkedIn comments can be at most ${LINKEDIN_CONTENT.maxCommentChars.toLocaleString('en-US')} characters. Shorten the reply.`)
    }
    if (!input.text.trim()) throw localFailure('other', 'Write a reply first.')
    const parsed = parseCommentUrn(input.networkCommentId)
    if (!parsed) throw localFailure('other', 'Relink could not tell which LinkedIn comment this reply belongs to.')
    const actor = authorUrn(target)
    const client = clientFor(ctx)
    return withRoleCheck(ctx, target, 'moderate', async () => {
      // LinkedIn threads are two levels deep: a reply to a reply goes to the top-level comment.
      const { data: original } = await client.json(
        {
          method: 'GET',
          url: `${ctx.endpoints.apiBase}${LINKEDIN_PATHS.socialActions}/${encodeRestli(input.networkPostId)}/comments/${encodeRestli(parsed.id)}`,
          bearer: target.accessToken,
          headers: restHeaders(),
        },
        commentSchema,
      )
      const root = original.parentComment ?? input.networkCommentId
      const { data, raw } = await client.json(
        {
          method: 'POST',
          url: `${ctx.endpoints.apiBase}${LINKEDIN_PATHS.socialActions}/${encodeRestli(root)}/comments`,
          bearer: target.accessToken,
          headers: restHeaders(),
          json: { actor, object: input.networkPostId, parentComment: root, message: { text: input.text } },
        },
        commentSchema,
      )
      const created = commentUrnOf(data)
      if (created) return { networkCommentId: created }
      const id = data.id ?? raw.headers['x-restli-id']
      const rootParent = parseCommentUrn(root)?.parent
      if (id && rootParent) return { networkCommentId: `urn:li:comment:(${rootParent},${id})` }
      throw new ProviderError(
        'linkedin',
        { reason: 'transient', detail: 'LinkedIn accepted the reply but did not say which comment it created.' },
        { source: 'api', status: raw.status, headers: raw.headers },
      )
    })
  },

  firstComment: {
    async post(ctx, target, input) {
      if (charCount(input.text) > LINKEDIN_CONTENT.maxCommentChars) {
        throw localFailure('other', `LinkedIn comments can be at most ${LINKEDIN_CONTENT.maxCommentChars.toLocaleString('en-US')} characters. Shorten the first comment.`)
      }
      const client = clientFor(ctx)
      return withRoleCheck(ctx, target, 'publish', async () => {
        const { data, raw } = await client.json(
          {
            method: 'POST',
            url: `${ctx.endpoints.apiBase}${LINKEDIN_PATHS.socialActions}/${encodeRestli(input.networkPostId)}/comments`,
            bearer: target.accessToken,
            headers: restHeaders(),
            json: { actor: authorUrn(target), object: input.networkPostId, message: { text: input.text } },
          },
          commentSchema,
        )
        const created = commentUrnOf(data)
        if (created) return { networkCommentId: created }
        const id = data.id ?? raw.headers['x-restli-id']
        if (id) return { networkCommentId: `urn:li:comment:(${input.networkPostId},${id})` }
        throw new ProviderError(
          'linkedin',
          { reason: 'transient', detail: 'LinkedIn accepted the comment but did not say which comment it created.' },
          { source: 'api', status: raw.status, headers: raw.headers },
        )
      })
    },
    async find(ctx, target, input) {
      return withRoleCheck(ctx, target, 'publish', async () => {
        const actor = authorUrn(target)
        const mine = (await commentsOn(ctx, target.accessToken, input.networkPostId)).find(
          (c) => c.message?.text === input.text && (c.actor === undefined || c.actor === actor),
        )
        if (!mine) return null
        const urn = commentUrnOf(mine) ?? (mine.id ? `urn:li:comment:(${input.networkPostId},${mine.id})` : undefined)
        return urn ? { networkCommentId: urn } : null
      })
    },
  },

  ...linkedinCommentActions({
    client: clientFor,
    headers: restHeaders,
    actor: authorUrn,
    withRole: (ctx, target, op) => withRoleCheck(ctx, target, 'moderate', op),
    repliesTo: async (ctx, accessToken, commentUrn) =>
      (await commentsOn(ctx, accessToken, commentUrn)).flatMap((c) => {
        const urn = commentUrnOf(c)
        return urn ? [{ urn, actor: c.actor ?? '', text: c.message?.text ?? '', time: c.created?.time ?? 0 }] : []
      }),
  }),

  async channelInsights(ctx, target, range): Promise<DailyMetric[]> {
    // Member analytics need a separate LinkedIn product (r_member_postAnalytics) Relink does not request.
    if (target.kind !== 'organization') return []
    const today = dayStart(utcDay(ctx.clock.now()))
    const start = Math.max(dayStart(range.sinceDay), today - LINKEDIN_INSIGHTS_LOOKBACK_DAYS * DAY_MS)
    const end = Math.min(dayStart(range.untilDay) + DAY_MS, today + DAY_MS)
    if (!Number.isFinite(start) || !Number.isFinite(end) || start >= end) return []
    const org = encodeRestli(organizationUrn(target.networkChannelId))
    const query = (): (readonly [string, string])[] => [
      ['q', 'organizationalEntity'],
      ['organizationalEntity', org],
      ['timeIntervals', dailyIntervals(start, end)],
    ]
    const client = clientFor(ctx)
    return withRoleCheck(ctx, target, 'analyze', async () => {
      const { data: shares } = await client.json(
        { method: 'GET', url: restliUrl(ctx.endpoints.apiBase, LINKEDIN_PATHS.shareStatistics, query()), bearer: target.accessToken, headers: restHeaders() },
        shareStatisticsSchema,
      )
      const { data: followers } = await client.json(
        { method: 'GET', url: restliUrl(ctx.endpoints.apiBase, LINKEDIN_PATHS.followerStatistics, query()), bearer: target.accessToken, headers: restHeaders() },
        followerStatisticsSchema,
      )
      const metrics: DailyMetric[] = []
      for (const e of shares.elements) if (e.timeRange) metrics.push(...shareMetrics(utcDay(e.timeRange.start), e.totalShareStatistics))
      for (const e of followers.elements) if (e.timeRange) metrics.push(...followerMetrics(utcDay(e.timeRange.start), e.followerGains))
      return metrics.sort((a, b) => a.day.localeCompare(b.day) || a.metric.localeCompare(b.metric))
    })
  },

  /**
   * Lifetime totals of one post (share statistics narrowed to the post), recorded against the UTC
   * day they were read, so a series of reads shows the post's growth.
   */
  async postInsights(ctx, target, networkPostId): Promise<DailyMetric[]> {
    if (target.kind !== 'organization') return []
    const key = networkPostId.startsWith('urn:li:ugcPost:') ? 'ugcPosts' : 'shares'
    const url = restliUrl(ctx.endpoints.apiBase, LINKEDIN_PATHS.shareStatistics, [
      ['q', 'organizationalEntity'],
      ['organizationalEntity', encodeRestli(organizationUrn(target.networkChannelId))],
      [key, restliList([encodeRestli(networkPostId)])],
    ])
    return withRoleCheck(ctx, target, 'analyze', async () => {
      const { data } = await clientFor(ctx).json({ method: 'GET', url, bearer: target.accessToken, headers: restHeaders() }, shareStatisticsSchema)
      const day = utcDay(ctx.clock.now())
      return data.elements.flatMap((e) => shareMetrics(day, e.totalShareStatistics))
    })
  },

  classify: (failure) => classifyLinkedIn(failure),
}

export { classifyLinkedIn } from './classify'
export { LINKEDIN_DATA_LOSS_WARNING, LINKEDIN_LEAD_TIMES, LINKEDIN_LIFETIMES } from './config'
