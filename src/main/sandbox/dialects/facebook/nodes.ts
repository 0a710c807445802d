/** The world as Graph nodes: users, Pages, posts and media, and their comments in each network's shape. */
import { hash32, unit } from '../../../../shared/random'
import type { DialectContext } from '../../types'
import type { SandboxChannel, SandboxComment, SandboxPost, SandboxUser } from '../../world'
import type { StoredPhoto } from './state'
import { graphTime } from './wire'

export function fbUser(ctx: DialectContext, id: string): SandboxUser | undefined {
  const user = ctx.world.users.get(id)
  return user?.network === 'facebook' ? user : undefined
}

export function channel(ctx: DialectContext, id: string, kind: SandboxChannel['kind']): SandboxChannel | undefined {
  const c = ctx.world.channels.get(id)
  return c && c.network === 'facebook' && c.kind === kind ? c : undefined
}

export const pageOfIg = (ctx: DialectContext, igId: string): SandboxChannel | undefined =>
  [...ctx.world.channels.values()].find((c) => c.network === 'facebook' && c.kind === 'page' && c.linkedChannelId === igId)

export function fbPost(ctx: DialectContext, id: string): SandboxPost | undefined {
  const post = ctx.world.posts.get(id)
  return post && post.network === 'facebook' && ctx.world.channels.get(post.channelId)?.kind === 'page' ? post : undefined
}

export function igMedia(ctx: DialectContext, id: string): SandboxPost | undefined {
  const post = ctx.world.posts.get(id)
  return post && post.network === 'facebook' && ctx.world.channels.get(post.channelId)?.kind === 'business_account' ? post : undefined
}

export const commentsOf = (ctx: DialectContext, postId: string): SandboxComment[] =>
  [...ctx.world.comments.values()].filter((c) => c.postId === postId && c.network === 'facebook')

export const cdnUrl = (ctx: DialectContext, photo: StoredPhoto): string => `${ctx.base}/cdn/${photo.id}.${photo.contentType === 'image/png' ? 'png' : 'jpg'}`

export function postNode(ctx: DialectContext, post: SandboxPost): Record<string, unknown> {
  const updated = Math.max(post.createdAt, ...commentsOf(ctx, post.id).map((c) => c.createdAt))
  const [pageId, local] = post.id.split('_')
  return {
    id: post.id,
    message: post.text || undefined,
    created_time: graphTime(post.createdAt),
    updated_time: graphTime(updated),
    permalink_url: `https://www.facebook.com/${pageId ?? ''}/posts/${local ?? ''}`,
    full_picture: post.imageUrl,
    link: post.link,
  }
}

export function mediaNode(ctx: DialectContext, media: SandboxPost): Record<string, unknown> {
  const ig = ctx.world.channels.get(media.channelId)
  return {
    id: media.id,
    caption: media.text || undefined,
    media_type: 'IMAGE',
    media_product_type: 'FEED',
    media_url: media.imageUrl,
    permalink: `https://www.instagram.com/p/${hash32(media.id).toString(36)}/`,
    timestamp: graphTime(media.createdAt),
    username: ig?.handle,
    comments_count: commentsOf(ctx, media.id).length,
    like_count: Math.round(unit(ctx.seed, media.id, 'likes') * 120),
  }
}

export function fbCommentNode(ctx: DialectContext, c: SandboxComment, withParent: boolean, viewer?: string): Record<string, unknown> {
  const author = fbUser(ctx, c.authorHandle)
  return {
    is_hidden: c.hidden === true,
    user_likes: viewer !== undefined && (c.likedBy ?? []).includes(viewer),
    id: c.id,
    message: c.text,
    created_time: graphTime(c.createdAt),
    from: { id: c.authorHandle, name: author?.name ?? c.authorName },
    parent: withParent && c.parentId ? { id: c.parentId } : undefined,
    can_comment: c.parentId === null,
  }
}

export function igCommentNode(c: SandboxComment): Record<string, unknown> {
  return {
    id: c.id,
    text: c.text,
    timestamp: graphTime(c.createdAt),
    username: c.authorHandle,
    from: { id: String(hash32('igsid', c.authorHandle)), username: c.authorHandle },
    parent_id: c.parentId ?? undefined,
    hidden: c.hidden === true,
    like_count: 0,
  }
}
