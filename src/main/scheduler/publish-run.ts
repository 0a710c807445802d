/**
 * Publishing one delivery through the intents module: the post's stored content becomes the
 * adapter's draft (exactly the composer's text: nothing is added to it), the channel's working
 * link carries the call, and the adapter's lookup settles an outcome nobody saw by finding the
 * content on the channel's own timeline since the intent (`providers/fingerprint.ts`).
 */
import type { DeliveryRow, PublishContent } from '../db/repositories/delivery-repository'
import { createIntentRunner, type OpenedWrite } from '../intents'
import type { PostDraft, PublishedPost } from '../providers/types'
import type { DeliveryMoves } from './delivery-moves'
import type { ImageConverter } from './image-convert'
import type { SchedulerContext } from './options'
import { parseNetworkTexts, textFor } from './network-texts'
import { PUBLISH_WORDS } from './words'

/**
 * The draft an adapter publishes for a post's stored content: the network's own text where
 * customised, and the image in a type the network takes (a PNG becomes a JPEG for Instagram).
 */
function draftFor(content: PublishContent, network: string, images: ImageConverter): PostDraft {
  const draft: PostDraft = { text: textFor(content.text, parseNetworkTexts(content.network_texts), network) }
  if (content.link) draft.link = content.link
  if (content.image_bytes && content.image_mime && content.image_width !== null && content.image_height !== null) {
    draft.image = {
      bytes: content.image_bytes,
      mimeType: content.image_mime as NonNullable<PostDraft['image']>['mimeType'],
      width: content.image_width,
      height: content.image_height,
      ...(content.image_alt ? { altText: content.image_alt } : {}),
    }
    try {
      draft.image = images.fit(draft.image, content.image_sha256 ?? '', network).image
    } catch {
      // Checked when composed; an image that still cannot be read goes as it is, for the network's own verdict.
    }
  }
  return draft
}

export type PublishRun = ReturnType<typeof createPublishRun>

export function createPublishRun(ctx: SchedulerContext, moves: DeliveryMoves) {
  const { repo, clock, logger, deps, opt } = ctx
  const { connections, providers } = deps

  const intents = createIntentRunner<DeliveryRow, PublishedPost>({
    store: moves.intentStore,
    connections,
    clock,
    logger,
    random: ctx.random,
    options: opt,
    words: PUBLISH_WORDS,
    describe: (post) => post.networkPostId,
    log: { label: 'scheduler', verb: 'publish', idKey: 'deliveryId' },
    ...(deps.hooks?.afterPublishAccepted ? { afterCallAccepted: deps.hooks.afterPublishAccepted } : {}),
  })

  /**
   * The delivery's write on the channel's working link; throws when no link works. The lookup
   * reads the row again (an Instagram container may have been recorded since it was claimed).
   */
  function opener(row: DeliveryRow, given?: PublishContent): () => Promise<OpenedWrite<PublishedPost>> {
    return async () => {
      const via = await connections.channelTarget(row.channel_id)
      const pctx = await providers.context(via.network, via.instance)
      const adapter = providers.adapter(via.network)
      return {
        profileId: via.profileId,
        network: via.network,
        confirmAbsentAfterMs: adapter.confirmAbsentAfterMs,
        call: () => {
          if (!given) throw new Error('A delivery was sent without its content.')
          return adapter.publish(pctx, via.target, draftFor(given, via.network, ctx.images), {
            key: row.marker,
            onContainer: (containerId) => repo.recordContainer(row.id, containerId, clock.now()),
          })
        },
        lookup: async (sinceMs) => {
          const content = given ?? (await repo.publishContent(row.post_id))
          if (!content) return { kind: 'unanswerable', detail: 'The post is no longer in Relink, so there is nothing to compare with.' }
          const current = await repo.getDelivery(row.id)
          const known = new Set(await repo.publishedPostIds(row.channel_id, row.id, sinceMs))
          const found = await adapter.findPublished(pctx, via.target, {
            draft: draftFor(content, via.network, ctx.images),
            sinceMs,
            // Posts published before markers were dropped still carry theirs.
            legacyMarker: row.marker,
            knownPostIds: known,
            ...(current?.container_id ? { containerId: current.container_id } : {}),
          })
          return found.kind === 'found' ? { kind: 'found', result: found.post } : found
        },
      }
    }
  }

  /** A claimed delivery: cancelled posts are skipped; everything else goes through the intents module. */
  async function processClaimed(row: DeliveryRow): Promise<void> {
    const content = await repo.publishContent(row.post_id)
    if (!content || content.status === 'cancelled') {
      await moves.move(row, ['claimed'], { state: 'skipped', claimed_at: null, next_attempt_at: null, failure_reason: 'cancelled', failure_detail: 'The post was cancelled.' })
      return
    }
    await intents.run(row, opener(row, content))
  }

  /** A publishing delivery nobody is working on: find the post, or ask a person. */
  const settleUnknown = (row: DeliveryRow) => intents.settleUnknown(row, opener(row))

  return { processClaimed, settleUnknown }
}
