import { afterEach, describe, expect, it } from 'vitest'
import { facebookAdapter } from '../../../src/main/providers/facebook'
import { FACEBOOK_SEED } from '../../../src/main/sandbox/dialects/facebook'
import { LINKEDIN_SEED } from '../../../src/main/sandbox/dialects/linkedin'
import { X_SEED } from '../../../src/main/sandbox/dialects/x'
import { channelIdOf, DAY, profileIdOf, startDemo, type DemoHarness } from './harness'

let h: DemoHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const healthOf = async (h: DemoHarness, profileId: string) => (await h.core.handlers['connections:get-profile']({ profileId })).health
const channel = async (h: DemoHarness, channelId: string) => {
  const found = (await h.core.handlers['channels:list'](undefined)).find((c) => c.id === channelId)
  if (!found) throw new Error('channel vanished')
  return found
}
const notificationsFor = (h: DemoHarness, profileId: string) => h.ports.notifications.filter((n) => n.target.id === profileId)
/** A notification's stage (`broken`, `role_lost`, `expiring`), from its id `profile:stage:subject`. */
const stageOf = (n: { id: string }): string => n.id.split(':')[1] ?? ''

/** One simulated day: the clock moves and the background watch does its sweep. */
async function day(h: DemoHarness, days = 1): Promise<void> {
  for (let i = 0; i < days; i++) {
    h.ports.clock.advance(DAY)
    await h.core.connections.lifecycle.sweep()
  }
}

