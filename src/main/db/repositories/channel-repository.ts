import { sql, type Kysely } from 'kysely'
import type { ChannelLinkSummary, ChannelSummary } from '../../../shared/domain/entities'
import { BROKEN_GRANT_HEALTH, type ChannelHealth } from '../../../shared/domain/health'
import type { Network } from '../../../shared/domain/network'
import type { DB } from '../schema'

const BROKEN = sql.join([...BROKEN_GRANT_HEALTH].map((h) => sql.lit(h)))

interface ChannelRow {
  id: string
  network: string
  name: string
  handle: string
  kind: string
  link_count: number
  healthy_link_count: number
  brand_ids: string | null
}

/** A link is healthy when neither the link (e.g. a lost page role) nor its profile's grant is broken. */
export function deriveChannelHealth(linkCount: number, healthyLinkCount: number): ChannelHealth {
  if (linkCount === 0) return 'unlinked'
  if (healthyLinkCount === linkCount) return 'healthy'
  return healthyLinkCount > 0 ? 'degraded' : 'disconnected'
}

export type ChannelRepository = ReturnType<typeof createChannelRepository>

export function createChannelRepository(db: Kysely<DB>) {
  return {
    /** Every channel, those of one brand, or those with the given ids. */
    async list(filter: { brandId?: string; ids?: readonly string[] } = {}): Promise<ChannelSummary[]> {
      const brandFilter = filter.brandId
        ? sql`WHERE c.id IN (SELECT channel_id FROM brand_channels WHERE brand_id = ${filter.brandId})`
        : filter.ids
          ? sql`WHERE c.id IN (SELECT value FROM json_each(${JSON.stringify(filter.ids)}))`
          : sql``
      const { rows } = await sql<ChannelRow>`
        SELECT c.id, c.network, c.name, c.handle, c.kind,
          count(l.profile_id) AS link_count,
          coalesce(sum(CASE WHEN l.profile_id IS NOT NULL
                             AND l.health NOT IN (${BROKEN})
                             AND p.health NOT IN (${BROKEN}) THEN 1 ELSE 0 END), 0) AS healthy_link_count,
          (SELECT group_concat(bc.brand_id) FROM brand_channels bc WHERE bc.channel_id = c.id) AS brand_ids
        FROM channels c
        LEFT JOIN channel_links l ON l.channel_id = c.id
        LEFT JOIN profiles p ON p.id = l.profile_id
        ${brandFilter}
        GROUP BY c.id
        ORDER BY c.name COLLATE NOCASE, c.id
      `.execute(db)
      return rows.map((r) => ({
        id: r.id,
        network: r.network as Network,
        name: r.name,
        handle: r.handle,
        kind: r.kind as ChannelSummary['kind'],
        health: deriveChannelHealth(r.link_count, r.healthy_link_count),
        brandIds: r.brand_ids ? r.brand_ids.split(',') : [],
        linkCount: r.link_count,
        healthyLinkCount: r.healthy_link_count,
      }))
    },

    /** Every link of every channel, in one read: the Channels page names who stands behind each. */
    async links(): Promise<ChannelLinkSummary[]> {
      const rows = await db.selectFrom('channel_links').select(['channel_id', 'profile_id', 'health', 'health_detail']).orderBy('channel_id').orderBy('created_at').execute()
      return rows.map((r) => ({ channelId: r.channel_id, profileId: r.profile_id, linkHealth: r.health, linkDetail: r.health_detail }))
    },

    /** Counts per derived health, cheap enough to run at start-up for the header badge. */
    async healthCounts(): Promise<Record<ChannelHealth, number>> {
      const { rows } = await sql<{ link_count: number; healthy_link_count: number; n: number }>`
        SELECT link_count, healthy_link_count, count(*) AS n FROM (
          SELECT count(l.profile_id) AS link_count,
            coalesce(sum(CASE WHEN l.profile_id IS NOT NULL
                               AND l.health NOT IN (${BROKEN})
                               AND p.health NOT IN (${BROKEN}) THEN 1 ELSE 0 END), 0) AS healthy_link_count
          FROM channels c
          LEFT JOIN channel_links l ON l.channel_id = c.id
          LEFT JOIN profiles p ON p.id = l.profile_id
          GROUP BY c.id
        ) GROUP BY link_count, healthy_link_count
      `.execute(db)
      const counts: Record<ChannelHealth, number> = { healthy: 0, degraded: 0, disconnected: 0, unlinked: 0 }
      for (const r of rows) counts[deriveChannelHealth(r.link_count, r.healthy_link_count)] += r.n
      return counts
    },

    async exists(ids: string[]): Promise<string[]> {
      if (ids.length === 0) return []
      const rows = await db.selectFrom('channels').select('id').where('id', 'in', ids).execute()
      return rows.map((r) => r.id)
    },

    async setBrands(channelId: string, brandIds: string[]): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('brand_channels').where('channel_id', '=', channelId).execute()
        if (brandIds.length > 0) {
          await trx.insertInto('brand_channels').values(brandIds.map((brand_id) => ({ brand_id, channel_id: channelId }))).execute()
        }
      })
    },

    /**
     * Removes a channel and everything Relink kept for it (its links, brand memberships, queued and
     * past deliveries). Refused while one of its posts is on its way to the network, because that
     * outcome must still be recorded. A scheduled post left with no channel is cancelled; the
     * composer's channel lists forget the channel.
     */
    async remove(channelId: string): Promise<{ found: boolean; inFlight: boolean; cancelledDeliveries: number }> {
      return db.transaction().execute(async (trx) => {
        const found = await trx.selectFrom('channels').select('id').where('id', '=', channelId).executeTakeFirst()
        if (!found) return { found: false, inFlight: false, cancelledDeliveries: 0 }
        // The scheduler's tables are outside the Kysely schema (its SQL runs on cached statements).
        const { rows: deliveries } = await sql<{ post_id: string; state: string }>`
          SELECT post_id, state FROM deliveries WHERE channel_id = ${channelId}`.execute(trx)
        if (deliveries.some((d) => d.state === 'claimed' || d.state === 'publishing')) return { found: true, inFlight: true, cancelledDeliveries: 0 }
        const cancelledDeliveries = deliveries.filter((d) => d.state === 'scheduled' || d.state === 'held').length
        const { rows: posts } = await sql<{ id: string; channel_ids: string }>`
          SELECT id, channel_ids FROM posts WHERE ',' || channel_ids || ',' LIKE ${`%,${channelId},%`}`.execute(trx)
        await trx.deleteFrom('channels').where('id', '=', channelId).execute()
        for (const post of posts) {
          const rest = post.channel_ids.split(',').filter((id) => id !== '' && id !== channelId)
          await sql`UPDATE posts SET channel_ids = ${rest.join(',')} WHERE id = ${post.id}`.execute(trx)
        }
        for (const postId of new Set(deliveries.map((d) => d.post_id))) {
          await sql`UPDATE posts SET status = 'cancelled'
            WHERE id = ${postId} AND status = 'scheduled' AND NOT EXISTS (SELECT 1 FROM deliveries WHERE post_id = ${postId})`.execute(trx)
        }
        return { found: true, inFlight: false, cancelledDeliveries }
      })
    },
  }
}
