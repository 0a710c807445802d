import type { Database } from 'better-sqlite3'
import type { RelinkDatabase } from '../client'
import { statementCache } from '../statement-cache'
import type { ProfileRow } from './connection-repository'
import type { Exclusive } from './delivery-rows'

/** A channel, and every link to it oldest first, each with its profile's whole row (health, clocks, sealed token). */
export interface ChannelWithLinks {
  channel: { id: string; network: string; instance: string; network_channel_id: string; kind: string; name: string }
  links: { profile_id: string; token_enc: Uint8Array | null; tasks: string; link_health: string; profile: ProfileRow }[]
}

/**
 * One statement for what acting on a channel needs. Every read of a stream resolves its channel's
 * link, which took three Kysely round trips (the channel, its links, the profile's token), each
 * prepared anew. The channel comes once per link row; a channel without links comes as one row
 * whose link columns are null.
 */
export const CHANNEL_WITH_LINKS_SQL = `SELECT c.id AS c_id, c.network AS c_network, c.instance AS c_instance, c.network_channel_id AS c_network_channel_id,
    c.kind AS c_kind, c.name AS c_name, l.profile_id AS l_profile_id, l.token_enc AS l_token_enc, l.tasks AS l_tasks, l.health AS l_health, p.*
  FROM channels c
  LEFT JOIN channel_links l ON l.channel_id = c.id
  LEFT JOIN profiles p ON p.id = l.profile_id
  WHERE c.id = ?
  ORDER BY l.created_at, l.profile_id`

type Row = {
  c_id: string
  c_network: string
  c_instance: string
  c_network_channel_id: string
  c_kind: string
  c_name: string
  l_profile_id: string | null
  l_token_enc: Uint8Array | null
  l_tasks: string | null
  l_health: string | null
} & ({ id: string } & ProfileRow)

/** The read on the app's database, behind Kysely's connection lock like every cached statement. */
export function channelLinksReadFor(database: Pick<RelinkDatabase, 'sqlite' | 'db'>): (channelId: string) => Promise<ChannelWithLinks | undefined> {
  return channelLinksRead(database.sqlite, (work) => database.db.connection().execute(async () => work()))
}

export function channelLinksRead(sqlite: Database, exclusive: Exclusive = async (work) => work()): (channelId: string) => Promise<ChannelWithLinks | undefined> {
  const stmt = statementCache(sqlite)
  return (channelId) =>
    exclusive(() => {
      const rows = stmt(CHANNEL_WITH_LINKS_SQL).all(channelId) as Row[]
      const first = rows[0]
      if (!first) return undefined
      const channel = { id: first.c_id, network: first.c_network, instance: first.c_instance, network_channel_id: first.c_network_channel_id, kind: first.c_kind, name: first.c_name }
      const links: ChannelWithLinks['links'] = []
      for (const row of rows) {
        // The channel's columns are left out of the profile's row (read once, from the first row).
        const { c_id: _i, c_network: _n, c_instance: _in, c_network_channel_id: _nc, c_kind: _k, c_name: _na, l_profile_id, l_token_enc, l_tasks, l_health, ...profile } = row
        // A link whose profile is gone (never, with the foreign key) is no link, as in an inner join.
        if (l_profile_id === null || profile.id === null) continue
        links.push({ profile_id: l_profile_id, token_enc: l_token_enc, tasks: l_tasks ?? '', link_health: l_health ?? 'active', profile })
      }
      return { channel, links }
    })
}
