/**
 * The core's loop held up by its own work, in the thread's CPU time: a 1 ms interval notes the CPU
 * time the thread spent since its last tick. On a loaded machine the wall-clock delay also counts
 * the time the thread waited for a core (a 2-core machine at load 8 holds a thread back tens of
 * milliseconds at a time); this counts only what the core ran, and names the commands that were
 * in flight while it ran, so a long stretch can be traced to the command that holds the loop.
 */

export interface Stall {
  ms: number
  commands: string[]
}

export interface LoopStalls {
  /** Marks a command as running (call the answer to mark it done). */
  running(command: string): () => void
  start(): void
  /** Stops watching: the p99 CPU time between ticks, and the longest stretches with their commands. */
  stop(): { p99Ms: number; worst: Stall[] }
}

const cpuMs = (): number => {
  const { user, system } = process.threadCpuUsage()
  return (user + system) / 1000
}

export function watchLoopStalls(): LoopStalls {
  const inFlight = new Map<string, number>()
  // Commands in flight at any time since the last tick: one that ended within a long stretch counts.
  let seen = new Set<string>()
  let ticks: Stall[] = []
  let timer: ReturnType<typeof setInterval> | undefined
  let last = 0
  return {
    running(command) {
      inFlight.set(command, (inFlight.get(command) ?? 0) + 1)
      seen.add(command)
      return () => {
        seen.add(command)
        const left = (inFlight.get(command) ?? 1) - 1
        if (left > 0) inFlight.set(command, left)
        else inFlight.delete(command)
      }
    },
    start() {
      ticks = []
      seen = new Set(inFlight.keys())
      last = cpuMs()
      clearInterval(timer)
      timer = setInterval(() => {
        const now = cpuMs()
        ticks.push({ ms: now - last, commands: [...seen] })
        last = now
        seen = new Set(inFlight.keys())
      }, 1)
    },
    stop() {
      clearInterval(timer)
      timer = undefined
      const sorted = [...ticks].sort((a, b) => b.ms - a.ms)
      const p99 = sorted[Math.floor(sorted.length / 100)]?.ms ?? 0
      return { p99Ms: p99, worst: sorted.slice(0, 5) }
    },
  }
}
