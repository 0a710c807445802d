import { afterEach, describe, expect, it } from 'vitest'
import { createFakeClock, type FakeClock } from '../../../tests/fakes/clock'
import type { Network } from '../../shared/domain/network'
import { AppError } from '../../shared/errors'
import { openDatabase, type RelinkDatabase } from '../db/client'
import { createDeliveryRepositoryFor, type DeliveryRepository } from '../db/repositories/delivery-repository'
import { cryptoIds } from '../platform/crypto-ids'
import { HttpTransportError } from '../ports'
import { ProviderError } from '../providers/provider-error'
import { fingerprintOf, judgeTimeline } from '../providers/fingerprint'
import type { ContentProblem, PostDraft, PostLookup, PostLookupResult, ProviderAdapter, PublishOptions, PublishedPost } from '../providers/types'
import { createScheduler, type Scheduler } from './scheduler'
import type { DeliveryNotice } from '../../shared/domain/schedule'

const MIN = 60_000

/** A network in memory: posts it holds, and what the next publish call should do. */
function fakeNetwork() {
  const posts: { id: string; text: string }[] = []
  const calls: { key: string; stateAtCall: string | undefined; intentAtCall: number | null | undefined }[] = []
  let next: ((draft: PostDraft) => PublishedPost) | undefined
  let peek: (key: string) => { state: string; intent_at: number | null } | undefined = () => undefined
  const create = (draft: PostDraft): PublishedPost => {
    const id = `n${posts.length + 1}`
    // The network keeps exactly the text it was sent.
    posts.push({ id, text: draft.text })
    return { networkPostId: id, url: `https://net.example/${id}`, publishedAt: 0 }
  }
  const adapter = {
    network: 'x',
    confirmAbsentAfterMs: 2 * 60_000,
    validateContent(draft: PostDraft): ContentProblem[] {
      return draft.text.length > 20 ? [{ field: 'text', message: 'Too long for this network.' }] : []
    },
    async publish(_ctx: unknown, _target: unknown, draft: PostDraft, options: PublishOptions): Promise<PublishedPost> {
      const row = peek(options.key)
      calls.push({ key: options.key, stateAtCall: row?.state, intentAtCall: row?.intent_at })
      const behaviour = next ?? create
      next = undefined
      return behaviour(draft)
    },
    async findPublished(_ctx: unknown, _target: unknown, lookup: PostLookup): Promise<PostLookupResult> {
      const seen = posts.map((p) => ({ post: { networkPostId: p.id, url: `https://net.example/${p.id}`, publishedAt: 0 }, text: p.text, links: [], media: 0 }))
      return judgeTimeline(fingerprintOf(lookup.draft.text, [], 0), { posts: seen, complete: true }, 'X', lookup)
    },
  }
  return {
    adapter: adapter as unknown as ProviderAdapter,
    posts,
    calls,
    create,
    failNext(behaviour: (draft: PostDraft) => PublishedPost) {
      next = behaviour
    },
    watch(fn: typeof peek) {
      peek = fn
    },
  }
}

const serverError = () => new ProviderError('x', { reason: 'transient', detail: 'X is having trouble.' }, { source: 'api', status: 503 })
const timeout = () =>
  new ProviderError('x', { reason: 'transient', detail: 'No answer.' }, { source: 'transport' }, { cause: new HttpTransportError('timeout', 'No answer within 2000 ms') })

interface Rig {
  clock: FakeClock
  database: RelinkDatabase
  repo: DeliveryRepository
  scheduler: Scheduler
  net: ReturnType<typeof fakeNetwork>
  notices: DeliveryNotice[]
  broken: Set<string>
  advance(ms: number): Promise<void>
}

const rigs: Rig[] = []
afterEach(async () => {
  for (const rig of rigs.splice(0)) {
    await rig.scheduler.stop()
    await rig.database.close()
  }
})

