import { afterEach, describe, expect, it } from 'vitest'
import { createMetricsRepositoryFor } from '../../../src/main/analytics/metrics-repository'
import { FACEBOOK_SEED } from '../../../src/main/sandbox/dialects/facebook'
import { MASTODON_SEED } from '../../../src/main/sandbox/dialects/mastodon'
import { X_SEED } from '../../../src/main/sandbox/dialects/x'
import { channelIdOf, DAY, startDemo, type DemoHarness } from '../connections/harness'

let h: DemoHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const MIN = 60_000

describe('post metrics through the sync engine', () => {
  it('stores each network’s lifetime post metrics in Relink’s terms for the posts Relink published', async () => {
    h = await startDemo({ watch: true })
    const facebook = await channelIdOf(h, 'facebook', FACEBOOK_SEED.pages.coffee.id)
    const x = await channelIdOf(h, 'x', X_SEED.channels.brand)
    const mastodon = await channelIdOf(h, 'mastodon', MASTODON_SEED.channels.brand)
    const { post } = await h.core.handlers['schedule:create-post']({ text: 'Pour-over class on Saturday', channelIds: [facebook, x, mastodon], publishAt: h.ports.clock.now() + 10 * MIN, timeZone: 'UTC' })
    if (!post) throw new Error('not scheduled')
    await h.core.scheduler.whenIdle()
    h.ports.clock.advance(10 * MIN)
    await h.core.scheduler.whenIdle()
    expect((await h.core.handlers['schedule:get-post']({ postId: post.id })).deliveries.map((d) => d.state)).toEqual(['published', 'published', 'published'])
    h.ports.clock.advance(2 * DAY)
    const reports = await h.core.sync.syncNow({ channelIds: [facebook, x, mastodon], streams: ['post_metrics'] })
    expect(reports.filter((r) => !r.ok)).toEqual([])

    const repo = createMetricsRepositoryFor(h.core.database)
    const metricsOf = async (channelId: string) => {
      const rows = await repo.postsWithValues([channelId], 0, h?.ports.clock.now() ?? 0)
      return Object.fromEntries(rows.filter((r) => r.metric !== null).map((r) => [r.metric, r.value]))
    }
    const fb = await metricsOf(facebook)
    expect(Object.keys(fb).sort()).toEqual(['clicks', 'reach', 'reactions', 'views'])
    expect(fb.views).toBeGreaterThan(0)
    expect(Object.keys(await metricsOf(x))).toEqual(expect.arrayContaining(['views', 'reactions']))
    expect(Object.keys(await metricsOf(mastodon))).toEqual(expect.arrayContaining(['reactions']))
  })
})
