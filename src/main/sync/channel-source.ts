import { sql, type Kysely } from 'kysely'
import { BROKEN_GRANT_HEALTH, type ChannelHealth } from '../../shared/domain/health'
import type { Network } from '../../shared/domain/network'
import type { GapReason } from '../../shared/domain/sync'
import { deriveChannelHealth } from '../db/repositories/channel-repository'
import { createWriteMemo } from '../db/write-memo'
import type { DB } from '../db/schema'
import type { ChannelKind } from '../providers/types'
import type { SyncChannel, SyncChannelSource } from './types'

const BROKEN = sql.join([...BROKEN_GRANT_HEALTH].map((h) => sql.lit(h)))

interface Row {
  id: string
  network: string
  instance: string
  kind: string
  name: string
  network_channel_id: string
  link_count: number
  healthy_link_count: number
  link_health: string | null
  link_detail: string | null
  profile_health: string | null
  profile_detail: string | null
  profile_since: number | null
}

/**
 * Channels as the sync engine sees them: derived health, and for a disconnected channel the
 * reason and moment its (first) link broke, which become the gap's reason and start.
 *
 * With `writeMark` (write-memo.ts) the list is kept until anything is written: the engine asks
 * for every channel to find one (each stream of a sweep), and the window's health question for
 * 500 channels asks again, each read 3-5 ms of main's CPU at agency scale.
 */
export function createSyncChannelSource(db: Kysely<DB>, writeMark?: () => string): SyncChannelSource {
  if (!writeMark) return () => readChannels(db)
  const remembered = createWriteMemo(async () => writeMark(), 1)
  return () => remembered('channels', () => readChannels(db))
}

async function readChannels(db: Kysely<DB>): Promise<SyncChannel[]> {
  const { rows } = await sql<Row>`
    SELECT c.id, c.network, c.instance, c.kind, c.name, c.network_channel_id,
      count(l.profile_id) AS link_count,
      coalesce(sum(CASE WHEN l.health NOT IN (${BROKEN}) AND p.health NOT IN (${BROKEN}) THEN 1 ELSE 0 END), 0) AS healthy_link_count,
      max(l.health) AS link_health, max(l.health_detail) AS link_detail,
      max(p.health) AS profile_health, max(p.health_detail) AS profile_detail, min(p.health_changed_at) AS profile_since
    FROM channels c
    LEFT JOIN channel_links l ON l.channel_id = c.id
    LEFT JOIN profiles p ON p.id = l.profile_id
    GROUP BY c.id
    ORDER BY c.id
  `.execute(db)
  return rows.map((r): SyncChannel => {
    const health: ChannelHealth = deriveChannelHealth(r.link_count, r.healthy_link_count)
    let problem: SyncChannel['problem'] = null
    if (health === 'disconnected') {
      // A lost role is the link's own problem; otherwise the profile's grant broke.
      const linkBroken = r.link_health !== null && BROKEN_GRANT_HEALTH.has(r.link_health as never)
      problem = linkBroken
        ? { reason: r.link_health as GapReason, detail: r.link_detail ?? '', since: r.profile_since }
        : { reason: (r.profile_health ?? 'unknown_auth') as GapReason, detail: r.profile_detail ?? '', since: r.profile_since }
    }
    return {
      id: r.id,
      network: r.network as Network,
      instance: r.instance,
      kind: r.kind as ChannelKind,
      name: r.name,
      networkChannelId: r.network_channel_id,
      health,
      problem,
    }
  })
}
