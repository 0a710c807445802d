import { describe, expect, it } from 'vitest'
import { createScheduleTimer } from './schedule-timer'

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('createScheduleTimer', () => {
  it('fires once at the requested time, not before', async () => {
    const timer = createScheduleTimer()
    const when = Date.now() + 80
    const fired: number[] = []
    timer.at(when, () => fired.push(Date.now()))
    // Not before its time: asserted on the moment it fired, which holds however busy the machine is.
    await expect.poll(() => fired.length, { timeout: 2_000 }).toBe(1)
    expect(fired[0]).toBeGreaterThanOrEqual(when - 1)
    await sleep(100)
    expect(fired).toHaveLength(1)
  })

  it('does not fire after cancel', async () => {
    const timer = createScheduleTimer()
    let fired = 0
    const handle = timer.at(Date.now() + 50, () => fired++)
    handle.cancel()
    await sleep(150)
    expect(fired).toBe(0)
  })

  it('fires a time already past soon, asynchronously', async () => {
    const timer = createScheduleTimer()
    let fired = 0
    timer.at(Date.now() - 60_000, () => fired++)
    expect(fired).toBe(0)
    await expect.poll(() => fired, { timeout: 1_000 }).toBe(1)
  })

  it('can cancel a past-due wake-up before it runs', async () => {
    const timer = createScheduleTimer()
    let fired = 0
    timer.at(Date.now() - 1, () => fired++).cancel()
    await sleep(30)
    expect(fired).toBe(0)
  })
})
