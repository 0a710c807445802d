/** The REST methods on accounts, statuses and notifications: reading, posting with an Idempotency-Key, favourites, thread context. */
import { json, type DialectContext, type SandboxRequest, type SandboxResponse } from '../../types'
import { authenticate, authenticateIfToken } from './caller'
import { HOUR, MAX_ATTACHMENTS, NOT_FOUND, READ_ACCOUNTS, READ_NOTIFICATIONS, READ_STATUSES, WRITE_FAVOURITES, WRITE_STATUSES } from './constants'
import { type StatusView, accountChannelOf, accountJson, channelAccount, findStatus, mediaJson, statusJson, threadOf } from './entities'
import { VISIBILITIES, type Visibility, iso, snowflake, stateOf } from './state'
import { apiError, countable, linkHeader, paginate, paramsOf, requestUrl } from './wire'

export function verifyCredentials(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const auth = authenticate(req, ctx, READ_ACCOUNTS, true)
  if (!auth.ok) return auth.response
  const channel = accountChannelOf(ctx, auth.user.id)
  if (!channel) return apiError(404, NOT_FOUND)
  return json(200, {
    ...accountJson(ctx, channelAccount(channel)),
    source: { privacy: 'public', sensitive: false, language: 'en', note: '', fields: [], follow_requests_count: 0 },
    role: { id: '-99', name: '', permissions: '0', color: '', highlighted: false },
  })
}

export function getAccount(req: SandboxRequest, ctx: DialectContext, id: string): SandboxResponse {
  const auth = authenticateIfToken(req, ctx, READ_ACCOUNTS)
  if (!auth.ok) return auth.response
  const channel = ctx.world.channels.get(id)
  if (!channel || channel.network !== 'mastodon') return apiError(404, NOT_FOUND)
  return json(200, accountJson(ctx, channelAccount(channel)))
}

export function accountStatuses(req: SandboxRequest, ctx: DialectContext, id: string): SandboxResponse {
  const auth = authenticateIfToken(req, ctx, READ_STATUSES)
  if (!auth.ok) return auth.response
  const channel = ctx.world.channels.get(id)
  if (!channel || channel.network !== 'mastodon') return apiError(404, NOT_FOUND)
  const excludeReplies = ['true', '1'].includes(req.query.get('exclude_replies') ?? '')
  const views: StatusView[] = []
  for (const post of ctx.world.posts.values()) {
    if (post.network !== 'mastodon' || post.channelId !== channel.id) continue
    const view = findStatus(ctx, post.id)
    if (view) views.push(view)
  }
  for (const comment of ctx.world.comments.values()) {
    if (comment.network !== 'mastodon' || comment.authorHandle !== channel.handle) continue
    const view = findStatus(ctx, comment.id)
    if (!view) continue
    // `exclude_replies` drops replies to other accounts; a self-thread stays.
    const parent = view.inReplyToId ? findStatus(ctx, view.inReplyToId) : undefined
    if (excludeReplies && parent?.author.id !== channel.id) continue
    views.push(view)
  }
  const { page, limit } = paginate(views, req.query, 20)
  return json(
    200,
    page.map((v) => statusJson(ctx, v)),
    linkHeader(requestUrl(ctx, req), page, limit),
  )
}

export function getStatus(req: SandboxRequest, ctx: DialectContext, id: string): SandboxResponse {
  const auth = authenticateIfToken(req, ctx, READ_STATUSES)
  if (!auth.ok) return auth.response
  const view = findStatus(ctx, id)
  return view ? json(200, statusJson(ctx, view, viewerOf(req, ctx))) : apiError(404, NOT_FOUND)
}

/** The account behind the request's token, for `favourited`. */
function viewerOf(req: SandboxRequest, ctx: DialectContext): string | undefined {
  if (!req.bearer) return undefined
  const auth = authenticate(req, ctx, READ_STATUSES, false)
  return auth.ok ? accountChannelOf(ctx, auth.user.id)?.id : undefined
}

/** POST /api/v1/statuses/:id/favourite — idempotent: a second favourite changes nothing. */
export function favourite(req: SandboxRequest, ctx: DialectContext, id: string): SandboxResponse {
  const auth = authenticate(req, ctx, WRITE_FAVOURITES, true)
  if (!auth.ok) return auth.response
  const view = findStatus(ctx, id)
  const account = accountChannelOf(ctx, auth.user.id)
  if (!view || !account) return apiError(404, NOT_FOUND)
  const comment = ctx.world.comments.get(id)
  if (comment) comment.likedBy = [...new Set([...(comment.likedBy ?? []), account.id])]
  return json(200, statusJson(ctx, view, account.id))
}

export function statusContext(req: SandboxRequest, ctx: DialectContext, id: string): SandboxResponse {
  const auth = authenticateIfToken(req, ctx, READ_STATUSES)
  if (!auth.ok) return auth.response
  const view = findStatus(ctx, id)
  if (!view) return apiError(404, NOT_FOUND)
  const ancestors: StatusView[] = []
  let parentId = view.inReplyToId
  while (parentId) {
    const parent = findStatus(ctx, parentId)
    if (!parent) break
    ancestors.unshift(parent)
    parentId = parent.inReplyToId
  }
  // A reply whose parent was deleted is its own thread's root; what answers it hangs under the post.
  const thread = threadOf(ctx, ctx.world.comments.get(view.id)?.postId ?? view.rootId)
  const below = new Set([view.id])
  const descendants: StatusView[] = []
  for (const c of thread) {
    if (c.inReplyToId && below.has(c.inReplyToId)) {
      below.add(c.id)
      descendants.push(c)
    }
  }
  const viewer = viewerOf(req, ctx)
  return json(200, { ancestors: ancestors.map((a) => statusJson(ctx, a, viewer)), descendants: descendants.map((d) => statusJson(ctx, d, viewer)) })
}

