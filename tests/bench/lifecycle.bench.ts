import { randomBytes, randomUUID } from 'node:crypto'
import { rmSync } from 'node:fs'
import { FACEBOOK_SEED } from '../../src/main/sandbox/dialects/facebook'
import { startDemo } from '../integration/connections/harness'
import { detectionTimes, runMonth } from '../integration/simulation/month'
import { medianMs, type Benchmark, type BenchRow } from './harness'

/** Days of the detection-time month (RELINK_BENCH_SIM_DAYS shortens or lengthens it). */
const SIM_DAYS = Number(process.env.RELINK_BENCH_SIM_DAYS ?? 30)

/**
 * Detection times over a simulated month (the long-run simulation's engine): from each incident
 * to the grant (or the link, for a lost role) being marked broken, per kind and network. Every
 * incident here is one a network lets Relink see (probe, debug_token, introspection, role
 * lookup), so the goal is "before the first post it would affect", and at most an hour's median.
 */
async function detectionRows(): Promise<BenchRow[]> {
  const report = await runMonth({ seed: 1, days: SIM_DAYS, faultRate: 0.05, deliveriesPerDay: 22, incidentsPerDay: 1.2 })
  const rows: BenchRow[] = []
  const all: number[] = []
  let costly = 0
  for (const d of detectionTimes(report.incidents)) {
    rows.push({ name: `detection, ${d.kind} (${d.n}): median`, value: d.medianMs / 60_000, unit: 'min', target: { op: '<=', value: 60 } })
    rows.push({ name: `detection, ${d.kind} (${d.n}): worst`, value: d.worstMs / 60_000, unit: 'min', ...(d.costly ? { note: `${d.costly} delayed a post before detection` } : {}) })
    costly += d.costly
  }
  for (const i of report.incidents) if (!i.autoHeal) all.push(Math.max(...i.refs.map((r) => (r.detectedAt ?? Number.POSITIVE_INFINITY) - i.at)))
  all.sort((a, b) => a - b)
  rows.push({ name: `detection, all ${all.length} incidents over ${SIM_DAYS} days: median`, value: (all[Math.floor((all.length - 1) / 2)] ?? Number.NaN) / 60_000, unit: 'min', target: { op: '<=', value: 60 } })
  rows.push({ name: 'detection, all incidents: worst', value: (all[all.length - 1] ?? Number.NaN) / 60_000, unit: 'min' })
  rows.push({
    name: 'incidents that delayed a post before they were detected',
    value: costly,
    unit: 'count',
    note: 'a post due between the incident and its detection that did not go out within 15 minutes (it is held at its time, then released)',
  })
  rows.push({ name: 'false disconnects in the month', value: report.falseDisconnects.length, unit: 'count', target: { op: '<=', value: 0 } })
  rows.push({ name: 'undetected incidents in the month', value: report.undetected.length, unit: 'count', target: { op: '<=', value: 0 } })
  rows.push({ name: 'deliveries needing review', value: (100 * report.needsReview) / Math.max(1, report.deliveries), unit: '%', target: { op: '<=', value: 0.2 }, note: `${report.needsReview} of ${report.deliveries} at 5% faults` })
  return rows
}

const USERS = 100
const PAGES_PER_USER = 5

/** Health sweep over 500 channels on the sandbox, refresh planning over 10k grants, and detection times over a simulated month. */
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
    rows.push(...(await detectionRows()))
    return rows
  },
}
