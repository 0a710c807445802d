/** What the window sees of posts and deliveries: rows turned into views, and the read-only queries. */
import type { Network } from '../../shared/domain/network'
import * as z from 'zod'
import { DELIVERY_STATES, type DaySummary, type DaySummaryFilter, type DeliveryFilter, type DeliveryState, type DeliveryView, type PostView, type ReviewCandidate } from '../../shared/domain/schedule'
import { AppError } from '../../shared/errors'
import type { DeliveryListRow, DeliveryRepository, PostListRow } from '../db/repositories/delivery-repository'
import { parseNetworkTexts } from './network-texts'

export function toView(row: DeliveryListRow): DeliveryView {
  return {
    id: row.id,
    postId: row.post_id,
    channelId: row.channel_id,
    channelName: row.channel_name,
    network: row.network as Network,
    state: row.state as DeliveryState,
    dueAt: row.due_at,
    nextAttemptAt: row.next_attempt_at,
    attemptCount: row.attempt_count,
    marker: row.marker,
    networkPostId: row.network_post_id,
    url: row.url,
    heldReason: row.held_reason,
    heldDetail: row.held_detail,
    failureReason: row.failure_reason,
    failureDetail: row.failure_detail,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    preview: row.preview,
    reviewCandidates: row.state === 'needs_review' ? candidatesOf(row.review_candidates) : [],
    firstComment: row.first_comment_state,
    firstCommentDetail: row.first_comment_detail,
  }
}

const CandidateList = z.array(z.object({ networkPostId: z.string(), url: z.string(), publishedAt: z.number() }))

/** The stored candidates of a delivery in review (a JSON array); none when unreadable. */
export function candidatesOf(stored: string | null): ReviewCandidate[] {
  if (!stored) return []
  try {
    const parsed = CandidateList.safeParse(JSON.parse(stored))
    return parsed.success ? parsed.data : []
  } catch {
    return []
  }
}

function toPostView(row: PostListRow, deliveries: DeliveryView[]): PostView {
  return {
    id: row.id,
    status: row.status,
    text: row.text,
    networkTexts: parseNetworkTexts(row.network_texts),
    firstComment: row.first_comment,
    link: row.link,
    image:
      row.image_path && row.image_mime
        ? { path: row.image_path, mimeType: row.image_mime, width: row.image_width ?? 0, height: row.image_height ?? 0, sizeBytes: row.image_size ?? 0, altText: row.image_alt }
        : null,
    publishAt: row.publish_at,
    timeZone: row.time_zone,
    channelIds: row.channel_ids.split(',').filter(Boolean),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deliveries,
  }
}

export type ScheduleViews = ReturnType<typeof createScheduleViews>

export function createScheduleViews(repo: DeliveryRepository) {
  async function postViews(ids: readonly string[]): Promise<PostView[]> {
    if (ids.length === 0) return []
    const byId = new Map((await repo.postsByIds(ids)).map((r) => [r.id, r]))
    const rows = ids.map((id) => byId.get(id)).filter((r): r is PostListRow => r !== undefined)
    const deliveries = await repo.deliveriesOfPosts(ids)
    const byPost = new Map<string, DeliveryView[]>()
    for (const d of deliveries) {
      const list = byPost.get(d.post_id) ?? []
      list.push(toView(d))
      byPost.set(d.post_id, list)
    }
    return rows.map((r) => toPostView(r, byPost.get(r.id) ?? []))
  }

  return {
    async mustPost(postId: string): Promise<PostListRow> {
      const post = await repo.getPost(postId)
      if (!post) throw new AppError('not_found', 'That post no longer exists.')
      return post
    },

    async mustView(postId: string): Promise<PostView> {
      const [view] = await postViews([postId])
      if (!view) throw new AppError('not_found', 'That post no longer exists.')
      return view
    },

    async deliveryView(deliveryId: number): Promise<DeliveryView> {
      const [view] = await repo.deliveriesByIds([deliveryId])
      if (!view) throw new AppError('not_found', 'That delivery no longer exists.')
      return toView(view)
    },

    async listDrafts(limit = 200): Promise<PostView[]> {
      const rows = await repo.listPosts('draft', limit)
      return postViews(rows.map((r) => r.id))
    },

    async listDeliveries(filter: DeliveryFilter): Promise<DeliveryView[]> {
      const rows = await repo.listDeliveries({
        from: filter.from,
        to: filter.to,
        states: filter.states ?? DELIVERY_STATES,
        ...(filter.channelIds ? { channelIds: filter.channelIds } : {}),
        ...(filter.after ? { after: filter.after } : {}),
        ...(filter.limit ? { limit: filter.limit } : {}),
      })
      return rows.map(toView)
    },

    /** The month view: per day, its post count and the deliveries of its first few posts. */
    async daySummaries(filter: DaySummaryFilter): Promise<DaySummary[]> {
      const days = filter.dayStarts.slice(0, -1).map((start, i) => [start, filter.dayStarts[i + 1] ?? start] as const)
      const firsts = await repo.postsPerDay({
        days,
        states: filter.states ?? DELIVERY_STATES,
        perDay: filter.postsPerDay,
        ...(filter.channelIds ? { channelIds: filter.channelIds } : {}),
      })
      const rows = await repo.deliveriesOfPosts([...new Set(firsts.map((f) => f.post_id))])
      const wanted = new Set(filter.states ?? DELIVERY_STATES)
      const channels = filter.channelIds ? new Set(filter.channelIds) : undefined
      return days.map(([start, end], i) => {
        const mine = firsts.filter((f) => f.i === i)
        const posts = new Set(mine.map((f) => f.post_id))
        const deliveries = rows
          .filter((r) => posts.has(r.post_id) && r.due_at >= start && r.due_at < end && wanted.has(r.state) && (!channels || channels.has(r.channel_id)))
          .sort((a, b) => a.due_at - b.due_at || a.id - b.id)
          .map(toView)
        return { start, posts: mine[0]?.posts ?? 0, deliveries }
      })
    },

    async heldDeliveries(channelIds?: readonly string[]): Promise<DeliveryView[]> {
      return (await repo.held(channelIds)).map(toView)
    },

    /** The stored copy of a post's image (for the composer's preview), or null without one. */
    async postImage(postId: string): Promise<{ mimeType: string; bytes: Uint8Array } | null> {
      const post = await repo.getPost(postId)
      if (!post) throw new AppError('not_found', 'That post no longer exists.')
      const media = post.image_sha256 ? await repo.getMedia(post.image_sha256) : undefined
      return media ? { mimeType: media.mime_type, bytes: media.bytes } : null
    },

    async attempts(deliveryId: number) {
      return repo.attempts(deliveryId)
    },
  }
}
