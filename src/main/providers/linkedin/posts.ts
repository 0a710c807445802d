/**
 * Reading an organisation's own posts (`q=author`, newest change first): the walk that publishing
 * lookups and comment reads share, and the channel's recent posts for analytics.
 */
import type * as z from 'zod'
import { ProviderError } from '../provider-error'
import type { ChannelPost, ChannelPostPage, ChannelTarget, ProviderContext, RecentPostsSince } from '../types'
import { authorUrn, clientFor, restHeaders } from './api'
import { LINKEDIN_PAGING, LINKEDIN_PATHS, LINKEDIN_POST_URL } from './config'
import { withRoleCheck } from './identity'
import { encodeRestli, restliUrl, unescapeLittleText } from './restli'
import { postsSchema } from './schemas'

type PostElement = z.output<typeof postsSchema>['elements'][number]

/** Posts of an organisation, newest first, until `stop` says enough. True when the walk reached its end (not the page limit). */
export async function walkPosts(ctx: ProviderContext, target: ChannelTarget, stop: (post: PostElement) => boolean, each: (post: PostElement) => boolean | void): Promise<boolean> {
  const client = clientFor(ctx)
  for (let page = 0, start = 0; page < LINKEDIN_PAGING.maxPages; page++) {
    const url = restliUrl(ctx.endpoints.apiBase, LINKEDIN_PATHS.posts, [
      ['author', encodeRestli(authorUrn(target))],
      ['q', 'author'],
      ['count', String(LINKEDIN_PAGING.postsPageSize)],
      ['start', String(start)],
      ['sortBy', 'LAST_MODIFIED'],
    ])
    const { data } = await client.json({ method: 'GET', url, bearer: target.accessToken, headers: restHeaders() }, postsSchema)
    for (const post of data.elements) {
      if (stop(post)) return true
      if (each(post) === true) return true
    }
    start += data.elements.length
    const total = data.paging?.total
    if (data.elements.length < LINKEDIN_PAGING.postsPageSize || (total !== undefined && start >= total)) return true
  }
  return false
}

/**
 * An organisation's own posts, newest first (`q=author`, sorted by last change, so paging stops
 * at the first post untouched since `sinceMs`). A member's own posts are not listed: reading
 * them needs the closed `r_member_social` permission (see LINKEDIN_SCOPES). Neither are an
 * organisation's through an analyst, whom LinkedIn shows statistics but not the post list:
 * Relink then follows the posts it published (and a role really lost shows in those reads).
 */
export async function recentPosts(ctx: ProviderContext, target: ChannelTarget, since: RecentPostsSince): Promise<ChannelPostPage> {
  if (target.kind !== 'organization') return { posts: [], complete: true }
  const posts: ChannelPost[] = []
  const walk = () =>
    walkPosts(
      ctx,
      target,
      (post) => (post.lastModifiedAt ?? post.createdAt ?? Number.POSITIVE_INFINITY) < since.sinceMs,
      (post) => {
        const publishedAt = post.publishedAt ?? post.createdAt
        if (publishedAt === undefined || publishedAt < since.sinceMs || post.lifecycleState === 'DRAFT') return
        posts.push({ networkPostId: post.id, url: LINKEDIN_POST_URL(post.id), publishedAt, text: unescapeLittleText(post.commentary ?? '') })
      },
    )
  try {
    return { posts, complete: await withRoleCheck(ctx, target, 'moderate', walk) }
  } catch (err) {
    if (err instanceof ProviderError && err.reason === 'role_lost') return { posts: [], complete: true }
    throw err
  }
}
