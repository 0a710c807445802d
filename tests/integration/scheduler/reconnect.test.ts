import { afterEach, describe, expect, it } from 'vitest'
import { LINKEDIN_SEED } from '../../../src/main/sandbox/dialects/linkedin'
import { X_SEED } from '../../../src/main/sandbox/dialects/x'
import { channelIdOf, DAY, profileIdOf } from '../connections/harness'
import { MIN, startScheduling, type SchedulingHarness } from './harness'

let s: SchedulingHarness | undefined
afterEach(async () => {
  await s?.close()
  s = undefined
})

async function plan(s: SchedulingHarness, text: string, channelIds: string[], at: number) {
  const { post, problems } = await s.scheduler.createPost({ text, channelIds, publishAt: at, timeZone: 'Europe/London' })
  expect(problems).toEqual([])
  if (!post) throw new Error('not scheduled')
  await s.scheduler.whenIdle()
  return post
}

describe('broken sign-ins and the schedule', () => {
  it('holds deliveries of a revoked channel, and after Refresh connection releases them to publish exactly once', async () => {
    s = await startScheduling()
    const t0 = s.h.ports.clock.now()
    const brandProfile = await profileIdOf(s.h, 'x', X_SEED.users.brand.id)
    const first = await plan(s, 'Monday special', [s.channels.xBrand, s.channels.mastodon], t0 + 10 * MIN)
    const second = await plan(s, 'Tuesday special', [s.channels.xBrand], t0 + 20 * MIN)

    // Someone removes Relink from the X account's connected apps.
    s.h.sandbox.controls.removeApp('x', X_SEED.users.brand.id)
    await s.advance(10 * MIN)
    const afterFirst = await s.scheduler.getPost(first.id)
    expect(afterFirst.deliveries.map((d) => [d.network, d.state]).sort()).toEqual([
      ['mastodon', 'published'],
      ['x', 'held'],
    ])
    const held = afterFirst.deliveries.find((d) => d.network === 'x')
    expect(held?.heldReason).toBe('revoked_by_user')
    expect(held?.heldDetail).toMatch(/access was removed.*Refresh connection.*held, not lost/)
    expect((await s.h.core.handlers['connections:get-profile']({ profileId: brandProfile })).health).toBe('revoked_by_user')

    // The next delivery to the broken channel is held without another request to X.
    const postsBefore = s.h.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/2/tweets')).length
    await s.advance(10 * MIN)
    expect((await s.scheduler.getPost(second.id)).deliveries.map((d) => [d.state, d.heldReason])).toEqual([['held', 'reauth_required']])
    expect(s.h.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/2/tweets')).length).toBe(postsBefore)
    expect((await s.scheduler.heldDeliveries()).map((d) => d.postId)).toEqual([first.id, second.id])
    // Held is not failed: nobody is told a post failed.
    expect(s.notices).toEqual([])

    // Refresh connection: the same person signs in again and allows Relink.
    s.h.signInAs(X_SEED.users.brand.handle)
    await s.h.core.handlers['connections:refresh-profile']({ profileId: brandProfile })
    await s.scheduler.whenIdle()
    expect(s.releasable.map((r) => [r.profileId, r.channelIds, r.deliveries.map((d) => d.postId)])).toEqual([[brandProfile, [s.channels.xBrand], [first.id, second.id]]])

    const markers = s.releasable[0]?.deliveries.map((d) => d.marker) ?? []
    const [firstHeld, secondHeld] = s.releasable[0]?.deliveries ?? []
    const result = await s.scheduler.releaseHeld([s.channels.xBrand], { [String(firstHeld?.id)]: 'publish_now', [String(secondHeld?.id)]: 'next_free_slot' })
    expect(result.publishNow).toEqual([firstHeld?.id])
    const slot = result.moved[0]?.dueAt ?? 0
    expect(slot % (15 * MIN)).toBe(0)
    expect(slot).toBeGreaterThan(s.h.ports.clock.now())
    await s.scheduler.whenIdle()
    expect(markers.map((m) => s?.postsWith(m))).toEqual([1, 0])
    await s.advance(slot - s.h.ports.clock.now())
    expect(markers.map((m) => s?.postsWith(m))).toEqual([1, 1])
    await s.advance(60 * MIN)
    expect(markers.map((m) => s?.postsWith(m))).toEqual([1, 1])
    expect((await s.scheduler.heldDeliveries()).length).toBe(0)
  })

  it('holds after a password change, keeps or skips on release as chosen', async () => {
    s = await startScheduling()
    const t0 = s.h.ports.clock.now()
    const labs = await profileIdOf(s.h, 'x', X_SEED.users.labs.id)
    const a = await plan(s, 'Lab notes one', [s.channels.xLabs], t0 + 5 * MIN)
    const b = await plan(s, 'Lab notes two', [s.channels.xLabs], t0 + 6 * MIN)
    s.h.sandbox.controls.changePassword('x', X_SEED.users.labs.id)
    await s.advance(10 * MIN)
    expect((await s.scheduler.heldDeliveries([s.channels.xLabs])).map((d) => d.postId)).toEqual([a.id, b.id])
    s.h.signInAs(X_SEED.users.labs.handle)
    await s.h.core.handlers['connections:refresh-profile']({ profileId: labs })
    await s.scheduler.whenIdle()
    const [da, db] = (await s.scheduler.heldDeliveries([s.channels.xLabs])).map((d) => d.id)
    const result = await s.scheduler.releaseHeld([s.channels.xLabs], { [String(da)]: 'skip' })
    expect(result).toEqual({ publishNow: [], moved: [], kept: [db], skipped: [da] })
    await s.advance(30 * MIN)
    expect((await s.scheduler.getPost(a.id)).deliveries[0]?.state).toBe('skipped')
    expect((await s.scheduler.getPost(b.id)).deliveries[0]?.state).toBe('held')
  })

  it('forecasts the deliveries a lapsing sign-in would break before their time', async () => {
    s = await startScheduling()
    const t0 = s.h.ports.clock.now()
    const ava = await profileIdOf(s.h, 'linkedin', `urn:li:person:${LINKEDIN_SEED.users.ava.id}`)
    const contoso = await channelIdOf(s.h, 'linkedin', LINKEDIN_SEED.channels.contoso.id)
    // A LinkedIn app without programmatic refresh: Ava's 60-day token simply ends.
    await s.h.core.database.db.updateTable('profiles').set({ refresh_token_enc: null }).where('id', '=', ava).execute()
    const avaRow = await s.h.core.database.db.selectFrom('profiles').select('access_expires_at').where('id', '=', ava).executeTakeFirstOrThrow()
    const soon = await plan(s, 'Next week at Contoso', [contoso], t0 + 7 * DAY)
    const late = await plan(s, 'After the token ends', [contoso], t0 + 61 * DAY)
    const fine = await plan(s, 'On X', [s.channels.xBrand], t0 + 61 * DAY)
    const risk = await s.scheduler.atRisk()
    expect(risk.first.map((r) => [r.postId, r.cause, r.lapsesAt, r.profileIds])).toEqual([[late.id, 'access_expires', avaRow.access_expires_at, [ava]]])
    expect([soon.id, fine.id].some((id) => risk.first.some((r) => r.postId === id))).toBe(false)
    expect(risk.channels.map((c) => [c.channelId, c.count, c.firstDueAt])).toEqual([[contoso, 1, late.publishAt]])
    expect(risk.total).toBe(1)
    // Nothing written since: the same overview, not worked out again. The demo's own reads (pictures
    // over the sandbox's sockets) may write while one is worked out; the next is then the one kept.
    const { scheduler } = s
    await expect
      .poll(async () => {
        const kept = await scheduler.atRisk()
        return kept === (await scheduler.atRisk()) && kept.total === risk.total
      })
      .toBe(true)

    // A channel broken now puts every scheduled delivery of it at risk.
    s.h.sandbox.controls.removeApp('x', X_SEED.users.brand.id)
    await s.h.core.connections.lifecycle.probe(await profileIdOf(s.h, 'x', X_SEED.users.brand.id))
    const now = await s.scheduler.atRisk()
    expect(now.first.find((r) => r.postId === fine.id)).toMatchObject({ cause: 'broken', lapsesAt: null })
    expect(now.total).toBe(2)
  })
})
