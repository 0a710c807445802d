/**
 * Publishing on LinkedIn: checking a draft against LinkedIn's limits, uploading its image, creating
 * the post (Posts API), and finding a post whose creation went unanswered.
 */
import { fingerprintOf, judgeTimeline, type SeenPost } from '../fingerprint'
import { ProviderError } from '../provider-error'
import type { ChannelTarget, ContentLimits, ContentProblem, PostDraft, PostLookup, PostLookupResult, ProviderContext, PublishedPost } from '../types'
import { authorUrn, clientFor, localFailure, restHeaders } from './api'
import { LINKEDIN_CONTENT, LINKEDIN_PATHS, LINKEDIN_POST_URL } from './config'
import { withRoleCheck } from './identity'
import { walkPosts } from './posts'
import { escapeLittleText, restliUrl, unescapeLittleText } from './restli'
import { initializeUploadSchema } from './schemas'
import { composedText, measureText, textDraftOf } from '../../../shared/domain/text-length'

export function validateContent(draft: PostDraft, limits?: ContentLimits): ContentProblem[] {
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

export async function publish(ctx: ProviderContext, target: ChannelTarget, draft: PostDraft): Promise<PublishedPost> {
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
}

export async function findPublished(ctx: ProviderContext, target: ChannelTarget, lookup: PostLookup): Promise<PostLookupResult> {
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
}
