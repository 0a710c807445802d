/** Instagram business accounts: the account node, media containers and `media_publish`, media, comments and replies, insights. */
import { sandboxPictureUrl } from '../../pictures'
import { unit } from '../../../../shared/random'
import { json, type DialectContext, type SandboxRequest, type SandboxResponse } from '../../types'
import type { SandboxChannel, SandboxComment, SandboxPost } from '../../world'
import { type Caller, dataAccessLapsed, firstProblem, requireScopes, requireTask } from './caller'
import { DAY, HOUR, IG_PUBLISH_QUOTA } from './constants'
import { IG_MEDIA_BASE, igUserInsights, invalidMetric, pageFollowers } from './insights'
import { cdnUrl, channel, commentsOf, igCommentNode, igMedia, mediaNode, pageOfIg } from './nodes'
import { canSeePage } from './pages'
import { type MediaContainer, type StoredPhoto, newId, stateOf } from './state'
import { type Params, badParam, dayOf, fieldNames, graphError, paginate, pick, unsupported } from './wire'

export function igRoute(req: SandboxRequest, ctx: DialectContext, params: Params, caller: Caller, ig: SandboxChannel, edge: string | undefined): SandboxResponse {
  const page = pageOfIg(ctx, ig.id)
  if (!page || !canSeePage(caller, page)) return unsupported(ctx, req.method, ig.id)
  const lapsed = dataAccessLapsed(ctx, caller)
  if (lapsed) return lapsed

  if (edge === undefined && req.method === 'GET') {
    const problem = requireScopes(ctx, caller, ['instagram_basic'], 10)
    if (problem) return problem
    const node = {
      id: ig.id,
      username: ig.handle,
      name: ig.name,
      followers_count: pageFollowers(ctx, ig.id, dayOf(ctx.now - DAY)),
      media_count: [...ctx.world.posts.values()].filter((p) => p.channelId === ig.id).length,
      profile_picture_url: sandboxPictureUrl(ctx.origin, ig),
    }
    return json(200, pick(node, params.get('fields'), ['username']))
  }
  if (edge === 'media' && req.method === 'GET') {
    const problem = requireScopes(ctx, caller, ['instagram_basic'], 10)
    if (problem) return problem
    const media = [...ctx.world.posts.values()]
      .filter((p) => p.channelId === ig.id)
      .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id))
      .map((m) => pick(mediaNode(ctx, m), params.get('fields'), []))
    return json(200, paginate(ctx, req, media, params))
  }
  if (edge === 'media' && req.method === 'POST') {
    const problem = firstProblem(
      requireScopes(ctx, caller, ['instagram_basic', 'instagram_content_publish'], 200),
      requireTask(ctx, caller, page, ['CREATE_CONTENT']),
    )
    if (problem) return problem
    if (params.get('video_url') || params.get('media_type')) return badParam(ctx, 'Only image containers are supported by the sandbox')
    const imageUrl = params.get('image_url')
    if (!imageUrl) return badParam(ctx, 'The parameter image_url is required')
    const caption = params.get('caption') ?? ''
    if ([...caption].length > 2200) return badParam(ctx, 'The caption is longer than 2,200 characters')
    // Instagram cURLs the image: the sandbox can only reach its own CDN, and takes JPEG only.
    const photo = photoAtUrl(ctx, imageUrl)
    if (!photo || photo.contentType !== 'image/jpeg') {
      return graphError(ctx, 400, 9004, 'Only photo or video can be accepted as media type.', {
        subcode: 2207052,
        userTitle: 'Media download has failed.',
        userMsg: 'The media could not be fetched from this URI. Check that it is a public JPEG image.',
      })
    }
    const container: MediaContainer = {
      id: newId(ctx, '1790'),
      igUserId: ig.id,
      userId: caller.kind === 'app' ? '' : caller.user.id,
      imageUrl: cdnUrl(ctx, photo),
      caption,
      altText: params.get('alt_text'),
      status: 'FINISHED',
      createdAt: ctx.now,
    }
    stateOf(ctx.world).containers.set(container.id, container)
    return json(200, { id: container.id })
  }
  if (edge === 'media_publish' && req.method === 'POST') {
    const problem = firstProblem(
      requireScopes(ctx, caller, ['instagram_basic', 'instagram_content_publish'], 200),
      requireTask(ctx, caller, page, ['CREATE_CONTENT']),
    )
    if (problem) return problem
    const container = stateOf(ctx.world).containers.get(params.get('creation_id') ?? '')
    if (!container || container.igUserId !== ig.id || container.status !== 'FINISHED') {
      return graphError(ctx, 400, 9007, 'Media ID is not available', {
        subcode: 2207027,
        userTitle: 'Media not ready for publishing',
        userMsg: 'The media is not ready for publishing, please wait for a moment',
      })
    }
    const recent = (stateOf(ctx.world).igPublishes.get(ig.id) ?? []).filter((t) => t > ctx.now - DAY)
    if (recent.length >= IG_PUBLISH_QUOTA) {
      return graphError(ctx, 400, 9, 'Application request limit reached', {
        subcode: 2207042,
        userTitle: 'Reached maximum number of posts',
        userMsg: 'You reached the maximum number of posts allowed in 24 hours.',
      })
    }
    const media = ctx.world.addPost({
      id: newId(ctx, '1800'),
      network: 'facebook',
      channelId: ig.id,
      authorUserId: container.userId,
      text: container.caption,
      imageUrl: container.imageUrl,
    })
    container.status = 'PUBLISHED'
    container.mediaId = media.id
    stateOf(ctx.world).igPublishes.set(ig.id, [...recent, ctx.now])
    return json(200, { id: media.id })
  }
  if (edge === 'content_publishing_limit' && req.method === 'GET') {
    const recent = (stateOf(ctx.world).igPublishes.get(ig.id) ?? []).filter((t) => t > ctx.now - DAY)
    return json(200, { data: [{ quota_usage: recent.length, config: { quota_total: IG_PUBLISH_QUOTA, quota_duration: 86_400 } }] })
  }
  if (edge === 'insights' && req.method === 'GET') {
    const problem = firstProblem(
      requireScopes(ctx, caller, ['instagram_basic', 'instagram_manage_insights'], 10),
      requireTask(ctx, caller, page, ['ANALYZE']),
    )
    if (problem) return problem
    return igUserInsights(ctx, params, ig)
  }
  return unsupported(ctx, req.method, `${ig.id}/${edge ?? ''}`)
}

