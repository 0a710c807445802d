import { afterEach, describe, expect, it, vi } from 'vitest'
import { watchClockJumps } from './clock-watch'

afterEach(() => {
  vi.useRealTimers()
})

describe('watchClockJumps', () => {
  function setup() {
    vi.useFakeTimers()
    let wall = 1_000_000
    let mono = 0
    const jumps: number[] = []
    const watch = watchClockJumps({ onJump: (d) => jumps.push(d), intervalMs: 1_000, thresholdMs: 5_000, wallNow: () => wall, monotonicNow: () => mono })
    const tick = (wallStep: number, monoStep = 1_000): void => {
      wall += wallStep
      mono += monoStep
      vi.advanceTimersByTime(1_000)
    }
    return { jumps, watch, tick }
  }

  it('stays quiet while both clocks run together, even with some timer lateness', () => {
    const { jumps, tick, watch } = setup()
    tick(1_000)
    tick(1_800, 1_000)
    tick(1_000)
    expect(jumps).toEqual([])
    watch.stop()
  })

  it('reports the wall clock moving an hour forward and back', () => {
    const { jumps, tick, watch } = setup()
    tick(3_600_000 + 1_000)
    tick(-3_600_000 + 1_000)
    expect(jumps).toEqual([3_600_000, -3_600_000])
    watch.stop()
  })

  it('stops checking once stopped', () => {
    const { jumps, tick, watch } = setup()
    watch.stop()
    tick(3_600_000)
    expect(jumps).toEqual([])
  })
})
