/**
 * Instagram business accounts through Facebook Login. Sign-in, tokens, health and revoke are
 * Facebook's; the account is found through its Page (`instagram_business_account`), and every
 * call uses that Page's token, which does not expire (unlike the 60-day user token) and fails
 * with the Page's own signatures (190/492 when the role is gone).
 *
 * Publishing needs the image on a public URL that Instagram fetches. Relink holds the image as
 * bytes, so it first stages it on the linked Page as an unpublished photo (`published=false`),
 * takes that photo's CDN address from its `images` field, creates the media container with
 * `image_url`, publishes it, then deletes the staged photo.
 */
import * as z from 'zod'
import { graphCommentActions } from '../graph/comment-actions'
import { graphErrorOf } from '../facebook/classify'
import type { GraphMetric } from '../facebook/config'
import * as graph from '../graph'
import { fingerprintOf, judgeTimeline } from '../fingerprint'
import { labelOf } from '../http-client'
import { ProviderError } from '../provider-error'
import type {
  ChannelPostPage,
  ChannelTarget,
  ContentProblem,
  DailyMetric,
  PostDraft,
  PostLookup,
  PostLookupResult,
  ProviderAdapter,
  PublishOptions,
  ProviderContext,
  PublishedPost,
  RecentPostsSince,
} from '../types'
import {
  INSTAGRAM_CONTENT,
  INSTAGRAM_MEDIA_METRICS,
  INSTAGRAM_PUBLISH,
  INSTAGRAM_SCOPES,
  INSTAGRAM_SYNC,
  INSTAGRAM_USER_SERIES_METRICS,
  INSTAGRAM_USER_TOTAL_METRICS,
  INSTAGRAM_LOOKUP,
} from './config'
import { composedText, measureText, textDraftOf } from '../../../shared/domain/text-length'
import { listInstagramComments, ReplySchema } from './comments'
import { MediaSchema, recentMedia } from './media'

const DAY_MS = 24 * 60 * 60 * 1000
const NETWORK = 'instagram' as const

const IdSchema = z.object({ id: z.string() })
const PhotoImagesSchema = z.object({
  id: z.string(),
  images: z.array(z.object({ source: z.string(), width: z.number().optional(), height: z.number().optional() })).min(1),
})
const ContainerStatusSchema = z.object({ id: z.string().optional(), status_code: z.string() })
const CommentParentSchema = z.object({ id: z.string(), parent_id: z.string().optional() })


// Instagram shows no link previews and no clickable links in captions: the link becomes text.
const captionOf = (draft: PostDraft): string => composedText('instagram', textDraftOf(draft))

