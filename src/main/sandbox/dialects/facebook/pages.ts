/** Facebook Pages: the Page node, its feed, photos (published or staged for Instagram) and insights. */
import { sandboxPictureUrl } from '../../pictures'
import { json, type DialectContext, type SandboxRequest, type SandboxResponse } from '../../types'
import type { SandboxChannel, SandboxPost } from '../../world'
import { type Caller, dataAccessLapsed, firstProblem, requireScopes, requireTask, rolesOn } from './caller'
import { DAY } from './constants'
import { pageFollowers, pageInsights } from './insights'
import { pictureNode } from './login'
import { cdnUrl, channel, postNode } from './nodes'
import { type StoredPhoto, newId, stateOf } from './state'
import { type Params, badParam, dayOf, graphError, graphTime, paginate, pick, unsupported } from './wire'

export function canSeePage(caller: Caller, page: SandboxChannel): boolean {
  return rolesOn(caller, page) !== undefined
}

function createPost(ctx: DialectContext, page: SandboxChannel, caller: Caller, input: { text: string; link?: string; imageUrl?: string }): SandboxPost | SandboxResponse {
  if (caller.kind !== 'page') {
    return graphError(
      ctx,
      403,
      200,
      '(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission',
    )
  }
  if (input.text !== '') {
    const duplicate = [...ctx.world.posts.values()].some(
      (p) => p.channelId === page.id && p.text === input.text && p.createdAt > ctx.now - DAY,
    )
    if (duplicate) return graphError(ctx, 400, 506, '(#506) Duplicate status message')
  }
  const id = `${page.id}_${newId(ctx, '9')}`
  return ctx.world.addPost({ id, network: 'facebook', channelId: page.id, authorUserId: caller.user.id, text: input.text, link: input.link, imageUrl: input.imageUrl })
}

export function pageRoute(req: SandboxRequest, ctx: DialectContext, params: Params, caller: Caller, page: SandboxChannel, edge: string | undefined): SandboxResponse {
  if (!canSeePage(caller, page)) return unsupported(ctx, req.method, page.id)
  const lapsed = dataAccessLapsed(ctx, caller)
  if (lapsed) return lapsed
  const ig = page.linkedChannelId ? ctx.world.channels.get(page.linkedChannelId) : undefined

  if (edge === undefined && req.method === 'GET') {
    const node = {
      id: page.id,
      name: page.name,
      username: page.handle,
      link: `https://www.facebook.com/${page.handle}`,
      followers_count: pageFollowers(ctx, page.id, dayOf(ctx.now - DAY)),
      picture: pictureNode(ctx, page),
      instagram_business_account: ig ? { id: ig.id, username: ig.handle, name: ig.name, profile_picture_url: sandboxPictureUrl(ctx.origin, ig) } : undefined,
    }
    return json(200, pick(node, params.get('fields'), ['name']))
  }

  if ((edge === 'feed' || edge === 'posts' || edge === 'published_posts') && req.method === 'GET') {
    const problem = requireScopes(ctx, caller, ['pages_read_engagement'], 10)
    if (problem) return problem
    const since = Number(params.get('since') ?? 0) * 1000
    const until = params.get('until') !== undefined ? Number(params.get('until')) * 1000 : Infinity
    const posts = [...ctx.world.posts.values()]
      .filter((p) => p.channelId === page.id && p.createdAt >= since && p.createdAt <= until)
      .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id))
      .map((p) => pick(postNode(ctx, p), params.get('fields'), ['message', 'created_time']))
    return json(200, paginate(ctx, req, posts, params))
  }

  if (edge === 'feed' && req.method === 'POST') {
    const problem = firstProblem(
      requireScopes(ctx, caller, ['pages_manage_posts', 'pages_read_engagement'], 200),
      requireTask(ctx, caller, page, ['CREATE_CONTENT']),
    )
    if (problem) return problem
    const message = params.get('message') ?? ''
    const link = params.get('link')
    if (message === '' && !link) return badParam(ctx, 'Missing message or attachment')
    const post = createPost(ctx, page, caller, { text: message, link })
    return 'status' in post ? post : json(200, { id: post.id })
  }

  if (edge === 'photos' && req.method === 'POST') {
    const problem = firstProblem(
      requireScopes(ctx, caller, ['pages_manage_posts', 'pages_read_engagement'], 200),
      requireTask(ctx, caller, page, ['CREATE_CONTENT']),
    )
    if (problem) return problem
    if (caller.kind !== 'page') {
      return graphError(ctx, 403, 200, '(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission')
    }
    const source = params.file('source')
    if (!source || source.data.length === 0) return graphError(ctx, 400, 324, '(#324) Requires upload file')
    if (!['image/jpeg', 'image/png', 'image/gif'].includes(source.contentType)) {
      return graphError(ctx, 400, 324, '(#324) Missing or invalid image file')
    }
    const photo: StoredPhoto = {
      id: newId(ctx, '77'),
      pageId: page.id,
      bytes: source.data,
      contentType: source.contentType,
      published: params.get('published') !== 'false',
      createdAt: ctx.now,
    }
    stateOf(ctx.world).photos.set(photo.id, photo)
    if (!photo.published) return json(200, { id: photo.id })
    const post = createPost(ctx, page, caller, { text: params.get('message') ?? params.get('caption') ?? '', imageUrl: cdnUrl(ctx, photo) })
    if ('status' in post) {
      stateOf(ctx.world).photos.delete(photo.id)
      return post
    }
    photo.postId = post.id
    return json(200, { id: photo.id, post_id: post.id })
  }

  if (edge === 'insights' && req.method === 'GET') {
    const problem = firstProblem(requireScopes(ctx, caller, ['read_insights', 'pages_read_engagement'], 10), requireTask(ctx, caller, page, ['ANALYZE']))
    if (problem) return problem
    return pageInsights(req, ctx, params, page)
  }
  return unsupported(ctx, req.method, `${page.id}/${edge ?? ''}`)
}

export function photoRoute(req: SandboxRequest, ctx: DialectContext, params: Params, caller: Caller, photo: StoredPhoto): SandboxResponse {
  const page = channel(ctx, photo.pageId, 'page')
  if (!page || !canSeePage(caller, page)) return unsupported(ctx, req.method, photo.id)
  if (req.method === 'DELETE') {
    stateOf(ctx.world).photos.delete(photo.id)
    if (photo.postId) ctx.world.posts.delete(photo.postId)
    return json(200, { success: true })
  }
  if (req.method !== 'GET') return unsupported(ctx, req.method, photo.id)
  const node = {
    id: photo.id,
    created_time: graphTime(photo.createdAt),
    images: [{ source: cdnUrl(ctx, photo) }],
    link: `https://www.facebook.com/photo.php?fbid=${photo.id}`,
    page_story_id: photo.postId,
  }
  return json(200, pick(node, params.get('fields'), ['created_time', 'images']))
}
