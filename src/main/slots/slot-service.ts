import { firstFreeSlot, sortSlots, type ChannelSlots, type NextFreeSlot, type PostingSlot } from '../../shared/domain/posting-slots'
import { isKnownTimeZone } from '../../shared/domain/zoned-time'
import { AppError } from '../../shared/errors'
import type { SlotRepository } from '../db/repositories/slot-repository'
import type { EventBus } from '../events'
import type { Clock } from '../ports'

const MINUTE = 60_000
/** A slot this close to now is too soon to finish the post for. */
const LEAD_MS = 5 * MINUTE
/** How far ahead "next free slot" looks: five weeks of a channel's slots. */
const HORIZON_MS = 35 * 24 * 60 * MINUTE

export interface SlotServiceDeps {
  repo: SlotRepository
  /** Which of these channels exist. */
  channels: { exists(ids: string[]): Promise<string[]> }
  /** Due times of a channel's posts still to go out in [from, to), leaving out one post's own. */
  deliveries: { takenTimes(channelId: string, from: number, to: number, exceptPostId?: string): Promise<number[]> }
  clock: Clock
  events: EventBus
}

export type SlotService = ReturnType<typeof createSlotService>

/** Posting slots per channel, and the next one the chosen channels have free. */
export function createSlotService(deps: SlotServiceDeps) {
  const { repo, channels, deliveries, clock, events } = deps

  async function mustExist(ids: string[]): Promise<void> {
    const found = new Set(await channels.exists(ids))
    if (ids.some((id) => !found.has(id))) throw new AppError('not_found', 'That channel is no longer in Relink. It may have been removed in another window.')
  }

  function mustKnowZone(timeZone: string): void {
    if (!isKnownTimeZone(timeZone)) throw new AppError('validation', `Relink does not know the time zone "${timeZone}". Pick one from the list.`)
  }

  async function write(channelIds: string[], timeZone: string, slots: readonly PostingSlot[]): Promise<ChannelSlots[]> {
    await repo.replace(channelIds, timeZone, sortSlots(slots))
    events.emit('slots:did-change', { channelIds })
    return repo.list(channelIds)
  }

  return {
    list: () => repo.list(),

    /** Sets one channel's slots, replacing what it had. */
    async setChannel(input: { channelId: string; timeZone: string; slots: PostingSlot[] }): Promise<ChannelSlots> {
      mustKnowZone(input.timeZone)
      await mustExist([input.channelId])
      const [set] = await write([input.channelId], input.timeZone, input.slots)
      return set ?? { channelId: input.channelId, timeZone: input.timeZone, slots: [] }
    },

    /** Gives other channels the same slots and time zone as one channel. */
    async copyChannel(input: { fromChannelId: string; toChannelIds: string[] }): Promise<ChannelSlots[]> {
      const targets = [...new Set(input.toChannelIds)].filter((id) => id !== input.fromChannelId)
      await mustExist([input.fromChannelId, ...targets])
      const [source] = await repo.list([input.fromChannelId])
      if (!source) throw new AppError('validation', 'That channel has no posting slots to copy yet.')
      return write(targets, source.timeZone, source.slots)
    },

    /** The next slot of these channels that none of their posts takes yet (the post being edited does not count). */
    async findNextFree(input: { channelIds: string[]; exceptPostId?: string }): Promise<NextFreeSlot> {
      const sets = await repo.list(input.channelIds)
      if (sets.every((s) => s.slots.length === 0)) return { at: null, reason: 'no_slots' }
      const from = clock.now() + LEAD_MS
      const to = from + HORIZON_MS
      const taken = new Map<string, number[]>()
      for (const channelId of input.channelIds) taken.set(channelId, await deliveries.takenTimes(channelId, from, to, input.exceptPostId))
      const at = firstFreeSlot(sets, taken, from, to)
      return at === undefined ? { at: null, reason: 'all_taken' } : { at }
    },
  }
}
