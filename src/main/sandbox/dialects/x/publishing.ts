/**
 * Publishing: creating posts and replies (length, duplicates, who may reply where) and the v2
 * media upload with its alt-text metadata.
 */
import { X_TEXT_RULES } from '../../../providers/x/config'
import { weighText } from '../../../../shared/domain/text-length/x-weight'
import type { DialectContext, SandboxRequest, SandboxResponse } from '../../types'
import { authorizeCall, NEEDS } from './caller'
import { DAY, MEDIA_TTL_MS, obj, snowflake, stateOf } from './state'
import { forbidden, invalidRequest, ok, problem } from './wire'

export function createTweet(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const a = authorizeCall(req, ctx, NEEDS.write, 'createTweet')
  if (!a.ok) return a.response
  const { world } = ctx
  const body = obj(req.json)
  if (!body) return invalidRequest(ctx, 'Request body must be a JSON object')
  const text = typeof body.text === 'string' ? body.text : ''
  const mediaIds = obj(body.media)?.media_ids
  const ids = Array.isArray(mediaIds) ? mediaIds.filter((m): m is string => typeof m === 'string') : []
  const replyTo = obj(body.reply)?.in_reply_to_tweet_id
  if (text.trim() === '' && ids.length === 0) return invalidRequest(ctx, 'Post text or media is required', 'text')
  if (weighText(text).weightedLength > X_TEXT_RULES.maxWeightedLength) {
    return problem(ctx, 400, {
      title: 'Invalid Request',
      type: 'about:blank',
      detail: 'Your Tweet text is too long. For more information on how X determines text length see https://github.com/twitter/twitter-text.',
    })
  }
  const media = stateOf(world).media
  for (const id of ids) {
    const m = media.get(id)
    if (!m || m.userId !== a.user.id || m.expiresAt <= ctx.now) return invalidRequest(ctx, 'Your media IDs are invalid.', 'media.media_ids')
  }
  // [obs] X refuses the same text twice from one account.
  const recent = ctx.now - DAY
  const duplicate =
    text.trim() !== '' &&
    ([...world.posts.values()].some((p) => p.network === 'x' && p.authorUserId === a.user.id && p.text === text && p.createdAt >= recent) ||
      [...world.comments.values()].some((c) => c.network === 'x' && c.authorHandle === a.user.handle && c.text === text && c.createdAt >= recent))
  if (duplicate) return { ...forbidden(ctx, 'You are not allowed to create a Tweet with duplicate content.'), headers: { ...forbidden(ctx).headers, ...a.rate } }

  const id = snowflake(world, ctx.now)
  if (replyTo !== undefined) {
    const target = typeof replyTo === 'string' ? replyTo : ''
    const post = world.posts.get(target)
    const comment = world.comments.get(target)
    const rootId = post?.network === 'x' ? post.id : comment?.network === 'x' ? comment.postId : undefined
    const root = rootId ? world.posts.get(rootId) : undefined
    if (!root || (comment && comment.createdAt > ctx.now)) return invalidRequest(ctx, `Invalid 'in_reply_to_tweet_id':'${target}'.`, 'reply.in_reply_to_tweet_id')
    // Replies are allowed where the account is the author of the conversation or is replied to.
    const allowed = root.authorUserId === a.user.id || comment?.authorHandle === a.user.handle
    if (!allowed) {
      return problem(ctx, 403, {
        title: 'Authorization Error',
        type: 'https://api.x.com/2/problems/not-authorized-for-resource',
        detail: 'You can only reply to or quote posts where you are mentioned or are the author.',
      })
    }
    world.addComment({
      id,
      network: 'x',
      postId: root.id,
      parentId: comment ? comment.id : null,
      authorName: a.user.name,
      authorHandle: a.user.handle,
      text,
      createdAt: ctx.now,
      viaApi: true,
    })
  } else {
    world.addPost({
      id,
      network: 'x',
      channelId: a.user.id,
      authorUserId: a.user.id,
      text,
      imageUrl: ids[0] ? `${ctx.base}/media/${ids[0]}` : undefined,
      createdAt: ctx.now,
    })
  }
  return ok(ctx, { data: { id, text, edit_history_tweet_ids: [id] } }, 201, a.rate)
}

const IMAGE_LIMITS: Record<string, number> = {
  tweet_image: 5 * 1024 * 1024,
  dm_image: 5 * 1024 * 1024,
  tweet_gif: 15 * 1024 * 1024,
  dm_gif: 15 * 1024 * 1024,
}

function sniffImage(bytes: Buffer): string | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif'
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp'
  return undefined
}

export function mediaUpload(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const a = authorizeCall(req, ctx, NEEDS.media, 'mediaUpload')
  if (!a.ok) return a.response
  const body = obj(req.json)
  if (!body || typeof body.media !== 'string') return invalidRequest(ctx, 'The `media` field is required', 'media')
  const category = typeof body.media_category === 'string' ? body.media_category : ''
  const limit = IMAGE_LIMITS[category]
  if (limit === undefined) return invalidRequest(ctx, `Invalid media_category: ${category}`, 'media_category')
  const bytes = Buffer.from(body.media, 'base64')
  const type = sniffImage(bytes)
  if (!type) return invalidRequest(ctx, 'media type unrecognized.', 'media')
  if (category.endsWith('_gif') && type !== 'image/gif') {
    return invalidRequest(ctx, `media_category ${category} does not match ${type}`, 'media_category')
  }
  if (bytes.length > limit) return invalidRequest(ctx, `File size exceeds ${limit} bytes.`, 'media')
  const id = snowflake(ctx.world, ctx.now)
  stateOf(ctx.world).media.set(id, { id, userId: a.user.id, size: bytes.length, type, expiresAt: ctx.now + MEDIA_TTL_MS })
  return ok(
    ctx,
    { data: { id, media_key: `3_${id}`, size: bytes.length, expires_after_secs: MEDIA_TTL_MS / 1000, image: { image_type: type } } },
    200,
    a.rate,
  )
}

export function mediaMetadata(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const a = authorizeCall(req, ctx, NEEDS.media, 'mediaUpload')
  if (!a.ok) return a.response
  const body = obj(req.json)
  const id = typeof body?.id === 'string' ? body.id : ''
  const record = stateOf(ctx.world).media.get(id)
  if (!record || record.userId !== a.user.id) return invalidRequest(ctx, `Invalid media id: ${id}`, 'id')
  const altText = obj(obj(obj(body?.metadata)?.alt_text))?.text
  if (typeof altText === 'string') {
    if ([...altText].length > 1000) return invalidRequest(ctx, 'Alt text must be 1000 characters or fewer', 'metadata.alt_text.text')
    record.altText = altText
  }
  return ok(ctx, { data: { id, associated_metadata: true } }, 200, a.rate)
}
