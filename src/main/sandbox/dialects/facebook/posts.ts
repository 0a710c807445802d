/** Page posts and their comments: reading, commenting as the Page, and moderation (hide, delete, like). */
import { json, type DialectContext, type SandboxRequest, type SandboxResponse } from '../../types'
import type { SandboxChannel, SandboxComment, SandboxPost } from '../../world'
import { type Caller, dataAccessLapsed, firstProblem, requireScopes, requireTask } from './caller'
import { POST_METRIC_BASE, invalidMetric, postMetric } from './insights'
import { channel, commentsOf, fbCommentNode, fbPost, postNode } from './nodes'
import { canSeePage } from './pages'
import { newId } from './state'
import { type Params, badParam, graphError, paginate, pick, unsupported } from './wire'

export function postRoute(req: SandboxRequest, ctx: DialectContext, params: Params, caller: Caller, post: SandboxPost, edge: string | undefined): SandboxResponse {
  const page = channel(ctx, post.channelId, 'page')
  if (!page || !canSeePage(caller, page)) return unsupported(ctx, req.method, post.id)
  const lapsed = dataAccessLapsed(ctx, caller)
  if (lapsed) return lapsed
  if (edge === undefined && req.method === 'GET') {
    const problem = requireScopes(ctx, caller, ['pages_read_engagement'], 10)
    return problem ?? json(200, pick(postNode(ctx, post), params.get('fields'), ['message', 'created_time']))
  }
  if (edge === 'comments') return commentsEdge(req, ctx, params, caller, page, post, null)
  if (edge === 'insights' && req.method === 'GET') {
    const problem = firstProblem(requireScopes(ctx, caller, ['read_insights', 'pages_read_engagement'], 10), requireTask(ctx, caller, page, ['ANALYZE']))
    if (problem) return problem
    const metrics = (params.get('metric') ?? '').split(',').map((m) => m.trim()).filter(Boolean)
    if (metrics.length === 0) return badParam(ctx, 'The parameter metric is required')
    if (metrics.some((m) => POST_METRIC_BASE[m] === undefined)) return invalidMetric(ctx)
    const data = metrics.map((name) => ({
      name,
      period: 'lifetime',
      values: [{ value: postMetric(ctx, post, name) }],
      title: name,
      description: `Lifetime: ${name}`,
      id: `${post.id}/insights/${name}/lifetime`,
    }))
    return json(200, { data })
  }
  return unsupported(ctx, req.method, `${post.id}/${edge ?? ''}`)
}

function commentsEdge(
  req: SandboxRequest,
  ctx: DialectContext,
  params: Params,
  caller: Caller,
  page: SandboxChannel,
  post: SandboxPost,
  parent: SandboxComment | null,
): SandboxResponse {
  if (req.method === 'GET') {
    const problem = requireScopes(ctx, caller, ['pages_read_engagement', 'pages_read_user_content'], 10)
    if (problem) return problem
    const stream = params.get('filter') === 'stream'
    const all = commentsOf(ctx, post.id)
    const selected = parent ? all.filter((c) => c.parentId === parent.id) : stream ? all : all.filter((c) => c.parentId === null)
    const reverse = params.get('order') === 'reverse_chronological'
    const sorted = selected.sort((a, b) => (reverse ? b.createdAt - a.createdAt : a.createdAt - b.createdAt) || a.id.localeCompare(b.id))
    const nodes = sorted.map((c) => pick(fbCommentNode(ctx, c, stream || parent !== null), params.get('fields'), ['message', 'created_time', 'from']))
    return json(200, paginate(ctx, req, nodes, params))
  }
  if (req.method === 'POST') {
    const problem = firstProblem(
      requireScopes(ctx, caller, ['pages_manage_engagement'], 200),
      requireTask(ctx, caller, page, ['MODERATE', 'CREATE_CONTENT']),
    )
    if (problem) return problem
    if (caller.kind !== 'page') return graphError(ctx, 403, 200, '(#200) Permissions error: comment as the Page with a Page access token')
    const message = params.get('message') ?? ''
    if (message.trim() === '') return badParam(ctx, 'Missing message or attachment')
    // Facebook threads are two levels deep: a reply to a reply joins the top-level thread.
    const parentId = parent ? (parent.parentId ?? parent.id) : null
    const local = post.id.split('_')[1] ?? post.id
    const comment = ctx.world.addComment({
      id: `${local}_${newId(ctx, '8')}`,
      network: 'facebook',
      postId: post.id,
      parentId,
      authorName: page.name,
      authorHandle: page.id,
      text: message,
      viaApi: true,
    })
    return json(200, { id: comment.id })
  }
  return unsupported(ctx, req.method, `${post.id}/comments`)
}

export function fbCommentRoute(req: SandboxRequest, ctx: DialectContext, params: Params, caller: Caller, comment: SandboxComment, edge: string | undefined): SandboxResponse {
  const post = fbPost(ctx, comment.postId)
  const page = post ? channel(ctx, post.channelId, 'page') : undefined
  if (!post || !page || !canSeePage(caller, page)) return unsupported(ctx, req.method, comment.id)
  const lapsed = dataAccessLapsed(ctx, caller)
  if (lapsed) return lapsed
  if (edge === undefined && req.method === 'GET') {
    const problem = requireScopes(ctx, caller, ['pages_read_engagement', 'pages_read_user_content'], 10)
    const viewer = caller.kind === 'page' ? caller.page.id : caller.kind === 'user' ? caller.user.id : undefined
    return problem ?? json(200, pick(fbCommentNode(ctx, comment, true, viewer), params.get('fields'), ['message', 'created_time', 'from']))
  }
  if (edge === 'comments') return commentsEdge(req, ctx, params, caller, page, post, comment)
  // Moderation: hide or unhide (POST is_hidden), delete, like — as the Page, with a moderator's task.
  if ((edge === undefined && (req.method === 'POST' || req.method === 'DELETE')) || (edge === 'likes' && req.method === 'POST')) {
    const problem = firstProblem(requireScopes(ctx, caller, ['pages_manage_engagement'], 200), requireTask(ctx, caller, page, ['MODERATE']))
    if (problem) return problem
    if (caller.kind !== 'page') return graphError(ctx, 403, 200, '(#200) Permissions error: moderate as the Page with a Page access token')
    if (edge === 'likes') {
      comment.likedBy = [...new Set([...(comment.likedBy ?? []), caller.page.id])]
      return json(200, { success: true })
    }
    if (req.method === 'DELETE') {
      ctx.world.deleteComment(comment.id)
      return json(200, { success: true })
    }
    const hidden = params.get('is_hidden')
    if (hidden !== 'true' && hidden !== 'false') return badParam(ctx, 'The parameter is_hidden is required')
    // A Page's own comments cannot be hidden.
    if (comment.authorHandle === page.id) return graphError(ctx, 400, 100, 'Invalid parameter', { subcode: 1446036 })
    comment.hidden = hidden === 'true'
    return json(200, { success: true })
  }
  return unsupported(ctx, req.method, `${comment.id}/${edge ?? ''}`)
}
