import { afterEach, describe, expect, it } from 'vitest'
import type { Timer } from '../../../src/main/ports'
import type { FakeClock } from '../../fakes/clock'
import { HOUR, MIN, startScheduling, type SchedulingHarness } from './harness'

let s: SchedulingHarness | undefined
afterEach(async () => {
  await s?.close()
  s = undefined
})

/**
 * A timer that sleeps with the computer: while asleep, wake-ups that come due are lost, as a
 * suspended process's timers are (node-schedule #632). Only `resume()` brings the scheduler back.
 */
function sleepyTimer(clock: FakeClock) {
  let asleep = false
  const timer: Timer = {
    at: (when, callback) =>
      clock.at(when, () => {
        if (!asleep) callback()
      }),
  }
  return {
    timer,
    sleep: () => void (asleep = true),
    wake: () => void (asleep = false),
  }
}

/**
 * A timer on monotonic time, like setTimeout under node-schedule: it counts only awake time, so
 * across a sleep it fires late by the length of the sleep (node-schedule #278, nodejs/node #6763).
 */
function driftingTimer(clock: FakeClock) {
  const pending = new Map<number, { remaining: number; callback: () => void }>()
  let seq = 0
  const timer: Timer = {
    at(when, callback) {
      const id = ++seq
      pending.set(id, { remaining: Math.max(0, when - clock.now()), callback })
      return { cancel: () => void pending.delete(id) }
    },
  }
  return {
    timer,
    /** Awake: the wall clock and the timers advance together, in steps. */
    async awake(ms: number, step: number, s: SchedulingHarness): Promise<void> {
      for (let t = 0; t < ms; t += step) {
        clock.advance(step)
        for (const [id, p] of [...pending]) {
          p.remaining -= step
          if (p.remaining <= 0) {
            pending.delete(id)
            p.callback()
          }
        }
        await s.scheduler.whenIdle()
      }
    },
    /** Asleep: the wall clock moves on; monotonic timers stand still. */
    asleep: (ms: number) => clock.advance(ms),
  }
}

async function planOne(s: SchedulingHarness, at: number, text = 'Planned') {
  const { post } = await s.scheduler.createPost({ text, channelIds: [s.channels.xBrand], publishAt: at, timeZone: 'America/New_York' })
  if (!post) throw new Error('not scheduled')
  await s.scheduler.whenIdle()
  const delivery = post.deliveries[0]
  if (!delivery) throw new Error('no delivery')
  return delivery
}

const stateOf = async (s: SchedulingHarness, deliveryId: number) => (await s.scheduler.listDeliveries({ from: 0, to: Number.MAX_SAFE_INTEGER })).find((d) => d.id === deliveryId)

describe('sleep and resume', () => {
  it('publishes on resume what fell due during a short sleep, within the grace window', async () => {
    let sleepy: ReturnType<typeof sleepyTimer> | undefined
    s = await startScheduling({ timer: (clock) => (sleepy = sleepyTimer(clock)).timer })
    const t0 = s.h.ports.clock.now()
    const d = await planOne(s, t0 + 10 * MIN)
    await s.advance(5 * MIN)
    sleepy?.sleep()
    await s.advance(15 * MIN) // the lid is closed through the due time
    expect((await stateOf(s, d.id))?.state).toBe('scheduled')
    expect(s.postsWith(d.marker)).toBe(0)
    sleepy?.wake()
    s.scheduler.resume()
    await s.scheduler.whenIdle()
    expect((await stateOf(s, d.id))?.state).toBe('published')
    expect(s.postsWith(d.marker)).toBe(1)
  })

  it('asks instead of publishing what fell due during a long sleep, and publishes once when told', async () => {
    let sleepy: ReturnType<typeof sleepyTimer> | undefined
    s = await startScheduling({ timer: (clock) => (sleepy = sleepyTimer(clock)).timer })
    const t0 = s.h.ports.clock.now()
    const d = await planOne(s, t0 + 10 * MIN)
    sleepy?.sleep()
    await s.advance(3 * HOUR)
    sleepy?.wake()
    s.scheduler.resume()
    await s.scheduler.whenIdle()
    expect(await stateOf(s, d.id)).toMatchObject({ state: 'missed', failureReason: 'missed' })
    expect(s.postsWith(d.marker)).toBe(0)
    expect(s.notices.map((n) => [n.kind, n.deliveries.map((x) => x.id)])).toEqual([['missed', [d.id]]])
    s.scheduler.resume()
    await s.scheduler.whenIdle()
    expect(s.notices).toHaveLength(1)
    await s.scheduler.resolveDelivery({ deliveryId: d.id, action: { kind: 'publish_now' } })
    await s.scheduler.whenIdle()
    expect((await stateOf(s, d.id))?.state).toBe('published')
    expect(s.postsWith(d.marker)).toBe(1)
  })

  it('bounds lateness after a sleep nobody reported: the wake-up never sleeps more than a minute', async () => {
    let drifting: ReturnType<typeof driftingTimer> | undefined
    s = await startScheduling({ timer: (clock) => (drifting = driftingTimer(clock)).timer })
    const h = s
    const t0 = h.h.ports.clock.now()
    const d = await planOne(h, t0 + 30 * MIN)
    await drifting?.awake(20 * MIN, 10_000, h)
    // 20 minutes asleep, and no resume event: a timer armed for the due time would now fire 10
    // minutes of awake time too late, 20 minutes after the due time.
    drifting?.asleep(20 * MIN)
    const wokeAt = h.h.ports.clock.now()
    await drifting?.awake(2 * MIN, 10_000, h)
    const done = await stateOf(h, d.id)
    expect(done?.state).toBe('published')
    expect((done?.updatedAt ?? Infinity) - wokeAt).toBeLessThanOrEqual(MIN)
    expect(h.postsWith(d.marker)).toBe(1)
  })
})

