/**
 * Regressions from a simulated month of real incidents: each case failed before its fix.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { HttpTransportError, type Http } from '../../../src/main/ports'
import { FACEBOOK_SEED } from '../../../src/main/sandbox/dialects/facebook'
import { LINKEDIN_SEED } from '../../../src/main/sandbox/dialects/linkedin'
import { X_SEED } from '../../../src/main/sandbox/dialects/x'
import { ProviderError } from '../../../src/main/providers/provider-error'
import { channelIdOf, profileIdOf, startDemo, type DemoHarness } from './harness'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

let h: DemoHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const healthOf = async (h: DemoHarness, profileId: string) => (await h.core.handlers['connections:get-profile']({ profileId })).health
const linkHealth = async (h: DemoHarness, profileId: string, channelId: string) =>
  (await h.core.handlers['connections:get-profile']({ profileId })).channels.find((c) => c.id === channelId)?.linkHealth
/** The stages notified for a profile (`broken`, `role_lost`, `expiring`), read from each notification's id `profile:stage:subject`. */
const titlesFor = (h: DemoHarness, profileId: string) => h.ports.notifications.filter((n) => n.target.id === profileId).map((n) => n.id.split(':')[1] ?? '')
const liUrn = (id: string) => `urn:li:person:${id}`

async function sweep(h: DemoHarness): Promise<void> {
  await h.core.connections.lifecycle.sweep({ probe: true, force: true })
}

/** Makes `created_at` of one link earlier than every other link of its channel. */
async function putFirst(h: DemoHarness, channelId: string, profileId: string): Promise<void> {
  await h.core.database.db.updateTable('channel_links').set({ created_at: 0 }).where('channel_id', '=', channelId).where('profile_id', '=', profileId).execute()
}

describe('the link a channel is acted through is chosen by its rights for the action', () => {
  it('never publishes to a LinkedIn page through an analyst, whatever the link order', async () => {
    h = await startDemo()
    const ava = await profileIdOf(h, 'linkedin', liUrn(LINKEDIN_SEED.users.ava.id))
    const chloe = await profileIdOf(h, 'linkedin', liUrn(LINKEDIN_SEED.users.chloe.id))
    const contoso = await channelIdOf(h, 'linkedin', LINKEDIN_SEED.channels.contoso.id)
    await putFirst(h, contoso, chloe)
    expect((await h.core.connections.lifecycle.channelTarget(contoso)).profileId).toBe(ava)
    // Chloé can still read the page's insights: she is the way in for analysis.
    expect((await h.core.connections.lifecycle.channelTarget(contoso, 'analyze')).profileId).toBe(chloe)

    // Ava's access is removed: the page waits for her Refresh connection instead of trying Chloé.
    h.sandbox.controls.removeApp('linkedin', LINKEDIN_SEED.users.ava.id)
    await sweep(h)
    expect(await healthOf(h, ava)).not.toBe('active')
    await expect(h.core.connections.lifecycle.channelTarget(contoso)).rejects.toMatchObject({ code: 'reauth_required' })
    expect(await healthOf(h, chloe)).toBe('active')
    expect(await linkHealth(h, chloe, contoso)).toBe('active')
    expect(titlesFor(h, chloe)).toEqual([])
  })

  it('never publishes to a Facebook page through a moderator, and a refusal for an action a link cannot do marks nothing', async () => {
    h = await startDemo()
    const maria = await profileIdOf(h, 'facebook', FACEBOOK_SEED.users.maria.id)
    const jo = await profileIdOf(h, 'facebook', FACEBOOK_SEED.users.jo.id)
    const outlet = await channelIdOf(h, 'facebook', FACEBOOK_SEED.pages.outlet.id)
    await putFirst(h, outlet, jo)
    expect((await h.core.connections.lifecycle.channelTarget(outlet)).profileId).toBe(maria)

    h.sandbox.controls.changePassword('facebook', FACEBOOK_SEED.users.maria.id)
    await sweep(h)
    expect(await healthOf(h, maria)).toBe('password_changed')
    await expect(h.core.connections.lifecycle.channelTarget(outlet)).rejects.toMatchObject({ code: 'reauth_required' })

    // A #200 answer to a publish through Jo's link (had anything tried) is not Jo's problem.
    const refusal = new ProviderError(
      'facebook',
      { reason: 'scope_missing', detail: 'The user must be able to perform the CREATE_CONTENT task.' },
      { source: 'api', status: 403, body: { error: { code: 200, message: '(#200) The user must be able to perform the CREATE_CONTENT task' } } },
    )
    await h.core.connections.lifecycle.reportFailure(jo, refusal, { channelId: outlet, action: 'publish' })
    expect(await healthOf(h, jo)).toBe('active')
    expect(await linkHealth(h, jo, outlet)).toBe('active')
    expect(titlesFor(h, jo)).toEqual([])
  })
})

