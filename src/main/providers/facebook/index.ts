/**
 * Facebook Pages through the Graph API. The person signs in with Facebook Login (code flow with
 * the app secret), the short-lived user token is exchanged for a long-lived one (~60 days, no
 * refresh), and each Page is used with the Page token from `/me/accounts`, which never expires
 * but dies with a password change, app removal or a lost Page role.
 */
import * as z from 'zod'
import { graphCommentActions } from '../graph/comment-actions'
import { fingerprintOf, judgeTimeline, type SeenPost } from '../fingerprint'
import type { ChannelPostPage, ChannelTarget, CommentPage, ContentProblem, DailyMetric, PostDraft, PostLookup, PostLookupResult, ProviderAdapter, ProviderContext, PublishedPost, RecentPostsSince, RemoteComment } from '../types'
import {
  FACEBOOK_CONTENT,
  FACEBOOK_PAGE_METRICS,
  FACEBOOK_POST_METRICS,
  FACEBOOK_SCOPES,
  FACEBOOK_SYNC,
  META_SCOPES,
  FACEBOOK_LOOKUP,
  type GraphMetric,
} from './config'
import {
  advanceCursor,
  collectPaged,
  collectWindow,
  dailyInsights,
  decodeCursor,
  encodeCursor,
  extensionOf,
  graphClient,
  graphNodePath as nodePath,
  graphAdapter,
  graphUrl,
  instagramChannelsOf,
  isHttpUrl,
  multipartBody,
  pageChannelOf,
  parseGraphTime,
  postLifetimeInsights,
  readBack,
  replyInThread,
  toSeconds,
  withDataAccessCheck,
} from '../graph'
import { composedText, measureText, textDraftOf } from '../../../shared/domain/text-length'

const NETWORK = 'facebook' as const

const IdSchema = z.object({ id: z.string() })
const PhotoResultSchema = z.object({ id: z.string(), post_id: z.string().optional() })
const PostSchema = z.object({
  id: z.string(),
  message: z.string().optional(),
  created_time: z.string(),
  updated_time: z.string().optional(),
  permalink_url: z.string().optional(),
  link: z.string().optional(),
  full_picture: z.string().optional(),
})
const CommentSchema = z.object({
  id: z.string(),
  message: z.string().optional(),
  created_time: z.string(),
  from: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  parent: z.object({ id: z.string() }).optional(),
})
const CommentParentSchema = z.object({ id: z.string(), parent: z.object({ id: z.string() }).optional() })

const pagePath = (target: ChannelTarget, edge: string): string => `/${encodeURIComponent(target.networkChannelId)}/${edge}`

/** Text of a photo post: a photo cannot carry a link attachment, so the link joins the text. */
const postText = (draft: PostDraft): string => composedText('facebook', textDraftOf(draft))

export function validateFacebookContent(draft: PostDraft): ContentProblem[] {
  const problems: ContentProblem[] = []
  const text = postText(draft)
  if (text.trim() === '' && !draft.link && !draft.image) {
    problems.push({ field: 'text', message: 'Write some text, add a link or add an image before publishing.' })
  }
  const { used: length, available: budget } = measureText('facebook', textDraftOf(draft))
  if (length > budget) {
    problems.push({ field: 'text', message: `Facebook posts can have at most ${budget} characters here; this one has ${length}.` })
  }
  if (draft.link !== undefined && !isHttpUrl(draft.link)) {
    problems.push({ field: 'link', message: 'The link must be a full web address starting with http:// or https://.' })
  }
  if (draft.image) {
    if (!FACEBOOK_CONTENT.imageMimeTypes.includes(draft.image.mimeType)) {
      problems.push({ field: 'image', message: 'Facebook accepts JPEG, PNG or GIF images. Convert the image and try again.' })
    }
    if (draft.image.bytes.byteLength > FACEBOOK_CONTENT.maxImageBytes) {
      problems.push({ field: 'image', message: 'The image is larger than 4 MB. Use a smaller image.' })
    }
    if (draft.image.bytes.byteLength === 0 || draft.image.width <= 0 || draft.image.height <= 0) {
      problems.push({ field: 'image', message: 'The image is empty or unreadable.' })
    }
  }
  return problems
}

/** The post just published, read back for its permalink and time. */
function readPublished(ctx: ProviderContext, target: ChannelTarget, postId: string): Promise<PublishedPost> {
  return readBack(NETWORK, ctx, target, postId, {
    fields: 'id,created_time,permalink_url',
    schema: PostSchema,
    toPost: (p) => ({ networkPostId: p.id, url: p.permalink_url ?? `https://www.facebook.com/${p.id}`, publishedAt: parseGraphTime(p.created_time) }),
    fallbackUrl: `https://www.facebook.com/${postId}`,
  })
}

