/** A watch on the wall clock: notices when it moves by more than the time that really passed. */
export interface ClockWatch {
  stop(): void
}

export interface ClockWatchOptions {
  /** Called with how far the wall clock moved beyond real time (negative: it went back). */
  onJump(driftMs: number): void
  intervalMs?: number
  /** Smaller differences are timer lateness, not a clock change. */
  thresholdMs?: number
  /** Injected for tests; default the wall clock and the monotonic clock. */
  wallNow?: () => number
  monotonicNow?: () => number
}

/**
 * NTP corrections, a person setting the time, or a sleep the OS did not announce all show up as
 * the wall clock (Date.now) moving differently from the monotonic clock (performance.now).
 */
export function watchClockJumps(options: ClockWatchOptions): ClockWatch {
  const wallNow = options.wallNow ?? Date.now
  const monotonicNow = options.monotonicNow ?? (() => performance.now())
  const threshold = options.thresholdMs ?? 5_000
  let wall = wallNow()
  let mono = monotonicNow()
  const check = (): void => {
    const nextWall = wallNow()
    const nextMono = monotonicNow()
    const drift = nextWall - wall - (nextMono - mono)
    wall = nextWall
    mono = nextMono
    if (Math.abs(drift) > threshold) options.onJump(drift)
  }
  const interval = setInterval(check, options.intervalMs ?? 15_000)
  interval.unref()
  return { stop: () => clearInterval(interval) }
}
