/**
 * A sync sweep over 500 channels on the sandbox network: the demo's channels on every network,
 * a hundred LinkedIn organisations and Facebook Pages for the rest, each Page with posts and
 * comments, all signed in through the consent page. The sweep is the real engine's Sync now over
 * the inbox's streams, twice (the first read of each channel, then the next poll); requests are counted per network and per access token against each network's
 * allowance (the plans' per-account figures, which sit under the networks' published limits).
 */
import { rmSync } from 'node:fs'
import { SYNC_PLANS } from '../../src/main/sync/plans'
import { FACEBOOK_SEED } from '../../src/main/sandbox/dialects/facebook'
import type { SandboxNetworkId } from '../../src/main/sandbox/world'
import type { Http } from '../../src/main/ports'
import { startDemo, type DemoHarness } from '../integration/connections/harness'
import type { BenchRow } from './harness'

const CHANNELS = Number(process.env.RELINK_BENCH_INBOX_CHANNELS ?? 500)
const ORGS_PER_PERSON = 5
const PAGES_PER_PERSON = 5
const HOUR = 3_600_000

/** The allowance the sandbox mount's calls count against (Instagram shares Facebook's Graph). */
const ALLOWANCE: Record<SandboxNetworkId, { requests: number; perMs: number }> = {
  facebook: SYNC_PLANS.facebook.rate,
  linkedin: SYNC_PLANS.linkedin.rate,
  x: SYNC_PLANS.x.rate,
  mastodon: SYNC_PLANS.mastodon.rate,
}

/** Counts requests per sandbox network and access token while `counting` is on. */
function tokenCounter() {
  const perToken = new Map<string, number>()
  let counting = false
  const wrap = (http: Http): Http => ({
    request: (req) => {
      if (counting) {
        const url = new URL(req.url)
        const mount = url.pathname.split('/')[1] ?? ''
        const token = req.headers?.authorization ?? req.headers?.Authorization ?? url.searchParams.get('access_token') ?? 'none'
        const key = `${mount}\u0000${token}`
        perToken.set(key, (perToken.get(key) ?? 0) + 1)
      }
      return http.request(req)
    },
  })
  return {
    wrap,
    start: () => {
      perToken.clear()
      counting = true
    },
    stop: () => void (counting = false),
    most: (mount: SandboxNetworkId): { most: number; tokens: number } => {
      const counts = [...perToken].filter(([k]) => k.startsWith(`${mount}\u0000`)).map(([, n]) => n)
      return { most: Math.max(0, ...counts), tokens: counts.length }
    },
  }
}

/** Adds people with organisations (LinkedIn) or Pages with posts and comments (Facebook), and signs each in. */
async function addChannels(h: DemoHarness, network: 'linkedin' | 'facebook', people: number): Promise<void> {
  const { world } = h.sandbox
  const now = h.ports.clock.now()
  for (let u = 0; u < people; u++) {
    const id = `bench-${network}-${u}`
    world.addUser({ id, network, name: `Bench Person ${u}`, handle: `bench.${network}.${u}`, password: 'demo' })
    const per = network === 'linkedin' ? ORGS_PER_PERSON : PAGES_PER_PERSON
    for (let p = 0; p < per; p++) {
      const channelId = network === 'linkedin' ? `8${u}0${p}` : `91${u}0${p}`
      const tasks = network === 'linkedin' ? ['ADMINISTRATOR'] : [...FACEBOOK_SEED.tasks.all]
      const kind = network === 'linkedin' ? 'organization' : 'page'
      world.addChannel({ id: channelId, network, kind, name: `Bench ${kind} ${u}-${p}`, handle: `bench${network}${u}${p}`, roles: new Map([[id, tasks]]) })
      if (network !== 'facebook') continue
      for (let k = 0; k < 3; k++) {
        const post = world.addPost({ id: `${channelId}_${500 + k}`, network, channelId, authorUserId: id, text: `Bench post ${k}`, createdAt: now - (k + 1) * 24 * HOUR })
        for (let c = 0; c < 4; c++) {
          world.addComment({
            id: `${channelId}${500 + k}_${100 + c}`,
            network,
            postId: post.id,
            parentId: null,
            authorName: `Fan ${c}`,
            authorHandle: `10009${u}${p}${k}${c}`,
            text: `Comment ${c} on post ${k}: ça a l’air délicieux ☕️`,
            createdAt: post.createdAt + (c + 1) * HOUR,
            viaApi: false,
          })
        }
      }
    }
  }
  for (let u = 0; u < people; u++) {
    if (process.env.RELINK_BENCH_DEBUG) process.stdout.write(`    signing in ${network} ${u}\n`)
    h.signInAs(`bench.${network}.${u}`)
    const result = await h.core.connections.connect.connect({ network })
    await h.core.connections.connect.finishConnect({ profileId: result.profileId, picks: result.channels.map((c) => ({ networkChannelId: c.networkChannelId, brandIds: [] })) })
  }
}

