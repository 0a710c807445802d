import { afterEach, describe, expect, it } from 'vitest'
import { X_SEED } from '../../../src/main/sandbox/dialects/x'
import { channelIdOf, DAY, profileIdOf, startDemo, type DemoHarness } from '../connections/harness'

let h: DemoHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const until = async (check: () => Promise<boolean>): Promise<void> => {
  for (let i = 0; i < 200; i++) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error('timed out waiting')
}

describe('sync engine on the sandbox network', () => {
  it('turns a revoked X sign-in into a gap and the lifecycle incident, and backfills it after Refresh connection', async () => {
    h = await startDemo()
    // The inbox's mentions reader (registered by the app) drives the engine end to end.
    await h.core.sync.start()
    const channel = await channelIdOf(h, 'x', X_SEED.channels.brand)
    const profile = await profileIdOf(h, 'x', X_SEED.users.brand.id)
    const [first] = await h.core.sync.syncNow({ channelIds: [channel], streams: ['mentions'] })
    expect(first).toMatchObject({ ok: true, stream: 'mentions' })

    // Someone removes Relink from the account: the next read finds out, the grant turns broken.
    h.ports.clock.advance(10 * 60_000)
    h.sandbox.controls.removeApp('x', X_SEED.users.brand.id)
    const brokeAt = h.ports.clock.now()
    const [failed] = await h.core.sync.syncNow({ channelIds: [channel], streams: ['mentions'] })
    expect(failed).toMatchObject({ ok: false, reason: 'unknown_auth' })
    expect((await h.core.handlers['connections:get-profile']({ profileId: profile })).health).toBe('revoked_by_user')
    await until(async () => (await h!.core.handlers['sync:list-gaps']({ channelIds: [channel], streams: ['mentions'] })).length === 1)
    const [gap] = await h.core.handlers['sync:list-gaps']({ channelIds: [channel], streams: ['mentions'] })
    expect(gap).toMatchObject({ stream: 'mentions', state: 'open', reason: 'revoked_by_user', to: null })
    expect(gap?.from).toBeGreaterThanOrEqual(brokeAt)
    expect(gap?.recoverableUntil).toBe((gap?.from ?? 0) + 7 * DAY)
    const [health] = await h.core.handlers['sync:get-health']({ channelIds: [channel], streams: ['mentions'] })
    expect(health?.lastError).toMatchObject({ reason: 'unknown_auth' })

    // Two days later the person reconnects: the gap is read back and closed.
    h.ports.clock.advance(2 * DAY)
    h.signInAs(X_SEED.users.brand.handle)
    await h.core.handlers['connections:refresh-profile']({ profileId: profile })
    await until(async () => (await h!.core.handlers['sync:list-gaps']({ channelIds: [channel], streams: ['mentions'] }))[0]?.state === 'closed')
    const [closed] = await h.core.handlers['sync:list-gaps']({ channelIds: [channel], streams: ['mentions'] })
    expect(closed).toMatchObject({ state: 'closed', lostBefore: null, recoveredUnit: 'items' })
    expect(closed?.to).toBeGreaterThan(closed?.from ?? 0)
    // Then the poll goes on from where it was.
    await until(async () => (await h!.core.handlers['sync:get-health']({ channelIds: [channel], streams: ['mentions'] }))[0]?.lastError === null)
    const [after] = await h.core.handlers['sync:get-health']({ channelIds: [channel], streams: ['mentions'] })
    expect(after).toMatchObject({ lastError: null, lastOkAt: h.ports.clock.now() })
  })
})