function photoAtUrl(ctx: DialectContext, url: string): StoredPhoto | undefined {
  const prefix = `${ctx.base}/cdn/`
  if (!url.startsWith(prefix)) return undefined
  const id = url.slice(prefix.length).replace(/\.[a-z]+$/, '')
  return stateOf(ctx.world).photos.get(id)
}

export function mediaRoute(req: SandboxRequest, ctx: DialectContext, params: Params, caller: Caller, media: SandboxPost, edge: string | undefined): SandboxResponse {
  const ig = channel(ctx, media.channelId, 'business_account')
  const page = ig ? pageOfIg(ctx, ig.id) : undefined
  if (!ig || !page || !canSeePage(caller, page)) return unsupported(ctx, req.method, media.id)
  const lapsed = dataAccessLapsed(ctx, caller)
  if (lapsed) return lapsed
  if (edge === undefined && req.method === 'GET') {
    const problem = requireScopes(ctx, caller, ['instagram_basic'], 10)
    return problem ?? json(200, pick(mediaNode(ctx, media), params.get('fields'), []))
  }
  if (edge === 'comments' && req.method === 'GET') {
    const problem = requireScopes(ctx, caller, ['instagram_basic', 'instagram_manage_comments'], 10)
    if (problem) return problem
    const names = fieldNames(params.get('fields'))
    const all = commentsOf(ctx, media.id)
    const nodes = all
      .filter((c) => c.parentId === null)
      .sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id))
      .map((c) => {
        const node = pick(igCommentNode(c), params.get('fields'), ['text', 'timestamp'])
        if (names?.has('replies')) {
          const replies = all
            .filter((r) => r.parentId === c.id)
            .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
            .map((r) => igCommentNode(r))
          if (replies.length > 0) node.replies = { data: replies }
        }
        return node
      })
    return json(200, paginate(ctx, req, nodes, params))
  }
  if (edge === 'comments' && req.method === 'POST') {
    const problem = firstProblem(requireScopes(ctx, caller, ['instagram_manage_comments'], 200), requireTask(ctx, caller, page, ['MODERATE', 'CREATE_CONTENT']))
    if (problem) return problem
    const message = params.get('message') ?? ''
    if (message.trim() === '') return badParam(ctx, 'The parameter message is required')
    const comment = ctx.world.addComment({
      id: newId(ctx, '1795'),
      network: 'facebook',
      postId: media.id,
      parentId: null,
      authorName: ig.name,
      authorHandle: ig.handle,
      text: message,
      viaApi: true,
    })
    return json(200, { id: comment.id })
  }
  if (edge === 'insights' && req.method === 'GET') {
    const problem = firstProblem(
      requireScopes(ctx, caller, ['instagram_basic', 'instagram_manage_insights'], 10),
      requireTask(ctx, caller, page, ['ANALYZE']),
    )
    if (problem) return problem
    const metrics = (params.get('metric') ?? '').split(',').map((m) => m.trim()).filter(Boolean)
    if (metrics.length === 0) return badParam(ctx, 'The parameter metric is required')
    const retired = metrics.find((m) => ['impressions', 'plays', 'video_views'].includes(m))
    if (retired) {
      return badParam(ctx, `Starting from version v22.0 and above, the ${retired} metric is no longer supported for the media.`)
    }
    if (metrics.some((m) => IG_MEDIA_BASE[m] === undefined)) return invalidMetric(ctx)
    // Fresh media has too few viewers for insights; Graph answers code 10 for that.
    if (ctx.now - media.createdAt < HOUR) return graphError(ctx, 400, 10, '(#10) Not enough viewers for the media to show insights')
    const age = Math.min(1, (ctx.now - media.createdAt) / (3 * DAY))
    const data = metrics.map((name) => ({
      name,
      period: 'lifetime',
      values: [{ value: Math.round((IG_MEDIA_BASE[name] ?? 0) * age * (0.5 + unit(ctx.seed, media.id, 'lifetime', name))) }],
      title: name,
      description: `Lifetime: ${name}`,
      id: `${media.id}/insights/${name}/lifetime`,
    }))
    return json(200, { data })
  }
  return unsupported(ctx, req.method, `${media.id}/${edge ?? ''}`)
}

