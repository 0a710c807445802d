import { afterEach, describe, expect, it } from 'vitest'
import { createMetricsRepositoryFor, dayOfMs } from '../../../src/main/analytics/metrics-repository'
import { currentEntries, definitionChanges } from '../../../src/main/analytics/registry'
import { FACEBOOK_SEED } from '../../../src/main/sandbox/dialects/facebook'
import { LINKEDIN_SEED } from '../../../src/main/sandbox/dialects/linkedin'
import { X_SEED } from '../../../src/main/sandbox/dialects/x'
import { channelIdOf, DAY, profileIdOf, startDemo, type DemoHarness } from '../connections/harness'

let h: DemoHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const until = async (check: () => Promise<boolean>): Promise<void> => {
  for (let i = 0; i < 300; i++) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error('timed out waiting')
}

const insightRequests = (h: DemoHarness) => h.requests.filter((r) => r.url.includes('/insights?'))

describe('channel metrics through the sync engine', () => {
  it('reads a year of Facebook Page metrics in small groups, isolating the one metric Graph refuses', async () => {
    h = await startDemo()
    await h.core.sync.start()
    const coffee = await channelIdOf(h, 'facebook', FACEBOOK_SEED.pages.coffee.id)
    const before = insightRequests(h).length
    const [report] = await h.core.sync.syncNow({ channelIds: [coffee], streams: ['channel_metrics'] })
    expect(report).toMatchObject({ ok: true })
    const repo = createMetricsRepositoryFor(h.core.database)
    const today = dayOfMs(h.ports.clock.now())
    const yearAgo = dayOfMs(h.ports.clock.now() - 364 * DAY)
    const totals = await repo.dailyTotals([coffee], yearAgo, today)
    const metrics = new Set(totals.map((t) => t.metric))
    expect([...metrics].sort()).toEqual(['engagements', 'follower_change', 'followers', 'reach', 'views'])
    // Insights end with yesterday; every day of the year before has a value.
    expect(totals.filter((t) => t.metric === 'views')).toHaveLength(364)
    // page_video_views is refused by the sandbox, as Graph does for a metric it does not serve:
    // only it is marked unavailable, and it is not asked for on the next read.
    expect(await repo.unavailable([coffee])).toEqual([expect.objectContaining({ source: 'page_video_views', detail: expect.any(String) })])
    const wanted = currentEntries('facebook', 'channel', today)
    expect(wanted.map((e) => e.source)).not.toContain('page_impressions')
    // 5 chunks of 90 days × 3 groups, plus the bisection of the refused group (2 halves, then 2).
    const firstRead = insightRequests(h).length - before
    expect(firstRead).toBeGreaterThanOrEqual(15)
    h.ports.clock.advance(DAY)
    const mark = insightRequests(h).length
    await h.core.sync.syncNow({ channelIds: [coffee], streams: ['channel_metrics'] })
    const again = insightRequests(h).slice(mark).filter((r) => r.url.includes(`/${FACEBOOK_SEED.pages.coffee.id}/insights`))
    expect(again.length).toBeGreaterThan(0)
    expect(again.every((r) => !r.url.includes('page_video_views'))).toBe(true)
  })

  it('marks Meta’s renames on their dates instead of splicing', () => {
    expect(definitionChanges(['facebook', 'instagram'], '2025-01-01', '2026-12-31').map((c) => [c.network, c.day, c.from, c.to])).toEqual([
      ['instagram', '2025-04-21', 'impressions', 'views'],
      ['facebook', '2025-11-15', 'page_impressions', 'page_media_view'],
      ['facebook', '2025-11-15', 'page_fans', 'page_follows'],
      ['facebook', '2025-11-15', 'page_fan_adds', 'page_daily_follows_unique'],
      ['facebook', '2026-06-15', 'page_impressions_unique', 'page_total_media_view_unique'],
    ])
  })

  it('backfills a Facebook break after Refresh connection and records the days recovered', async () => {
    h = await startDemo()
    await h.core.sync.start()
    // Harbor Books is reached through Sam alone: his password change disconnects it.
    const coffee = await channelIdOf(h, 'facebook', FACEBOOK_SEED.pages.books.id)
    const maria = await profileIdOf(h, 'facebook', FACEBOOK_SEED.users.sam.id)
    await h.core.sync.syncNow({ channelIds: [coffee], streams: ['channel_metrics'] })
    h.sandbox.controls.changePassword('facebook', FACEBOOK_SEED.users.sam.id)
    await h.core.handlers['connections:check-now']({ profileId: maria })
    await until(async () => (await h!.core.handlers['sync:list-gaps']({ channelIds: [coffee], streams: ['channel_metrics'] })).length === 1)
    const [open] = await h.core.handlers['sync:list-gaps']({ channelIds: [coffee], streams: ['channel_metrics'] })
    expect(open).toMatchObject({ state: 'open', reason: 'password_changed', recoverableUntil: (open?.from ?? 0) + 2 * 365 * DAY })

    h.ports.clock.advance(4 * DAY)
    h.signInAs(FACEBOOK_SEED.users.sam.handle)
    await h.core.handlers['connections:refresh-profile']({ profileId: maria })
    await until(async () => (await h!.core.handlers['sync:list-gaps']({ channelIds: [coffee], streams: ['channel_metrics'] }))[0]?.state === 'closed')
    const [closed] = await h.core.handlers['sync:list-gaps']({ channelIds: [coffee], streams: ['channel_metrics'] })
    expect(closed).toMatchObject({ state: 'closed', recoveredUnit: 'days', lostBefore: null })
    expect(closed?.recovered).toBeGreaterThanOrEqual(4)
  })

  it('keeps LinkedIn’s 12 months and X’s nothing: the ledger says what is gone for good', async () => {
    h = await startDemo()
    await h.core.sync.start()
    const x = await channelIdOf(h, 'x', X_SEED.channels.brand)
    await h.core.sync.syncNow({ channelIds: [x], streams: ['channel_metrics'] })
    // Fabrikam Studio is reached through Ben alone.
    const linkedinOnly = await channelIdOf(h, 'linkedin', LINKEDIN_SEED.channels.fabrikam.id)
    await h.core.sync.syncNow({ channelIds: [linkedinOnly], streams: ['channel_metrics'] })
    const ben = await h.core.database.db.selectFrom('profiles').select(['id', 'network_user_id']).where('network', '=', 'linkedin').where('display_name', '=', LINKEDIN_SEED.users.ben.name).executeTakeFirstOrThrow()
    const liProfile = { id: ben.id, networkUserId: LINKEDIN_SEED.users.ben.id, handle: LINKEDIN_SEED.users.ben.handle }
    const xProfile = await profileIdOf(h, 'x', X_SEED.users.brand.id)
    h.sandbox.controls.removeApp('x', X_SEED.users.brand.id)
    await h.core.handlers['connections:check-now']({ profileId: xProfile })
    h.sandbox.controls.changePassword('linkedin', liProfile.networkUserId)
    await h.core.handlers['connections:check-now']({ profileId: liProfile.id })
    await until(async () => (await h!.core.handlers['sync:list-gaps']({ channelIds: [linkedinOnly, x], streams: ['channel_metrics'] })).length === 2)
    const openX = (await h.core.handlers['sync:list-gaps']({ channelIds: [x], streams: ['channel_metrics'] }))[0]
    expect(openX).toMatchObject({ state: 'open', recoverableUntil: null })

    h.ports.clock.advance(400 * DAY)
    h.signInAs(X_SEED.users.brand.handle)
    await h.core.handlers['connections:refresh-profile']({ profileId: xProfile })
    await until(async () => (await h!.core.handlers['sync:list-gaps']({ channelIds: [x], streams: ['channel_metrics'] }))[0]?.state === 'closed')
    const closedX = (await h.core.handlers['sync:list-gaps']({ channelIds: [x], streams: ['channel_metrics'] }))[0]
    expect(closedX).toMatchObject({ recovered: 0, lostBefore: closedX?.to, lostNote: expect.stringMatching(/X keeps no follower history/) })
    h.signInAs(liProfile.handle)
    await h.core.handlers['connections:refresh-profile']({ profileId: liProfile.id })
    await until(async () => (await h!.core.handlers['sync:list-gaps']({ channelIds: [linkedinOnly], streams: ['channel_metrics'] }))[0]?.state === 'closed')
    const closedLi = (await h.core.handlers['sync:list-gaps']({ channelIds: [linkedinOnly], streams: ['channel_metrics'] }))[0]
    expect(closedLi?.lostBefore).toBe(closedLi?.closedAt ? closedLi.closedAt - 365 * DAY : -1)
    expect(closedLi?.lostNote).toMatch(/12 months/)
    expect(closedLi?.recovered).toBeGreaterThan(300)
  })

  it('derives X’s follower change from Relink’s daily follower snapshots', async () => {
    h = await startDemo()
    await h.core.sync.start()
    const x = await channelIdOf(h, 'x', X_SEED.channels.brand)
    await h.core.sync.syncNow({ channelIds: [x], streams: ['channel_metrics'] })
    h.ports.clock.advance(DAY)
    await h.core.sync.syncNow({ channelIds: [x], streams: ['channel_metrics'] })
    const rows = h.core.database.sqlite
      .prepare("SELECT metric, day, value, source FROM channel_metric_daily WHERE channel_id = ? AND metric IN ('followers', 'follower_change') ORDER BY metric, day")
      .all(x) as { metric: string; day: number; value: number; source: string }[]
    const followers = rows.filter((r) => r.metric === 'followers')
    const change = rows.filter((r) => r.metric === 'follower_change')
    expect(followers.length).toBeGreaterThanOrEqual(2)
    expect(change.length).toBeGreaterThanOrEqual(1)
    for (const c of change) {
      const today = followers.find((f) => f.day === c.day)
      const before = followers.find((f) => f.day === c.day - 1)
      expect(c.value).toBe((today?.value ?? NaN) - (before?.value ?? NaN))
      expect(c.source).toBe('daily follower snapshots')
    }
  })
})
