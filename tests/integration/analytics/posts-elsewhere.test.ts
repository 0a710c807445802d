import { afterEach, describe, expect, it } from 'vitest'
import type { Network } from '../../../src/shared/domain/network'
import { createMetricsRepositoryFor } from '../../../src/main/analytics/metrics-repository'
import { FACEBOOK_SEED } from '../../../src/main/sandbox/dialects/facebook'
import { LINKEDIN_SEED } from '../../../src/main/sandbox/dialects/linkedin'
import { MASTODON_SEED } from '../../../src/main/sandbox/dialects/mastodon'
import { X_SEED } from '../../../src/main/sandbox/dialects/x'
import { SYNC_PLANS } from '../../../src/main/sync/plans'
import { channelIdOf, DAY, startDemo, type DemoHarness } from '../connections/harness'

let h: DemoHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const HOUR = 3_600_000
/** Posts read per run (post-metrics-reader.ts). */
const POSTS_PER_RUN = 50

/**
 * Each network's channel, with more posts published outside Relink than one page of its timeline
 * holds. Instagram publishes images only, so nothing goes out there through Relink in this test.
 */
const CASES: { network: Network; channel: string; outside: number; throughRelink: boolean }[] = [
  { network: 'facebook', channel: FACEBOOK_SEED.pages.coffee.id, outside: 70, throughRelink: true },
  { network: 'instagram', channel: FACEBOOK_SEED.instagram.coffee.id, outside: 55, throughRelink: false },
  { network: 'linkedin', channel: LINKEDIN_SEED.channels.northwind.id, outside: 70, throughRelink: true },
  { network: 'x', channel: X_SEED.channels.brand, outside: 120, throughRelink: true },
  { network: 'mastodon', channel: MASTODON_SEED.channels.brand, outside: 60, throughRelink: true },
]

describe('posts published outside Relink, read from each channel’s own timeline', () => {
  it.each(CASES)('$network: every post is followed once, Relink’s own as Relink’s, over several pages and runs', async ({ network, channel, outside, throughRelink }) => {
    // No background sync: its reads share Graph's hourly allowance with the reads under test, and
    // with the clock standing still a read over the allowance would wait for ever.
    h = await startDemo()
    const harness = h
    const channelId = await channelIdOf(harness, network, channel)
    const now = harness.ports.clock.now()
    for (let i = 0; i < outside; i++) harness.sandbox.postOutside(channel, { text: `Posted in the network’s own app, number ${i}`, at: now - 3 * HOUR - i * 5 * HOUR })

    let relinkPostId: string | null = null
    if (throughRelink) {
      await harness.core.scheduler.start()
      const { post } = await harness.core.handlers['schedule:create-post']({ text: 'Tasting evening on Friday', channelIds: [channelId], publishAt: now + 10 * 60_000, timeZone: 'UTC' })
      if (!post) throw new Error('not scheduled')
      await harness.core.scheduler.whenIdle()
      harness.ports.clock.advance(10 * 60_000)
      await harness.core.scheduler.whenIdle()
      const [delivery] = (await harness.core.handlers['schedule:get-post']({ postId: post.id })).deliveries
      expect(delivery?.state).toBe('published')
      relinkPostId = delivery?.networkPostId ?? null
    }

    harness.ports.clock.advance(HOUR)
    const first = await harness.core.sync.syncNow({ channelIds: [channelId], streams: ['post_metrics'] })
    expect(first.map((r) => r.ok)).toEqual([true])

    // Everything on the timeline within the plan's reach, each once.
    const reach = harness.ports.clock.now() - Math.min(SYNC_PLANS[network].streams.post_metrics?.hotSetMs ?? 0, 365 * DAY)
    const onTimeline = [...harness.sandbox.world.posts.values()].filter((p) => p.channelId === channel && p.createdAt >= reach)
    const followed = () =>
      harness.core.database.sqlite.prepare('SELECT network_post_id, delivery_id FROM metric_posts WHERE channel_id = ? ORDER BY network_post_id').all(channelId) as {
        network_post_id: string
        delivery_id: number | null
      }[]
    // LinkedIn names a post by its URN.
    const idOf = (sandboxId: string): string => (network === 'linkedin' ? `urn:li:share:${sandboxId}` : sandboxId)
    expect(followed().map((r) => r.network_post_id)).toEqual(onTimeline.map((p) => idOf(p.id)).sort())
    expect(onTimeline.length).toBeGreaterThan(outside)
    if (relinkPostId) {
      const own = followed().filter((r) => r.network_post_id === relinkPostId)
      expect(own).toHaveLength(1)
      expect(own[0]?.delivery_id).not.toBeNull()
    }
    expect(followed().filter((r) => r.delivery_id !== null)).toHaveLength(relinkPostId ? 1 : 0)

    // A later run reads only what is new: two more posts, no duplicates.
    harness.ports.clock.advance(HOUR)
    const later = harness.ports.clock.now()
    harness.sandbox.postOutside(channel, { text: 'Posted from a phone this morning', at: later - 20 * 60_000 })
    harness.sandbox.postOutside(channel, { text: 'And a second one', at: later - 10 * 60_000 })
    const repo = createMetricsRepositoryFor(harness.core.database)
    const dueBefore = (await repo.duePosts(channelId, later, 10_000)).length
    const [second] = await harness.core.sync.syncNow({ channelIds: [channelId], streams: ['post_metrics'] })
    expect(second?.ok).toBe(true)
    expect(followed()).toHaveLength(onTimeline.length + 2)
    if (network === 'x') {
      // X bills every post read: the timeline returned the two new posts only, then the due posts' metrics.
      expect(second?.reads).toBe(2 + Math.min(POSTS_PER_RUN, dueBefore + 2))
    }

    // Top posts and the origin comparison count Relink's post once, on Relink's side.
    const view = await harness.core.handlers['analytics:get-posts']({
      channelIds: [channelId],
      fromDay: new Date(later - 30 * DAY).toISOString().slice(0, 10),
      toDay: new Date(later).toISOString().slice(0, 10),
      sortBy: 'engagements',
      direction: 'desc',
      timeZone: 'UTC',
    })
    const relinkSide = view.origins.find((o) => o.origin === 'relink')
    const elsewhere = view.origins.find((o) => o.origin === 'elsewhere')
    expect(relinkSide?.posts).toBe(relinkPostId ? 1 : 0)
    expect(elsewhere?.posts).toBeGreaterThan(0)
  })
})
