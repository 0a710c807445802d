import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { Http } from '../../../src/main/ports'
import { MIN, startScheduling, type SchedulingHarness } from './harness'

let s: SchedulingHarness | undefined
afterEach(async () => {
  await s?.close()
  s = undefined
})

async function planOne(s: SchedulingHarness, at: number, channelId = s.channels.xBrand) {
  const { post } = await s.scheduler.createPost({ text: 'Going out whatever happens', channelIds: [channelId], publishAt: at, timeZone: 'UTC' })
  const delivery = post?.deliveries[0]
  if (!delivery) throw new Error('not scheduled')
  await s.scheduler.whenIdle()
  return delivery
}

/** A loopback port that was just free: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

const deliveryOf = async (s: SchedulingHarness, id: number) => (await s.scheduler.listDeliveries({ from: 0, to: Number.MAX_SAFE_INTEGER })).find((d) => d.id === id)
const tweetPosts = (s: SchedulingHarness) => s.h.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/2/tweets')).length

describe('network failures', () => {
  it('waits out a rate limit for as long as the network says, then publishes once', async () => {
    s = await startScheduling()
    const d = await planOne(s, s.h.ports.clock.now() + MIN)
    s.h.sandbox.controls.rateLimit('x', 15 * MIN)
    await s.advance(MIN)
    const waiting = await deliveryOf(s, d.id)
    expect(waiting).toMatchObject({ state: 'scheduled', failureReason: 'rate_limited' })
    // X sends the reset time as epoch seconds; the wait runs to it (plus under a second of spread).
    expect(waiting?.nextAttemptAt).toBeGreaterThanOrEqual(s.h.ports.clock.now() + 14 * MIN)
    expect(waiting?.nextAttemptAt).toBeLessThanOrEqual(s.h.ports.clock.now() + 15 * MIN + 2_000)
    for (let i = 0; i < 13; i++) await s.advance(MIN)
    expect(tweetPosts(s)).toBe(1)
    expect(s.postsWith(d.marker)).toBe(0)
    await s.advance(2 * MIN)
    expect((await deliveryOf(s, d.id))?.state).toBe('published')
    expect(tweetPosts(s)).toBe(2)
    expect(s.postsWith(d.marker)).toBe(1)
    // A rate limit never touches the connection's health.
    expect((await s.h.core.handlers['connections:list-profiles'](undefined)).every((p) => p.health === 'active' || p.health === 'expiring')).toBe(true)
  })

  it('keeps trying while offline and publishes once when the network is back', async () => {
    let offline = false
    let sandboxOrigin = ''
    // Offline is a connection refused by a port nobody listens on, from the real HTTP stack.
    const closed = await closedPort()
    const wrapHttp = (http: Http): Http => ({
      request: (req) => http.request(offline && sandboxOrigin ? { ...req, url: req.url.replace(sandboxOrigin, `http://127.0.0.1:${closed}`) } : req),
    })
    s = await startScheduling({ wrapHttp })
    sandboxOrigin = s.h.sandbox.origin
    const d = await planOne(s, s.h.ports.clock.now() + MIN)
    offline = true
    for (let i = 0; i < 12; i++) await s.advance(MIN)
    const waiting = await deliveryOf(s, d.id)
    expect(waiting).toMatchObject({ state: 'scheduled', failureReason: 'offline' })
    const tries = (await s.scheduler.attempts(d.id)).filter((a) => a.outcome === 'offline').length
    expect(tries).toBeGreaterThanOrEqual(3)
    expect(tries).toBeLessThanOrEqual(8)
    expect(s.notices).toEqual([])
    offline = false
    for (let i = 0; i < 6 && (await deliveryOf(s, d.id))?.state !== 'published'; i++) await s.advance(MIN)
    expect((await deliveryOf(s, d.id))?.state).toBe('published')
    expect(s.postsWith(d.marker)).toBe(1)
    // Offline never disconnects anything.
    expect((await s.h.core.handlers['connections:list-profiles'](undefined)).every((p) => p.health === 'active' || p.health === 'expiring')).toBe(true)
  })

  it('retries 5xx answers with growing waits, looking for the post before each new try', async () => {
    s = await startScheduling()
    const d = await planOne(s, s.h.ports.clock.now() + MIN)
    s.h.sandbox.controls.failNext('x', 3, 503)
    await s.advance(MIN)
    const times: number[] = []
    for (let i = 0; i < 20 && (await deliveryOf(s, d.id))?.state !== 'published'; i++) {
      const before = await deliveryOf(s, d.id)
      if (before?.nextAttemptAt) times.push(before.nextAttemptAt)
      await s.advance(30_000)
    }
    expect((await deliveryOf(s, d.id))?.state).toBe('published')
    expect(s.postsWith(d.marker)).toBe(1)
    const log = (await s.scheduler.attempts(d.id)).map((a) => `${a.kind}:${a.outcome}`)
    // The 503s hit the publish, then the two lookups that must come before any new publish.
    expect(log).toEqual(['publish:transient', 'lookup:unreachable', 'lookup:unreachable', 'lookup:absent', 'publish:published'])
    const waits = [...new Set(times)].map((t, i, all) => (i === 0 ? 0 : t - (all[i - 1] ?? t))).slice(1)
    expect(waits.every((w) => w >= 15_000)).toBe(true)
  })

  it('never resends a post whose request timed out before X confirmed twice, a minute apart, that it is not there', async () => {
    s = await startScheduling({ providerTimeoutMs: 800 })
    const d = await planOne(s, s.h.ports.clock.now() + MIN)
    s.h.sandbox.controls.hangNext('x', 1)
    await s.advance(MIN)
    expect(await deliveryOf(s, d.id)).toMatchObject({ state: 'publishing', failureReason: 'checking' })
    expect(tweetPosts(s)).toBe(1)
    for (let i = 0; i < 3; i++) await s.advance(MIN)
    expect(await deliveryOf(s, d.id)).toMatchObject({ state: 'published' })
    expect(tweetPosts(s)).toBe(2)
    expect(s.postsWith(d.marker)).toBe(1)
    expect((await s.scheduler.attempts(d.id)).map((a) => `${a.kind}:${a.outcome}`)).toEqual(['publish:unknown', 'lookup:absent', 'lookup:absent', 'lookup:absent', 'publish:published'])
    // Nobody had to decide anything.
    expect(s.notices).toEqual([])
  })

  it('holds a post whose lookup after a 5xx meets a revoked sign-in, and offers it for release after Refresh connection', async () => {
    s = await startScheduling()
    const d = await planOne(s, s.h.ports.clock.now() + MIN)
    s.h.sandbox.controls.failNext('x', 1, 503)
    await s.advance(MIN)
    expect(await deliveryOf(s, d.id)).toMatchObject({ state: 'scheduled', failureReason: 'transient' })
    s.h.sandbox.controls.removeApp('x', '1610000000000000001')
    for (let i = 0; i < 3; i++) await s.advance(MIN)
    const held = await deliveryOf(s, d.id)
    expect(held?.state).toBe('held')
    expect(s.notices).toEqual([])
    const profiles = await s.h.core.handlers['connections:list-profiles'](undefined)
    const brand = profiles.find((p) => p.network === 'x' && p.handle.includes('relinkcoffee'))
    expect(brand?.health).toBe('revoked_by_user')
    s.h.signInAs('relinkcoffee')
    await s.h.core.handlers['connections:refresh-profile']({ profileId: brand?.id ?? '' })
    await s.scheduler.whenIdle()
    expect(s.releasable.flatMap((r) => r.deliveries.map((x) => x.id))).toEqual([d.id])
    await s.scheduler.releaseHeld([s.channels.xBrand], 'publish_now')
    await s.advance(MIN)
    expect(await deliveryOf(s, d.id)).toMatchObject({ state: 'published' })
    expect(s.postsWith(d.marker)).toBe(1)
  })

  it('settles a refusal as a duplicate by finding the post with its content on the channel', async () => {
    s = await startScheduling()
    const d = await planOne(s, s.h.ports.clock.now() + MIN)
    // The post is already on X (say, sent by a run whose record was lost): X refuses the copy.
    const existing = s.h.sandbox.world.addPost({
      network: 'x',
      channelId: '1610000000000000001',
      authorUserId: '1610000000000000001',
      text: 'Going out whatever happens',
      id: '1900000000000000001',
    })
    await s.advance(MIN)
    expect(await deliveryOf(s, d.id)).toMatchObject({ state: 'published', networkPostId: existing.id })
    expect((await s.scheduler.attempts(d.id)).map((a) => `${a.kind}:${a.outcome}`)).toEqual(['publish:rejected', 'lookup:found'])
    expect(s.postsWith(d.marker)).toBe(1)
    expect(s.notices).toEqual([])
  })
})
