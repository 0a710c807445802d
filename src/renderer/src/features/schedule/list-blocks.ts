import type { CalendarDelivery } from '../../../../shared/domain/schedule'
import { dayKey } from './calendar-range'

/**
 * Deliveries per rendered block: a busy agency day (hundreds of posts) becomes many blocks. Three
 * rows (144 px) are a little more than a scrolled frame's usual 100-120 px, so each frame brings in
 * one block, not five rows every other frame: the frame that drew five was the one over 16.7 ms.
 */
export const BLOCK = 3
/**
 * A row (42 px: its 24 px avatar and padding) and the 6 px after it (the gap to the next, or the
 * block's bottom padding); a day's heading is 28 px (schedule.css). Exact, so measuring a block
 * once it is drawn moves nothing: an estimate 20 px short moved every block below each one measured.
 */
export const ROW_PX = 48
export const HEADING_PX = 28

export interface Block {
  day: number
  /** The day's first block, which carries its heading. */
  first: boolean
  deliveries: CalendarDelivery[]
}

/** Days with posts, split into blocks of at most BLOCK deliveries. */
export function listBlocks(days: readonly number[], byDay: ReadonlyMap<string, readonly CalendarDelivery[]>): Block[] {
  const blocks: Block[] = []
  for (const day of days) {
    const deliveries = byDay.get(dayKey(day)) ?? []
    for (let i = 0; i < deliveries.length; i += BLOCK) blocks.push({ day, first: i === 0, deliveries: deliveries.slice(i, i + BLOCK) })
  }
  return blocks
}

/** A block's height as drawn: its heading, if any, and its rows. */
export const blockHeight = (block: Block | undefined): number => (block?.first ? HEADING_PX : 0) + (block?.deliveries.length ?? 0) * ROW_PX

/**
 * Whether two blocks draw the same: the same day and the same delivery objects. A page read
 * further on makes every block anew (the days are grouped again), but the rows already read stay
 * the same objects, so the blocks on screen are not drawn again when a page arrives.
 */
export const sameBlock = (a: Block, b: Block): boolean =>
  a === b || (a.day === b.day && a.first === b.first && a.deliveries.length === b.deliveries.length && a.deliveries.every((d, i) => d === b.deliveries[i]))