async function publish(ctx: ProviderContext, target: ChannelTarget, draft: PostDraft): Promise<PublishedPost> {
  const client = graphClient(NETWORK, ctx)
  const message = postText(draft)
  return withDataAccessCheck(NETWORK, ctx, target.accessToken, async () => {
    if (draft.image) {
      const { data } = await client.json(
        {
          method: 'POST',
          url: graphUrl(ctx, pagePath(target, 'photos')),
          bearer: target.accessToken,
          bytes: multipartBody(
            // Alt text is not sent: the Page photo edge documents no parameter for it.
            { message, published: 'true' },
            { name: 'source', filename: `image.${extensionOf(draft.image.mimeType)}`, contentType: draft.image.mimeType, data: draft.image.bytes },
          ),
        },
        PhotoResultSchema,
      )
      return readPublished(ctx, target, data.post_id ?? data.id)
    }
    const { data } = await client.json(
      { method: 'POST', url: graphUrl(ctx, pagePath(target, 'feed')), bearer: target.accessToken, form: { message, link: draft.link } },
      IdSchema,
    )
    return readPublished(ctx, target, data.id)
  })
}

/** What a Page post on the feed shows of its content: a link post's picture is its preview, not an image. */
function seenPost(p: z.output<typeof PostSchema>): SeenPost {
  return {
    post: { networkPostId: p.id, url: p.permalink_url ?? `https://www.facebook.com/${p.id}`, publishedAt: parseGraphTime(p.created_time) },
    text: p.message ?? '',
    links: p.link ? [p.link] : [],
    media: p.link ? undefined : p.full_picture ? 1 : 0,
  }
}

/** The Page's own feed since the intent, compared with what was sent (see `fingerprint.ts`). */
async function findPublished(ctx: ProviderContext, target: ChannelTarget, lookup: PostLookup): Promise<PostLookupResult> {
  const client = graphClient(NETWORK, ctx)
  const { draft, sinceMs } = lookup
  const read = await withDataAccessCheck(NETWORK, ctx, target.accessToken, () =>
    collectWindow(
      client,
      {
        method: 'GET',
        url: graphUrl(ctx, pagePath(target, 'feed')),
        bearer: target.accessToken,
        query: { fields: 'id,message,created_time,permalink_url,link,full_picture', since: toSeconds(sinceMs), limit: FACEBOOK_SYNC.pageSize },
      },
      PostSchema,
      { stop: (p) => parseGraphTime(p.created_time) < sinceMs },
    ),
  )
  const sent = fingerprintOf(postText(draft), draft.link && !draft.image ? [draft.link] : [], draft.image ? 1 : 0)
  return judgeTimeline(sent, { posts: read.items.map(seenPost), complete: read.complete }, 'Facebook', lookup)
}

/** The Page's own posts since `sinceMs`, newest first: `published_posts` lists what the Page published, not visitors' posts on it. */
async function recentPosts(ctx: ProviderContext, target: ChannelTarget, since: RecentPostsSince): Promise<ChannelPostPage> {
  const read = await withDataAccessCheck(NETWORK, ctx, target.accessToken, () =>
    collectWindow(
      graphClient(NETWORK, ctx),
      {
        method: 'GET',
        url: graphUrl(ctx, pagePath(target, 'published_posts')),
        bearer: target.accessToken,
        query: { fields: 'id,message,created_time,permalink_url', since: toSeconds(since.sinceMs), limit: FACEBOOK_SYNC.pageSize },
      },
      PostSchema,
      { stop: (p) => parseGraphTime(p.created_time) < since.sinceMs },
    ),
  )
  const posts = read.items.map((p) => ({ networkPostId: p.id, url: p.permalink_url ?? `https://www.facebook.com/${p.id}`, publishedAt: parseGraphTime(p.created_time), text: p.message ?? '' }))
  return { posts, complete: read.complete }
}

/**
 * New comments and replies on the Page's recent posts. A post's `updated_time` moves when someone
 * comments, so only posts touched since the cursor are opened; `filter=stream` lists replies
 * with their `parent` next to top-level comments, newest first, until the cursor is reached.
 * About once an hour the last two days' posts are read whole instead: every comment on them comes
 * back, so an edit is stored, and those they no longer list were deleted (`wholePosts`).
 */
