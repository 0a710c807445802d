/**
 * The adapter parts Facebook Pages and Instagram business accounts share, because both are the
 * Graph API behind Facebook Login: the sign-in (code exchange, debug_token probe, revoke), reading
 * a post back after publishing, lifetime insights of a post, daily insights in the windows Graph
 * allows, and replying under a comment's thread. Each adapter passes what differs (network,
 * scopes, fields, metric tables, edges).
 */
import * as z from 'zod'
import type { Network } from '../../../shared/domain/network'
import { classifyFacebook } from '../facebook/classify'
import { FACEBOOK_DEFAULT_ENDPOINTS, FACEBOOK_EXTRA_AUTH_PARAMS, GRAPH_PATHS, facebookRedirect, type GraphMetric } from '../facebook/config'
import { labelOf } from '../http-client'
import { ProviderError } from '../provider-error'
import type { ChannelTarget, DailyMetric, DiscoveredChannel, OAuthConfig, ProviderAdapter, ProviderContext, PublishedPost } from '../types'
import {
  InsightsSchema,
  capabilitiesOf,
  dailyMetrics,
  dayChunks,
  dayStart,
  exchangeCodeForGrant,
  fetchAccounts,
  graphClient,
  type GraphAccount,
  graphUrl,
  identifyUser,
  lifetimeMetrics,
  probeToken,
  revokeLogin,
  toSeconds,
  tokenUrl,
  withDataAccessCheck,
} from './client'

const DAY_MS = 24 * 60 * 60 * 1000
const IdSchema = z.object({ id: z.string() })

export const graphNodePath = (id: string, edge?: string): string => `/${encodeURIComponent(id)}${edge ? `/${edge}` : ''}`

/** What a Graph adapter does its own way; the rest is {@link graphAdapter}'s. */
export type GraphOperations = Pick<
  ProviderAdapter,
  'validateContent' | 'publish' | 'findPublished' | 'listComments' | 'reply' | 'moderate' | 'findCommentAction' | 'firstComment' | 'channelInsights' | 'postInsights' | 'recentPosts'
>

/** What a Graph adapter says of itself; the rest is {@link graphAdapter}'s. */
export interface GraphAdapterParts {
  /** The permissions the sign-in asks for. */
  scopes: readonly string[]
  /** The permissions the grant must hold to work (the probe's check); `scopes` when not said. */
  requiredScopes?: readonly string[]
  confirmAbsentAfterMs: number
  /** The network's channels among the person's Pages. */
  channelsOf(accounts: GraphAccount[]): DiscoveredChannel[]
  operations: GraphOperations
}

/**
 * A Graph adapter: Facebook Login, channels found among the person's Pages (`channelsOf` picks
 * and shapes them), Graph's error table under the network's name, and the network's own operations.
 */
export function graphAdapter(network: Network, own: GraphAdapterParts): ProviderAdapter {
  return {
    network,
    defaultEndpoints: FACEBOOK_DEFAULT_ENDPOINTS,
    confirmAbsentAfterMs: own.confirmAbsentAfterMs,
    ...graphSignIn(network, own.scopes, own.requiredScopes ?? own.scopes),
    async discoverChannels(ctx, grant) {
      const accounts = await withDataAccessCheck(network, ctx, grant.accessToken, () => fetchAccounts(network, ctx, grant.accessToken))
      return own.channelsOf(accounts)
    },
    ...own.operations,
    classify: (failure) => classifyFacebook(failure, undefined, labelOf(network)),
  }
}

/** A Page as a Relink channel, with its own Page token. */
export function pageChannelOf(page: GraphAccount): DiscoveredChannel {
  const tasks = page.tasks ?? []
  const channel: DiscoveredChannel = { network: 'facebook', networkChannelId: page.id, kind: 'page', name: page.name, handle: page.username ?? page.name, tasks, capabilities: capabilitiesOf(tasks) }
  if (page.access_token) channel.token = page.access_token
  // A silhouette is Facebook's stand-in for a Page without a picture: the initials say more.
  const picture = page.picture?.data
  if (picture) channel.pictureUrl = picture.url && !picture.is_silhouette ? picture.url : null
  return channel
}

/**
 * The Instagram business accounts linked to the person's Pages, as Relink channels: every call on
 * one uses its Page's token, and the person's tasks on the Page are their rights on the account.
 */
export function instagramChannelsOf(pages: readonly GraphAccount[]): DiscoveredChannel[] {
  return pages.flatMap((page) => {
    const ig = page.instagram_business_account
    if (!ig) return []
    const tasks = page.tasks ?? []
    const channel: DiscoveredChannel = {
      network: 'instagram',
      networkChannelId: ig.id,
      kind: 'business_account',
      name: ig.name ?? ig.username ?? page.name,
      handle: ig.username ?? ig.id,
      tasks,
      capabilities: capabilitiesOf(tasks),
    }
    if (page.access_token) channel.token = page.access_token
    channel.pictureUrl = ig.profile_picture_url ?? null
    return [channel]
  })
}

/**
 * Facebook Login for one Graph network: the OAuth settings and the token calls of its adapter. The
 * sign-in asks for `scopes`; the probe holds the grant to `requiredScopes` only.
 */
