/**
 * Exactly once without a marker: after an outcome nobody saw, the scheduler finds the post on the
 * channel's own timeline by its content, on the real sandbox networks. The network acts on the
 * publish, and the answer is lost on the way back (a timeout after the network acted); what
 * happens on the network meanwhile is scripted per test.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { HttpTransportError, type Http, type HttpRequest } from '../../../src/main/ports'
import { X_SNOWFLAKE_EPOCH_MS } from '../../../src/main/providers/x/config'
import { FACEBOOK_SEED } from '../../../src/main/sandbox/dialects/facebook'
import { MASTODON_SEED } from '../../../src/main/sandbox/dialects/mastodon'
import { X_SEED } from '../../../src/main/sandbox/dialects/x'
import type { DeliveryView } from '../../../src/shared/domain/schedule'
import { channelIdOf } from '../connections/harness'
import { MIN, startScheduling, textOnNetwork, type SchedulingHarness } from './harness'

let s: SchedulingHarness | undefined
afterEach(async () => {
  await s?.close()
  s = undefined
})

/** Lets the next matching request reach the network, runs `meanwhile`, then loses the answer. */
function answerLost() {
  let armed: { match: (req: HttpRequest) => boolean; meanwhile: () => void } | undefined
  const wrapHttp = (http: Http): Http => ({
    async request(req) {
      const hit = armed && req.method === 'POST' && armed.match(req) ? armed : undefined
      if (hit) armed = undefined
      const res = await http.request(req)
      if (!hit) return res
      hit.meanwhile()
      throw new HttpTransportError('timeout', 'No answer within 30000 ms')
    },
  })
  return {
    wrapHttp,
    arm(match: (req: HttpRequest) => boolean, meanwhile: () => void = () => undefined) {
      armed = { match, meanwhile }
    },
  }
}

const isTweet = (req: HttpRequest): boolean => req.url.endsWith('/2/tweets')
const isStatus = (req: HttpRequest): boolean => req.url.endsWith('/api/v1/statuses')
const deliveryOf = async (s: SchedulingHarness, id: number): Promise<DeliveryView | undefined> =>
  (await s.scheduler.listDeliveries({ from: 0, to: Number.MAX_SAFE_INTEGER })).find((d) => d.id === id)
const tweetPosts = (s: SchedulingHarness): number => s.h.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/2/tweets')).length

async function planOne(s: SchedulingHarness, text: string, channelId: string): Promise<DeliveryView> {
  const { post, problems } = await s.scheduler.createPost({ text, channelIds: [channelId], publishAt: s.h.ports.clock.now() + MIN, timeZone: 'UTC' })
  const delivery = post?.deliveries[0]
  if (!delivery) throw new Error(`not scheduled: ${JSON.stringify(problems)}`)
  await s.scheduler.whenIdle()
  return delivery
}

/** The newest sandbox post on a channel. */
const newestOn = (s: SchedulingHarness, channelId: string) => [...s.h.sandbox.world.posts.values()].filter((p) => p.channelId === channelId).sort((a, b) => b.createdAt - a.createdAt)[0]

/** A small baseline JPEG (SOF0 only): what Instagram takes, decodable for its size. */
function writeJpeg(dir: string, width: number, height: number): string {
  const file = join(dir, 'square.jpg')
  const sof = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 255, width >> 8, width & 255, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]
  writeFileSync(file, Buffer.from([0xff, 0xd8, ...sof, 0xff, 0xd9]))
  return file
}