describe('every break is told once, and a new break after a heal is told again', () => {
  it('notifies a second break after a Refresh connection', async () => {
    h = await startDemo()
    const maria = await profileIdOf(h, 'facebook', FACEBOOK_SEED.users.maria.id)
    h.sandbox.controls.changePassword('facebook', FACEBOOK_SEED.users.maria.id)
    await sweep(h)
    await sweep(h)
    expect(titlesFor(h, maria).filter((t) => /^broken$/.test(t))).toHaveLength(1)
    h.ports.clock.advance(3 * HOUR)
    h.signInAs(FACEBOOK_SEED.users.maria.handle)
    await h.core.handlers['connections:refresh-profile']({ profileId: maria })
    expect(await healthOf(h, maria)).toBe('active')

    h.ports.clock.advance(2 * 24 * HOUR)
    h.sandbox.controls.changePassword('facebook', FACEBOOK_SEED.users.maria.id)
    await sweep(h)
    await sweep(h)
    expect(await healthOf(h, maria)).toBe('password_changed')
    expect(titlesFor(h, maria).filter((t) => /^broken$/.test(t))).toHaveLength(2)
  })

  it('notifies a second loss of the same page role', async () => {
    h = await startDemo()
    const sam = await profileIdOf(h, 'facebook', FACEBOOK_SEED.users.sam.id)
    const books = await channelIdOf(h, 'facebook', FACEBOOK_SEED.pages.books.id)
    const page = h.sandbox.world.channels.get(FACEBOOK_SEED.pages.books.id)
    h.sandbox.controls.removeRole('facebook', FACEBOOK_SEED.users.sam.id, FACEBOOK_SEED.pages.books.id)
    await sweep(h)
    await sweep(h)
    expect(await linkHealth(h, sam, books)).toBe('role_lost')
    // One notification per channel lost: the page, and the Instagram account reached through it.
    expect(titlesFor(h, sam).filter((t) => /^role_lost$/.test(t))).toHaveLength(2)

    page?.roles.set(FACEBOOK_SEED.users.sam.id, [...FACEBOOK_SEED.tasks.all])
    h.signInAs(FACEBOOK_SEED.users.sam.handle)
    await h.core.handlers['connections:refresh-profile']({ profileId: sam })
    expect(await linkHealth(h, sam, books)).toBe('active')
    h.ports.clock.advance(24 * HOUR)
    h.sandbox.controls.removeRole('facebook', FACEBOOK_SEED.users.sam.id, FACEBOOK_SEED.pages.books.id)
    await sweep(h)
    await sweep(h)
    expect(titlesFor(h, sam).filter((t) => /^role_lost$/.test(t))).toHaveLength(4)
  })
})

describe('a rotating token that dies early is renewed before anything is declared dead', () => {
  it('refreshes an X token the network expired before its recorded expiry', async () => {
    h = await startDemo()
    const brand = await profileIdOf(h, 'x', X_SEED.users.brand.id)
    h.sandbox.controls.expireAccessTokens('x', X_SEED.users.brand.id)
    await sweep(h)
    expect(await healthOf(h, brand)).toBe('active')
    expect(titlesFor(h, brand)).toEqual([])
    const channel = await channelIdOf(h, 'x', X_SEED.channels.brand)
    await expect(h.core.connections.lifecycle.channelTarget(channel)).resolves.toMatchObject({ profileId: brand })
  })

  it('still declares it dead when the refresh is refused too', async () => {
    h = await startDemo()
    const brand = await profileIdOf(h, 'x', X_SEED.users.brand.id)
    h.sandbox.controls.removeApp('x', X_SEED.users.brand.id)
    await sweep(h)
    expect(await healthOf(h, brand)).not.toBe('active')
    expect(titlesFor(h, brand).filter((t) => /^broken$/.test(t))).toHaveLength(1)
  })
})

