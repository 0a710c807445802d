import { afterAll, expect, it } from 'vitest'
import { HttpTransportError, type Http } from '../../../src/main/ports'
import { mulberry32 } from '../../../src/shared/random'
import { DAY, startDemo, type DemoHarness } from './harness'

let h: DemoHarness | undefined
afterAll(() => h?.close())

it('with 30% transient failures (5xx, timeouts, 429) over a simulated month, no grant is wrongly marked broken', async () => {
  const rng = mulberry32(42)
  let faulty = false
  const injected = { total: 0, failed: 0 }
  const wrap = (inner: Http): Http => ({
    async request(req) {
      // Only the networks' APIs fail; the loopback sign-in pages are not part of this test.
      if (!faulty || !req.url.includes('/') || req.url.includes('/callback/')) return inner.request(req)
      injected.total += 1
      const roll = rng()
      if (roll >= 0.3) return inner.request(req)
      injected.failed += 1
      if (roll < 0.1) return { status: [500, 502, 503][Math.floor(rng() * 3)] ?? 503, headers: { 'content-type': 'text/html' }, body: '<html><body>Service Unavailable</body></html>' }
      if (roll < 0.2) throw new HttpTransportError('timeout', 'No answer in time')
      return { status: 429, headers: { 'retry-after': '60', 'content-type': 'application/json' }, body: '{"error":"Too Many Requests"}' }
    },
  })
  // The injected timeouts are immediate; the real budget only has to outlast a busy machine (the sandbox shares
  // this process), or a refresh the network served would be lost to a timeout and a rotating grant with it.
  h = await startDemo({ wrapHttp: wrap, providerTimeoutMs: 5_000 })
  faulty = true
  const everBroken = new Set<string>()
  for (let step = 0; step < 30 * 4; step++) {
    h.ports.clock.advance(DAY / 4)
    await h.core.connections.lifecycle.sweep({ probe: true })
    for (const p of await h.core.handlers['connections:list-profiles'](undefined)) {
      if (p.health !== 'active' && p.health !== 'expiring') everBroken.add(`${p.network}:${p.displayName}:${p.health}`)
    }
  }
  expect(injected.failed / injected.total).toBeGreaterThan(0.25)
  expect(injected.total).toBeGreaterThan(500)
  expect([...everBroken]).toEqual([])
  // Every channel is still usable at the end of the month.
  expect((await h.core.handlers['channels:list'](undefined)).filter((c) => c.health !== 'healthy')).toEqual([])
  // And the faults were seen and logged, not ignored.
  const logged = await h.core.database.db.selectFrom('token_events').select('id').where('reason', 'in', ['transient', 'rate_limited']).execute()
  expect(logged.length).toBeGreaterThan(0)
}, 180_000)
