import { describe, expect, it } from 'vitest'
import { createFakeClock } from '../../../tests/fakes/clock'
import { createRateBudget } from './rate-budget'

const MINUTE = 60_000
const allowance = { requests: 10, perMs: MINUTE }
const allowances = { facebook: allowance, instagram: allowance, linkedin: allowance, x: allowance, mastodon: allowance }
const settle = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r))
}

describe('rate budget', () => {
  it('never holds a probe: sync takes at most its share of a window, probes included', async () => {
    const clock = createFakeClock()
    const budget = createRateBudget({ clock, timer: clock, allowances })
    for (let i = 0; i < 8; i++) await budget.take('x')
    let ninth = false
    const waiting = budget.take('x').then(() => (ninth = true))
    await settle()
    expect(ninth).toBe(false)
    // A probe still goes out at once, even past the allowance, and other networks are untouched.
    for (let i = 0; i < 3; i++) await budget.take('x', 1, undefined, 'foreground')
    await budget.take('mastodon')
    expect(budget.usage('x')).toEqual({ used: 11, limit: 10, pausedUntil: null })
    clock.advance(MINUTE)
    await waiting
    expect(ninth).toBe(true)
  })

  it('counts probes against sync’s share, and grows with the accounts connected', async () => {
    const clock = createFakeClock()
    let accounts = 1
    const budget = createRateBudget({ clock, timer: clock, allowances: () => ({ requests: 10 * accounts, perMs: MINUTE }) })
    for (let i = 0; i < 8; i++) await budget.take('x', 1, undefined, 'foreground')
    let synced = false
    const sync = budget.take('x').then(() => (synced = true))
    await settle()
    expect(synced).toBe(false)
    accounts = 2
    clock.advance(1)
    await settle()
    clock.advance(MINUTE)
    await sync
    expect(budget.usage('x').limit).toBe(20)
  })

  it('stops metric reads at 65 % of the window, so reading comments always finds room', async () => {
    const clock = createFakeClock()
    const budget = createRateBudget({ clock, timer: clock, allowances: { ...allowances, facebook: { requests: 20, perMs: MINUTE } } })
    for (let i = 0; i < 13; i++) await budget.take('facebook', 1, undefined, 'bulk')
    let nextMetricRead = false
    const metrics = budget.take('facebook', 1, undefined, 'bulk').then(() => (nextMetricRead = true))
    await settle()
    expect(nextMetricRead).toBe(false)
    // Comments still have the rest of sync's share (16 of 20) at once.
    for (let i = 0; i < 3; i++) await budget.take('facebook', 1, undefined, 'background')
    let pastShare = false
    const comments = budget.take('facebook', 1, undefined, 'background').then(() => (pastShare = true))
    await settle()
    expect(pastShare).toBe(false)
    clock.advance(MINUTE)
    await Promise.all([metrics, comments])
    expect(nextMetricRead && pastShare).toBe(true)
  })

  it('holds sync until a pause the network asked for is over; probes are not held', async () => {
    const clock = createFakeClock()
    const budget = createRateBudget({ clock, timer: clock, allowances })
    budget.pause('linkedin', clock.now() + 5 * MINUTE)
    expect(budget.usage('linkedin').pausedUntil).toBe(clock.now() + 5 * MINUTE)
    let synced = false
    const sync = budget.take('linkedin').then(() => (synced = true))
    await budget.take('linkedin', 1, undefined, 'foreground')
    await settle()
    expect(synced).toBe(false)
    clock.advance(5 * MINUTE)
    await sync
    expect(budget.usage('linkedin').pausedUntil).toBeNull()
  })

  it('gives up waiting when the caller aborts', async () => {
    const clock = createFakeClock()
    const budget = createRateBudget({ clock, timer: clock, allowances })
    budget.pause('x', clock.now() + MINUTE)
    const controller = new AbortController()
    const waiting = budget.take('x', 1, controller.signal)
    controller.abort(new Error('stopped'))
    await expect(waiting).rejects.toThrow('stopped')
    expect(clock.pending()).toBe(0)
  })
})