async function rig(options: { start?: boolean } = {}): Promise<Rig> {
  const clock = createFakeClock()
  const database = openDatabase(':memory:', { nowMs: clock.now() })
  database.sqlite.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES ('c1', 'x', '1', 'account', 'Coffee', 1), ('c2', 'x', '2', 'account', 'Labs', 1)").run()
  const repo = createDeliveryRepositoryFor(database, cryptoIds)
  const net = fakeNetwork()
  net.watch((marker) => database.sqlite.prepare('SELECT state, intent_at FROM deliveries WHERE marker = ?').get(marker) as { state: string; intent_at: number | null } | undefined)
  const notices: DeliveryNotice[] = []
  const broken = new Set<string>()
  const scheduler = createScheduler({
    repo,
    connections: {
      async channelTarget(channelId) {
        if (broken.has(channelId)) throw new AppError('reauth_required', 'Every connection to Coffee needs attention. Refresh the connection of a profile that manages it.')
        return { profileId: 'p1', network: 'x' as Network, instance: '', target: { networkChannelId: channelId, accessToken: 'token', kind: 'account' } }
      },
      async reportFailure() {
        return 'active'
      },
    },
    providers: {
      adapter: () => net.adapter,
      context: async () => ({ http: { request: () => Promise.reject(new Error('no network in this test')) }, clock, endpoints: { authBase: '', apiBase: '' }, credentials: { clientId: 'c' } }),
    },
    clock,
    timer: clock,
    settings: { read: () => ({ scheduler: { graceWindowMinutes: 15 } }) },
    logger: { log: () => undefined },
    notify: (n) => notices.push(n),
  })
  const r: Rig = {
    clock,
    database,
    repo,
    scheduler,
    net,
    notices,
    broken,
    async advance(ms) {
      clock.advance(ms)
      await scheduler.whenIdle()
    },
  }
  rigs.push(r)
  if (options.start !== false) await scheduler.start()
  return r
}

async function schedule(r: Rig, at: number, channelIds = ['c1']) {
  const { post, problems } = await r.scheduler.createPost({ text: 'Hello', channelIds, publishAt: at, timeZone: 'Europe/Berlin' })
  expect(problems).toEqual([])
  if (!post) throw new Error('not scheduled')
  await r.scheduler.whenIdle()
  return post
}

const stateOf = async (r: Rig, postId: string) => (await r.scheduler.getPost(postId)).deliveries.map((d) => d.state)

