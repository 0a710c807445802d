/**
 * Comments: the socialActions comments of a post or comment (read, write, delete), the
 * organisation's social action notifications, and reactions on comments.
 */
import { unit } from '../../../../shared/random'
import { json, type DialectContext, type SandboxRequest, type SandboxResponse } from '../../types'
import type { SandboxComment, SandboxPost } from '../../world'
import { type Caller, channelUrn, linkedinChannel, mayActAs, scopeFor } from './caller'
import { paged } from './organizations'
import { DAY, MAX_COMMENT, NETWORK, numericId } from './state'
import { accessDenied, activityUrn, apiError, badRequest, commentUrn, notFound, parseCommentUrn, parseList, personUrn, postIdOf, shareUrn, unprocessable } from './wire'

/** The URN a comment's author acts under: a page or member the sandbox knows, else a person by handle. */
function actorOf(ctx: DialectContext, c: SandboxComment): string {
  const channel = [...ctx.world.channels.values()].find((ch) => ch.network === NETWORK && ch.handle === c.authorHandle)
  if (channel) return channelUrn(channel)
  const user = [...ctx.world.users.values()].find((u) => u.network === NETWORK && u.handle === c.authorHandle)
  return personUrn(user?.id ?? c.authorHandle)
}

function commentJson(ctx: DialectContext, c: SandboxComment) {
  const urn = commentUrn(c.postId, c.id)
  const actor = actorOf(ctx, c)
  const replies = [...ctx.world.comments.values()].filter((x) => x.network === NETWORK && x.parentId === c.id).length
  return {
    id: c.id,
    commentUrn: urn,
    $URN: urn,
    actor,
    created: { actor, time: c.createdAt },
    lastModified: { actor, time: c.editedAt ?? c.createdAt },
    message: { text: c.text, attributes: [] },
    object: activityUrn(c.postId),
    ...(c.parentId ? { parentComment: commentUrn(c.postId, c.parentId) } : {}),
    commentsSummary: { selectedComments: [], aggregatedTotalComments: replies, totalFirstLevelComments: replies },
    likesSummary: { selectedLikes: [], aggregatedTotalLikes: Math.floor(unit(ctx.seed, c.id, 'likes') * 6), likedByCurrentUser: false, totalLikes: 0 },
  }
}

/** The post (and parent comment) a socialActions target names. */
function resolveTarget(ctx: DialectContext, urn: string): { post: SandboxPost; parentId: string | null } | undefined {
  const asComment = parseCommentUrn(urn)
  const postId = asComment?.postId ?? postIdOf(urn)
  const post = postId ? ctx.world.posts.get(postId) : undefined
  if (!post || post.network !== NETWORK) return undefined
  if (asComment) {
    const parent = ctx.world.comments.get(asComment.commentId)
    if (!parent || parent.postId !== post.id) return undefined
    return { post, parentId: parent.id }
  }
  return { post, parentId: null }
}

export function socialActions(req: SandboxRequest, ctx: DialectContext, caller: Caller, version: string, targetUrn: string, commentId: string | undefined): SandboxResponse {
  const target = resolveTarget(ctx, targetUrn)
  if (!target) return notFound(`Social actions of ${targetUrn}`)
  const channel = linkedinChannel(ctx, target.post.channelId)
  const owner = channel ? channelUrn(channel) : personUrn(target.post.authorUserId)

  if (req.method === 'GET') {
    if (!caller.scopes.has(scopeFor(owner, false)) || !mayActAs(ctx, caller, owner, 'moderate')) {
      return accessDenied('socialActions.comments', 'GET', version)
    }
    if (commentId !== undefined) {
      const c = ctx.world.comments.get(commentId)
      return c && c.network === NETWORK && c.postId === target.post.id ? json(200, commentJson(ctx, c)) : notFound(`Comment ${commentId}`)
    }
    const all = [...ctx.world.comments.values()]
      .filter((c) => c.network === NETWORK && c.postId === target.post.id && c.parentId === target.parentId)
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
      .map((c) => commentJson(ctx, c))
    return paged(req, all, 10)
  }

  if (req.method === 'POST' && commentId === undefined) {
    const body = req.json as { actor?: unknown; object?: unknown; parentComment?: unknown; message?: { text?: unknown } } | undefined
    const actor = body?.actor
    const text = body?.message?.text
    if (typeof actor !== 'string') return unprocessable('/actor :: field is required but not found')
    if (typeof text !== 'string' || text.trim() === '') return unprocessable('/message/text :: field is required but not found')
    if (!caller.scopes.has(scopeFor(actor, true)) || !mayActAs(ctx, caller, actor, 'moderate')) {
      return accessDenied('socialActions.comments', 'CREATE', version)
    }
    if (typeof body?.object === 'string' && postIdOf(body.object) !== target.post.id) return unprocessable('/object :: does not match the target')
    if (target.parentId !== null) {
      const parent = ctx.world.comments.get(target.parentId)
      if (body?.parentComment !== targetUrn) return unprocessable('/parentComment :: must name the comment in the path')
      // Comment threads are two levels deep on LinkedIn.
      if (parent?.parentId) return unprocessable('/parentComment :: nested comments can not be replied to')
    }
    if ([...text].length > MAX_COMMENT) return unprocessable(`/message/text :: length exceeds the maximum allowed length ${MAX_COMMENT}`)
    const actorChannel = linkedinChannel(ctx, actor.replace(/^urn:li:(organization|person):/, ''))
    const comment = ctx.world.addComment({
      id: numericId(ctx.world),
      network: NETWORK,
      postId: target.post.id,
      parentId: target.parentId,
      authorName: actorChannel?.name ?? caller.user.name,
      authorHandle: actorChannel?.handle ?? caller.user.handle,
      text,
      viaApi: true,
    })
    return json(201, commentJson(ctx, comment), { 'x-restli-id': comment.id })
  }

  // DELETE …/comments/{id}?actor= — the owner of the post (its admins) may delete any comment on it.
  if (req.method === 'DELETE' && commentId !== undefined) {
    const actor = req.query.get('actor') ?? ''
    if (actor !== owner || !caller.scopes.has(scopeFor(owner, true)) || !mayActAs(ctx, caller, owner, 'moderate')) {
      return accessDenied('socialActions.comments', 'DELETE', version)
    }
    const c = ctx.world.comments.get(commentId)
    if (!c || c.network !== NETWORK || c.postId !== target.post.id) return notFound(`Comment ${commentId}`)
    ctx.world.deleteComment(c.id)
    return { status: 204, headers: {}, body: undefined }
  }
  return apiError(405, undefined, undefined, 'Method not allowed')
}

