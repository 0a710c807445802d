import type { Kysely } from 'kysely'
import type { ChannelSlots, PostingSlot, Weekday } from '../../../shared/domain/posting-slots'
import type { DB } from '../schema'

const pad = (n: number): string => String(n).padStart(2, '0')
const toTime = (minute: number): string => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`
const toMinute = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))

export type SlotRepository = ReturnType<typeof createSlotRepository>

/** Posting slots per channel; a channel's set is read and written whole. */
export function createSlotRepository(db: Kysely<DB>) {
  return {
    /** Every channel with slots (or only `channelIds`), slots by weekday then time. */
    async list(channelIds?: readonly string[]): Promise<ChannelSlots[]> {
      if (channelIds?.length === 0) return []
      let query = db.selectFrom('posting_slots').selectAll().orderBy('channel_id').orderBy('weekday').orderBy('minute')
      if (channelIds) query = query.where('channel_id', 'in', [...channelIds])
      const sets = new Map<string, ChannelSlots>()
      for (const row of await query.execute()) {
        const set = sets.get(row.channel_id) ?? { channelId: row.channel_id, timeZone: row.time_zone, slots: [] }
        set.slots.push({ weekday: row.weekday as Weekday, time: toTime(row.minute) })
        sets.set(row.channel_id, set)
      }
      return [...sets.values()]
    },

    /** Replaces each channel's slots with these (none: the channel has no slots any more). */
    async replace(channelIds: readonly string[], timeZone: string, slots: readonly PostingSlot[]): Promise<void> {
      await db.transaction().execute(async (trx) => {
        for (const channelId of channelIds) {
          await trx.deleteFrom('posting_slots').where('channel_id', '=', channelId).execute()
          if (slots.length === 0) continue
          await trx
            .insertInto('posting_slots')
            .values(slots.map((s) => ({ channel_id: channelId, weekday: s.weekday, minute: toMinute(s.time), time_zone: timeZone })))
            .execute()
        }
      })
    },
  }
}