export function notifications(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const auth = authenticate(req, ctx, READ_NOTIFICATIONS, true)
  if (!auth.ok) return auth.response
  const channel = accountChannelOf(ctx, auth.user.id)
  if (!channel) return json(200, [])
  const types = [...req.query.getAll('types[]'), ...req.query.getAll('types')]
  const excluded = [...req.query.getAll('exclude_types[]'), ...req.query.getAll('exclude_types')]
  if ((types.length > 0 && !types.includes('mention')) || excluded.includes('mention')) return json(200, [])
  // Replies in a thread that starts with one of the account's posts mention the account.
  const mentions: StatusView[] = []
  for (const comment of ctx.world.comments.values()) {
    if (comment.network !== 'mastodon' || comment.authorHandle === channel.handle) continue
    const root = ctx.world.posts.get(comment.postId)
    if (!root || root.channelId !== channel.id) continue
    const view = findStatus(ctx, comment.id)
    if (view) mentions.push(view)
  }
  const { page } = paginate(mentions, req.query, 40)
  return json(
    200,
    page.map((view) => ({
      id: view.id,
      type: 'mention',
      group_key: `ungrouped-${view.id}`,
      created_at: iso(view.createdAt),
      account: accountJson(ctx, view.author),
      status: statusJson(ctx, view),
    })),
    linkHeader(requestUrl(ctx, req), page),
  )
}

export function createStatus(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const auth = authenticate(req, ctx, WRITE_STATUSES, true)
  if (!auth.ok) return auth.response
  const { user } = auth
  const channel = accountChannelOf(ctx, user.id)
  if (!channel) return apiError(422, 'This method requires an authenticated user')
  const state = stateOf(ctx.world)
  const params = paramsOf(req)

  // Idempotency-Key: the same key from the same account within an hour returns the first status.
  const key = req.headers['idempotency-key']
  const keyId = key ? `${user.id}:${key}` : undefined
  const previous = keyId ? state.idempotency.get(keyId) : undefined
  if (previous && previous.at + HOUR > ctx.now) {
    const view = findStatus(ctx, previous.statusId)
    if (view) return json(200, statusJson(ctx, view))
  }

  const text = params.get('status') ?? ''
  const mediaIds = [...params.getAll('media_ids[]'), ...params.getAll('media_ids')].filter(Boolean)
  if (mediaIds.length > MAX_ATTACHMENTS) return apiError(422, `Cannot attach more than ${MAX_ATTACHMENTS} files`)
  const media = mediaIds.flatMap((id) => {
    const record = state.media.get(id)
    return record && record.userId === user.id && record.statusId === undefined ? [record] : []
  })
  if (media.some((m) => m.pendingChecks > 0)) {
    return apiError(422, 'Cannot attach files that have not finished processing. Try again in a moment!')
  }
  if (text.trim() === '' && media.length === 0) return apiError(422, "Validation failed: Text can't be blank")
  const max = state.settings.maxCharacters
  if (countable(text) + countable(params.get('spoiler_text') ?? '') > max) {
    return apiError(422, `Validation failed: Text character limit of ${max} exceeded`)
  }
  const visibility = (params.get('visibility') ?? 'public') as Visibility
  if (!VISIBILITIES.includes(visibility)) return apiError(422, 'Validation failed: Visibility is not included in the list')

  const replyTo = params.get('in_reply_to_id')
  const parent = replyTo ? findStatus(ctx, replyTo) : undefined
  if (replyTo && !parent) return apiError(422, 'The post you are trying to reply to does not appear to exist.')

  const id = snowflake(state, ctx.now)
  if (parent) {
    // A reply whose own parent was deleted stands alone on the instance (its own thread's root), yet
    // here it still hangs under the post its thread began on: the answer to it does as well.
    const postId = parent.kind === 'comment' ? (ctx.world.comments.get(parent.id)?.postId ?? parent.rootId) : parent.rootId
    ctx.world.addComment({
      id,
      network: 'mastodon',
      postId,
      parentId: parent.kind === 'comment' ? parent.id : null,
      authorName: channel.name,
      authorHandle: channel.handle,
      text,
      createdAt: ctx.now,
      viaApi: true,
    })
  } else {
    const firstMedia = media[0]
    ctx.world.addPost({
      id,
      network: 'mastodon',
      channelId: channel.id,
      authorUserId: user.id,
      text,
      link: /https?:\/\/\S+/.exec(text)?.[0],
      imageUrl: firstMedia ? String(mediaJson(ctx, firstMedia).url) : undefined,
      createdAt: ctx.now,
    })
  }
  for (const m of media) m.statusId = id
  if (media.length > 0) state.statusMedia.set(id, media.map((m) => m.id))
  state.visibility.set(id, visibility)
  if (keyId) state.idempotency.set(keyId, { statusId: id, at: ctx.now })
  const view = findStatus(ctx, id)
  return view ? json(200, statusJson(ctx, view)) : apiError(500, 'Internal Server Error')
}
