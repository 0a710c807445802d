import { describe, expect, it } from 'vitest'
import { backoffMs, seededRandom } from '../intents/backoff'
import { nextFreeSlot } from './slots'

const Q = 15 * 60_000

describe('next free slot', () => {
  it('takes the next quarter hour with at least a minute of lead, skipping taken ones', () => {
    const now = 10 * Q + 5 * 60_000
    expect(nextFreeSlot([], now, Q, 60_000)).toBe(11 * Q)
    expect(nextFreeSlot([11 * Q + 1_000, 12 * Q], now, Q, 60_000)).toBe(13 * Q)
    expect(nextFreeSlot([], 11 * Q - 30_000, Q, 60_000)).toBe(12 * Q)
  })
})

describe('retry waits', () => {
  it('double up to the cap, never below half the step, and replay from a seed', () => {
    const a = seededRandom(7)
    const b = seededRandom(7)
    const waits = [1, 2, 3, 4, 10].map((n) => backoffMs(n, 30_000, 300_000, a))
    expect([1, 2, 3, 4, 10].map((n) => backoffMs(n, 30_000, 300_000, b))).toEqual(waits)
    const steps = [30_000, 60_000, 120_000, 240_000, 300_000]
    waits.forEach((w, i) => {
      expect(w).toBeGreaterThanOrEqual((steps[i] ?? 0) / 2)
      expect(w).toBeLessThanOrEqual(steps[i] ?? 0)
    })
  })
})
