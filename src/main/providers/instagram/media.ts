/** The account's own media as Graph lists them (`/{ig-user}/media`), shared by publishing, lookups and comments. */
import * as z from 'zod'
import * as graph from '../graph'
import type { ChannelTarget, ProviderContext } from '../types'
import { INSTAGRAM_SYNC } from './config'

export const MediaSchema = z.object({
  id: z.string(),
  caption: z.string().optional(),
  timestamp: z.string(),
  permalink: z.string().optional(),
  comments_count: z.number().optional(),
})

/** The account's media since `sinceMs`, newest first, and whether the walk reached that time (the edge has no time filter: paging stops at the first older item). */
export async function recentMedia(ctx: ProviderContext, target: ChannelTarget, sinceMs: number, fields: string) {
  const client = graph.graphClient('instagram', ctx)
  return graph.collectWindow(
    client,
    { method: 'GET', url: graph.graphUrl(ctx, graph.graphNodePath(target.networkChannelId, 'media')), bearer: target.accessToken, query: { fields, limit: INSTAGRAM_SYNC.pageSize } },
    MediaSchema,
    { stop: (m) => graph.parseGraphTime(m.timestamp) < sinceMs },
  )
}