export function graphSignIn(
  network: Network,
  scopes: readonly string[],
  requiredScopes: readonly string[],
): Pick<ProviderAdapter, 'oauth' | 'exchangeCode' | 'revoke' | 'identify' | 'probe'> {
  return {
    oauth(ctx): OAuthConfig {
      return {
        authorizationEndpoint: `${ctx.endpoints.authBase}${GRAPH_PATHS.authorize}`,
        tokenEndpoint: tokenUrl(ctx),
        scopes,
        scopeSeparator: ',',
        // Meta documents PKCE only for its OIDC code flow ("still in testing"); the standard flow
        // relies on the app secret. Relink sends a challenge anyway (RFC 8252 §6); Meta ignores or honours it.
        pkce: 'supported',
        clientSecret: 'required',
        tokenAuth: 'client_secret_post',
        redirect: facebookRedirect(`/callback/${network}`),
        extraAuthParams: FACEBOOK_EXTRA_AUTH_PARAMS,
        dynamicRegistration: false,
      }
    },
    exchangeCode: (ctx, input) => exchangeCodeForGrant(network, ctx, input),
    revoke: (ctx, grant) => revokeLogin(network, ctx, grant),
    identify: (ctx, accessToken) => identifyUser(network, ctx, accessToken),
    probe: (ctx, accessToken) => probeToken(network, ctx, accessToken, requiredScopes),
  }
}

/**
 * A post just published, read back for its link and time. The post exists: failing to read it
 * must not turn a success into an unknown outcome, so a refused read falls back to `fallbackUrl`.
 */
export async function readBack<T extends z.ZodType>(
  network: Network,
  ctx: ProviderContext,
  target: ChannelTarget,
  id: string,
  read: { fields: string; schema: T; toPost(node: z.output<T>): PublishedPost; fallbackUrl: string },
): Promise<PublishedPost> {
  try {
    const { data } = await graphClient(network, ctx).json(
      { method: 'GET', url: graphUrl(ctx, graphNodePath(id)), bearer: target.accessToken, query: { fields: read.fields } },
      read.schema,
    )
    return read.toPost(data)
  } catch (err) {
    if (err instanceof ProviderError) return { networkPostId: id, url: read.fallbackUrl, publishedAt: ctx.clock.now() }
    throw err
  }
}

/** Lifetime insights of one post or media item, reported on the day they were read. */
export async function postLifetimeInsights(network: Network, ctx: ProviderContext, target: ChannelTarget, id: string, table: readonly GraphMetric[]): Promise<DailyMetric[]> {
  return withDataAccessCheck(network, ctx, target.accessToken, async () => {
    const { data } = await graphClient(network, ctx).json(
      {
        method: 'GET',
        url: graphUrl(ctx, graphNodePath(id, 'insights')),
        bearer: target.accessToken,
        query: { metric: table.map((m) => m.graph).join(',') },
      },
      InsightsSchema,
    )
    return lifetimeMetrics(data.data, table, ctx.clock.now())
  })
}

/**
 * Daily insights of a node over a range, asked in windows of at most `maxDays` (Graph refuses
 * longer `since`/`until` spans). Call inside the adapter's data-access check.
 */
export async function dailyInsights(
  network: Network,
  ctx: ProviderContext,
  target: ChannelTarget,
  ask: { nodeId: string; table: readonly GraphMetric[]; range: { sinceDay: string; untilDay: string }; maxDays: number },
): Promise<DailyMetric[]> {
  const client = graphClient(network, ctx)
  const metric = ask.table.map((m) => m.graph).join(',')
  const out: DailyMetric[] = []
  for (const chunk of dayChunks(ask.range.sinceDay, ask.range.untilDay, ask.maxDays)) {
    const { data } = await client.json(
      {
        method: 'GET',
        url: graphUrl(ctx, graphNodePath(ask.nodeId, 'insights')),
        bearer: target.accessToken,
        query: { metric, period: 'day', since: toSeconds(dayStart(chunk.since)), until: toSeconds(dayStart(chunk.until) + DAY_MS) },
      },
      InsightsSchema,
    )
    out.push(...dailyMetrics(data.data, ask.table, ask.range))
  }
  return out
}

/**
 * A reply in a comment's thread: the comment is read for its parent (`parentOf`), and the reply
 * goes under the thread's top comment on the network's reply edge (threads are two levels deep).
 */
export async function replyInThread<T extends z.ZodType>(
  network: Network,
  ctx: ProviderContext,
  target: ChannelTarget,
  input: { networkCommentId: string; text: string },
  thread: { fields: string; schema: T; parentOf(comment: z.output<T>): string; edge: 'comments' | 'replies' },
): Promise<{ networkCommentId: string }> {
  const client = graphClient(network, ctx)
  return withDataAccessCheck(network, ctx, target.accessToken, async () => {
    const { data: comment } = await client.json(
      { method: 'GET', url: graphUrl(ctx, graphNodePath(input.networkCommentId)), bearer: target.accessToken, query: { fields: thread.fields } },
      thread.schema,
    )
    const { data } = await client.json(
      { method: 'POST', url: graphUrl(ctx, graphNodePath(thread.parentOf(comment), thread.edge)), bearer: target.accessToken, form: { message: input.text } },
      IdSchema,
    )
    return { networkCommentId: data.id }
  })
}