export function igCommentRoute(req: SandboxRequest, ctx: DialectContext, params: Params, caller: Caller, comment: SandboxComment, edge: string | undefined): SandboxResponse {
  const media = igMedia(ctx, comment.postId)
  const ig = media ? channel(ctx, media.channelId, 'business_account') : undefined
  const page = ig ? pageOfIg(ctx, ig.id) : undefined
  if (!media || !ig || !page || !canSeePage(caller, page)) return unsupported(ctx, req.method, comment.id)
  const lapsed = dataAccessLapsed(ctx, caller)
  if (lapsed) return lapsed
  const problem = requireScopes(ctx, caller, ['instagram_basic', 'instagram_manage_comments'], req.method === 'GET' ? 10 : 200)
  if (problem) return problem
  if (edge === undefined && req.method === 'GET') return json(200, pick(igCommentNode(comment), params.get('fields'), ['text', 'timestamp']))
  // Moderation: hide or unhide (POST hide), delete; Instagram has no likes for apps.
  if (edge === undefined && (req.method === 'POST' || req.method === 'DELETE')) {
    const task = requireTask(ctx, caller, page, ['MODERATE'])
    if (task) return task
    if (req.method === 'DELETE') {
      ctx.world.deleteComment(comment.id)
      return json(200, { success: true })
    }
    const hide = params.get('hide')
    if (hide !== 'true' && hide !== 'false') return badParam(ctx, 'The parameter hide is required')
    comment.hidden = hide === 'true'
    return json(200, { success: true })
  }
  if (edge === 'replies' && req.method === 'GET') {
    const replies = commentsOf(ctx, media.id)
      .filter((c) => c.parentId === comment.id)
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
      .map((c) => pick(igCommentNode(c), params.get('fields'), ['text', 'timestamp']))
    return json(200, paginate(ctx, req, replies, params))
  }
  if (edge === 'replies' && req.method === 'POST') {
    const task = requireTask(ctx, caller, page, ['MODERATE', 'CREATE_CONTENT'])
    if (task) return task
    // Only top-level comments take replies on Instagram.
    if (comment.parentId !== null) return badParam(ctx, 'Replies can only be made to top-level comments')
    const message = params.get('message') ?? ''
    if (message.trim() === '') return badParam(ctx, 'The parameter message is required')
    const reply = ctx.world.addComment({
      id: newId(ctx, '1796'),
      network: 'facebook',
      postId: media.id,
      parentId: comment.id,
      authorName: ig.name,
      authorHandle: ig.handle,
      text: message,
      viaApi: true,
    })
    return json(200, { id: reply.id })
  }
  return unsupported(ctx, req.method, `${comment.id}/${edge ?? ''}`)
}