describe('finding a post by its content after a lost answer', () => {
  it('finds it on X through a timeline that pages, among many newer posts, and never sends it again', async () => {
    const lost = answerLost()
    s = await startScheduling({ wrapHttp: lost.wrapHttp })
    const d = await planOne(s, 'Our autumn menu is live', s.channels.xBrand)
    const clock = s.h.ports.clock
    lost.arm(isTweet, () => {
      // 150 newer posts land before the lookup (same millisecond, later ids): X lists 100 a page, newest first.
      const ms = BigInt(clock.now() - X_SNOWFLAKE_EPOCH_MS) << 22n
      for (let i = 0; i < 150; i++) {
        const id = (ms | (1n << 18n) | BigInt(i)).toString()
        s?.h.sandbox.world.addPost({ id, network: 'x', channelId: X_SEED.channels.brand, authorUserId: X_SEED.channels.brand, text: `Later post ${i}`, createdAt: clock.now() })
      }
    })
    await s.advance(MIN)
    const after = await deliveryOf(s, d.id)
    expect(after).toMatchObject({ state: 'published' })
    expect(s.h.sandbox.world.posts.get(after?.networkPostId ?? '')?.text).toBe('Our autumn menu is live')
    expect(tweetPosts(s)).toBe(1)
    expect(s.postsWith(d.marker)).toBe(1)
    expect(s.h.requests.filter((r) => r.method === 'GET' && r.url.includes('/tweets?')).length).toBeGreaterThanOrEqual(2)
    expect((await s.scheduler.attempts(d.id)).map((a) => `${a.kind}:${a.outcome}`)).toEqual(['publish:unknown', 'lookup:found'])
  })

  it('hands a post edited on the network after publishing to a person, with the edited post to pick, and publishes nothing again', async () => {
    const lost = answerLost()
    s = await startScheduling({ wrapHttp: lost.wrapHttp })
    const d = await planOne(s, 'Fresh croissants at eight this morning', s.channels.xBrand)
    lost.arm(isTweet, () => {
      const post = newestOn(s as SchedulingHarness, X_SEED.channels.brand)
      if (post) Object.assign(post, { text: 'Fresh croissants at nine this morning', editedAt: s?.h.ports.clock.now() })
    })
    await s.advance(MIN)
    const review = await deliveryOf(s, d.id)
    const edited = newestOn(s, X_SEED.channels.brand)
    expect(review).toMatchObject({ state: 'needs_review', failureReason: 'ambiguous' })
    expect(review?.failureDetail).toMatch(/edited since/)
    expect(review?.reviewCandidates.map((c) => c.networkPostId)).toEqual([edited?.id])
    for (let i = 0; i < 5; i++) await s.advance(MIN)
    expect(tweetPosts(s)).toBe(1)
    // The person picks it: the delivery is published as that post.
    const resolved = await s.scheduler.resolveDelivery({ deliveryId: d.id, action: { kind: 'mark_published', networkPostId: edited?.id ?? '' } })
    expect(resolved).toMatchObject({ state: 'published', networkPostId: edited?.id, reviewCandidates: [] })
    expect(s.notices.map((n) => n.kind)).toEqual(['needs_review'])
  })

  it('hands two posts with the same text in the window to a person, showing both', async () => {
    const lost = answerLost()
    s = await startScheduling({ wrapHttp: lost.wrapHttp })
    const d = await planOne(s, 'Open late on Friday', s.channels.mastodon)
    const clock = s.h.ports.clock
    lost.arm(isStatus, () => {
      // Someone on the team posted the same words by hand a moment later.
      const id = ((BigInt(clock.now()) << 16n) | 0xff00n).toString()
      s?.h.sandbox.world.addPost({ id, network: 'mastodon', channelId: MASTODON_SEED.channels.brand, authorUserId: 'someone', text: 'Open late on Friday', createdAt: clock.now() })
    })
    await s.advance(MIN)
    const review = await deliveryOf(s, d.id)
    expect(review).toMatchObject({ state: 'needs_review', failureReason: 'ambiguous' })
    expect(review?.reviewCandidates).toHaveLength(2)
    const onNetwork = [...s.h.sandbox.world.posts.values()].filter((p) => p.channelId === MASTODON_SEED.channels.brand && p.text === 'Open late on Friday').map((p) => p.id)
    expect(review?.reviewCandidates.map((c) => c.networkPostId).sort()).toEqual(onNetwork.sort())
    // Publish now after seeing them: the person decided, so it goes out without another lookup.
    await s.scheduler.resolveDelivery({ deliveryId: d.id, action: { kind: 'publish_now' } })
    await s.advance(MIN)
    expect(await deliveryOf(s, d.id)).toMatchObject({ state: 'published', reviewCandidates: [] })
  })

  it('looks again later when the network times out during the lookup, then finds it', async () => {
    const lost = answerLost()
    s = await startScheduling({ wrapHttp: lost.wrapHttp, providerTimeoutMs: 800 })
    const d = await planOne(s, 'Tasting on Saturday', s.channels.xBrand)
    lost.arm(isTweet, () => s?.h.sandbox.controls.hangNext('x', 1))
    await s.advance(MIN)
    expect(await deliveryOf(s, d.id)).toMatchObject({ state: 'publishing', failureReason: 'checking' })
    for (let i = 0; i < 3 && (await deliveryOf(s, d.id))?.state !== 'published'; i++) await s.advance(MIN)
    expect(await deliveryOf(s, d.id)).toMatchObject({ state: 'published' })
    expect((await s.scheduler.attempts(d.id)).map((a) => `${a.kind}:${a.outcome}`)).toEqual(['publish:unknown', 'lookup:unreachable', 'lookup:found'])
    expect(tweetPosts(s)).toBe(1)
    expect(s.notices).toEqual([])
  })
})

describe('what the networks receive', () => {
  it('is the composer’s text, byte for byte, on every network (customised per network), with no marker', async () => {
    s = await startScheduling()
    const instagram = await channelIdOf(s.h, 'instagram', FACEBOOK_SEED.instagram.coffee.id)
    const shared = 'Autumn blend is here 🍂 — “smooth, nutty”\n\nCome by & try it #coffee @northwind (limited)'
    const networkTexts = { x: 'Autumn blend is here 🍂 #coffee', linkedin: 'Our autumn blend is here (limited): smooth & nutty. #coffee' }
    const channelIds = [s.channels.xBrand, s.channels.mastodon, s.channels.linkedin, s.channels.facebookCoffee, instagram]
    const { post, problems } = await s.scheduler.createPost({
      text: shared,
      networkTexts,
      image: { path: writeJpeg(s.h.dir, 400, 400), altText: 'A cup' },
      channelIds,
      publishAt: s.h.ports.clock.now() + MIN,
      timeZone: 'UTC',
    })
    expect(problems).toEqual([])
    await s.advance(MIN)
    const after = await s.scheduler.getPost(post?.id ?? '')
    expect(after.deliveries.map((d) => [d.network, d.state])).toEqual(channelIds.map((_, i) => [after.deliveries[i]?.network, 'published']))
    for (const d of after.deliveries) {
      const stored = s.h.sandbox.world.posts.get(d.network === 'linkedin' ? (d.networkPostId ?? '').replace('urn:li:share:', '') : (d.networkPostId ?? ''))
      const composed = textOnNetwork(d.network, d.network === 'x' || d.network === 'linkedin' ? networkTexts[d.network] : shared, null, true)
      // LinkedIn's little text escapes reserved characters on the wire; a reader sees them plain.
      const shown = d.network === 'linkedin' ? stored?.text.replace(/\\([\\|{}@[\]()<>#*_~])/g, '$1') : stored?.text
      expect([d.network, shown]).toEqual([d.network, composed])
      expect(stored?.text).not.toMatch(/rl-[0-9a-z]{6,}/)
    }
  })
})
