import { describe, expect, it } from 'vitest'
import type { CalendarDelivery } from '../../../../shared/domain/schedule'
import { byDayOf } from './calendar-days'
import { addDays, startOfDay } from './calendar-range'
import { calendarDelivery } from './delivery-view.fixture'
import { BLOCK, blockHeight, HEADING_PX, listBlocks, ROW_PX, sameBlock } from './list-blocks'

const day = startOfDay(Date.UTC(2026, 0, 6, 12))
const days = [day, addDays(day, 1), addDays(day, 2)]
const rows = (count: number, at: number, from = 1): CalendarDelivery[] => Array.from({ length: count }, (_, i) => calendarDelivery({ id: from + i, dueAt: at + i * 60_000 }))

describe('the list’s blocks', () => {
  it('splits each day with posts into blocks of a few rows, the first carrying the day’s heading', () => {
    const busy = rows(BLOCK * 2 + 1, day + 3_600_000)
    const blocks = listBlocks(days, byDayOf([...busy, ...rows(1, addDays(day, 2) + 3_600_000, 100)]))
    expect(blocks.map((b) => [b.day, b.first, b.deliveries.length])).toEqual([
      [day, true, BLOCK],
      [day, false, BLOCK],
      [day, false, 1],
      [addDays(day, 2), true, 1],
    ])
    expect(blocks.flatMap((b) => b.deliveries)).toEqual([...busy, expect.objectContaining({ id: 100 })])
    expect(blockHeight(blocks[0])).toBe(HEADING_PX + BLOCK * ROW_PX)
    expect(blockHeight(blocks[1])).toBe(BLOCK * ROW_PX)
  })

  it('holds a frame’s scroll or a little more: one block comes in per frame, not several rows every other one', () => {
    expect(BLOCK * ROW_PX).toBeGreaterThanOrEqual(120)
    expect(BLOCK * ROW_PX).toBeLessThan(2 * 120)
  })

  it('are the same once a further page is read, so the rows on screen are not drawn again', () => {
    const first = rows(BLOCK * 2, day + 3_600_000)
    const before = listBlocks(days, byDayOf(first))
    const after = listBlocks(days, byDayOf([...first, ...rows(2, addDays(day, 1) + 3_600_000, 50)]))
    expect(after).toHaveLength(before.length + 1)
    expect(after[0]).not.toBe(before[0])
    expect(before.map((b, i) => sameBlock(b, after[i] as (typeof after)[number]))).toEqual([true, true])
  })

  it('differ when a row is another object (read again after a change) or the block holds other rows', () => {
    const first = rows(BLOCK, day + 3_600_000)
    const [block] = listBlocks(days, byDayOf(first))
    const [readAgain] = listBlocks(days, byDayOf(first.map((d) => ({ ...d }))))
    const [fewer] = listBlocks(days, byDayOf(first.slice(1)))
    if (!block || !readAgain || !fewer) throw new Error('no blocks')
    expect(sameBlock(block, readAgain)).toBe(false)
    expect(sameBlock(block, fewer)).toBe(false)
    expect(sameBlock(block, { ...block, first: false })).toBe(false)
  })
})
