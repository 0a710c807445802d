import { describe, expect, it } from 'vitest'
import { inRows, nextRows, rowsIn, type Band, type Rows } from './week-band'
import { HOUR_HEIGHT } from './week-layout'

const hours = (top: number, bottom: number): Band => ({ top: top * HOUR_HEIGHT, bottom: bottom * HOUR_HEIGHT })
const sorted = (rows: Rows): number[] => [...rows].sort((a, b) => a - b)

/** The rows each frame adds, from `rows`, with the view where it is, until the grid is whole. */
function fill(rows: Rows, view: Band, count: number): number[][] {
  const added: number[][] = []
  let current = rows
  while (current.size < count) {
    const next = nextRows(current, view, count)
    added.push(sorted(next).filter((row) => !current.has(row)))
    current = next
  }
  return added
}

describe('a busy week filling in around the view', () => {
  it('adds one hour row a frame, those in view first, then outward nearest first, until the grid is whole', () => {
    const added = fill(new Set([10]), hours(8, 13), 24)
    expect(added.every((rows) => rows.length === 1)).toBe(true)
    // The view's rows, each next to what is there, then rows by their distance from the view.
    expect(added.slice(0, 4).flat()).toEqual([9, 8, 11, 12])
    expect(added.slice(4, 8).flat()).toEqual([7, 13, 6, 14])
    expect(added.flat().sort((a, b) => a - b)).toEqual([...Array.from({ length: 24 }, (_, i) => i)].filter((row) => row !== 10))
  })

  it('brings in what a scroll shows before it widens, continuing what is there rather than the hours scrolled past', () => {
    // Scrolled down past what is there: the rows in view, from the one next to what is there.
    const down = fill(new Set([2, 3]), hours(3, 9), 24)
    expect(down.slice(0, 5).flat()).toEqual([4, 5, 6, 7, 8])
    // Scrolled up: from the bottom of the view, next to what is there.
    expect(fill(new Set([12, 13]), hours(5, 12), 24).slice(0, 6).flat()).toEqual([11, 10, 9, 8, 7, 6])
    // A long scroll to the evening: the evening first, top down, not the afternoon between.
    expect(fill(new Set([2, 3]), hours(18, 24), 24).slice(0, 6).flat()).toEqual([18, 19, 20, 21, 22, 23])
  })

  it('takes a larger budget in one frame, and stops adding once the grid is whole', () => {
    expect(sorted(nextRows(new Set([5]), hours(4, 7), 24, 3))).toEqual([3, 4, 5, 6])
    const whole = new Set([0, 1, 2])
    expect(nextRows(whole, hours(0, 3), 3)).toBe(whole)
  })

  it('renders a card whose hour row is there, and everything once the grid is whole', () => {
    const rows = new Set([3, 12])
    expect(inRows(rows, 3 * HOUR_HEIGHT + 2)).toBe(true)
    expect(inRows(rows, 3 * HOUR_HEIGHT - 1)).toBe(false)
    expect(inRows(rows, 4 * HOUR_HEIGHT)).toBe(false)
    expect(inRows(rows, 12 * HOUR_HEIGHT)).toBe(true)
    expect(inRows(undefined, 23 * HOUR_HEIGHT)).toBe(true)
    // The view opens on the rows it touches, within the grid.
    expect(rowsIn({ top: 2.5 * HOUR_HEIGHT, bottom: 3.5 * HOUR_HEIGHT }, 24)).toEqual([2, 3])
    expect(rowsIn(hours(22, 26), 24)).toEqual([22, 23])
  })
})