export async function inboxSweepRows(): Promise<BenchRow[]> {
  const counter = tokenCounter()
  const h = await startDemo({ seedDemo: true, providerTimeoutMs: 10_000, wrapHttp: counter.wrap })
  const rows: BenchRow[] = []
  try {
    const demoChannels = (await h.core.handlers['channels:list'](undefined)).length
    const linkedInPeople = Math.min(20, Math.floor(Math.max(0, CHANNELS - demoChannels) / 2 / ORGS_PER_PERSON))
    await addChannels(h, 'linkedin', linkedInPeople)
    const sofar = (await h.core.handlers['channels:list'](undefined)).length
    await addChannels(h, 'facebook', Math.max(0, Math.ceil((CHANNELS - sofar) / PAGES_PER_PERSON)))
    const channels = await h.core.handlers['channels:list'](undefined)
    const byNetwork = new Map<string, number>()
    for (const c of channels) byNetwork.set(c.network, (byNetwork.get(c.network) ?? 0) + 1)

    const before = { ...h.sandbox.stats.byNetwork }
    const requestsBefore = h.sandbox.stats.requests
    counter.start()
    const start = process.hrtime.bigint()
    // The inbox's streams (comments, mentions): the first read of every channel, then the next sweep.
    const reports = await h.core.sync.syncNow({ streams: ['comments', 'mentions'] })
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    h.ports.clock.advance(5 * 60_000)
    const again = process.hrtime.bigint()
    const next = await h.core.sync.syncNow({ streams: ['comments', 'mentions'] })
    const nextMs = Number(process.hrtime.bigint() - again) / 1e6
    counter.stop()
    const failed = reports.filter((r) => !r.ok).length
    if (process.env.RELINK_BENCH_DEBUG) {
      const tally = new Map<string, number>()
      for (const r of reports) tally.set(`${r.stream} ${r.ok ? 'ok' : r.reason}`, (tally.get(`${r.stream} ${r.ok ? 'ok' : r.reason}`) ?? 0) + 1)
      process.stdout.write(`    ${[...tally].map(([k, n]) => `${k}: ${n}`).join(', ')}\n`)
    }
    const items = reports.reduce((n, r) => n + r.items, 0)
    const mix = [...byNetwork].map(([n, k]) => `${n} ${k}`).join(', ')
    rows.push({ name: `sync sweep, ${channels.length} channels on the sandbox`, value: ms, unit: 'ms', target: { op: '<=', value: 10_000 }, note: `${mix}; ${reports.length} streams, ${items} items stored, ${failed} failed` })
    rows.push({ name: 'the next sweep, five minutes later', value: nextMs, unit: 'ms', target: { op: '<=', value: 10_000 }, note: `${next.reduce((n, r) => n + r.items, 0)} new items` })
    rows.push({ name: 'requests in the two sweeps', value: h.sandbox.stats.requests - requestsBefore, unit: 'count' })
    for (const mount of ['facebook', 'linkedin', 'x', 'mastodon'] as const) {
      const { most, tokens } = counter.most(mount)
      const allowance = ALLOWANCE[mount]
      const window = allowance.perMs >= HOUR ? `${allowance.perMs / HOUR} h` : `${allowance.perMs / 60_000} min`
      rows.push({
        name: `${mount}: most requests on one token in the two sweeps`,
        value: most,
        unit: 'count',
        target: { op: '<=', value: allowance.requests },
        note: `${h.sandbox.stats.byNetwork[mount] - before[mount]} requests over ${tokens} tokens; allowance ${allowance.requests} per ${window} per account, and the sweeps took less than that`,
      })
    }
  } finally {
    await h.close()
    rmSync(h.dir, { recursive: true, force: true })
  }
  return rows
}
