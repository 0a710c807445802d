import { describe, expect, it } from 'vitest'
import { workPerFrame } from './frame-work'

const MAIN = { pid: 1, tid: 1 }
const frame = (ts: number) => ({ ...MAIN, name: 'FireAnimationFrame', cat: 'devtools.timeline', ph: 'X', ts, dur: 100, tdur: 100 })
const task = (name: string, ts: number, dur: number, tdur?: number) => ({ ...MAIN, name, cat: 'toplevel', ph: 'X', ts, dur, ...(tdur !== undefined ? { tdur } : {}) })

describe('workPerFrame', () => {
  it('counts a task once when the trace nests another top-level task inside it (a message received inside the task running it)', () => {
    const events = [frame(0), frame(16_000), frame(32_000), task('ThreadControllerImpl::RunTask', 1_000, 8_000, 6_000), task('Receive mojo message', 1_010, 7_900, 5_900), task('ThreadControllerImpl::RunTask', 17_000, 3_000, 3_000)]
    expect(workPerFrame(events)).toEqual({ work: [6, 3], threadTime: true })
  })

  it('keeps to the thread’s CPU time when only a few tiny tasks lack it, and falls back to wall time when many do', () => {
    const tiny = task('BlinkScheduler_PerformMicrotaskCheckpoint', 10_000, 1)
    const events = [frame(0), frame(16_000), task('ThreadControllerImpl::RunTask', 1_000, 8_000, 6_000), tiny]
    expect(workPerFrame(events)).toEqual({ work: [6.001], threadTime: true })
    const untimed = [frame(0), frame(16_000), task('ThreadControllerImpl::RunTask', 1_000, 8_000, 6_000), task('ThreadControllerImpl::RunTask', 10_000, 4_000)]
    expect(workPerFrame(untimed)).toEqual({ work: [12], threadTime: false })
  })

  it('counts a rendered frame once when the page’s own animation-frame callbacks run in it beside the scrolling’s', () => {
    // A busy week filling in one step a frame: its callback fires in the same task as the scrolling's.
    const events = [
      task('ThreadControllerImpl::RunTask', 0, 6_000, 6_000),
      frame(1_000),
      frame(3_000),
      task('ThreadControllerImpl::RunTask', 16_000, 20_000, 20_000),
      frame(16_500),
      frame(17_000),
      task('ThreadControllerImpl::RunTask', 40_000, 2_000, 2_000),
      frame(40_500),
    ]
    expect(workPerFrame(events)).toEqual({ work: [20, 2], threadTime: true })
  })

  it('keeps a callback outside every recorded task as a frame of its own (the trace began inside its task)', () => {
    const events = [frame(500), task('ThreadControllerImpl::RunTask', 16_000, 3_000, 3_000), frame(16_500), task('ThreadControllerImpl::RunTask', 32_000, 2_000, 2_000), frame(32_500)]
    expect(workPerFrame(events)).toEqual({ work: [3, 2], threadTime: true })
  })
})