describe('scheduler', () => {
  it('publishes once at its time, on one timer, with the intent committed before the request', async () => {
    const r = await rig()
    const post = await schedule(r, r.clock.now() + 10 * MIN, ['c1', 'c2'])
    expect(r.clock.pending()).toBe(1)
    await r.advance(9 * MIN)
    expect(r.net.calls).toHaveLength(0)
    await r.advance(MIN)
    expect(await stateOf(r, post.id)).toEqual(['published', 'published'])
    expect(r.net.calls.map((c) => c.stateAtCall)).toEqual(['publishing', 'publishing'])
    expect(r.net.calls.every((c) => typeof c.intentAtCall === 'number')).toBe(true)
    await r.advance(60 * MIN)
    expect(r.net.posts).toHaveLength(2)
    expect(r.scheduler.armed()).toBe(false)
  })

  it('looks up an outcome lost to a timeout: found means published, never sent again', async () => {
    const r = await rig()
    const post = await schedule(r, r.clock.now() + MIN)
    r.net.failNext((draft) => {
      r.net.create(draft)
      throw timeout()
    })
    await r.advance(MIN)
    const [delivery] = (await r.scheduler.getPost(post.id)).deliveries
    expect(delivery).toMatchObject({ state: 'published', networkPostId: 'n1' })
    expect(r.net.calls).toHaveLength(1)
    expect((await r.scheduler.attempts(delivery?.id ?? 0)).map((a) => `${a.kind}:${a.outcome}`)).toEqual(['publish:unknown', 'lookup:found'])
  })

  it('publishes a lost outcome again once the network confirmed twice, spaced apart, that it is not there', async () => {
    const r = await rig()
    const post = await schedule(r, r.clock.now() + MIN)
    r.net.failNext(() => {
      throw timeout()
    })
    await r.advance(MIN)
    // The first look found nothing: it stays publishing and looks again after the network's delay.
    expect(await stateOf(r, post.id)).toEqual(['publishing'])
    expect(r.net.calls).toHaveLength(1)
    await r.advance(2 * MIN)
    await r.advance(MIN)
    expect(await stateOf(r, post.id)).toEqual(['published'])
    expect(r.net.calls).toHaveLength(2)
    expect(r.net.posts).toHaveLength(1)
    expect(r.notices).toEqual([])
  })

  it('retries a 5xx after a wait, and finds the post if the failing call created it', async () => {
    const r = await rig()
    const post = await schedule(r, r.clock.now() + MIN)
    r.net.failNext((draft) => {
      r.net.create(draft)
      throw serverError()
    })
    await r.advance(MIN)
    const [waiting] = (await r.scheduler.getPost(post.id)).deliveries
    expect(waiting).toMatchObject({ state: 'scheduled', failureReason: 'transient' })
    expect(waiting?.nextAttemptAt).toBeGreaterThanOrEqual(r.clock.now() + 15_000)
    await r.advance(MIN)
    expect(await stateOf(r, post.id)).toEqual(['published'])
    expect(r.net.calls).toHaveLength(1)
    expect(r.net.posts).toHaveLength(1)
  })

  it('fails refused content once, with one notification', async () => {
    const r = await rig()
    const post = await schedule(r, r.clock.now() + MIN)
    r.net.failNext(() => {
      throw new ProviderError('x', { reason: 'other', detail: 'You are not allowed to create a Tweet with duplicate content.' }, { source: 'api', status: 403 })
    })
    await r.advance(MIN)
    expect(await stateOf(r, post.id)).toEqual(['failed'])
    await r.advance(60 * MIN)
    expect(r.notices).toHaveLength(1)
    expect(r.notices[0]?.body).toMatch(/duplicate content/)
  })

  it('holds a delivery whose channel has no working connection, with the fix', async () => {
    const r = await rig()
    r.broken.add('c1')
    const post = await schedule(r, r.clock.now() + MIN, ['c1', 'c2'])
    await r.advance(MIN)
    const deliveries = (await r.scheduler.getPost(post.id)).deliveries
    expect(deliveries.map((d) => [d.channelId, d.state])).toEqual([
      ['c1', 'held'],
      ['c2', 'published'],
    ])
    expect(deliveries[0]?.heldDetail).toMatch(/Refresh the connection/)
    r.broken.delete('c1')
    const released = await r.scheduler.releaseHeld(['c1'], 'publish_now')
    expect(released.publishNow).toHaveLength(1)
    await r.scheduler.whenIdle()
    expect(await stateOf(r, post.id)).toEqual(['published', 'published'])
  })

  it('after a crash: claimed rows go back to the queue, publishing rows are looked up', async () => {
    const r = await rig({ start: false })
    const a = await r.scheduler.createPost({ text: 'A', channelIds: ['c1'], publishAt: r.clock.now(), timeZone: 'UTC' })
    const b = await r.scheduler.createPost({ text: 'B', channelIds: ['c1'], publishAt: r.clock.now(), timeZone: 'UTC' })
    const c = await r.scheduler.createPost({ text: 'C', channelIds: ['c1'], publishAt: r.clock.now(), timeZone: 'UTC' })
    const [da, db, dc] = [a, b, c].map((x) => x.post?.deliveries[0])
    if (!da || !db || !dc) throw new Error('no deliveries')
    // A was claimed, B and C had their intent committed; only B reached the network.
    for (const d of [da, db, dc]) await r.repo.claim(d.id, r.clock.now())
    await r.repo.beginPublish(db.id, r.clock.now())
    await r.repo.beginPublish(dc.id, r.clock.now())
    // B went out while Relink still appended its marker: it is found all the same.
    r.net.posts.push({ id: 'n9', text: `B\n\n${db.marker}` })
    const report = await r.scheduler.start()
    // C is not on the network: a second look after the network's delay confirms it, then it goes out.
    expect(report).toEqual({ requeued: 1, published: 1, needsReview: 0, pending: 1 })
    await r.scheduler.whenIdle()
    expect([...(await stateOf(r, a.post?.id ?? '')), ...(await stateOf(r, b.post?.id ?? '')), ...(await stateOf(r, c.post?.id ?? ''))]).toEqual([
      'published',
      'published',
      'publishing',
    ])
    await r.advance(2 * MIN)
    await r.advance(MIN)
    expect(await stateOf(r, c.post?.id ?? '')).toEqual(['published'])
    expect(r.net.calls.map((call) => call.key)).toEqual([da.marker, dc.marker])
    expect(r.net.posts.filter((p) => p.text === 'C')).toHaveLength(1)
  })

  it('reports content problems per channel instead of throwing, and keeps drafts', async () => {
    const r = await rig()
    const refused = await r.scheduler.createPost({ text: 'This text is far too long for it', channelIds: ['c1', 'c2'], publishAt: r.clock.now() + MIN, timeZone: 'UTC' })
    expect(refused.post).toBeNull()
    expect(refused.problems.map((p) => [p.channelName, p.problems[0]?.message])).toEqual([
      ['Coffee', 'Too long for this network.'],
      ['Labs', 'Too long for this network.'],
    ])
    const draft = await r.scheduler.createPost({ text: 'This text is far too long for it', channelIds: ['c1'], timeZone: 'UTC', draft: true })
    expect(draft.post).toMatchObject({ status: 'draft', deliveries: [] })
    expect(draft.problems).toHaveLength(1)
    await expect(r.scheduler.createPost({ text: 'x', channelIds: ['c1'], publishAt: r.clock.now() - 10 * MIN, timeZone: 'UTC' })).rejects.toMatchObject({ code: 'validation' })
    await expect(r.scheduler.createPost({ text: 'x', channelIds: ['nope'], publishAt: r.clock.now(), timeZone: 'UTC' })).rejects.toMatchObject({ code: 'not_found' })
    await expect(r.scheduler.createPost({ text: 'x', channelIds: ['c1'], publishAt: r.clock.now(), timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ code: 'validation' })
  })

  it('edits, schedules a draft, duplicates and cancels', async () => {
    const r = await rig()
    const draft = (await r.scheduler.createPost({ text: 'Draft', channelIds: ['c1'], timeZone: 'Europe/Paris', draft: true })).post
    if (!draft) throw new Error('no draft')
    const scheduled = await r.scheduler.updatePost({ postId: draft.id, status: 'scheduled', publishAt: r.clock.now() + 30 * MIN, channelIds: ['c1', 'c2'] })
    expect(scheduled.post?.deliveries.map((d) => [d.channelId, d.state, d.dueAt])).toEqual([
      ['c1', 'scheduled', r.clock.now() + 30 * MIN],
      ['c2', 'scheduled', r.clock.now() + 30 * MIN],
    ])
    const moved = await r.scheduler.updatePost({ postId: draft.id, publishAt: r.clock.now() + 60 * MIN, channelIds: ['c2'], text: 'Edited' })
    expect(moved.post?.deliveries.map((d) => [d.channelId, d.dueAt, d.preview])).toEqual([['c2', r.clock.now() + 60 * MIN, 'Edited']])
    const copy = await r.scheduler.duplicatePost(draft.id)
    expect(copy).toMatchObject({ status: 'draft', text: 'Edited', channelIds: ['c2'], publishAt: null, timeZone: 'Europe/Paris' })
    const cancelled = await r.scheduler.cancelPost(draft.id)
    expect(cancelled.status).toBe('cancelled')
    expect(cancelled.deliveries.map((d) => d.state)).toEqual(['skipped'])
    await r.advance(61 * MIN)
    expect(r.net.calls).toHaveLength(0)
    await expect(r.scheduler.updatePost({ postId: draft.id, text: 'again' })).rejects.toMatchObject({ code: 'conflict' })
  })

  it('refuses to edit a post that already went out somewhere', async () => {
    const r = await rig()
    const post = await schedule(r, r.clock.now() + MIN)
    await r.advance(MIN)
    await expect(r.scheduler.updatePost({ postId: post.id, text: 'Too late' })).rejects.toMatchObject({ code: 'conflict' })
  })
})
