/**
 * Images and posts: the image upload (initialise, then the bytes), creating a post, and an
 * author's posts as the Posts API lists them.
 */
import { json, type DialectContext, type SandboxRequest, type SandboxResponse } from '../../types'
import type { SandboxChannel, SandboxPost } from '../../world'
import { type Caller, channelUrn, linkedinChannel, mayActAs, scopeFor } from './caller'
import { paged } from './organizations'
import { HOUR, MAX_COMMENTARY, NETWORK, numericId, stateOf } from './state'
import { accessDenied, badRequest, notFound, personUrn, shareUrn, unprocessable } from './wire'

export function initializeUpload(req: SandboxRequest, ctx: DialectContext, caller: Caller, version: string): SandboxResponse {
  if (req.query.get('action') !== 'initializeUpload') return badRequest('Unsupported action.')
  const body = req.json as { initializeUploadRequest?: { owner?: unknown } } | undefined
  const owner = body?.initializeUploadRequest?.owner
  if (typeof owner !== 'string') return unprocessable('/initializeUploadRequest/owner :: field is required but not found')
  if (!caller.scopes.has(scopeFor(owner, true)) || !mayActAs(ctx, caller, owner, 'publish')) {
    return accessDenied('images', 'ACTION-initializeUpload', version)
  }
  const id = `D4E10AQ${numericId(ctx.world).slice(-10)}`
  const image = `urn:li:image:${id}`
  stateOf(ctx.world).images.set(image, { ownerUrn: owner, userId: caller.user.id, uploaded: false })
  return json(200, {
    value: { uploadUrlExpiresAt: ctx.now + HOUR, uploadUrl: `${ctx.base}/dms-uploads/${id}?ca=vector_feedshare`, image },
  })
}

export function uploadBytes(req: SandboxRequest, ctx: DialectContext, caller: Caller, id: string): SandboxResponse {
  const image = stateOf(ctx.world).images.get(`urn:li:image:${id}`)
  if (!image || image.userId !== caller.user.id) return notFound('Upload')
  if (req.body.length === 0) return badRequest('Empty upload.')
  image.uploaded = true
  return { status: 201 }
}

/** Characters of little text as a reader sees them (escapes removed). */
const plainLength = (commentary: string): number => [...commentary.replace(/\\(.)/g, '$1')].length

export function createPost(req: SandboxRequest, ctx: DialectContext, caller: Caller, version: string): SandboxResponse {
  const body = req.json as Record<string, unknown> | undefined
  if (!body || typeof body !== 'object') return badRequest('Request body must be JSON.')
  const author = body.author
  if (typeof author !== 'string') return unprocessable('/author :: field is required but not found')
  if (!caller.scopes.has(scopeFor(author, true)) || !mayActAs(ctx, caller, author, 'publish')) {
    return accessDenied('partnerApiPostsExternal', 'CREATE', version)
  }
  if (body.lifecycleState !== 'PUBLISHED') return unprocessable('/lifecycleState :: only PUBLISHED is supported')
  const commentary = typeof body.commentary === 'string' ? body.commentary : ''
  if (plainLength(commentary) > MAX_COMMENTARY) {
    return unprocessable(`/commentary :: length ${plainLength(commentary)} exceeds the maximum allowed length ${MAX_COMMENTARY}`)
  }
  const content = (body.content ?? {}) as { media?: { id?: unknown }; article?: { source?: unknown; title?: unknown } }
  let imageUrl: string | undefined
  let link: string | undefined
  if (content.media) {
    const id = content.media.id
    const image = typeof id === 'string' ? stateOf(ctx.world).images.get(id) : undefined
    if (!image || !image.uploaded || image.ownerUrn !== author) return unprocessable('/content/media/id :: image is not uploaded or belongs to another owner')
    imageUrl = `${ctx.base}/media/${String(id)}`
  } else if (content.article) {
    if (typeof content.article.source !== 'string' || typeof content.article.title !== 'string') {
      return unprocessable('/content/article :: source and title are required')
    }
    link = content.article.source
  }
  const channelId = author.replace(/^urn:li:(organization|person):/, '')
  const post = ctx.world.addPost({
    id: numericId(ctx.world),
    network: NETWORK,
    channelId,
    authorUserId: caller.user.id,
    text: commentary,
    ...(link ? { link } : {}),
    ...(imageUrl ? { imageUrl } : {}),
  })
  const urn = shareUrn(post.id)
  return { status: 201, headers: { 'x-restli-id': urn, 'x-linkedin-id': urn } }
}

function postJson(post: SandboxPost, channel: SandboxChannel | undefined) {
  const author = channel ? channelUrn(channel) : personUrn(post.authorUserId)
  return {
    id: shareUrn(post.id),
    author,
    commentary: post.text,
    visibility: 'PUBLIC',
    distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
    lifecycleState: 'PUBLISHED',
    lifecycleStateInfo: { isEditedByAuthor: post.editedAt !== undefined },
    isReshareDisabledByAuthor: false,
    createdAt: post.createdAt,
    publishedAt: post.createdAt,
    lastModifiedAt: post.editedAt ?? post.createdAt,
    ...(post.imageUrl ? { content: { media: { id: post.imageUrl.replace(/^.*\/media\//, '') } } } : {}),
    ...(post.link ? { content: { article: { source: post.link } } } : {}),
  }
}

export function postsByAuthor(req: SandboxRequest, ctx: DialectContext, caller: Caller, version: string): SandboxResponse {
  if (req.query.get('q') !== 'author') return badRequest('Unsupported finder; use q=author.')
  const author = req.query.get('author') ?? ''
  if (!caller.scopes.has(scopeFor(author, false)) || !mayActAs(ctx, caller, author, 'moderate')) {
    return accessDenied('partnerApiPostsExternal', 'FINDER-author', version)
  }
  const channelId = author.replace(/^urn:li:(organization|person):/, '')
  const channel = linkedinChannel(ctx, channelId)
  const all = [...ctx.world.posts.values()]
    .filter((p) => p.network === NETWORK && p.channelId === channelId)
    .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id))
    .map((p) => postJson(p, channel))
  return paged(req, all, 10)
}
