import { describe, expect, it } from 'vitest'
import { inBand, widened } from './week-band'
import { HOUR_HEIGHT } from './week-layout'

describe('a busy week filling in around the view', () => {
  it('widens a step each way per frame and stops at the grid’s edges', () => {
    const grid = 24 * HOUR_HEIGHT
    let band = { top: 8 * HOUR_HEIGHT, bottom: 10 * HOUR_HEIGHT }
    const frames: { top: number; bottom: number }[] = []
    while (band.top > 0 || band.bottom < grid) {
      band = widened(band, grid)
      frames.push(band)
    }
    expect(frames[0]).toEqual({ top: 7 * HOUR_HEIGHT, bottom: 11 * HOUR_HEIGHT })
    expect(frames.at(-1)).toEqual({ top: 0, bottom: grid })
    expect(frames).toHaveLength(14)
  })

  it('renders a card whose hour touches the band, and everything without one', () => {
    const band = { top: 4 * HOUR_HEIGHT, bottom: 6 * HOUR_HEIGHT }
    expect(inBand(band, 3 * HOUR_HEIGHT + 10)).toBe(true)
    expect(inBand(band, 2 * HOUR_HEIGHT)).toBe(false)
    expect(inBand(band, 6 * HOUR_HEIGHT)).toBe(false)
    expect(inBand(undefined, 23 * HOUR_HEIGHT)).toBe(true)
  })
})
