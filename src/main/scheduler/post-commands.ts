/**
 * What people do to posts: compose (one or many at once), check, edit, duplicate and cancel them,
 * and decide about a delivery the scheduler could not finish on its own.
 */
import type {
  BulkComposeResult,
  ChannelProblems,
  ComposeInput,
  ComposeResult,
  DeliveryView,
  PostPatch,
  PostView,
  ResolveAction,
} from '../../shared/domain/schedule'
import { AppError } from '../../shared/errors'
import {
  OPEN_STATES,
  type ChannelInfo,
  type DeliveryFields,
  type DeliveryStateName,
  type MediaRow,
  type NewDelivery,
  type PostRow,
} from '../db/repositories/delivery-repository'
import type { ContentCheck } from './content-check'
import type { SchedulerContext } from './options'
import { candidatesOf, type ScheduleViews } from './views'
import { cleanNetworkTexts, parseNetworkTexts, serializeNetworkTexts } from './network-texts'

/** A first comment as stored: trimmed, and null when there is none. */
export function cleanFirstComment(text: string | null | undefined): string | null {
  const trimmed = text?.trim()
  return trimmed ? trimmed : null
}

export function createPostCommands(ctx: SchedulerContext, check: ContentCheck, views: ScheduleViews) {
  const { repo, clock } = ctx
  const { changed, changedRow, poke } = ctx
  const { assertTimeZone, assertTime, readImage, readImageOf, validate, channelsOf } = check
  const { mustPost, mustView, deliveryView } = views

  const newDelivery = (postId: string, channelId: string, publishAt: number, now: number): NewDelivery => ({
    postId,
    channelId,
    state: 'scheduled',
    dueAt: publishAt,
    nextAttemptAt: Math.max(publishAt, now),
  })

  async function createPosts(inputs: readonly ComposeInput[]): Promise<BulkComposeResult[]> {
    const now = clock.now()
    const allChannels = new Map((await channelsOf(inputs.flatMap((i) => i.channelIds))).map((c) => [c.id, c]))
    const batch: { posts: PostRow[]; deliveries: NewDelivery[]; media: MediaRow[] } = { posts: [], deliveries: [], media: [] }
    const outcomes: BulkComposeResult[] = []
    /** Which of the batch's deliveries belong to each outcome (refused ones get none). */
    const spans: [number, number][] = []
    for (const input of inputs) {
      const draft = input.draft === true
      assertTimeZone(input.timeZone)
      if (draft && !input.text.trim() && !input.link?.trim() && !input.image) {
        throw new AppError('validation', 'Write something, add a link or add an image before saving a draft.')
      }
      if (!draft) {
        if (input.channelIds.length === 0) throw new AppError('validation', 'Pick at least one channel to publish to.')
        if (input.publishAt === undefined) throw new AppError('validation', 'Pick a date and time for the post.')
        assertTime(input.publishAt, now)
      }
      const image = input.image ? await readImage(input.image) : null
      const channels = [...new Set(input.channelIds)].map((id) => allChannels.get(id)).filter((c): c is ChannelInfo => c !== undefined)
      const text = input.text
      const networkTexts = cleanNetworkTexts(input.networkTexts, text)
      const link = input.link?.trim() ? input.link.trim() : null
      const alt = input.image?.altText?.trim() ? input.image.altText.trim() : null
      const problems = await validate({ text, networkTexts, link, image, alt, firstComment: cleanFirstComment(input.firstComment) }, channels)
      if (!draft && problems.length > 0) {
        outcomes.push({ postId: null, deliveryIds: [], problems })
        spans.push([0, 0])
        continue
      }
      const postId = repo.newPostId(now)
      batch.posts.push({
        id: postId,
        status: draft ? 'draft' : 'scheduled',
        text,
        link,
        image_path: input.image?.path ?? null,
        image_sha256: image?.sha256 ?? null,
        image_alt: alt,
        publish_at: input.publishAt ?? null,
        time_zone: input.timeZone,
        channel_ids: channels.map((c) => c.id).join(','),
        network_texts: serializeNetworkTexts(networkTexts),
        first_comment: cleanFirstComment(input.firstComment),
        created_at: now,
        updated_at: now,
      })
      if (image) batch.media.push(image)
      const first = batch.deliveries.length
      if (!draft && input.publishAt !== undefined) {
        for (const channel of channels) batch.deliveries.push(newDelivery(postId, channel.id, input.publishAt, now))
      }
      spans.push([first, batch.deliveries.length])
      outcomes.push({ postId, deliveryIds: [], problems })
    }
    const ids = batch.posts.length > 0 ? await repo.insertPosts(batch, now) : []
    outcomes.forEach((o, i) => {
      const [from, to] = spans[i] ?? [0, 0]
      if (o.postId) o.deliveryIds = ids.slice(from, to)
    })
    changed(
      batch.posts.map((p) => p.id),
      ids,
    )
    if (ids.length > 0) poke()
    return outcomes
  }

  async function updatePost(patch: PostPatch): Promise<ComposeResult> {
    const now = clock.now()
    const post = await mustPost(patch.postId)
    if (post.status === 'cancelled') throw new AppError('conflict', 'This post was cancelled. Duplicate it to plan it again.')
    const deliveries = await repo.deliveriesOfPosts([post.id])
    if (deliveries.some((d) => !OPEN_STATES.includes(d.state))) {
      throw new AppError('conflict', 'This post already went out, or is going out, on some channels. Duplicate it to change it.')
    }
    const status = patch.status ?? post.status
    const timeZone = patch.timeZone ?? post.time_zone
    assertTimeZone(timeZone)
    const channelIds = patch.channelIds ?? post.channel_ids.split(',').filter(Boolean)
    const channels = await channelsOf(channelIds)
    const publishAt = patch.publishAt ?? post.publish_at
    const timeChanged = patch.publishAt !== undefined && patch.publishAt !== post.publish_at
    if (status === 'scheduled') {
      if (channels.length === 0) throw new AppError('validation', 'Pick at least one channel to publish to.')
      if (publishAt === null) throw new AppError('validation', 'Pick a date and time for the post.')
      if (timeChanged || post.status === 'draft') assertTime(publishAt, now)
    }
    let image: MediaRow | null = null
    let imagePath = post.image_path
    let imageSha = post.image_sha256
    let alt = post.image_alt
    if (patch.image === null) {
      imagePath = null
      imageSha = null
      alt = null
    } else if (patch.image) {
      image = await readImageOf(post, patch.image)
      imagePath = patch.image.path
      imageSha = image.sha256
      alt = patch.image.altText?.trim() ? patch.image.altText.trim() : null
    } else if (post.image_sha256) {
      image = (await repo.getMedia(post.image_sha256)) ?? null
    }
    const text = patch.text ?? post.text
    const networkTexts = cleanNetworkTexts(patch.networkTexts ?? parseNetworkTexts(post.network_texts), text)
    const link = patch.link === null ? null : patch.link !== undefined ? patch.link.trim() || null : post.link
    const firstComment = patch.firstComment === undefined ? post.first_comment : cleanFirstComment(patch.firstComment)
    const problems = await validate({ text, networkTexts, link, image, alt, firstComment }, channels)
    if (status === 'scheduled' && problems.length > 0) return { post: null, problems }

    const wanted = new Set(channels.map((c) => c.id))
    const existing = new Map(deliveries.map((d) => [d.channel_id, d]))
    const remove = status === 'draft' ? deliveries.map((d) => d.id) : deliveries.filter((d) => !wanted.has(d.channel_id)).map((d) => d.id)
    const reset =
      status === 'scheduled' && publishAt !== null && (timeChanged || post.status === 'draft')
        ? deliveries.filter((d) => wanted.has(d.channel_id) && d.state !== 'skipped').map((d) => ({ id: d.id, dueAt: publishAt, nextAttemptAt: Math.max(publishAt, now) }))
        : []
    const add = status === 'scheduled' && publishAt !== null ? channels.filter((c) => !existing.has(c.id)).map((c) => newDelivery(post.id, c.id, publishAt, now)) : []
    const ok = await repo.savePostEdit(
      {
        post: {
          ...post,
          status,
          text,
          link,
          image_path: imagePath,
          image_sha256: imageSha,
          image_alt: alt,
          publish_at: publishAt,
          time_zone: timeZone,
          channel_ids: channels.map((c) => c.id).join(','),
          network_texts: serializeNetworkTexts(networkTexts),
          first_comment: firstComment,
        },
        media: patch.image && image ? [image] : [],
        remove,
        reset,
        add,
      },
      now,
    )
    if (!ok) throw new AppError('conflict', 'This post started publishing while you edited it. Duplicate it to change it.')
    changed([post.id], [...remove, ...reset.map((r) => r.id)])
    poke()
    return { post: await mustView(post.id), problems }
  }

  // ---- people's decisions about a delivery ----------------------------------------------

  const RESUMABLE: readonly DeliveryStateName[] = ['missed', 'failed', 'needs_review', 'held', 'skipped']

  async function resolveDelivery(input: { deliveryId: number; action: ResolveAction }): Promise<DeliveryView> {
    const row = await repo.getDelivery(input.deliveryId)
    if (!row) throw new AppError('not_found', 'That delivery no longer exists.')
    const now = clock.now()
    const cleared: DeliveryFields = {
      held_reason: null,
      held_detail: null,
      failure_reason: null,
      failure_detail: null,
      notified_at: null,
      claimed_at: null,
      review_candidates: null,
    }
    const { action } = input
    let ok: boolean
    switch (action.kind) {
      case 'publish_now': {
        // A kept intent (needs review, 5xx) still makes the scheduler look for the post first,
        // unless the person was shown the posts that might be it and chose to publish anyway.
        const decided = row.state === 'needs_review' && candidatesOf(row.review_candidates).length > 0
        ok = await repo.transition(row.id, RESUMABLE, { ...cleared, state: 'scheduled', next_attempt_at: now, ...(decided ? { intent_at: null } : {}) }, now)
        break
      }
      case 'reschedule':
        assertTime(action.at, now)
        ok = await repo.transition(row.id, [...RESUMABLE, 'scheduled'], { ...cleared, state: 'scheduled', due_at: action.at, next_attempt_at: Math.max(action.at, now) }, now)
        break
      case 'skip':
        ok = await repo.transition(row.id, ['scheduled', 'missed', 'failed', 'needs_review', 'held'], { state: 'skipped', next_attempt_at: null, claimed_at: null }, now)
        break
      case 'mark_published': {
        const picked = action.networkPostId ? candidatesOf(row.review_candidates).find((c) => c.networkPostId === action.networkPostId) : undefined
        if (action.networkPostId && !picked) throw new AppError('validation', 'That post is not one of those Relink found. Look at the post again.')
        const fields: DeliveryFields = picked
          ? { network_post_id: picked.networkPostId, url: picked.url, published_at: picked.publishedAt }
          : { url: action.url ?? null, published_at: row.intent_at ?? now }
        ok = await repo.transition(row.id, ['needs_review', 'failed'], { ...cleared, state: 'published', next_attempt_at: null, ...fields }, now)
        break
      }
    }
    if (!ok) throw new AppError('conflict', 'This post changed meanwhile (it may be publishing). Look at it again.')
    changedRow(row)
    poke()
    return deliveryView(row.id)
  }

  return {
    createPost: async (input: ComposeInput): Promise<ComposeResult> => {
      const [result] = await createPosts([input])
      if (!result) throw new AppError('internal', 'The post could not be created.')
      return { post: result.postId ? await mustView(result.postId) : null, problems: result.problems }
    },
    /** Many posts in one transaction (bulk planning, imports); ids rather than views. */
    createPosts,
    /** Problems of many posts at once (an import's preview), without saving. */
    async checkPosts(inputs: readonly Pick<ComposeInput, 'text' | 'networkTexts' | 'link' | 'image' | 'channelIds'>[]): Promise<ChannelProblems[][]> {
      const channels = new Map((await channelsOf(inputs.flatMap((i) => i.channelIds))).map((c) => [c.id, c]))
      const out: ChannelProblems[][] = []
      for (const input of inputs) {
        const image = input.image ? await readImage(input.image) : null
        const link = input.link?.trim() ? input.link.trim() : null
        const alt = input.image?.altText?.trim() ? input.image.altText.trim() : null
        const picked = [...new Set(input.channelIds)].map((id) => channels.get(id)).filter((c): c is ChannelInfo => c !== undefined)
        out.push(await validate({ text: input.text, networkTexts: cleanNetworkTexts(input.networkTexts, input.text), link, image, alt }, picked))
      }
      return out
    },
    updatePost,
    /** A new draft with the same content, channels and time zone, without a time. */
    async duplicatePost(postId: string): Promise<PostView> {
      const post = await mustPost(postId)
      const now = clock.now()
      const id = repo.newPostId(now)
      await repo.insertPosts({ posts: [{ ...post, id, status: 'draft', publish_at: null, created_at: now, updated_at: now }], deliveries: [], media: [] }, now)
      changed([id])
      return mustView(id)
    },
    /** Cancels a post; deliveries that already went out (or are going out) are not affected. */
    async cancelPost(postId: string): Promise<PostView> {
      await mustPost(postId)
      const skipped = await repo.cancelPost(postId, clock.now())
      changed([postId], skipped)
      poke()
      return mustView(postId)
    },
    /** Problems each chosen channel's network would have with this content, without saving. */
    async checkContent(input: Pick<ComposeInput, 'text' | 'networkTexts' | 'firstComment' | 'link' | 'image' | 'channelIds'> & { postId?: string }): Promise<ChannelProblems[]> {
      const image = input.image ? await readImageOf(input.postId ? await mustPost(input.postId) : undefined, input.image) : null
      const link = input.link?.trim() ? input.link.trim() : null
      const alt = input.image?.altText?.trim() ? input.image.altText.trim() : null
      const networkTexts = cleanNetworkTexts(input.networkTexts, input.text)
      return validate({ text: input.text, networkTexts, link, image, alt, firstComment: cleanFirstComment(input.firstComment) }, await channelsOf(input.channelIds))
    },
    resolveDelivery,
  }
}
