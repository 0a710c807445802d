import type { Clock, Timer, TimerHandle } from '../../src/main/ports'

/** A clock that moves only when a test says so, with timers that fire as it passes them. */
export interface FakeClock extends Clock, Timer {
  set(ms: number): void
  advance(ms: number): void
  pending(): number
  /** When the earliest armed timer fires, or null with none armed. */
  nextAt(): number | null
}

export function createFakeClock(startMs = Date.UTC(2026, 0, 5, 9, 0, 0)): FakeClock {
  let now = startMs
  let seq = 0
  const timers = new Map<number, { at: number; callback: () => void }>()
  const fireDue = (): void => {
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= now).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0]
      if (!due) return
      timers.delete(due[0])
      due[1].callback()
    }
  }
  return {
    now: () => now,
    set(ms) {
      now = ms
      fireDue()
    },
    advance(ms) {
      now += ms
      fireDue()
    },
    pending: () => timers.size,
    nextAt: () => (timers.size === 0 ? null : Math.min(...[...timers.values()].map((t) => t.at))),
    at(whenMs, callback): TimerHandle {
      const id = ++seq
      timers.set(id, { at: whenMs, callback })
      return { cancel: () => void timers.delete(id) }
    },
  }
}