async function listComments(ctx: ProviderContext, target: ChannelTarget, cursorText: string | null): Promise<CommentPage> {
  const client = graphClient(NETWORK, ctx)
  const cursor = decodeCursor(cursorText)
  const now = ctx.clock.now()
  const watermark = cursor?.since ?? now - FACEBOOK_SYNC.firstCommentSyncMs
  const hotDue = cursor !== null && now - (cursor.hotAt ?? 0) >= FACEBOOK_SYNC.commentHotEveryMs
  return withDataAccessCheck(NETWORK, ctx, target.accessToken, async () => {
    const posts = await collectPaged(
      client,
      {
        method: 'GET',
        url: graphUrl(ctx, pagePath(target, 'feed')),
        bearer: target.accessToken,
        query: { fields: 'id,created_time,updated_time', since: toSeconds(now - FACEBOOK_SYNC.commentPostLookbackMs), limit: FACEBOOK_SYNC.pageSize },
      },
      PostSchema,
    )
    const hot = (p: (typeof posts)[number]): boolean => hotDue && parseGraphTime(p.created_time) >= now - FACEBOOK_SYNC.commentHotSetMs
    const found: RemoteComment[] = []
    const again: RemoteComment[] = []
    const wholePosts: NonNullable<CommentPage['wholePosts']> = []
    for (const post of posts.filter((p) => hot(p) || parseGraphTime(p.updated_time ?? p.created_time) >= watermark)) {
      const whole = hot(post)
      const read = await collectWindow(
        client,
        {
          method: 'GET',
          url: graphUrl(ctx, nodePath(post.id, 'comments')),
          bearer: target.accessToken,
          query: {
            filter: 'stream',
            order: 'reverse_chronological',
            fields: 'id,message,created_time,from{id,name},parent{id}',
            limit: FACEBOOK_SYNC.commentPageSize,
          },
        },
        CommentSchema,
        whole ? {} : { stop: (c) => parseGraphTime(c.created_time) < watermark },
      )
      const comments = read.items.map(
        (c): RemoteComment => ({
          networkCommentId: c.id,
          networkPostId: post.id,
          parentCommentId: c.parent?.id ?? null,
          // Without the person's consent Graph may omit `from`; the comment still belongs in the inbox.
          authorName: c.from?.name ?? 'Facebook user',
          authorHandle: c.from?.id ?? '',
          text: c.message ?? '',
          createdAt: parseGraphTime(c.created_time),
        }),
      )
      found.push(...comments)
      if (whole) {
        again.push(...comments)
        if (read.complete) wholePosts.push({ networkPostId: post.id, networkCommentIds: comments.map((c) => c.networkCommentId) })
      }
    }
    const { fresh, next } = advanceCursor(found, cursor)
    const listed = new Set(fresh.map((c) => c.networkCommentId))
    const comments = [...fresh, ...again.filter((c) => !listed.has(c.networkCommentId))]
    const hotAt = hotDue || cursor === null ? now : cursor.hotAt
    const base = decodeCursor(next)
    return {
      comments,
      cursor: base ? encodeCursor(hotAt === undefined ? base : { ...base, hotAt }) : null,
      ...(wholePosts.length > 0 ? { wholePosts } : {}),
    }
  })
}

/** Replies go under the top-level comment, as on facebook.com: a reply to a reply joins its thread. */
function reply(ctx: ProviderContext, target: ChannelTarget, input: { networkCommentId: string; networkPostId: string; text: string }) {
  return replyInThread(NETWORK, ctx, target, input, { fields: 'id,parent{id}', schema: CommentParentSchema, parentOf: (c) => c.parent?.id ?? c.id, edge: 'comments' })
}

function channelInsights(ctx: ProviderContext, target: ChannelTarget, range: { sinceDay: string; untilDay: string; metrics?: readonly string[] }): Promise<DailyMetric[]> {
  const table: readonly GraphMetric[] = range.metrics ? range.metrics.map((graph) => ({ graph, relink: graph })) : FACEBOOK_PAGE_METRICS
  return withDataAccessCheck(NETWORK, ctx, target.accessToken, () =>
    dailyInsights(NETWORK, ctx, target, { nodeId: target.networkChannelId, table, range, maxDays: FACEBOOK_SYNC.insightsMaxRangeDays }),
  )
}

// Reported under Graph's own names, as the metric registry knows them (its renames are Graph's).
const postInsights = (ctx: ProviderContext, target: ChannelTarget, networkPostId: string): Promise<DailyMetric[]> =>
  postLifetimeInsights(
    NETWORK,
    ctx,
    target,
    networkPostId,
    FACEBOOK_POST_METRICS.map((m) => ({ graph: m.graph, relink: m.graph })),
  )

export const facebookAdapter: ProviderAdapter = graphAdapter(NETWORK, {
  scopes: META_SCOPES,
  requiredScopes: FACEBOOK_SCOPES,
  confirmAbsentAfterMs: FACEBOOK_LOOKUP.confirmAbsentAfterMs,
  // A Meta person's channels: every Page they manage and the Instagram business account linked
  // to each, all reached with the one Facebook Login grant (PROVIDERS.md: Instagram via Facebook Login).
  channelsOf: (accounts) => [...accounts.map(pageChannelOf), ...instagramChannelsOf(accounts)],
  operations: { validateContent: (draft) => validateFacebookContent(draft), publish, findPublished, listComments, reply, ...graphCommentActions('facebook'), channelInsights, postInsights, recentPosts },
})