/** How long LinkedIn keeps an organisation's social action notifications. */
const NOTIFICATION_RETENTION_MS = 60 * DAY

/**
 * `/rest/organizationalEntityNotifications?q=criteria`: comments on an organisation's posts in a
 * `timeRange`, newest first, kept 60 days (COMMENT by others, ADMIN_COMMENT by the page itself,
 * COMMENT_EDIT; the sandbox models no other actions).
 */
export function notifications(req: SandboxRequest, ctx: DialectContext, caller: Caller, version: string): SandboxResponse {
  if (req.query.get('q') !== 'criteria') return badRequest('Unsupported finder; use q=criteria.')
  const entity = req.query.get('organizationalEntity') ?? ''
  const channel = linkedinChannel(ctx, /^urn:li:organization:(\d+)$/.exec(entity)?.[1] ?? '')
  if (!channel || channel.kind !== 'organization') return unprocessable('/organizationalEntity :: must name an organization')
  if (!caller.scopes.has(scopeFor(entity, false)) || !mayActAs(ctx, caller, entity, 'moderate')) {
    return accessDenied('organizationalEntityNotifications', 'FINDER-criteria', version)
  }
  const range = /^\(start:(\d+),end:(\d+)\)$/.exec(req.query.get('timeRange') ?? '')
  const start = Math.max(range ? Number(range[1]) : 0, ctx.now - NOTIFICATION_RETENTION_MS)
  const end = range ? Number(range[2]) : ctx.now
  const actions = new Set(parseList(req.query.get('actions')))
  const within = (t: number | undefined): t is number => t !== undefined && t >= start && t <= end
  const all = [...ctx.world.comments.values()]
    .filter((c) => c.network === NETWORK && ctx.world.posts.get(c.postId)?.channelId === channel.id)
    .flatMap((c) => {
      const actor = actorOf(ctx, c)
      const about = { actor, organizationalEntity: entity, sourcePost: shareUrn(c.postId), generatedActivity: commentUrn(c.postId, c.id) }
      return [
        ...(within(c.createdAt) ? [{ action: actor === entity ? 'ADMIN_COMMENT' : 'COMMENT', ...about, lastModifiedAt: c.createdAt }] : []),
        ...(within(c.editedAt) ? [{ action: 'COMMENT_EDIT', ...about, lastModifiedAt: c.editedAt }] : []),
      ]
    })
    .filter((n) => actions.size === 0 || actions.has(n.action))
    .sort((a, b) => b.lastModifiedAt - a.lastModifiedAt || b.generatedActivity.localeCompare(a.generatedActivity))
  return paged(req, all, 10)
}

/** `/rest/reactions`: a like on a comment (POST `?actor=`), and one reaction read by its key `(actor:…,entity:…)`. */
export function reactions(req: SandboxRequest, ctx: DialectContext, caller: Caller, version: string, key: string | undefined): SandboxResponse {
  const commentOf = (urn: string): SandboxComment | undefined => {
    const parsed = parseCommentUrn(urn)
    const c = parsed ? ctx.world.comments.get(parsed.commentId) : undefined
    return c && c.network === NETWORK ? c : undefined
  }
  if (req.method === 'POST' && key === undefined) {
    const actor = req.query.get('actor') ?? ''
    const body = req.json as { root?: unknown; reactionType?: unknown } | undefined
    if (typeof body?.root !== 'string') return unprocessable('/root :: field is required but not found')
    if (body.reactionType !== 'LIKE' && typeof body.reactionType !== 'string') return unprocessable('/reactionType :: field is required but not found')
    if (!actor || !caller.scopes.has(scopeFor(actor, true)) || !mayActAs(ctx, caller, actor, 'moderate')) return accessDenied('reactions', 'CREATE', version)
    const c = commentOf(body.root)
    if (!c) return notFound(`Entity ${body.root}`)
    if ((c.likedBy ?? []).includes(actor)) return unprocessable('ERROR :: /root :: the actor already reacted to this entity')
    c.likedBy = [...(c.likedBy ?? []), actor]
    return json(201, {}, { 'x-restli-id': `urn:li:reaction:(${actor},${body.root})` })
  }
  if (req.method === 'GET' && key !== undefined) {
    const m = /^\(actor:([^,]+),entity:(.+)\)$/.exec(key)
    if (!m?.[1] || !m[2]) return badRequest('Malformed reaction key')
    if (!caller.scopes.has(scopeFor(m[1], false)) || !mayActAs(ctx, caller, m[1], 'moderate')) return accessDenied('reactions', 'GET', version)
    const c = commentOf(m[2])
    if (!c || !(c.likedBy ?? []).includes(m[1])) return notFound(`Reaction ${key}`)
    return json(200, { actor: m[1], root: m[2], reactionType: 'LIKE', created: { actor: m[1], time: ctx.now } })
  }
  return apiError(405, undefined, undefined, 'Method not allowed')
}
