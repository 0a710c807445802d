import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { X_SEED } from '../../../src/main/sandbox/dialects/x'
import { profileIdOf, startDemo, type DemoHarness } from './harness'

let h: DemoHarness
let xBrand: string
beforeAll(async () => {
  h = await startDemo()
  xBrand = await profileIdOf(h, 'x', X_SEED.users.brand.id)
})
afterAll(() => h.close())

const tokenCalls = () => h.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/2/oauth2/token')).length

it('up to 50 concurrent callers on an expired rotating token cause exactly one refresh and no reuse', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 3 }), async (callers, extraHours) => {
      // Past the 2-hour lifetime: every caller finds the token due for renewal at once.
      h.ports.clock.advance((2 + extraHours) * 60 * 60 * 1000 + 1)
      const before = tokenCalls()
      const tokens = await Promise.all(Array.from({ length: callers }, () => h.core.connections.lifecycle.accessTokenFor(xBrand)))
      expect(tokenCalls() - before).toBe(1)
      expect(new Set(tokens).size).toBe(1)
      // A replayed (reused) refresh token would have revoked the family: the new token must work.
      const probe = await h.core.connections.lifecycle.probe(xBrand)
      expect(probe?.valid).toBe(true)
    }),
    { numRuns: 200 },
  )
  const profile = await h.core.handlers['connections:get-profile']({ profileId: xBrand })
  expect(profile.health).toBe('active')
}, 120_000)