describe('clock jumps', () => {
  it('forward by an hour: publishes what is within grace, asks about the rest, waits for the future', async () => {
    s = await startScheduling()
    const clock = s.h.ports.clock
    const t0 = clock.now()
    const early = await planOne(s, t0 + 10 * MIN, 'early')
    const recent = await planOne(s, t0 + 50 * MIN, 'recent')
    const later = await planOne(s, t0 + 70 * MIN, 'later')
    clock.set(t0 + HOUR)
    s.scheduler.clockJumped()
    await s.scheduler.whenIdle()
    expect((await stateOf(s, early.id))?.state).toBe('missed')
    expect((await stateOf(s, recent.id))?.state).toBe('published')
    expect((await stateOf(s, later.id))?.state).toBe('scheduled')
    await s.advance(10 * MIN)
    expect((await stateOf(s, later.id))?.state).toBe('published')
    expect([early, recent, later].map((d) => s?.postsWith(d.marker))).toEqual([0, 1, 1])
    expect(s.h.ports.clock.pending()).toBe(0)
  })

  it('backward by an hour: publishes at the planned wall-clock time, not early and not twice', async () => {
    s = await startScheduling()
    const clock = s.h.ports.clock
    const t0 = clock.now()
    const d = await planOne(s, t0 + 30 * MIN)
    await s.advance(20 * MIN)
    clock.set(clock.now() - HOUR)
    s.scheduler.clockJumped()
    await s.scheduler.whenIdle()
    expect(s.h.ports.clock.pending()).toBe(1)
    // Now 09:20 wall time again after being 10:20; the post is due at 10:30.
    for (let i = 0; i < 13; i++) await s.advance(5 * MIN)
    expect((await stateOf(s, d.id))?.state).toBe('scheduled')
    expect(s.postsWith(d.marker)).toBe(0)
    await s.advance(5 * MIN)
    expect(clock.now()).toBeGreaterThanOrEqual(t0 + 30 * MIN)
    expect((await stateOf(s, d.id))?.state).toBe('published')
    await s.advance(2 * HOUR)
    expect(s.postsWith(d.marker)).toBe(1)
  })
})

describe('grace window after Relink was closed', () => {
  async function closedFor(lateness: number): Promise<string> {
    s = await startScheduling({ graceMinutes: 15 })
    const t0 = s.h.ports.clock.now()
    const d = await planOne(s, t0 + 10 * MIN)
    await s.scheduler.stop()
    s.h.ports.clock.set(t0 + 10 * MIN + lateness)
    await s.scheduler.start()
    await s.scheduler.whenIdle()
    const state = (await stateOf(s, d.id))?.state ?? 'gone'
    expect(s.postsWith(d.marker)).toBe(state === 'published' ? 1 : 0)
    return state
  }

  it('publishes a delivery just inside the window', async () => {
    expect(await closedFor(15 * MIN - 1_000)).toBe('published')
  })

  it('publishes a delivery exactly at the edge of the window', async () => {
    expect(await closedFor(15 * MIN)).toBe('published')
  })

  it('asks about a delivery just outside the window', async () => {
    expect(await closedFor(15 * MIN + 1_000)).toBe('missed')
    expect(s?.notices.map((n) => n.kind)).toEqual(['missed'])
  })

  it('reschedules a missed delivery for later when asked', async () => {
    expect(await closedFor(HOUR)).toBe('missed')
    const h = s
    if (!h) throw new Error('no harness')
    const [missed] = await h.scheduler.listDeliveries({ from: 0, to: Number.MAX_SAFE_INTEGER, states: ['missed'] })
    const at = h.h.ports.clock.now() + 30 * MIN
    const view = await h.scheduler.resolveDelivery({ deliveryId: missed?.id ?? 0, action: { kind: 'reschedule', at } })
    expect(view).toMatchObject({ state: 'scheduled', dueAt: at })
    await h.advance(30 * MIN)
    expect(h.postsWith(missed?.marker ?? '')).toBe(1)
  })
})
