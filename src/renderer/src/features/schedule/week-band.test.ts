import { describe, expect, it } from 'vitest'
import { inBand, merged, widened, withView, type Band, type Bands } from './week-band'
import { HOUR_HEIGHT } from './week-layout'

const hours = (top: number, bottom: number): Band => ({ top: top * HOUR_HEIGHT, bottom: bottom * HOUR_HEIGHT })

describe('a busy week filling in around the view', () => {
  it('widens a step each way per frame and stops at the grid’s edges', () => {
    const grid = 24 * HOUR_HEIGHT
    let bands: Band[] = [hours(8, 10)]
    const frames: Band[][] = []
    while (!(bands.length === 1 && bands[0]?.top === 0 && bands[0].bottom === grid)) {
      bands = widened(bands, grid)
      frames.push(bands)
    }
    expect(frames[0]).toEqual([hours(7, 11)])
    expect(frames.at(-1)).toEqual([hours(0, 24)])
    expect(frames).toHaveLength(14)
  })

  it('renders a card whose hour touches a band, and everything without one', () => {
    const bands = [hours(4, 6), hours(12, 13)]
    expect(inBand(bands, 3 * HOUR_HEIGHT + 10)).toBe(true)
    expect(inBand(bands, 2 * HOUR_HEIGHT)).toBe(false)
    expect(inBand(bands, 6 * HOUR_HEIGHT)).toBe(false)
    expect(inBand(bands, 12 * HOUR_HEIGHT)).toBe(true)
    expect(inBand(undefined, 23 * HOUR_HEIGHT)).toBe(true)
  })

  it('brings in what a long scroll shows, not the hours scrolled past, three hours a frame, and joins bands that meet', () => {
    const start = [hours(2, 4)]
    expect(withView(start, hours(2.5, 3.5))).toBe(start)
    expect(withView(start, hours(18, 24))).toEqual([hours(2, 4), hours(18, 21)])
    // Next to what is there: below it scrolling down, above it scrolling up.
    expect(withView(start, hours(3, 9))).toEqual([hours(2, 7)])
    expect(withView([hours(10, 12)], hours(5, 11))).toEqual([hours(7, 12)])
    // A view the bands cover only in part fills in over frames.
    let bands: Bands = [hours(10, 11)]
    const frames: Bands[] = []
    while (bands.every((band) => !(band.top <= 4 * HOUR_HEIGHT && band.bottom >= 15 * HOUR_HEIGHT))) {
      bands = withView(bands, hours(4, 15))
      frames.push(bands)
    }
    expect(frames).toEqual([[hours(10, 14)], [hours(10, 15)], [hours(7, 15)], [hours(4, 15)]])
    expect(merged([hours(10, 12), hours(1, 3), hours(3, 5)])).toEqual([hours(1, 5), hours(10, 12)])
    expect(widened([hours(2, 4), hours(6, 8)], 24 * HOUR_HEIGHT)).toEqual([hours(1, 9)])
  })
})
