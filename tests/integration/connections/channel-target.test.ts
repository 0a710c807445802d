/**
 * Resolving the link to act on a channel through, as every stream read does: one cached statement
 * for the channel, its links and their profiles, and the same choice of link as before.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { FACEBOOK_SEED } from '../../../src/main/sandbox/dialects/facebook'
import { X_SEED } from '../../../src/main/sandbox/dialects/x'
import { channelIdOf, profileIdOf, startDemo, type DemoHarness } from './harness'

let h: DemoHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

describe('the link a channel is read through', () => {
  it('is found with one statement prepared once, not a round trip per table on every read', async () => {
    h = await startDemo()
    const { lifecycle } = h.core.connections
    const coffee = await channelIdOf(h, 'facebook', FACEBOOK_SEED.pages.coffee.id)
    const x = await channelIdOf(h, 'x', X_SEED.channels.brand)
    await h.core.sync.whenIdle()
    await lifecycle.channelTarget(coffee, 'moderate')
    const sqlite = h.core.database.sqlite
    const prepare = sqlite.prepare.bind(sqlite)
    const prepared: string[] = []
    sqlite.prepare = ((source: string) => (prepared.push(source), prepare(source))) as typeof sqlite.prepare
    try {
      for (const channel of [coffee, x, coffee, x]) {
        for (const action of ['moderate', 'analyze'] as const) {
          const via = await lifecycle.channelTarget(channel, action)
          expect(via.target.accessToken).not.toBe('')
        }
      }
    } finally {
      sqlite.prepare = prepare
    }
    expect(prepared).toEqual([])
  }, 60_000)

  it('goes through the oldest working link the action allows, the channel’s own token or the profile’s', async () => {
    h = await startDemo()
    const { lifecycle } = h.core.connections
    const coffee = await channelIdOf(h, 'facebook', FACEBOOK_SEED.pages.coffee.id)
    const x = await channelIdOf(h, 'x', X_SEED.channels.brand)
    const xBrand = await profileIdOf(h, 'x', X_SEED.users.brand.id)
    await h.core.sync.whenIdle()
    const sqlite = h.core.database.sqlite
    // Maria and Sam both manage the page, linked in the same moment: the profile id orders them.
    const [first, backup] = sqlite.prepare('SELECT profile_id FROM channel_links WHERE channel_id = ? ORDER BY created_at, profile_id').pluck().all(coffee) as string[]
    expect(new Set([first, backup])).toEqual(new Set([await profileIdOf(h, 'facebook', FACEBOOK_SEED.users.maria.id), await profileIdOf(h, 'facebook', FACEBOOK_SEED.users.sam.id)]))

    expect(await lifecycle.channelTarget(coffee, 'moderate')).toMatchObject({ profileId: first, network: 'facebook', target: { networkChannelId: FACEBOOK_SEED.pages.coffee.id } })
    const viaX = await lifecycle.channelTarget(x, 'moderate')
    expect(viaX).toMatchObject({ profileId: xBrand, target: { networkChannelId: X_SEED.channels.brand, kind: 'account' } })
    expect(viaX.target.accessToken).toBe(await lifecycle.accessTokenFor(xBrand))

    // The first one's sign-in broken: the backup link.
    sqlite.prepare("UPDATE profiles SET health = 'password_changed' WHERE id = ?").run(first)
    expect((await lifecycle.channelTarget(coffee, 'moderate')).profileId).toBe(backup)
    // The backup link lost its role too: no way in.
    sqlite.prepare("UPDATE channel_links SET health = 'role_lost' WHERE profile_id = ? AND channel_id = ?").run(backup, coffee)
    await expect(lifecycle.channelTarget(coffee, 'moderate')).rejects.toMatchObject({ code: 'reauth_required' })
    sqlite.prepare("UPDATE profiles SET health = 'revoked_by_user' WHERE id = ?").run(xBrand)
    await expect(lifecycle.channelTarget(x, 'analyze')).rejects.toMatchObject({ code: 'reauth_required' })
    await expect(lifecycle.channelTarget('no-such-channel', 'moderate')).rejects.toMatchObject({ code: 'not_found' })
  }, 60_000)
})
