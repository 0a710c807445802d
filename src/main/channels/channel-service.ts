import type { ChannelSummary } from '../../shared/domain/entities'
import { AppError } from '../../shared/errors'
import type { BrandRepository } from '../db/repositories/brand-repository'
import type { ChannelRepository } from '../db/repositories/channel-repository'
import type { EventBus } from '../events'

export type ChannelService = ReturnType<typeof createChannelService>

export function createChannelService(deps: { channels: ChannelRepository; brands: BrandRepository; events: EventBus }) {
  const { channels, brands, events } = deps
  return {
    list: (filter?: { brandId?: string }) => channels.list(filter),

    /** Puts a channel in exactly these brands (a channel may belong to many). */
    async setBrands(input: { channelId: string; brandIds: string[] }): Promise<ChannelSummary> {
      const [found] = await channels.exists([input.channelId])
      if (!found) throw new AppError('not_found', 'That channel no longer exists.')
      const unique = [...new Set(input.brandIds)]
      const known = await brands.existingIds(unique)
      if (unique.some((brandId) => !known.has(brandId))) throw new AppError('not_found', 'One of the chosen brands no longer exists.')
      await channels.setBrands(input.channelId, unique)
      events.emit('channels:did-change', { channelIds: [input.channelId] })
      events.emit('brands:did-change', { brandIds: unique })
      const summary = (await channels.list()).find((c) => c.id === input.channelId)
      if (!summary) throw new AppError('not_found', 'That channel no longer exists.')
      return summary
    },

    /** Removes one channel from Relink (not from the network); its queued posts to it are cancelled. */
    async remove(input: { channelId: string }): Promise<{ cancelledDeliveries: number }> {
      const brandIds = (await channels.list()).find((c) => c.id === input.channelId)?.brandIds ?? []
      const outcome = await channels.remove(input.channelId)
      if (!outcome.found) throw new AppError('not_found', 'That channel was already removed.')
      if (outcome.inFlight) {
        throw new AppError('conflict', 'A post to this channel is being published right now. Try again once it has gone out.', { retryable: true })
      }
      events.emit('channels:did-change', { channelIds: [input.channelId] })
      if (brandIds.length > 0) events.emit('brands:did-change', { brandIds })
      events.emit('schedule:did-change', { postIds: [], deliveryIds: [] })
      return { cancelledDeliveries: outcome.cancelledDeliveries }
    },
  }
}
