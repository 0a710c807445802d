import { afterEach, describe, expect, it } from 'vitest'
import { createFakeClock, type FakeClock } from '../../../tests/fakes/clock'
import type { GrantHealth } from '../../shared/domain/health'
import type { Network } from '../../shared/domain/network'
import { AppError } from '../../shared/errors'
import { openDatabase, type RelinkDatabase } from '../db/client'
import { createLogger } from '../platform/logger'
import { ProviderError } from '../providers/provider-error'
import type { ProblemReason } from '../../shared/domain/health'
import type { ProviderAdapter, ProviderContext } from '../providers/types'
import { createSyncEngine } from './engine'
import { createGapLedger } from './gap-ledger'
import { budgetedHttp, createRateBudget } from './rate-budget'
import { createSyncRepositoryFor } from './sync-repository'
import type { BackfillWindow, NetworkSync, StreamPlan, StreamReader, StreamRun, SyncChannel, SyncEngine } from './types'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const plan = (over: Partial<StreamPlan> = {}): StreamPlan => ({
  everyMs: 5 * MINUTE,
  hotSetMs: 0,
  recoveryMs: 7 * DAY,
  backfillChunkMs: DAY,
  lossNote: 'X serves replies from the last 7 days only.',
  ...over,
})

function plans(streams: NetworkSync['streams'], rate = { requests: 100, perMs: HOUR }): Record<Network, NetworkSync> {
  const one: NetworkSync = { rate, streams }
  return { facebook: one, instagram: one, linkedin: one, x: one, mastodon: one }
}

/** A reader that records what the engine asks and fails on request. */
function fakeReader(stream: StreamReader['stream'] = 'mentions') {
  const polls: StreamRun[] = []
  const backfills: BackfillWindow[] = []
  let failWith: unknown = null
  let items = 2
  const reader: StreamReader = {
    stream,
    appliesTo: () => true,
    async poll(run) {
      polls.push(run)
      await run.call(() => run.provider.http.request({ method: 'GET', url: 'https://x.test/mentions' }))
      if (failWith) throw failWith
      return { watermarkTime: run.now, watermarkId: String(polls.length), items }
    },
    async backfill(run, window) {
      backfills.push(window)
      await run.call(() => run.provider.http.request({ method: 'GET', url: 'https://x.test/search' }))
      if (failWith) throw failWith
      return { recovered: 37, unit: 'items' }
    },
  }
  return {
    reader,
    polls,
    backfills,
    fail: (err: unknown) => void (failWith = err),
    heal: () => void (failWith = null),
    setItems: (n: number) => void (items = n),
  }
}

const providerError = (reason: ProblemReason, retryAfterMs?: number) =>
  new ProviderError('x', { reason, detail: `X said ${reason}.`, ...(retryAfterMs ? { retryAfterMs } : {}) }, { source: 'api', status: reason === 'transient' ? 503 : 401 })

interface World {
  clock: FakeClock
  database: RelinkDatabase
  channel: SyncChannel
  engine: SyncEngine
  reported: { profileId: string; reason: string }[]
  /** Makes the next reported token problem break the channel. */
  breakOnReport: boolean
  /** The rate-budget priority of every provider context the engine asked for. */
  priorities: string[]
  /** How often the engine read every stream's state. */
  stateReads: number
}

let world: World | undefined