describe('detection: roles on every network that has them, every link token, retries that do not wait a day', () => {
  it('sees a lost LinkedIn organisation role, on the main and on the backup link, without a post failing', async () => {
    h = await startDemo()
    const ava = await profileIdOf(h, 'linkedin', liUrn(LINKEDIN_SEED.users.ava.id))
    const ben = await profileIdOf(h, 'linkedin', liUrn(LINKEDIN_SEED.users.ben.id))
    const fabrikam = await channelIdOf(h, 'linkedin', LINKEDIN_SEED.channels.fabrikam.id)
    const northwind = await channelIdOf(h, 'linkedin', LINKEDIN_SEED.channels.northwind.id)
    h.sandbox.controls.removeRole('linkedin', LINKEDIN_SEED.users.ben.id, LINKEDIN_SEED.channels.fabrikam.id)
    h.sandbox.controls.removeRole('linkedin', LINKEDIN_SEED.users.ben.id, LINKEDIN_SEED.channels.northwind.id)
    await sweep(h)
    expect(await healthOf(h, ben)).toBe('active')
    expect(await linkHealth(h, ben, fabrikam)).toBe('role_lost')
    expect(await linkHealth(h, ben, northwind)).toBe('role_lost')
    expect(await linkHealth(h, ava, northwind)).toBe('active')
    const channels = await h.core.handlers['channels:list'](undefined)
    expect(channels.find((c) => c.id === fabrikam)?.health).toBe('disconnected')
    expect(channels.find((c) => c.id === northwind)?.health).toBe('degraded')
    expect(titlesFor(h, ben).filter((t) => /^role_lost$/.test(t))).toHaveLength(2)
  })

  it('marks a Facebook profile broken when its early-expired sign-in took every page token with it', async () => {
    h = await startDemo()
    const maria = await profileIdOf(h, 'facebook', FACEBOOK_SEED.users.maria.id)
    const coffee = await channelIdOf(h, 'facebook', FACEBOOK_SEED.pages.coffee.id)
    h.sandbox.controls.expireAccessTokens('facebook', FACEBOOK_SEED.users.maria.id)
    await sweep(h)
    expect(await healthOf(h, maria)).toBe('expired')
    const channels = await h.core.handlers['channels:list'](undefined)
    expect(channels.find((c) => c.id === coffee)?.health).toBe('degraded')
    expect(titlesFor(h, maria)).toEqual([expect.stringMatching(/^broken$/)])
  })

  it('retries a page check that failed for a passing reason within the hour, not the next day', async () => {
    let failPageChecks = false
    const wrap = (inner: Http): Http => ({
      async request(req) {
        if (failPageChecks && (req.url.includes('input_token=EAAP_page_') || req.url.includes('/me/accounts'))) throw new HttpTransportError('timeout', 'No answer in time')
        return inner.request(req)
      },
    })
    h = await startDemo({ wrapHttp: wrap })
    const sam = await profileIdOf(h, 'facebook', FACEBOOK_SEED.users.sam.id)
    const books = await channelIdOf(h, 'facebook', FACEBOOK_SEED.pages.books.id)
    h.sandbox.controls.removeRole('facebook', FACEBOOK_SEED.users.sam.id, FACEBOOK_SEED.pages.books.id)
    failPageChecks = true
    await sweep(h)
    expect(await linkHealth(h, sam, books)).toBe('active')
    failPageChecks = false
    const next = await h.core.connections.lifecycle.nextWakeAt()
    expect(next).not.toBeNull()
    expect((next ?? Infinity) - h.ports.clock.now()).toBeLessThanOrEqual(10 * MINUTE)
    h.ports.clock.set(next ?? 0)
    await h.core.connections.lifecycle.sweep()
    expect(await linkHealth(h, sam, books)).toBe('role_lost')
  })

  it('checks every grant at least hourly, within the networks’ rate limits', async () => {
    h = await startDemo()
    const ben = await profileIdOf(h, 'linkedin', liUrn(LINKEDIN_SEED.users.ben.id))
    const fabrikam = await channelIdOf(h, 'linkedin', LINKEDIN_SEED.channels.fabrikam.id)
    h.ports.clock.advance(3 * HOUR)
    await h.core.connections.lifecycle.sweep()
    h.sandbox.controls.removeRole('linkedin', LINKEDIN_SEED.users.ben.id, LINKEDIN_SEED.channels.fabrikam.id)
    h.ports.clock.advance(HOUR)
    await h.core.connections.lifecycle.sweep()
    expect(await linkHealth(h, ben, fabrikam)).toBe('role_lost')
  })
})
