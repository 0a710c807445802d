import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/db/client'
import { createDeliveryRepositoryFor } from '../../../src/main/db/repositories/delivery-repository'
import { createScheduler } from '../../../src/main/scheduler/scheduler'
import { DATABASE_FILE } from '../../../src/main/app'
import { writePng } from '../../fakes/png'
import { sniffImage } from '../../../src/main/scheduler/image'
import { FACEBOOK_SEED } from '../../../src/main/sandbox/dialects/facebook'
import { channelIdOf } from '../connections/harness'
import { MIN, startScheduling, type SchedulingHarness } from './harness'

let s: SchedulingHarness | undefined
afterEach(async () => {
  await s?.close()
  s = undefined
})

const pngFile = (dir: string): string => writePng(dir)

describe('publishing on the sandbox', () => {
  it('publishes exactly once to two channels as the clock passes the due time', async () => {
    s = await startScheduling()
    const due = s.h.ports.clock.now() + 30 * MIN
    const { post, problems } = await s.scheduler.createPost({
      text: 'Fresh roast on Friday',
      link: 'https://relink.example/roast',
      channelIds: [s.channels.xBrand, s.channels.mastodon],
      publishAt: due,
      timeZone: 'Europe/Lisbon',
    })
    expect(problems).toEqual([])
    if (!post) throw new Error('not scheduled')
    const markers = post.deliveries.map((d) => d.marker)
    await s.scheduler.whenIdle()

    await s.advance(29 * MIN)
    expect(markers.map((m) => s?.postsWith(m))).toEqual([0, 0])
    expect((await s.scheduler.getPost(post.id)).deliveries.map((d) => d.state)).toEqual(['scheduled', 'scheduled'])

    await s.advance(MIN)
    const after = await s.scheduler.getPost(post.id)
    expect(after.deliveries.map((d) => d.state)).toEqual(['published', 'published'])
    expect(after.deliveries.every((d) => d.url?.startsWith('http') && d.networkPostId)).toBe(true)
    expect(markers.map((m) => s?.postsWith(m))).toEqual([1, 1])

    // Hours later, after restarts of the wake-up and a reconcile, still exactly one each.
    for (let i = 0; i < 12; i++) await s.advance(10 * MIN)
    await s.scheduler.reconcile()
    expect(markers.map((m) => s?.postsWith(m))).toEqual([1, 1])
    expect(s.changes.some((c) => c.postIds.includes(post.id))).toBe(true)
    expect(s.notices).toEqual([])
  })

  it('publishes each delivery once when two schedulers race over one database', async () => {
    s = await startScheduling()
    const h = s.h
    const second = openDatabase(join(h.dir, DATABASE_FILE), { nowMs: h.ports.clock.now() })
    const rival = createScheduler({
      repo: createDeliveryRepositoryFor(second, h.ports.ids),
      connections: h.core.connections.lifecycle,
      providers: h.core.connections.providers,
      clock: h.ports.clock,
      timer: h.ports.clock,
      settings: h.ports.settings,
      logger: { log: (_level, message) => void (message === 'scheduler: published' && rivalPublished++) },
    })
    let rivalPublished = 0
    try {
      const due = h.ports.clock.now() + 5 * MIN
      const results = await s.scheduler.createPosts(
        Array.from({ length: 10 }, (_, i) => ({ text: `Race ${i}`, channelIds: [s?.channels.xBrand ?? '', s?.channels.mastodon ?? ''], publishAt: due, timeZone: 'UTC' })),
      )
      const deliveryIds = results.flatMap((r) => r.deliveryIds)
      const markers = (await s.scheduler.listDeliveries({ from: 0, to: Number.MAX_SAFE_INTEGER })).filter((d) => deliveryIds.includes(d.id)).map((d) => d.marker)
      expect(markers).toHaveLength(20)
      // The rival learns about the queue from the database alone, as a second process would.
      await rival.start()
      await rival.whenIdle()
      await s.scheduler.whenIdle()
      h.ports.clock.advance(5 * MIN)
      await Promise.all([s.scheduler.whenIdle(), rival.whenIdle()])
      expect(markers.map((m) => s?.postsWith(m))).toEqual(new Array<number>(20).fill(1))
      const attempts = await Promise.all(deliveryIds.map((id) => s?.scheduler.attempts(id)))
      expect(attempts.map((a) => a?.length)).toEqual(new Array<number>(20).fill(1))
      // Both took part: each claimed and published some, none twice.
      expect(rivalPublished).toBeGreaterThan(0)
      expect(rivalPublished).toBeLessThan(20)
    } finally {
      await rival.stop()
      await second.close()
    }
  })

  it('carries text, link and a local image to the networks, and keeps the image if the file goes away', async () => {
    s = await startScheduling()
    const image = pngFile(s.h.dir)
    const { post, problems } = await s.scheduler.createPost({
      text: 'New beans',
      link: 'https://relink.example/beans',
      image: { path: image, altText: 'A bag of beans' },
      channelIds: [s.channels.xBrand, s.channels.mastodon],
      publishAt: s.h.ports.clock.now() + MIN,
      timeZone: 'UTC',
    })
    expect(problems).toEqual([])
    expect(post?.image).toMatchObject({ path: image, mimeType: 'image/png', width: 4, height: 3, altText: 'A bag of beans' })
    writeFileSync(image, 'overwritten')
    await s.advance(MIN)
    const after = await s.scheduler.getPost(post?.id ?? '')
    expect(after.deliveries.map((d) => d.state)).toEqual(['published', 'published'])
    expect(after.deliveries.map((d) => s?.postsWith(d.marker))).toEqual([1, 1])
    const published = after.deliveries.map((d) => s?.h.sandbox.world.posts.get(d.networkPostId ?? ''))
    expect(published.map((p) => p?.text)).toEqual(['New beans https://relink.example/beans', 'New beans\n\nhttps://relink.example/beans'])
    expect(published.every((p) => p?.imageUrl)).toBe(true)
  })

  it('sends a PNG to Instagram as a JPEG, and to other networks as it is', async () => {
    // The image parts of the uploads to Facebook's photo staging, which Instagram then fetches.
    const uploads: Uint8Array[] = []
    s = await startScheduling({
      wrapHttp: (http) => ({
        request: (req) => {
          if (req.url.endsWith('/photos') && req.body instanceof Uint8Array) {
            const text = Buffer.from(req.body).toString('latin1')
            const start = text.indexOf('\r\n\r\n', text.indexOf('Content-Type: image/')) + 4
            uploads.push(req.body.subarray(start))
          }
          return http.request(req)
        },
      }),
    })
    const instagram = await channelIdOf(s.h, 'instagram', FACEBOOK_SEED.instagram.coffee.id)
    const image = writePng(s.h.dir, 'latte.png', 1080, 1080)
    const checked = await s.scheduler.checkContent({ text: 'Latte art', image: { path: image }, channelIds: [instagram, s.channels.mastodon] })
    expect(checked).toEqual([])
    const { post, problems } = await s.scheduler.createPost({
      text: 'Latte art',
      image: { path: image, altText: 'A latte' },
      channelIds: [instagram, s.channels.mastodon],
      publishAt: s.h.ports.clock.now() + MIN,
      timeZone: 'UTC',
    })
    expect(problems).toEqual([])
    // The post keeps the PNG that was picked; only what goes to Instagram is converted.
    expect(post?.image).toMatchObject({ mimeType: 'image/png', width: 1080, height: 1080 })
    await s.advance(MIN)
    const after = await s.scheduler.getPost(post?.id ?? '')
    expect(after.deliveries.map((d) => d.state)).toEqual(['published', 'published'])
    const posted = [...s.h.sandbox.world.posts.values()].find((p) => p.channelId === FACEBOOK_SEED.instagram.coffee.id && p.text.includes('Latte art'))
    expect(posted?.imageUrl).toMatch(/\.jpg$/)
    expect(uploads.map((bytes) => sniffImage(bytes))).toEqual([{ mimeType: 'image/jpeg', width: 1080, height: 1080 }])
  })

  it('puts the first comment under the post on Instagram and LinkedIn once each, after the post, and on no other network', async () => {
    s = await startScheduling()
    const instagram = await channelIdOf(s.h, 'instagram', FACEBOOK_SEED.instagram.coffee.id)
    const image = writePng(s.h.dir, 'beans.png', 1080, 1080)
    const { post, problems } = await s.scheduler.createPost({
      text: 'New roast',
      firstComment: '#coffee #roastery',
      image: { path: image },
      channelIds: [instagram, s.channels.linkedin, s.channels.mastodon],
      publishAt: s.h.ports.clock.now() + MIN,
      timeZone: 'UTC',
    })
    expect(problems).toEqual([])
    expect(post?.firstComment).toBe('#coffee #roastery')
    const comments = () => [...s!.h.sandbox.world.comments.values()].filter((c) => c.text === '#coffee #roastery')
    await s.advance(MIN - 1)
    expect(comments()).toHaveLength(0)
    await s.advance(1)
    const after = await s.scheduler.getPost(post?.id ?? '')
    expect(after.deliveries.map((d) => d.state)).toEqual(['published', 'published', 'published'])
    const byNetwork = new Map(after.deliveries.map((d) => [d.network, d]))
    expect(byNetwork.get('instagram')?.firstComment).toBe('sent')
    expect(byNetwork.get('linkedin')?.firstComment).toBe('sent')
    expect(byNetwork.get('mastodon')?.firstComment).toBeNull()
    // One comment under each post, by the channel, and none anywhere else.
    expect(comments()).toHaveLength(2)
    const posts = [...s.h.sandbox.world.posts.values()].filter((p) => p.text.includes('New roast'))
    expect(new Set(comments().map((c) => c.postId))).toEqual(new Set(posts.filter((p) => p.network !== 'mastodon').map((p) => p.id)))
    // Later runs and a restart's reconcile send nothing more.
    for (let i = 0; i < 6; i++) await s.advance(10 * MIN)
    await s.scheduler.reconcile()
    await s.advance(MIN)
    expect(comments()).toHaveLength(2)
  })

  it('a first comment the network took but whose answer was lost is found under the post, not sent again', async () => {
    let lost = 0
    s = await startScheduling({
      wrapHttp: (http) => ({
        request: async (req) => {
          const res = await http.request(req)
          // The network creates the comment, but its answer never arrives: a 503 from a proxy.
          if (req.method === 'POST' && req.url.includes('/socialActions/') && lost === 0) {
            lost += 1
            return { status: 503, headers: {}, body: '' }
          }
          return res
        },
      }),
    })
    const { post } = await s.scheduler.createPost({
      text: 'Hiring roasters',
      firstComment: 'Apply by Friday',
      channelIds: [s.channels.linkedin],
      publishAt: s.h.ports.clock.now() + MIN,
      timeZone: 'UTC',
    })
    const comments = () => [...s!.h.sandbox.world.comments.values()].filter((c) => c.text === 'Apply by Friday')
    await s.advance(MIN)
    expect(lost).toBe(1)
    expect(comments()).toHaveLength(1)
    for (let i = 0; i < 20 && (await s.scheduler.getPost(post?.id ?? '')).deliveries[0]?.firstComment !== 'sent'; i++) await s.advance(MIN)
    const after = await s.scheduler.getPost(post?.id ?? '')
    expect(after.deliveries[0]).toMatchObject({ state: 'published', firstComment: 'sent' })
    expect(comments()).toHaveLength(1)
  })

  it('tells per channel what a network would refuse before scheduling', async () => {
    s = await startScheduling()
    const result = await s.scheduler.createPost({
      text: 'x'.repeat(600),
      channelIds: [s.channels.xBrand, s.channels.mastodon, s.channels.linkedin],
      publishAt: s.h.ports.clock.now() + MIN,
      timeZone: 'UTC',
    })
    expect(result.post).toBeNull()
    expect(result.problems.map((p) => p.network).sort()).toEqual(['mastodon', 'x'])
    expect(result.problems.every((p) => p.problems[0]?.field === 'text' && p.problems[0].message.length > 10)).toBe(true)
    const checked = await s.scheduler.checkContent({ text: 'fine', channelIds: [s.channels.xBrand] })
    expect(checked).toEqual([])
  })
})
