import { slotTimes, type ChannelSlots } from '../../../../shared/domain/posting-slots'
import { addDays } from './calendar-range'

/** A posting slot on the week grid: its time and the channels it belongs to. */
export interface SlotMark {
  at: number
  channelIds: string[]
}

/** Each day's posting slots of these channels, by day start, in time order; a time two channels share is one mark. */
export function slotMarksByDay(days: readonly number[], sets: readonly ChannelSlots[]): Map<number, SlotMark[]> {
  const out = new Map<number, SlotMark[]>()
  for (const day of days) {
    const marks = new Map<number, string[]>()
    for (const set of sets) for (const at of slotTimes(set, day, addDays(day, 1))) marks.set(at, [...(marks.get(at) ?? []), set.channelId])
    out.set(
      day,
      [...marks.entries()].sort(([a], [b]) => a - b).map(([at, channelIds]) => ({ at, channelIds })),
    )
  }
  return out
}
