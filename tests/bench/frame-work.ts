/**
 * What a page costs the renderer's main thread per frame, from a Chromium trace: the top-level
 * tasks on the page's main thread (script, style, layout, paint, IPC answers) summed between one
 * rendered frame and the next. Headless Chromium paces frames on its own clock, so the time
 * between frames says as much about the machine as about the page; the work done says what the
 * page costs, and a frame whose work is over 16.7 ms could not be made in time anywhere.
 * `RELINK_BENCH_TRACE=<prefix>` keeps each trace as `<prefix>-<ms>.json`, for the performance panel;
 * `RELINK_BENCH_TRACE_CATEGORIES=blink,cc` records more categories in it (what a frame's work was made of).
 */
import { writeFileSync } from 'node:fs'
import type { Browser, Page } from '@playwright/test'

interface TraceEvent {
  name: string
  cat: string
  ph: string
  ts: number
  dur?: number
  /** The thread's own CPU time for the event, where the platform reports it. */
  tdur?: number
  pid: number
  tid: number
}

const CATEGORIES = ['toplevel', 'devtools.timeline', ...(process.env.RELINK_BENCH_TRACE_CATEGORIES?.split(',') ?? [])]

/**
 * Main-thread work in ms for each rendered frame, from one frame's animation-frame callbacks to the
 * next frame's: the thread's CPU time where the trace has it (a task preempted by another process
 * is not charged for the wait), else the tasks' wall time; `threadTime` says which. A top-level
 * task the trace records inside another (a message received inside the task that runs it) is part
 * of that task's time, so only the outermost tasks are counted. A few tasks without CPU time (a
 * microsecond's microtask checkpoint) are counted at their wall time rather than turning the whole
 * measure to wall time.
 */
export function workPerFrame(events: readonly TraceEvent[]): { work: number[]; threadTime: boolean } {
  const callbacks = events.filter((e) => e.name === 'FireAnimationFrame')
  const counts = new Map<string, number>()
  for (const f of callbacks) counts.set(`${f.pid}:${f.tid}`, (counts.get(`${f.pid}:${f.tid}`) ?? 0) + 1)
  const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0]
  if (!main) return { work: [], threadTime: false }
  const onMain = (e: TraceEvent): boolean => `${e.pid}:${e.tid}` === main
  const nested = events
    .filter((e) => onMain(e) && e.ph === 'X' && e.cat.split(',').includes('toplevel') && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))
  const tasks: TraceEvent[] = []
  let end = Number.NEGATIVE_INFINITY
  for (const t of nested) {
    if (t.ts < end) continue
    tasks.push(t)
    end = t.ts + (t.dur ?? 0)
  }
  const starts = frameStarts(callbacks.filter(onMain).map((f) => f.ts), tasks)
  const wall = tasks.reduce((sum, t) => sum + (t.dur ?? 0), 0)
  const untimed = tasks.reduce((sum, t) => sum + (t.tdur === undefined ? (t.dur ?? 0) : 0), 0)
  const threadTime = tasks.length > 0 && untimed <= 0.01 * wall
  const work = new Array<number>(Math.max(0, starts.length - 1)).fill(0)
  for (const t of tasks) {
    // The frame the task began in (binary search over the frame starts).
    let lo = 0
    let hi = starts.length - 1
    if (t.ts < (starts[0] ?? 0) || t.ts >= (starts[hi] ?? 0)) continue
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1
      if ((starts[mid] ?? 0) <= t.ts) lo = mid
      else hi = mid
    }
    work[lo] = (work[lo] ?? 0) + ((threadTime ? (t.tdur ?? t.dur) : t.dur) ?? 0) / 1000
  }
  return { work, threadTime }
}

/**
 * When each rendered frame began: its first animation-frame callback. Every callback a frame runs
 * (the scrolling's and the page's own, a busy week filling in one step a frame) fires inside that
 * frame's one top-level task, so callbacks sharing an outermost task are one frame; counted one
 * each, a page's own steps were frames of next to no work, and slow frames looked rarer than they
 * were. A callback outside every recorded task (the trace began inside its task) is a frame of its own.
 */
function frameStarts(callbacks: readonly number[], tasks: readonly TraceEvent[]): number[] {
  const sorted = [...callbacks].sort((a, b) => a - b)
  const starts: number[] = []
  let task = 0
  let lastTask: number | undefined
  for (const ts of sorted) {
    while (task < tasks.length && (tasks[task]?.ts ?? 0) + (tasks[task]?.dur ?? 0) <= ts) task++
    const inside = task < tasks.length && (tasks[task]?.ts ?? 0) <= ts ? task : undefined
    if (inside !== undefined && inside === lastTask) continue
    starts.push(ts)
    lastTask = inside
  }
  return starts
}

/** Runs `scroll` under a trace of `page` and answers its result with the main-thread work per frame. */
export async function tracedFrames<T>(browser: Browser, page: Page, scroll: () => Promise<T>): Promise<{ result: T; work: number[]; threadTime: boolean }> {
  await browser.startTracing(page, { categories: CATEGORIES })
  const result = await scroll()
  const raw = (await browser.stopTracing()).toString('utf8')
  if (process.env.RELINK_BENCH_TRACE) writeFileSync(`${process.env.RELINK_BENCH_TRACE}-${Date.now()}.json`, raw)
  const trace = JSON.parse(raw) as { traceEvents: TraceEvent[] }
  return { result, ...workPerFrame(trace.traceEvents) }
}
