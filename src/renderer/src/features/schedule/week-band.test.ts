import { describe, expect, it } from 'vitest'
import { CELLS_PER_FRAME, inRows, nextCells, rowsIn, type Band, type Cells } from './week-band'
import { HOUR_HEIGHT } from './week-layout'

const hours = (top: number, bottom: number): Band => ({ top: top * HOUR_HEIGHT, bottom: bottom * HOUR_HEIGHT })
/** A week whose seven days have the same rows. */
const week = (...rows: number[]): Cells => Array.from({ length: 7 }, () => new Set(rows))

/** The cells each frame adds, as `row:day`, from `cells`, with the view where it is, until the grid is whole. */
function fill(cells: Cells, view: Band, count: number): string[][] {
  const frames: string[][] = []
  let current = cells
  while (current.some((rows) => rows.size < count)) {
    const next = nextCells(current, view, count)
    frames.push(next.flatMap((rows, day) => [...rows].filter((row) => !current[day]?.has(row)).map((row) => `${row}:${day}`)))
    current = next
  }
  return frames
}

/** The rows of the cells a frame added, each once, in the order they came. */
const rowsOf = (frames: string[][]): number[] => [...new Set(frames.flat().map((cell) => Number(cell.split(':')[0])))]

describe('a busy week filling in around the view', () => {
  it('adds four cells a frame, a row’s days in order, the rows in view first, then outward nearest first, until the grid is whole', () => {
    const frames = fill(week(10), hours(8, 13), 24)
    expect(frames.slice(0, -1).every((cells) => cells.length === CELLS_PER_FRAME)).toBe(true)
    expect(frames[0]).toEqual(['9:0', '9:1', '9:2', '9:3'])
    expect(frames[1]).toEqual(['8:0', '9:4', '9:5', '9:6'])
    // The view's rows, each next to what is there, then rows by their distance from the view.
    expect(rowsOf(frames).slice(0, 8)).toEqual([9, 8, 11, 12, 7, 13, 6, 14])
    expect(frames.flat()).toHaveLength(23 * 7)
  })

  it('brings in what a scroll shows before it widens, continuing what is there rather than the hours scrolled past', () => {
    // Scrolled down past what is there: the rows in view, from the one next to what is there.
    expect(rowsOf(fill(week(2, 3), hours(3, 9), 24)).slice(0, 5)).toEqual([4, 5, 6, 7, 8])
    // Scrolled up: from the bottom of the view, next to what is there.
    expect(rowsOf(fill(week(12, 13), hours(5, 12), 24)).slice(0, 6)).toEqual([11, 10, 9, 8, 7, 6])
    // A long scroll to the evening: the evening first, top down, not the afternoon between.
    expect(rowsOf(fill(week(2, 3), hours(18, 24), 24)).slice(0, 6)).toEqual([18, 19, 20, 21, 22, 23])
  })

  it('keeps the rows of a day that gained nothing, so its column is not rendered again, and stops once the grid is whole', () => {
    const cells = week(5)
    const next = nextCells(cells, hours(4, 7), 24)
    expect(next.map((rows) => [...rows].sort((a, b) => a - b))).toEqual([[4, 5], [4, 5], [4, 5], [4, 5], [5], [5], [5]])
    expect(next.slice(4)).toEqual(cells.slice(4))
    next.slice(4).forEach((rows, i) => expect(rows).toBe(cells[4 + i]))
    const whole = week(0, 1, 2)
    expect(nextCells(whole, hours(0, 3), 3)).toBe(whole)
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