async function setup(streams: NetworkSync['streams'], readers: StreamReader[], options: { rate?: { requests: number; perMs: number } } = {}): Promise<World> {
  const clock = createFakeClock(Date.UTC(2026, 2, 3, 9, 0, 0))
  const database = openDatabase(':memory:', { nowMs: clock.now() })
  database.sqlite.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES ('c1', 'x', 'n1', 'account', 'Northwind', 1)").run()
  const channel: SyncChannel = { id: 'c1', network: 'x', instance: '', kind: 'account', name: 'Northwind', networkChannelId: 'n1', health: 'healthy', problem: null }
  const reported: World['reported'] = []
  const w = { clock, database, channel, reported, breakOnReport: true, priorities: [] as string[], stateReads: 0 } as World
  const stored = createSyncRepositoryFor(database)
  const repo = { ...stored, states: () => (w.stateReads++, stored.states()) }
  const thePlans = plans(streams, options.rate)
  const ledger = createGapLedger({ repo, plans: thePlans, networkOf: async () => 'x', now: () => clock.now() })
  const budget = createRateBudget({ clock, timer: clock, allowances: { facebook: thePlans.x.rate, instagram: thePlans.x.rate, linkedin: thePlans.x.rate, x: thePlans.x.rate, mastodon: thePlans.x.rate } })
  const http = { request: async () => ({ status: 200, headers: {}, body: '{}' }) }
  w.engine = createSyncEngine({
    repo,
    ledger,
    budget,
    plans: thePlans,
    channels: async () => [w.channel],
    connections: {
      async channelTarget() {
        if (w.channel.health === 'disconnected') throw new AppError('reauth_required', 'Every connection to Northwind needs attention.')
        return { profileId: 'p1', network: 'x', instance: '', target: { networkChannelId: 'n1', accessToken: 'secret', kind: 'account' } }
      },
      async reportFailure(profileId, err): Promise<GrantHealth> {
        reported.push({ profileId, reason: err.reason })
        if (w.breakOnReport && err.reason === 'revoked_by_user') {
          w.channel = { ...w.channel, health: 'disconnected', problem: { reason: 'revoked_by_user', detail: 'Sign-in revoked.', since: clock.now() } }
          return 'revoked_by_user'
        }
        return 'active'
      },
    },
    providers: {
      adapter: () => ({ network: 'x' }) as ProviderAdapter,
      context: async (network, _instance, _signal, priority) => {
        w.priorities.push(priority)
        return { http: budgetedHttp(http, budget, network, priority) } as ProviderContext
      },
    },
    clock,
    timer: clock,
    logger: createLogger({ clock, sink: () => undefined }),
  })
  for (const r of readers) w.engine.register(r)
  world = w
  return w
}

/** Lets promise chains started by timers settle. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r))
}

afterEach(async () => {
  await world?.engine.stop()
  await world?.database.close()
  world = undefined
})

/** Holds the first poll after it asked the network until the returned function is called. */
function holdFirstPoll(fake: ReturnType<typeof fakeReader>): () => void {
  let open: () => void = () => undefined
  const gate = new Promise<void>((resolve) => (open = resolve))
  const poll = fake.reader.poll.bind(fake.reader)
  fake.reader.poll = async (run) => {
    const result = await poll(run)
    if (fake.polls.length === 1) await gate
    return result
  }
  return () => open()
}

