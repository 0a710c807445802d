import { randomBytes, randomUUID } from 'node:crypto'
import { rmSync } from 'node:fs'
import { FACEBOOK_SEED } from '../../src/main/sandbox/dialects/facebook'
import { startDemo } from '../integration/connections/harness'
import { medianMs, type Benchmark, type BenchRow } from './harness'

const USERS = 100
const PAGES_PER_USER = 5

/** Health sweep over 500 channels on the sandbox, and refresh planning over 10k grants. */
export const lifecycleBenchmark: Benchmark = {
  name: 'lifecycle',
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = []
    const h = await startDemo({ seedDemo: false, providerTimeoutMs: 10_000 })
    try {
      const { world } = h.sandbox
      // 100 Facebook people, each administering five pages: 500 channels with their own page tokens.
      for (let u = 0; u < USERS; u++) {
        const id = `bench-user-${u}`
        world.addUser({ id, network: 'facebook', name: `Bench Person ${u}`, handle: `bench.${u}`, password: 'demo' })
        for (let p = 0; p < PAGES_PER_USER; p++) {
          world.addChannel({ id: `90${u}0${p}`, network: 'facebook', kind: 'page', name: `Bench Page ${u}-${p}`, handle: `benchpage${u}${p}`, roles: new Map([[id, [...FACEBOOK_SEED.tasks.all]]]) })
        }
      }
      for (let u = 0; u < USERS; u++) {
        h.signInAs(`bench.${u}`)
        const result = await h.core.connections.connect.connect({ network: 'facebook' })
        await h.core.connections.connect.finishConnect({ profileId: result.profileId, picks: result.channels.map((c) => ({ networkChannelId: c.networkChannelId, brandIds: [] })) })
      }
      const channels = (await h.core.handlers['channels:list'](undefined)).length
      const before = h.sandbox.stats.requests
      h.sandbox.stats.peakInFlight = 0
      const start = process.hrtime.bigint()
      const tally = await h.core.connections.lifecycle.sweep({ probe: true, force: true })
      const ms = Number(process.hrtime.bigint() - start) / 1e6
      rows.push({ name: `health sweep, ${channels} channels (${tally.probed} profiles)`, value: ms, unit: 'ms', target: { op: '<=', value: 5_000 } })
      rows.push({ name: 'requests in the sweep', value: h.sandbox.stats.requests - before, unit: 'count' })
      rows.push({ name: 'peak requests in flight', value: h.sandbox.stats.peakInFlight, unit: 'count', note: 'at most 4 per network by design' })
      // Facebook's platform limit is 200 calls per user per hour; the sweep makes 1 + pages per person.
      rows.push({ name: 'most calls for one person in the sweep', value: 1 + PAGES_PER_USER, unit: 'count', target: { op: '<=', value: 200 }, note: 'Facebook: 200 per user per hour' })

      // Refresh planning over 10k grants: when must the background watch wake next?
      const db = h.core.database.sqlite
      const now = h.ports.clock.now()
      const insert = db.prepare(
        'INSERT INTO profiles (id, network, network_user_id, display_name, access_token_enc, refresh_token_enc, access_expires_at, refresh_expires_at, last_probe_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      const blob = randomBytes(120)
      db.transaction(() => {
        for (let i = 0; i < 10_000; i++) {
          const network = ['x', 'linkedin', 'mastodon', 'facebook'][i % 4] ?? 'x'
          insert.run(randomUUID(), network, `plan-${i}`, `Planner ${i}`, blob, network === 'x' || network === 'linkedin' ? blob : null, now + (i % 500) * 60_000 + 3_600_000, null, now, now, now)
        }
      })()
      const planning = await medianMs(9, async () => {
        await h.core.connections.lifecycle.nextWakeAt()
      })
      rows.push({ name: 'refresh planning, 10k grants (next wake-up)', value: planning, unit: 'ms', target: { op: '<=', value: 50 } })
    } finally {
      await h.close()
      rmSync(h.dir, { recursive: true, force: true })
    }
    return rows
  },
}
