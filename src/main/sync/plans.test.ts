import { describe, expect, it } from 'vitest'
import { NETWORKS } from '../../shared/domain/network'
import { STREAM_KINDS } from '../../shared/domain/sync'
import { SYNC_PLANS } from './plans'

const DAY = 86_400_000

describe('sync plans', () => {
  it('plans every network with sane intervals and a rate allowance', () => {
    for (const network of NETWORKS) {
      const { rate, streams } = SYNC_PLANS[network]
      expect(rate.requests, network).toBeGreaterThan(0)
      expect(rate.perMs, network).toBeGreaterThan(0)
      for (const kind of STREAM_KINDS) {
        const plan = streams[kind]
        if (!plan) continue
        expect(plan.everyMs, `${network} ${kind}`).toBeGreaterThanOrEqual(60_000)
        expect(plan.backfillChunkMs, `${network} ${kind}`).toBeGreaterThan(0)
        expect(plan.recoveryMs, `${network} ${kind}`).toBeGreaterThanOrEqual(0)
        // A window that loses data must say what is lost.
        if (Number.isFinite(plan.recoveryMs)) expect(plan.lossNote, `${network} ${kind}`).not.toBe('')
      }
    }
  })

  it('encodes the recovery windows of the research (wave2-anchors §3.6)', () => {
    expect(SYNC_PLANS.facebook.streams.channel_metrics?.recoveryMs).toBe(2 * 365 * DAY)
    expect(SYNC_PLANS.facebook.streams.channel_metrics?.backfillChunkMs).toBeLessThanOrEqual(90 * DAY)
    expect(SYNC_PLANS.linkedin.streams.channel_metrics?.recoveryMs).toBe(365 * DAY)
    expect(SYNC_PLANS.linkedin.streams.comments?.recoveryMs).toBe(30 * DAY)
    expect(SYNC_PLANS.x.streams.post_metrics?.recoveryMs).toBe(30 * DAY)
    expect(SYNC_PLANS.x.streams.channel_metrics?.recoveryMs).toBe(0)
    expect(SYNC_PLANS.mastodon.streams.channel_metrics?.recoveryMs).toBe(0)
    // Every network has metrics streams: analytics reads them all.
    for (const network of NETWORKS) {
      expect(SYNC_PLANS[network].streams.channel_metrics, network).toBeDefined()
      expect(SYNC_PLANS[network].streams.post_metrics, network).toBeDefined()
    }
  })
})
