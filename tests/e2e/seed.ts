import type { ChannelSummary } from '../../src/shared/domain/entities'
import type { GrantHealth } from '../../src/shared/domain/health'
import type { Network } from '../../src/shared/domain/network'
import type { RelinkHarness } from './fixtures'

export interface SeedProfile {
  id: string
  network: Network
  displayName: string
  health: GrantHealth
}

export interface SeedChannel {
  id: string
  network: Network
  name: string
  handle: string
  kind: ChannelSummary['kind']
  /** Profiles that reach the channel; their grant health decides the channel's. */
  via: string[]
  brands: string[]
}

/**
 * Writes profiles, channels and links straight into the core's database. There is no connect flow
 * yet, and these tests are about what the window shows for a given state, not how it arose.
 */
export async function seedChannels(
  harness: RelinkHarness,
  data: { profiles: SeedProfile[]; channels: SeedChannel[] },
): Promise<{ brandIds: Map<string, string> }> {
  const { db } = harness.core.database
  const now = harness.ports.clock.now()
  if (data.profiles.length > 0) {
    await db
      .insertInto('profiles')
      .values(
        data.profiles.map((p) => ({
          id: p.id,
          network: p.network,
          network_user_id: `${p.network}-${p.id}`,
          display_name: p.displayName,
          health: p.health,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute()
  }
  if (data.channels.length > 0) {
    await db
      .insertInto('channels')
      .values(
        data.channels.map((c) => ({
          id: c.id,
          network: c.network,
          network_channel_id: `${c.network}-${c.id}`,
          kind: c.kind,
          name: c.name,
          handle: c.handle,
          created_at: now,
        })),
      )
      .execute()
  }
  const links = data.channels.flatMap((c) => c.via.map((profileId) => ({ channel_id: c.id, profile_id: profileId, created_at: now })))
  if (links.length > 0) await db.insertInto('channel_links').values(links).execute()

  const brandIds = new Map<string, string>()
  for (const name of new Set(data.channels.flatMap((c) => c.brands))) {
    const brand = await harness.core.handlers['brands:create']({ name })
    brandIds.set(name, brand.id)
  }
  for (const channel of data.channels) {
    const ids = channel.brands.map((name) => brandIds.get(name)).filter((id): id is string => id !== undefined)
    if (ids.length > 0) await harness.core.handlers['channels:set-brands']({ channelId: channel.id, brandIds: ids })
  }
  return { brandIds }
}

/** A small agency: two clients, one shared channel, one broken password, one lost backup link. */
export const AGENCY = {
  profiles: [
    { id: 'p-ana', network: 'facebook', displayName: 'Ana Ruiz', health: 'active' },
    { id: 'p-ben', network: 'facebook', displayName: 'Ben Okafor', health: 'password_changed' },
    { id: 'p-li', network: 'linkedin', displayName: 'Ana Ruiz', health: 'active' },
    { id: 'p-x', network: 'x', displayName: 'Northwind Social', health: 'revoked_by_user' },
    { id: 'p-ig', network: 'instagram', displayName: 'Ana Ruiz', health: 'active' },
    { id: 'p-md', network: 'mastodon', displayName: 'Harbor Team', health: 'active' },
  ],
  channels: [
    { id: 'c-nw-fb', network: 'facebook', name: 'Northwind Coffee', handle: 'facebook.com/northwindcoffee', kind: 'page', via: ['p-ana', 'p-ben'], brands: ['Northwind'] },
    { id: 'c-nw-ig', network: 'instagram', name: 'Northwind Coffee', handle: '@northwindcoffee', kind: 'business_account', via: ['p-ig'], brands: ['Northwind'] },
    { id: 'c-nw-x', network: 'x', name: 'Northwind', handle: '@northwind', kind: 'account', via: ['p-x'], brands: ['Northwind'] },
    { id: 'c-hb-li', network: 'linkedin', name: 'Harbor Labs', handle: 'linkedin.com/company/harbor-labs', kind: 'organization', via: ['p-li'], brands: ['Harbor Labs', 'Northwind'] },
    { id: 'c-hb-md', network: 'mastodon', name: 'Harbor Labs', handle: '@harbor@mastodon.social', kind: 'account', via: ['p-md'], brands: ['Harbor Labs'] },
    { id: 'c-ana-fb', network: 'facebook', name: 'Ana Ruiz Studio', handle: 'facebook.com/anaruizstudio', kind: 'page', via: ['p-ana'], brands: [] },
  ],
} satisfies { profiles: SeedProfile[]; channels: SeedChannel[] }