describe('sync engine', () => {
  it('reads each stream at start and then on its plan, passing the watermark on', async () => {
    const fake = fakeReader()
    const w = await setup({ mentions: plan() }, [fake.reader])
    await w.engine.start()
    await settle()
    expect(fake.polls).toHaveLength(1)
    w.clock.advance(4 * MINUTE)
    await settle()
    expect(fake.polls).toHaveLength(1)
    w.clock.advance(MINUTE)
    await settle()
    expect(fake.polls).toHaveLength(2)
    expect(fake.polls[1]?.state.watermarkId).toBe('1')
    const [health] = await w.engine.health()
    expect(health).toMatchObject({ channelId: 'c1', stream: 'mentions', lastOkAt: w.clock.now(), itemsLast24h: 4, lastError: null, nextRunAt: w.clock.now() + 5 * MINUTE })
  })

  it('wakes for the earliest planned read without reading every stream’s state, which only a sweep does', async () => {
    const fake = fakeReader()
    const w = await setup({ mentions: plan() }, [fake.reader])
    await w.engine.start()
    await settle()
    for (let i = 0; i < 3; i++) {
      w.clock.advance(5 * MINUTE)
      await settle()
    }
    expect(fake.polls).toHaveLength(4)
    // One sweep per read here; arming after each asks the index for the earliest time alone.
    expect(w.stateReads).toBe(4)
    await w.engine.syncNow()
    expect(w.stateReads).toBe(4)
    expect(w.clock.pending()).toBe(1)
  })

  it('counts the resources a read returned when the cost is only known from the answer (X bills each post)', async () => {
    const reader: StreamReader = {
      stream: 'post_metrics',
      appliesTo: () => true,
      async poll(run) {
        await run.call(async () => ({ posts: ['a', 'b', 'c'] }), (page) => page.posts.length)
        await run.call(async () => 'insights')
        return { watermarkTime: run.now, watermarkId: null, items: 0 }
      },
      backfill: async () => ({ recovered: 0, unit: 'items' }),
    }
    const w = await setup({ post_metrics: plan() }, [reader])
    const [report] = await w.engine.syncNow()
    expect(report).toMatchObject({ ok: true, reads: 4 })
  })

  it('reads metrics on the bulk share of the rate budget and comments on sync’s, so metrics never crowd comments out', async () => {
    const metrics = fakeReader('post_metrics')
    const mentions = fakeReader()
    const w = await setup({ post_metrics: plan(), mentions: plan() }, [metrics.reader, mentions.reader])
    await w.engine.syncNow({ streams: ['post_metrics'] })
    expect(w.priorities).toEqual(['bulk'])
    await w.engine.syncNow({ streams: ['mentions'] })
    expect(w.priorities).toEqual(['bulk', 'background'])
  })

  it('reads a stream once however many ask at the same time', async () => {
    const fake = fakeReader()
    const w = await setup({ mentions: plan() }, [fake.reader])
    const [a, b] = await Promise.all([w.engine.syncNow(), w.engine.syncNow({ streams: ['mentions'] })])
    expect(fake.polls).toHaveLength(1)
    expect(a).toEqual(b)
  })

  it('reads again after a read already under way when asked later, once for everyone who asked meanwhile', async () => {
    const fake = fakeReader()
    // The first read is slow: it has read the network's list but not yet stored it.
    const open = holdFirstPoll(fake)
    const w = await setup({ mentions: plan() }, [fake.reader])
    const first = w.engine.syncNow()
    await settle()
    expect(fake.polls).toHaveLength(1)
    // A post goes out meanwhile; Sync now must see it, so the read under way is not enough.
    w.clock.advance(MINUTE)
    const [a, b] = [w.engine.syncNow(), w.engine.syncNow({ streams: ['mentions'] })]
    open()
    await first
    const [later, same] = await Promise.all([a, b])
    expect(fake.polls).toHaveLength(2)
    expect(fake.polls[1]?.now).toBe(w.clock.now())
    expect(later).toEqual(same)
  })

  it('reads again for a request that comes once the read under way has begun reading, even at the same clock time', async () => {
    const fake = fakeReader()
    // The first read is slow: it has read the network's list but not yet stored it.
    const open = holdFirstPoll(fake)
    const w = await setup({ mentions: plan() }, [fake.reader])
    const first = w.engine.syncNow()
    await settle()
    expect(fake.polls).toHaveLength(1)
    // The clock has not moved (a paused test clock, or a coarse one), yet the first read has
    // already asked the network: what arrived since is not in its answer.
    const later = w.engine.syncNow()
    open()
    await first
    await later
    expect(fake.polls).toHaveLength(2)
  })

  it('is idle only once the reads under way, those they queued and the planned sweep have all settled', async () => {
    const fake = fakeReader()
    // The first read is slow: it has read the network's list but not yet stored it.
    const open = holdFirstPoll(fake)
    const w = await setup({ mentions: plan() }, [fake.reader])
    void w.engine.syncNow()
    await settle()
    void w.engine.syncNow()
    let idle = false
    const waiting = w.engine.whenIdle().then(() => void (idle = true))
    await settle()
    expect(idle).toBe(false)
    open()
    await waiting
    // The request that came once the first read had begun was read too, before idle.
    expect(fake.polls).toHaveLength(2)
  })

  it('skips streams the network does not have and refuses a second reader for a kind', async () => {
    const fake = fakeReader('comments')
    const w = await setup({ mentions: plan() }, [fake.reader])
    expect(await w.engine.syncNow()).toEqual([])
    expect(() => w.engine.register(fakeReader('comments').reader)).toThrow(/already registered/)
  })

  it('never reads what the network closes to every app on a channel of its kind (a LinkedIn member’s comments and statistics)', async () => {
    const comments = fakeReader('comments')
    const metrics = fakeReader('channel_metrics')
    const w = await setup({ comments: plan(), channel_metrics: plan() }, [comments.reader, metrics.reader])
    w.channel = { ...w.channel, network: 'linkedin', kind: 'member' }
    expect(await w.engine.syncNow()).toEqual([])
    expect(await w.engine.health()).toEqual([])
    // A LinkedIn organisation is read as usual.
    w.channel = { ...w.channel, kind: 'organization' }
    expect((await w.engine.syncNow()).map((r) => [r.stream, r.ok])).toEqual([
      ['comments', true],
      ['channel_metrics', true],
    ])
  })

  it('opens a gap when a read finds the token revoked, waits, and backfills after reconnect', async () => {
    const fake = fakeReader()
    const w = await setup({ mentions: plan({ recoveryMs: 7 * DAY }) }, [fake.reader])
    await w.engine.start()
    await settle()
    w.clock.advance(HOUR)
    fake.fail(providerError('revoked_by_user'))
    const reports = await w.engine.syncNow()
    expect(w.reported).toEqual([{ profileId: 'p1', reason: 'revoked_by_user' }])
    const brokeAt = w.clock.now()
    expect(reports[0]).toMatchObject({ ok: false, reason: 'revoked_by_user', gap: { state: 'open', from: brokeAt, reason: 'revoked_by_user', recoverableUntil: brokeAt + 7 * DAY } })

    // While broken nothing is read, however much time passes.
    w.clock.advance(2 * DAY)
    expect(await w.engine.syncNow()).toEqual([])
    expect(fake.polls).toHaveLength(2)

    // Refresh connection heals it: the gap is read back, then the poll continues.
    fake.heal()
    w.channel = { ...w.channel, health: 'healthy', problem: null }
    const healed = await w.engine.reconcileHealth()
    expect(fake.backfills).toEqual([{ from: brokeAt, to: w.clock.now(), gapFrom: brokeAt }])
    expect(healed.map((r) => r.mode)).toEqual(['backfill', 'poll'])
    const gaps = await w.engine.gaps.list({ channelIds: ['c1'] })
    expect(gaps).toEqual([
      expect.objectContaining({ state: 'closed', from: brokeAt, to: w.clock.now(), recovered: 37, recoveredUnit: 'items', lostBefore: null, lostNote: '', reason: 'revoked_by_user' }),
    ])
  })

  it('records what the network no longer serves when the break outlasts the recovery window', async () => {
    const fake = fakeReader()
    const w = await setup({ mentions: plan({ recoveryMs: 7 * DAY }) }, [fake.reader])
    await w.engine.start()
    await settle()
    fake.fail(providerError('revoked_by_user'))
    await w.engine.syncNow()
    const brokeAt = w.clock.now()
    w.clock.advance(10 * DAY)
    fake.heal()
    w.channel = { ...w.channel, health: 'healthy', problem: null }
    await w.engine.reconcileHealth()
    expect(fake.backfills).toEqual([{ from: w.clock.now() - 7 * DAY, to: w.clock.now(), gapFrom: brokeAt }])
    const [gap] = await w.engine.gaps.list({})
    expect(gap).toMatchObject({ state: 'closed', lostBefore: w.clock.now() - 7 * DAY, lostNote: 'X serves replies from the last 7 days only.' })
  })

  it('closes a gap of a network that keeps nothing without asking it', async () => {
    const fake = fakeReader('channel_metrics')
    const w = await setup({ channel_metrics: plan({ everyMs: DAY, recoveryMs: 0, lossNote: 'X keeps no follower history.' }) }, [fake.reader])
    await w.engine.start()
    await settle()
    fake.fail(providerError('revoked_by_user'))
    await w.engine.syncNow()
    w.clock.advance(3 * DAY)
    fake.heal()
    w.channel = { ...w.channel, health: 'healthy', problem: null }
    await w.engine.reconcileHealth()
    expect(fake.backfills).toEqual([])
    const [gap] = await w.engine.gaps.list({})
    expect(gap).toMatchObject({ state: 'closed', recovered: 0, lostBefore: w.clock.now(), lostNote: 'X keeps no follower history.', recoverableUntil: null })
  })

  it('opens a gap for a channel that broke elsewhere (a probe) from the moment it broke', async () => {
    const fake = fakeReader()
    const w = await setup({ mentions: plan() }, [fake.reader])
    await w.engine.start()
    await settle()
    w.clock.advance(30 * MINUTE)
    w.channel = { ...w.channel, health: 'disconnected', problem: { reason: 'password_changed', detail: 'Password changed.', since: w.clock.now() - 10 * MINUTE } }
    await w.engine.reconcileHealth()
    const [gap] = await w.engine.gaps.list({ streams: ['mentions'] })
    expect(gap).toMatchObject({ state: 'open', reason: 'password_changed', from: w.clock.now() - 10 * MINUTE, detail: 'Password changed.' })
    // Asking again does not open a second one.
    await w.engine.reconcileHealth()
    expect(await w.engine.gaps.list({})).toHaveLength(1)
  })

  it('retries passing failures with backoff, opens a sync_failing gap once reads are half an hour overdue, and closes it when reads work', async () => {
    const fake = fakeReader()
    const w = await setup({ mentions: plan({ everyMs: HOUR }) }, [fake.reader])
    await w.engine.start()
    await settle()
    fake.fail(providerError('transient'))
    w.clock.advance(HOUR)
    await settle()
    const [afterOne] = await w.engine.health()
    expect(afterOne?.lastError).toMatchObject({ reason: 'transient' })
    expect(afterOne?.nextRunAt).toBe(w.clock.now() + MINUTE)
    // Three failures in three minutes are a blip: what they missed is read on the next success.
    w.clock.advance(MINUTE)
    await settle()
    w.clock.advance(2 * MINUTE)
    await settle()
    expect(fake.polls).toHaveLength(4)
    expect(await w.engine.gaps.list({})).toEqual([])
    // Still failing half an hour after the read was due: the stream keeps failing.
    for (const wait of [4, 8, 16]) {
      w.clock.advance(wait * MINUTE)
      await settle()
    }
    expect(fake.polls).toHaveLength(7)
    const [gap] = await w.engine.gaps.list({})
    expect(gap).toMatchObject({ state: 'open', reason: 'sync_failing' })
    // Transient failures never disconnect: the lifecycle heard each, the channel stays healthy.
    expect(w.reported.map((r) => r.reason)).toEqual(Array(6).fill('transient'))
    fake.heal()
    w.clock.advance(32 * MINUTE)
    await settle()
    const [closed] = await w.engine.gaps.list({})
    expect(closed).toMatchObject({ state: 'closed', recovered: 37 })
    expect((await w.engine.health())[0]?.lastError).toBeNull()
  })

  it('asks once more at once when a read meets a passing failure, and counts the stream failed only if that fails too', async () => {
    const fake = fakeReader()
    const answers: unknown[] = [providerError('transient'), null, providerError('transient'), providerError('transient'), providerError('rate_limited', MINUTE), null]
    fake.reader.poll = async (run) => {
      fake.polls.push(run)
      await run.call(async () => {
        const next = answers.shift()
        if (next) throw next
        return { ok: true }
      })
      return { watermarkTime: run.now, watermarkId: String(fake.polls.length), items: 0 }
    }
    const w = await setup({ mentions: plan() }, [fake.reader])
    const [healed] = await w.engine.syncNow()
    expect(healed).toMatchObject({ ok: true, reads: 2 })
    const [twice] = await w.engine.syncNow()
    expect(twice).toMatchObject({ ok: false, reason: 'transient' })
    // A rate limit ends the read at once, however short: the engine plans the next after it.
    const [limited] = await w.engine.syncNow()
    expect(limited).toMatchObject({ ok: false, reason: 'rate_limited' })
    expect(answers).toEqual([null])
  })

  it('starts the failure count afresh once a backfill read the stream through its gap', async () => {
    const fake = fakeReader()
    const w = await setup({ mentions: plan({ everyMs: 10 * MINUTE }) }, [fake.reader])
    await w.engine.syncNow()
    fake.fail(providerError('transient'))
    for (let i = 0; i < 8 && (await w.engine.gaps.list({})).length === 0; i++) {
      w.clock.advance(10 * MINUTE)
      await w.engine.syncNow()
    }
    const [gap] = await w.engine.gaps.list({})
    expect(gap).toMatchObject({ state: 'open', reason: 'sync_failing' })
    // The backfill works, the poll right after it does not: the gap closes and stays closed.
    const backfill = fake.reader.backfill.bind(fake.reader)
    fake.reader.backfill = async (run, window) => {
      fake.heal()
      const result = await backfill(run, window)
      fake.fail(providerError('transient'))
      return result
    }
    w.clock.advance(10 * MINUTE)
    await w.engine.syncNow()
    expect(await w.engine.gaps.list({})).toMatchObject([{ state: 'closed' }])
    w.clock.advance(MINUTE)
    await w.engine.syncNow()
    expect(await w.engine.gaps.list({})).toMatchObject([{ state: 'closed' }])
  })

  it('waits out a rate limit the network asked for', async () => {
    const fake = fakeReader()
    const w = await setup({ mentions: plan({ everyMs: HOUR }) }, [fake.reader])
    fake.fail(providerError('rate_limited', 15 * MINUTE))
    await w.engine.syncNow()
    fake.heal()
    const [h] = await w.engine.health()
    expect(h?.nextRunAt).toBe(w.clock.now() + 15 * MINUTE)
    // An on-demand read waits for the pause to pass before it calls the network.
    let done = false
    const pending = w.engine.syncNow().then(() => (done = true))
    await settle()
    expect(done).toBe(false)
    w.clock.advance(15 * MINUTE)
    await pending
    expect(fake.polls).toHaveLength(2)
  })

  it('keeps sync within the network’s background allowance', async () => {
    const fake = fakeReader()
    const w = await setup({ mentions: plan() }, [fake.reader], { rate: { requests: 5, perMs: HOUR } })
    // Five allowed per hour, four of them for sync: the fifth read waits for the window to move.
    for (let i = 0; i < 4; i++) await w.engine.syncNow()
    let done = false
    const fifth = w.engine.syncNow().then(() => (done = true))
    await settle()
    expect(done).toBe(false)
    w.clock.advance(HOUR)
    await fifth
    expect(fake.polls).toHaveLength(5)
  })

  it('calls a stream with comment history that goes silent for days suspiciously quiet', async () => {
    const fake = fakeReader('comments')
    const w = await setup({ comments: plan({ everyMs: 6 * HOUR }) }, [fake.reader])
    fake.setItems(5)
    for (let i = 0; i < 4; i++) {
      await w.engine.syncNow()
      w.clock.advance(6 * HOUR)
    }
    const lastItemAt = w.clock.now() - 6 * HOUR
    fake.setItems(0)
    for (let i = 0; i < 8; i++) {
      await w.engine.syncNow()
      w.clock.advance(6 * HOUR)
    }
    expect((await w.engine.health())[0]?.quietSince).toBeNull()
    for (let i = 0; i < 6; i++) {
      await w.engine.syncNow()
      w.clock.advance(6 * HOUR)
    }
    const [h] = await w.engine.health()
    expect(h?.quietSince).toBe(lastItemAt)
    expect(h?.itemsLast24h).toBe(0)
  })

  it('stops cleanly: no timer left and runs in flight aborted', async () => {
    const fake = fakeReader()
    const w = await setup({ mentions: plan() }, [fake.reader])
    await w.engine.start()
    await settle()
    await w.engine.stop()
    expect(w.clock.pending()).toBe(0)
  })
})