export function validateInstagramContent(draft: PostDraft): ContentProblem[] {
  const problems: ContentProblem[] = []
  const caption = captionOf(draft)
  const { used: length, available: budget } = measureText('instagram', textDraftOf(draft))
  if (length > budget) {
    problems.push({ field: 'text', message: `Instagram captions can have at most ${budget} characters here; this one has ${length}.` })
  }
  const hashtags = caption.match(/#[\p{L}\p{N}_]+/gu)?.length ?? 0
  if (hashtags > INSTAGRAM_CONTENT.maxHashtags) {
    problems.push({ field: 'text', message: `Instagram allows at most ${INSTAGRAM_CONTENT.maxHashtags} hashtags; this caption has ${hashtags}.` })
  }
  const mentions = caption.match(/(^|[^\w])@[\w.]+/g)?.length ?? 0
  if (mentions > INSTAGRAM_CONTENT.maxMentions) {
    problems.push({ field: 'text', message: `Instagram allows at most ${INSTAGRAM_CONTENT.maxMentions} @-mentions; this caption has ${mentions}.` })
  }
  if (draft.link !== undefined && !graph.isHttpUrl(draft.link)) {
    problems.push({ field: 'link', message: 'The link must be a full web address starting with http:// or https://.' })
  }
  const image = draft.image
  if (!image) {
    problems.push({ field: 'image', message: 'Instagram posts need an image. Add one before publishing.' })
    return problems
  }
  if (!INSTAGRAM_CONTENT.imageMimeTypes.includes(image.mimeType)) {
    problems.push({ field: 'image', message: 'Instagram accepts JPEG images only. Convert the image to JPEG and try again.' })
  }
  if (image.bytes.byteLength > INSTAGRAM_CONTENT.maxImageBytes) {
    problems.push({ field: 'image', message: 'The image is larger than 8 MB. Use a smaller image.' })
  }
  if (image.bytes.byteLength === 0 || image.width <= 0 || image.height <= 0) {
    problems.push({ field: 'image', message: 'The image is empty or unreadable.' })
  } else {
    const ratio = image.width / image.height
    // A small tolerance so 1080×1350 (exactly 4:5) and 1080×566 (≈1.91:1) pass.
    if (ratio < INSTAGRAM_CONTENT.minAspectRatio - 0.001 || ratio > INSTAGRAM_CONTENT.maxAspectRatio + 0.005) {
      problems.push({ field: 'image', message: 'Instagram needs an aspect ratio between 4:5 (portrait) and 1.91:1 (landscape). Crop the image and try again.' })
    }
  }
  return problems
}

function stillProcessing(status: string): ProviderError {
  const label = labelOf(NETWORK)
  const failure = { source: 'api' as const, status: 200, body: { status_code: status } }
  if (status === 'IN_PROGRESS') {
    return new ProviderError(NETWORK, { reason: 'transient', detail: `${label} is still processing the image. Relink will try again.` }, failure)
  }
  return new ProviderError(
    NETWORK,
    { reason: 'other', detail: `${label} could not process the image (status ${status}). Try another image.` },
    failure,
  )
}

async function stageImage(ctx: ProviderContext, target: ChannelTarget, image: NonNullable<PostDraft['image']>): Promise<{ photoId: string; url: string }> {
  const client = graph.graphClient(NETWORK, ctx)
  // With a Page token, /me is the Page the Instagram account is linked to.
  const { data: page } = await client.json({ method: 'GET', url: graph.graphUrl(ctx, '/me'), bearer: target.accessToken, query: { fields: 'id' } }, IdSchema)
  const { data: photo } = await client.json(
    {
      method: 'POST',
      url: graph.graphUrl(ctx, graph.graphNodePath(page.id, 'photos')),
      bearer: target.accessToken,
      bytes: graph.multipartBody(
        { published: 'false' },
        { name: 'source', filename: `image.${graph.extensionOf(image.mimeType)}`, contentType: image.mimeType, data: image.bytes },
      ),
    },
    IdSchema,
  )
  const { data: images } = await client.json(
    { method: 'GET', url: graph.graphUrl(ctx, graph.graphNodePath(photo.id)), bearer: target.accessToken, query: { fields: 'id,images' } },
    PhotoImagesSchema,
  )
  const largest = [...images.images].sort((a, b) => (b.width ?? 0) - (a.width ?? 0))[0]
  if (!largest) throw stillProcessing('ERROR')
  return { photoId: photo.id, url: largest.source }
}

/** The media just published, read back for its permalink and time. */
function readMedia(ctx: ProviderContext, target: ChannelTarget, mediaId: string): Promise<PublishedPost> {
  return graph.readBack(NETWORK, ctx, target, mediaId, {
    fields: 'id,permalink,timestamp',
    schema: MediaSchema,
    toPost: (m) => ({ networkPostId: m.id, url: m.permalink ?? 'https://www.instagram.com/', publishedAt: graph.parseGraphTime(m.timestamp) }),
    fallbackUrl: 'https://www.instagram.com/',
  })
}

async function publish(ctx: ProviderContext, target: ChannelTarget, draft: PostDraft, options?: PublishOptions): Promise<PublishedPost> {
  const image = draft.image
  if (!image) {
    throw new ProviderError(NETWORK, { reason: 'other', detail: 'Instagram posts need an image. Add one before publishing.' }, { source: 'api' })
  }
  const client = graph.graphClient(NETWORK, ctx)
  const ig = target.networkChannelId
  return graph.withDataAccessCheck(NETWORK, ctx, target.accessToken, async () => {
    const staged = await stageImage(ctx, target, image)
    const { data: container } = await client.json(
      {
        method: 'POST',
        url: graph.graphUrl(ctx, graph.graphNodePath(ig, 'media')),
        bearer: target.accessToken,
        form: { image_url: staged.url, caption: captionOf(draft), alt_text: image.altText },
      },
      IdSchema,
    )
    // Recorded before publishing: after a lost answer, the container's status tells whether it went out.
    await options?.onContainer?.(container.id)
    let status = 'IN_PROGRESS'
    for (let i = 0; i < INSTAGRAM_PUBLISH.statusChecks && status === 'IN_PROGRESS'; i++) {
      const { data } = await client.json(
        { method: 'GET', url: graph.graphUrl(ctx, graph.graphNodePath(container.id)), bearer: target.accessToken, query: { fields: 'status_code' } },
        ContainerStatusSchema,
      )
      status = data.status_code
    }
    if (status !== 'FINISHED') throw stillProcessing(status)
    const { data: media } = await client.json(
      { method: 'POST', url: graph.graphUrl(ctx, graph.graphNodePath(ig, 'media_publish')), bearer: target.accessToken, form: { creation_id: container.id } },
      IdSchema,
    )
    // Instagram has copied the image; the staged Page photo is no longer needed. Best effort.
    await client.raw({ method: 'DELETE', url: graph.graphUrl(ctx, graph.graphNodePath(staged.photoId)), bearer: target.accessToken }).catch(() => undefined)
    return readMedia(ctx, target, media.id)
  })
}

/** The account's own media since `sinceMs`, newest first (`/{ig-user}/media` has no time filter: paging stops at the first older item). */
async function recentPosts(ctx: ProviderContext, target: ChannelTarget, since: RecentPostsSince): Promise<ChannelPostPage> {
  const read = await graph.withDataAccessCheck(NETWORK, ctx, target.accessToken, () => recentMedia(ctx, target, since.sinceMs, 'id,caption,timestamp,permalink'))
  const posts = read.items.map((m) => ({ networkPostId: m.id, url: m.permalink ?? 'https://www.instagram.com/', publishedAt: graph.parseGraphTime(m.timestamp), text: m.caption ?? '' }))
  return { posts, complete: read.complete }
}

/**
 * Whether the delivery's own media container was published: `PUBLISHED`, true; any other status
 * (never sent to `media_publish`, or refused), false; undefined when the container cannot be read
 * (containers expire after a day).
 */
async function containerPublished(ctx: ProviderContext, target: ChannelTarget, containerId: string): Promise<boolean | undefined> {
  try {
    const { data } = await graph.graphClient(NETWORK, ctx).json(
      { method: 'GET', url: graph.graphUrl(ctx, graph.graphNodePath(containerId)), bearer: target.accessToken, query: { fields: 'status_code' } },
      ContainerStatusSchema,
    )
    return data.status_code === 'PUBLISHED'
  } catch (err) {
    if (err instanceof ProviderError && err.failure.source === 'api' && err.reason === 'other') return undefined
    throw err
  }
}

/**
 * The container first (its status says whether this delivery's media went out), then the
 * account's media since the intent, compared with what was sent (see `fingerprint.ts`).
 */
async function findPublished(ctx: ProviderContext, target: ChannelTarget, lookup: PostLookup): Promise<PostLookupResult> {
  return graph.withDataAccessCheck(NETWORK, ctx, target.accessToken, async () => {
    const published = lookup.containerId ? await containerPublished(ctx, target, lookup.containerId) : undefined
    if (published === false) return { kind: 'absent' }
    const read = await recentMedia(ctx, target, lookup.sinceMs, 'id,caption,timestamp,permalink')
    const posts = read.items.map((m) => ({
      post: { networkPostId: m.id, url: m.permalink ?? 'https://www.instagram.com/', publishedAt: graph.parseGraphTime(m.timestamp) },
      text: m.caption ?? '',
      links: [],
      media: 1,
    }))
    const sent = fingerprintOf(captionOf(lookup.draft), [], 1)
    const judged = judgeTimeline(sent, { posts, complete: read.complete }, 'Instagram', lookup)
    if (published !== true || judged.kind === 'found' || judged.kind === 'ambiguous') return judged
    const others = posts.filter((p) => !lookup.knownPostIds?.has(p.post.networkPostId))
    if (others.length > 0) {
      return { kind: 'ambiguous', candidates: others.map((p) => p.post), detail: 'Instagram says the post was published, but none of the account’s recent posts has its caption.' }
    }
    // Published, not listed yet: look again a little later.
    throw new ProviderError(NETWORK, { reason: 'transient', detail: 'Instagram says the post was published but does not list it yet.' }, { source: 'api' })
  })
}

/** Only top-level comments take replies on Instagram, so a reply to a reply goes to its parent. */
function reply(ctx: ProviderContext, target: ChannelTarget, input: { networkCommentId: string; networkPostId: string; text: string }) {
  return graph.replyInThread(NETWORK, ctx, target, input, { fields: 'id,parent_id', schema: CommentParentSchema, parentOf: (c) => c.parent_id ?? c.id, edge: 'replies' })
}

/**
 * The account metrics to ask for: all of the adapter's tables, or only those named (by the names
 * the adapter reports). A name the tables do not know is asked for as a daily series under that
 * very name, so Graph's refusal of it ("(#100) metric[0] must be one of …") reaches the caller,
 * which isolates it.
 */
function accountMetrics(names: readonly string[] | undefined): { series: GraphMetric[]; totals: GraphMetric[] } {
  if (!names) return { series: [...INSTAGRAM_USER_SERIES_METRICS], totals: [...INSTAGRAM_USER_TOTAL_METRICS] }
  const known = new Set([...INSTAGRAM_USER_SERIES_METRICS, ...INSTAGRAM_USER_TOTAL_METRICS].map((m) => m.relink))
  return {
    series: [...INSTAGRAM_USER_SERIES_METRICS.filter((m) => names.includes(m.relink)), ...names.filter((n) => !known.has(n)).map((n) => ({ graph: n, relink: n }))],
    totals: INSTAGRAM_USER_TOTAL_METRICS.filter((m) => names.includes(m.relink)),
  }
}

/**
 * Daily account metrics: the series in Graph's 30-day windows, the `total_value` metrics one day
 * per request for the range's last days. With `metrics`, only those (the reader's small groups).
 */
async function channelInsights(
  ctx: ProviderContext,
  target: ChannelTarget,
  range: { sinceDay: string; untilDay: string; metrics?: readonly string[] },
): Promise<DailyMetric[]> {
  const client = graph.graphClient(NETWORK, ctx)
  const url = graph.graphUrl(ctx, graph.graphNodePath(target.networkChannelId, 'insights'))
  const { series, totals } = accountMetrics(range.metrics)
  return graph.withDataAccessCheck(NETWORK, ctx, target.accessToken, async () => {
    const out =
      series.length > 0
        ? await graph.dailyInsights(NETWORK, ctx, target, { nodeId: target.networkChannelId, table: series, range, maxDays: INSTAGRAM_SYNC.insightsMaxRangeDays })
        : []
    if (totals.length === 0) return out
    const metric = totals.map((m) => m.graph).join(',')
    const names = new Map(totals.map((m) => [m.graph, m.relink]))
    const lastDay = graph.dayStart(range.untilDay)
    const firstDay = Math.max(graph.dayStart(range.sinceDay), lastDay - (INSTAGRAM_SYNC.totalValueMaxDays - 1) * DAY_MS)
    for (let day = firstDay; day <= lastDay; day += DAY_MS) {
      const { data } = await client.json(
        {
          method: 'GET',
          url,
          bearer: target.accessToken,
          query: { metric, metric_type: 'total_value', period: 'day', since: day / 1000, until: (day + DAY_MS) / 1000 },
        },
        graph.InsightsSchema,
      )
      for (const insight of data.data) {
        const name = names.get(insight.name)
        const value = insight.total_value?.value ?? graph.metricValue(insight.values?.[0]?.value)
        if (name && value !== undefined) out.push({ day: graph.dayOf(day), metric: name, value })
      }
    }
    return out
  })
}

async function postInsights(ctx: ProviderContext, target: ChannelTarget, networkPostId: string): Promise<DailyMetric[]> {
  try {
    return await graph.postLifetimeInsights(NETWORK, ctx, target, networkPostId, INSTAGRAM_MEDIA_METRICS)
  } catch (err) {
    // "(#10) Not enough viewers for the media to show insights": no numbers yet, not a failure.
    if (err instanceof ProviderError && /not enough viewers/i.test(graphErrorOf(err.failure.body)?.message ?? '')) return []
    throw err
  }
}

/**
 * The first comment under a published post: the Graph comments edge of the media, with the Page's
 * token. An unknown outcome is settled by looking for the same text among the media's comments.
 */
const firstComment: NonNullable<ProviderAdapter['firstComment']> = {
  async post(ctx, target, input) {
    const client = graph.graphClient(NETWORK, ctx)
    return graph.withDataAccessCheck(NETWORK, ctx, target.accessToken, async () => {
      const { data } = await client.json(
        { method: 'POST', url: graph.graphUrl(ctx, graph.graphNodePath(input.networkPostId, 'comments')), bearer: target.accessToken, form: { message: input.text } },
        IdSchema,
      )
      return { networkCommentId: data.id }
    })
  },
  async find(ctx, target, input) {
    const client = graph.graphClient(NETWORK, ctx)
    return graph.withDataAccessCheck(NETWORK, ctx, target.accessToken, async () => {
      const comments = await graph.collectPaged(
        client,
        { method: 'GET', url: graph.graphUrl(ctx, graph.graphNodePath(input.networkPostId, 'comments')), bearer: target.accessToken, query: { fields: 'id,text,timestamp', limit: INSTAGRAM_SYNC.pageSize } },
        ReplySchema,
      )
      const mine = comments.find((c) => c.text === input.text)
      return mine ? { networkCommentId: mine.id } : null
    })
  },
}

export const instagramAdapter: ProviderAdapter = graph.graphAdapter(NETWORK, {
  scopes: INSTAGRAM_SCOPES,
  confirmAbsentAfterMs: INSTAGRAM_LOOKUP.confirmAbsentAfterMs,
  channelsOf: graph.instagramChannelsOf,
  operations: { validateContent: (draft) => validateInstagramContent(draft), publish, findPublished, listComments: listInstagramComments, reply, ...graphCommentActions('instagram'), firstComment, channelInsights, postInsights, recentPosts },
})
