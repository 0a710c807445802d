/** What the window sees of posts and deliveries: rows turned into views, and the read-only queries. */
import type { Network } from '../../shared/domain/network'
import * as z from 'zod'
import { DELIVERY_STATES, type DeliveryFilter, type DeliveryState, type DeliveryView, type PostView, type ReviewCandidate } from '../../shared/domain/schedule'
import { AppError } from '../../shared/errors'
import type { DeliveryListFilter, DeliveryListRow, DeliveryRepository, PostListRow } from '../db/repositories/delivery-repository'
import { parseNetworkTexts } from './network-texts'

type BasicRow = Pick<DeliveryListRow, 'id' | 'post_id' | 'channel_id' | 'channel_name' | 'network' | 'state' | 'due_at'>

/** What every view of a delivery starts with: which post, which channel, its state and time. */
export function deliveryBasics(row: BasicRow): Pick<DeliveryView, 'id' | 'postId' | 'channelId' | 'channelName' | 'network' | 'state' | 'dueAt'> {
  return {
    id: row.id,
    postId: row.post_id,
    channelId: row.channel_id,
    channelName: row.channel_name,
    network: row.network as Network,
    state: row.state as DeliveryState,
    dueAt: row.due_at,
  }
}

export function toView(row: DeliveryListRow): DeliveryView {
  return {
    ...deliveryBasics(row),
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

/** The window's question about a span of deliveries as the repository takes it (every state unless narrowed). */
export function listFilter(filter: DeliveryFilter): DeliveryListFilter {
  return {
    from: filter.from,
    to: filter.to,
    states: filter.states ?? DELIVERY_STATES,
    ...(filter.channelIds ? { channelIds: filter.channelIds } : {}),
    ...(filter.after ? { after: filter.after } : {}),
    ...(filter.limit ? { limit: filter.limit } : {}),
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
      return (await repo.listDeliveries(listFilter(filter))).map(toView)
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
