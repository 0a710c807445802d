import { describe, expect, it } from 'vitest'
import { CARD_HEIGHT, HOUR_HEIGHT, placeInLanes, timeAtOffset, topOf, visibleHours } from './week-layout'

const at = (h: number, m = 0) => new Date(2026, 0, 6, h, m).getTime()
const DAY = new Date(2026, 0, 6).getTime()

describe('week hour grid', () => {
  it('shows 07:00 to 21:00, widened to every post', () => {
    expect(visibleHours([])).toEqual({ first: 7, last: 21 })
    expect(visibleHours([at(5, 30), at(22, 15)])).toEqual({ first: 5, last: 23 })
  })

  it('places a moment by its minutes past the first hour', () => {
    expect(topOf(at(9, 30), 7)).toBe(2.5 * HOUR_HEIGHT)
  })

  it('puts overlapping cards side by side and lets later ones use the full width again', () => {
    const items = [at(10), at(10), at(10, 20), at(14)]
    const placed = placeInLanes(items, (t) => t, 7)
    expect(placed.map((p) => [p.lane, p.lanes])).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
      [0, 1],
    ])
    expect(CARD_HEIGHT).toBeLessThan(HOUR_HEIGHT)
  })

  it('turns a point in a day column into a time on the quarter hour', () => {
    expect(timeAtOffset(DAY, 2.6 * HOUR_HEIGHT, 7)).toBe(at(9, 30))
    expect(timeAtOffset(DAY, 0, 7)).toBe(at(7))
  })
})
