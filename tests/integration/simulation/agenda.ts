/**
 * The simulation's agenda (what happens when, in the order it was planned) and how a step waits
 * for Relink's background work, so a run is a function of its seed and never of the machine's speed.
 */

export interface Agenda {
  /** Runs `run` at `when` (ties in the order they were added). */
  at(when: number, run: () => Promise<void>): void
  /** When the next event is due, or Infinity with none left. */
  nextAt(): number
  /** Takes the next event due at or before `now`, or undefined. */
  takeDue(now: number): (() => Promise<void>) | undefined
}

export function createAgenda(): Agenda {
  const queue: { at: number; seq: number; run: () => Promise<void> }[] = []
  let seq = 0
  return {
    at(when, run) {
      queue.push({ at: Math.round(when), seq: seq++, run })
      queue.sort((a, b) => a.at - b.at || a.seq - b.seq)
    },
    nextAt: () => queue[0]?.at ?? Infinity,
    takeDue: (now) => (queue[0] && queue[0].at <= now ? queue.shift()?.run : undefined),
  }
}

/** Turns of the event loop a drain may take before it calls the work stuck. */
export const DRAIN_MAX_TURNS = 1_000_000

/**
 * Whether anything but the fake clock can still move work on: an I/O request under way (a file
 * read of the picked image) or a callback queued for the next turn (`setImmediate`). Timers,
 * sockets and ports left open (the test runner's own) are not work of Relink's.
 */
function loopBusy(): boolean {
  return process.getActiveResourcesInfo().some((r) => r === 'Immediate' || /Req|ConnectWrap|WriteWrap|ShutdownWrap/.test(r))
}

/**
 * Lets `work` (a `whenIdle` of Relink's) run until it is done, or until it stands waiting on the
 * fake clock (a read waiting out a rate limit or a retry), which the run's loop then moves on.
 * Each turn of the event loop first runs every promise continuation queued, so when no I/O is under
 * way and nothing is queued for the next turn, nothing can happen before the clock moves: the work
 * is where it would be on any machine. Returns whether it finished. Work still busy after
 * `DRAIN_MAX_TURNS` turns is a bug (a loop that never settles), and fails the run.
 */
export async function drain(work: Promise<unknown>): Promise<boolean> {
  let done = false
  const finish = (): void => void (done = true)
  void work.then(finish, finish)
  for (let turn = 0; turn < DRAIN_MAX_TURNS; turn++) {
    await new Promise((resolve) => setImmediate(resolve))
    if (done) return true
    if (!loopBusy()) return false
  }
  throw new Error(`Relink's background work was still busy after ${DRAIN_MAX_TURNS} turns of the event loop without waiting on the clock`)
}
