import { describe, expect, it } from 'vitest'
import { bestSlots, bestTimeGrid, hourRange, intensity } from './best-time'

const slot = (weekday: number, hour: number, posts: number, average: number | null) => ({ weekday, hour, posts, average })

describe('best time to post', () => {
  it('lays the slots on a Monday-first 7 × 24 grid with the highest mean as the scale', () => {
    const { rows, max } = bestTimeGrid([slot(1, 9, 2, 40), slot(6, 23, 1, 100), slot(0, 0, 1, null)])
    expect(rows).toHaveLength(7)
    expect(rows.every((r) => r.length === 24)).toBe(true)
    expect(rows[1]?.[9]).toEqual(slot(1, 9, 2, 40))
    expect(rows[6]?.[23]?.average).toBe(100)
    expect(rows[2]?.[9]).toBeNull()
    expect(max).toBe(100)
    expect(intensity(rows[1]?.[9] ?? null, max)).toBeCloseTo(0.4)
    expect(intensity(rows[0]?.[0] ?? null, max)).toBe(0)
    expect(intensity(null, max)).toBe(0)
  })

  it('names the best slots, highest mean first and more posts on a tie', () => {
    expect(bestSlots([slot(0, 9, 1, 10), slot(2, 12, 3, 50), slot(4, 17, 5, 50), slot(3, 8, 2, null)], 2)).toEqual([slot(4, 17, 5, 50), slot(2, 12, 3, 50)])
    expect(hourRange(9)).toBe('09:00–10:00')
    expect(hourRange(23)).toBe('23:00–00:00')
  })
})