describe('the token lifecycle over 90 simulated days on the sandbox', () => {
  it('detects, classifies and notifies each break once, and one Refresh connection heals it across brands', async () => {
    h = await startDemo()
    const maria = await profileIdOf(h, 'facebook', FACEBOOK_SEED.users.maria.id)
    const sam = await profileIdOf(h, 'facebook', FACEBOOK_SEED.users.sam.id)
    const jo = await profileIdOf(h, 'facebook', FACEBOOK_SEED.users.jo.id)
    const xBrand = await profileIdOf(h, 'x', X_SEED.users.brand.id)
    const ava = await profileIdOf(h, 'linkedin', `urn:li:person:${LINKEDIN_SEED.users.ava.id}`)
    const coffee = await channelIdOf(h, 'facebook', FACEBOOK_SEED.pages.coffee.id)
    const books = await channelIdOf(h, 'facebook', FACEBOOK_SEED.pages.books.id)
    const brands = await h.core.handlers['brands:list'](undefined)
    await h.core.handlers['channels:set-brands']({ channelId: coffee, brandIds: brands.map((b) => b.id) })
    // Model a LinkedIn app without programmatic refresh tokens: the 60-day token simply ends.
    await h.core.database.db.updateTable('profiles').set({ refresh_token_enc: null }).where('id', '=', ava).execute()

    await day(h, 2)
    expect((await h.core.handlers['connections:list-profiles'](undefined)).every((p) => p.health === 'active')).toBe(true)

    // Day 3: Maria changes her Facebook password.
    h.sandbox.controls.changePassword('facebook', FACEBOOK_SEED.users.maria.id)
    await day(h)
    expect(await healthOf(h, maria)).toBe('password_changed')
    // Northwind Coffee is also reached through Sam: degraded, and it keeps publishing through him.
    expect((await channel(h, coffee)).health).toBe('degraded')
    const through = await h.core.connections.lifecycle.channelTarget(coffee)
    expect(through.profileId).toBe(sam)
    const ctx = await h.core.connections.providers.context('facebook')
    const post = await facebookAdapter.publish(ctx, through.target, { text: 'Still publishing through the backup link' })
    expect(post.networkPostId).toBeTruthy()

    // Day 10: the X refresh grant dies.
    await day(h, 6)
    h.sandbox.controls.killRefreshTokens('x', X_SEED.users.brand.id)
    await day(h)
    expect(await healthOf(h, xBrand)).toBe('refresh_token_dead')

    // Day 20: Sam loses his role on Harbor Books; his sign-in still works.
    await day(h, 9)
    h.sandbox.controls.removeRole('facebook', FACEBOOK_SEED.users.sam.id, FACEBOOK_SEED.pages.books.id)
    await day(h)
    expect(await healthOf(h, sam)).toBe('active')
    expect((await channel(h, books)).health).toBe('disconnected')
    const samDetail = await h.core.handlers['connections:get-profile']({ profileId: sam })
    expect(samDetail.channels.find((c) => c.id === books)?.linkHealth).toBe('role_lost')

    // Day 30: Jo's data access lapses (90 days without using the app).
    await day(h, 9)
    h.sandbox.controls.lapseDataAccess('facebook', FACEBOOK_SEED.users.jo.id)
    await day(h)
    expect(await healthOf(h, jo)).toBe('data_access_expired')

    // Day 53: a week before LinkedIn's 60 days the warning arrives; day 60 it expires.
    await day(h, 23)
    expect(await healthOf(h, ava)).toBe('expiring')
    await day(h, 7)
    expect(await healthOf(h, ava)).toBe('expired')
    const avaView = (await h.core.handlers['connections:list-profiles'](undefined)).find((p) => p.id === ava)
    expect(avaView?.warnings.join(' ')).toMatch(/30 days/)

    // Nothing else broke over the period: transient states never disconnect. Maria and Jo are one
    // Meta profile each (their Instagram accounts come with their Facebook sign-in); the rest at
    // most warn (Facebook's 60-day personal sign-in lapses while page tokens live on).
    expect(await h.core.database.db.selectFrom('profiles').select('id').where('network', '=', 'instagram').execute()).toEqual([])
    await day(h, 28)
    const all = await h.core.handlers['connections:list-profiles'](undefined)
    const broken = all.filter((p) => p.health !== 'active' && p.health !== 'expiring')
    expect(broken.map((p) => p.id).sort()).toEqual([maria, xBrand, jo, ava].sort())
    expect(all.filter((p) => p.health === 'expiring').every((p) => p.network === 'facebook')).toBe(true)

    // Each problem notified exactly once per stage, despite a daily sweep for two months. Sam's
    // lost role on Harbor Books also loses him its Instagram account, reached through that page.
    for (const id of [maria, xBrand, jo]) expect(notificationsFor(h, id).filter((n) => stageOf(n) === 'broken')).toHaveLength(1)
    expect(notificationsFor(h, sam).map(stageOf)).toEqual(['role_lost', 'role_lost', 'expiring'])
    expect(notificationsFor(h, sam)[0]?.title).toBe('Harbor Books (Facebook): Role lost')
    expect(notificationsFor(h, ava).map(stageOf)).toEqual(['expiring', 'broken'])
    expect(notificationsFor(h, ava)[1]?.title).toBe('Ava Lindqvist (LinkedIn): Expired')

    // Day 90: one Refresh connection per person heals it; Maria's heals Coffee in both brands.
    for (const [profileId, handle] of [
      [maria, FACEBOOK_SEED.users.maria.handle],
      [xBrand, X_SEED.users.brand.handle],
      [jo, FACEBOOK_SEED.users.jo.handle],
      [ava, LINKEDIN_SEED.users.ava.handle],
    ] as const) {
      h.signInAs(handle)
      const result = await h.core.handlers['connections:refresh-profile']({ profileId })
      expect(result.reconnected).toBe(true)
      expect(await healthOf(h, profileId)).toBe('active')
    }
    const healed = await channel(h, coffee)
    expect(healed.health).toBe('healthy')
    expect(healed.brandIds.sort()).toEqual(brands.map((b) => b.id).sort())
    // A new token does not bring back a lost role: Harbor Books waits for a page admin.
    h.signInAs(FACEBOOK_SEED.users.sam.handle)
    await h.core.handlers['connections:refresh-profile']({ profileId: sam })
    expect((await channel(h, books)).health).toBe('disconnected')
    h.sandbox.world.channels.get(FACEBOOK_SEED.pages.books.id)?.roles.set(FACEBOOK_SEED.users.sam.id, [...FACEBOOK_SEED.tasks.all])
    await h.core.handlers['connections:refresh-profile']({ profileId: sam })
    expect((await channel(h, books)).health).toBe('healthy')

    // The event log kept the network's raw error for the password change.
    const detail = await h.core.handlers['connections:get-profile']({ profileId: maria })
    expect(detail.events.some((e) => e.kind === 'reconnected')).toBe(true)
    expect(detail.events.filter((e) => e.reason === 'password_changed').map((e) => e.raw ?? '').join(' ')).toContain('460')
  }, 120_000)

  it('refuses a Refresh connection signed in as somebody else', async () => {
    h = await startDemo()
    const maria = await profileIdOf(h, 'facebook', FACEBOOK_SEED.users.maria.id)
    h.signInAs(FACEBOOK_SEED.users.sam.handle)
    await expect(h.core.handlers['connections:refresh-profile']({ profileId: maria })).rejects.toMatchObject({ code: 'conflict' })
  })

  it('renews rotating and refreshable tokens ahead of expiry, and never disconnects pages whose tokens outlive the sign-in', async () => {
    h = await startDemo()
    await day(h, 70)
    const profiles = await h.core.handlers['connections:list-profiles'](undefined)
    // X, LinkedIn and Mastodon renew (or never expire): still active after 70 days.
    expect(profiles.filter((p) => ['x', 'linkedin', 'mastodon'].includes(p.network) && p.health !== 'active')).toEqual([])
    // Facebook's 60-day personal sign-in lapsed, but page tokens do not expire: a warning, not a break.
    const meta = profiles.filter((p) => p.network === 'facebook')
    expect(meta.length).toBeGreaterThan(0)
    expect(meta.every((p) => p.health === 'expiring')).toBe(true)
    expect((await h.core.handlers['channels:list'](undefined)).every((c) => c.health === 'healthy')).toBe(true)
    expect(h.ports.notifications.filter((n) => stageOf(n) === 'broken').map((n) => n.title)).toEqual([])
    const xBrand = await profileIdOf(h, 'x', X_SEED.users.brand.id)
    const refreshed = await h.core.database.db.selectFrom('token_events').select('id').where('profile_id', '=', xBrand).where('kind', '=', 'refreshed').execute()
    expect(refreshed.length).toBeGreaterThanOrEqual(60)
    expect(h.ports.notifications.filter((n) => /\((LinkedIn|X)\):/.test(n.title))).toEqual([])
  }, 120_000)
})

