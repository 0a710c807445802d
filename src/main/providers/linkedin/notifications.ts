/**
 * LinkedIn's organisation social action notifications (wave2-anchors §2.3): one call per
 * organisation lists who commented on which of its posts in a time range, kept 60 days. A comments
 * poll asks it which posts have new activity and reads only those threads, instead of every recent
 * post's comments; after a break it replays exactly the gap.
 */
import * as z from 'zod'
import type { ProviderClient } from '../http-client'
import { LINKEDIN_PATHS, LINKEDIN_PAGING } from './config'
import { encodeRestli, restliList, restliUrl } from './restli'

/** The actions that mean a comment appeared on one of the organisation's posts. */
const NEW_COMMENT = ['COMMENT', 'ADMIN_COMMENT']
const COMMENT_ACTIONS = [...NEW_COMMENT, 'COMMENT_EDIT']

/** A post with comment activity: `edited` when a comment already read may have changed. */
export interface NotifiedPost {
  post: string
  edited: boolean
}

const notificationsSchema = z.object({
  paging: z.object({ start: z.number().optional(), count: z.number().optional(), total: z.number().optional() }).optional(),
  elements: z.array(
    z.object({
      action: z.string(),
      sourcePost: z.string().optional(),
      lastModifiedAt: z.number().optional(),
    }),
  ),
})

/**
 * The posts (share or ugcPost URNs) with comment activity between `startMs` and `endMs`, newest
 * activity first. Follows LinkedIn's paging up to the adapter's page limit.
 */
export async function postsWithCommentActivity(
  client: ProviderClient,
  request: { apiBase: string; accessToken: string; organization: string; startMs: number; endMs: number; headers: Record<string, string> },
): Promise<NotifiedPost[]> {
  const posts = new Map<string, NotifiedPost>()
  for (let page = 0, start = 0; page < LINKEDIN_PAGING.maxPages; page++) {
    const url = restliUrl(request.apiBase, LINKEDIN_PATHS.notifications, [
      ['q', 'criteria'],
      ['organizationalEntity', encodeRestli(request.organization)],
      ['actions', restliList(COMMENT_ACTIONS)],
      ['timeRange', `(start:${Math.floor(request.startMs)},end:${Math.ceil(request.endMs)})`],
      ['start', String(start)],
      ['count', String(LINKEDIN_PAGING.notificationsPageSize)],
    ])
    const { data } = await client.json({ method: 'GET', url, bearer: request.accessToken, headers: request.headers }, notificationsSchema)
    for (const n of data.elements) {
      if (!n.sourcePost || !COMMENT_ACTIONS.includes(n.action)) continue
      const known = posts.get(n.sourcePost) ?? { post: n.sourcePost, edited: false }
      known.edited ||= !NEW_COMMENT.includes(n.action)
      posts.set(n.sourcePost, known)
    }
    start += data.elements.length
    const total = data.paging?.total
    if (data.elements.length < LINKEDIN_PAGING.notificationsPageSize || (total !== undefined && start >= total)) break
  }
  return [...posts.values()]
}