describe('planning the next wake-up', () => {
  it('wakes for the hourly check, then the soonest rotating refresh, skips broken grants, and moves on after a sweep', async () => {
    h = await startDemo()
    const HOUR = 60 * 60 * 1000
    const now = h.ports.clock.now()
    // Every grant gets its full check hourly; that comes before X's first renewal.
    expect(await h.core.connections.lifecycle.nextWakeAt()).toBe(now + HOUR)
    h.ports.clock.advance(HOUR)
    await h.core.connections.lifecycle.sweep()
    // X access tokens live two hours and renew ten minutes ahead: that is now the next thing to do.
    expect(await h.core.connections.lifecycle.nextWakeAt()).toBe(now + 2 * HOUR - 10 * 60 * 1000)
    h.ports.clock.advance(HOUR)
    await h.core.connections.lifecycle.sweep({ probe: false })
    const next = await h.core.connections.lifecycle.nextWakeAt()
    expect(next).toBeGreaterThan(now + 2 * HOUR - 10 * 60 * 1000)
    for (const user of Object.values(X_SEED.users)) h.sandbox.controls.killRefreshTokens('x', user.id)
    h.ports.clock.advance(3 * HOUR)
    await h.core.connections.lifecycle.sweep()
    const xProfiles = (await h.core.handlers['connections:list-profiles'](undefined)).filter((p) => p.network === 'x')
    expect(xProfiles.every((p) => p.health === 'refresh_token_dead')).toBe(true)
    // With every X grant dead, the next wake-up is the others' hourly check.
    expect(await h.core.connections.lifecycle.nextWakeAt()).toBe(h.ports.clock.now() + HOUR)
  })
})
