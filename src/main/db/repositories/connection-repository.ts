import { sql, type Kysely, type Selectable } from 'kysely'
import { BROKEN_GRANT_HEALTH } from '../../../shared/domain/health'
import { chunked, rowsPerInsert } from '../chunks'
import type { IdSource } from '../../ports'
import type { RelinkDatabase } from '../client'
import { channelLinksReadFor, type ChannelWithLinks } from './channel-links-read'
import type { DB, ProfilesTable } from '../schema'

export type ProfileRow = Selectable<ProfilesTable>

/** Sealed (encrypted) token material as stored; only the vault can open it. */
export interface SealedGrant {
  accessTokenEnc: Uint8Array
  refreshTokenEnc: Uint8Array | null
  accessExpiresAt: number | null
  refreshExpiresAt: number | null
  dataAccessExpiresAt: number | null
  scopes: string[]
}

export interface ChannelLinkInput {
  network: string
  instance: string
  networkChannelId: string
  kind: string
  name: string
  handle: string
  tasks: string[]
  tokenEnc: Uint8Array | null
}

export interface PlanningRow {
  id: string
  network: string
  health: string
  has_refresh: number
  access_expires_at: number | null
  refresh_expires_at: number | null
  data_access_expires_at: number | null
  last_probe_at: number | null
}

export type ConnectionRepository = ReturnType<typeof createConnectionRepository>

/** The repository on the app's database: Kysely, and one cached statement for the hot channel read. */
export function createConnectionRepositoryFor(database: Pick<RelinkDatabase, 'sqlite' | 'db'>, idSource: IdSource): ConnectionRepository {
  return createConnectionRepository(database.db, channelLinksReadFor(database), idSource)
}

/** All SQL of the token lifecycle: profiles and their grants, links, pending picks, events, notifications. */
export function createConnectionRepository(db: Kysely<DB>, channelWithLinks: (channelId: string) => Promise<ChannelWithLinks | undefined>, idSource: IdSource) {
  return {
    /** A channel and its links with their profiles, in one statement (`channel-links-read.ts`). */
    channelWithLinks,

    async getProfile(id: string): Promise<ProfileRow | undefined> {
      return db.selectFrom('profiles').selectAll().where('id', '=', id).executeTakeFirst()
    },

    async findProfile(network: string, instance: string, networkUserId: string): Promise<ProfileRow | undefined> {
      return db
        .selectFrom('profiles')
        .selectAll()
        .where('network', '=', network)
        .where('instance', '=', instance)
        .where('network_user_id', '=', networkUserId)
        .executeTakeFirst()
    },

    /** Just the clocks of every ready grant, for planning the next wake-up (no token blobs). */
    async planningRows(): Promise<PlanningRow[]> {
      const { rows } = await sql<PlanningRow>`
        SELECT id, network, health, refresh_token_enc IS NOT NULL AS has_refresh,
               access_expires_at, refresh_expires_at, data_access_expires_at,
               -- A sign-in that just succeeded counts as a check.
               coalesce(last_probe_at, connected_at) AS last_probe_at
        FROM profiles WHERE setup_state = 'ready'
      `.execute(db)
      return rows
    },

    async listProfiles(): Promise<ProfileRow[]> {
      return db.selectFrom('profiles').selectAll().orderBy('display_name').execute()
    },

    /** Inserts or updates the profile and its sealed grant in one statement; returns its id. */
    async upsertProfile(input: {
      network: string
      instance: string
      networkUserId: string
      displayName: string
      handle: string
      connectedBy: string
      grant: SealedGrant
      setupState: 'picking' | 'ready'
      nowMs: number
    }): Promise<string> {
      const existing = await this.findProfile(input.network, input.instance, input.networkUserId)
      const values = {
        display_name: input.displayName,
        handle: input.handle,
        connected_by: input.connectedBy,
        access_token_enc: input.grant.accessTokenEnc,
        refresh_token_enc: input.grant.refreshTokenEnc,
        access_expires_at: input.grant.accessExpiresAt,
        refresh_expires_at: input.grant.refreshExpiresAt,
        data_access_expires_at: input.grant.dataAccessExpiresAt,
        scopes: input.grant.scopes.join(' '),
        health: 'active',
        health_reason: '',
        health_detail: '',
        health_changed_at: input.nowMs,
        last_error_raw: '',
        connected_at: input.nowMs,
        updated_at: input.nowMs,
      }
      if (existing) {
        await db
          .updateTable('profiles')
          .set({ ...values, setup_state: existing.setup_state === 'ready' ? 'ready' : input.setupState })
          .where('id', '=', existing.id)
          .execute()
        return existing.id
      }
      const id = idSource.uuid()
      await db
        .insertInto('profiles')
        .values({
          id,
          network: input.network,
          instance: input.instance,
          network_user_id: input.networkUserId,
          setup_state: input.setupState,
          created_at: input.nowMs,
          ...values,
        })
        .execute()
      return id
    },

    /** Commits renewed tokens; the caller uses the new access token only after this resolves. */
    async saveGrant(profileId: string, grant: SealedGrant, nowMs: number): Promise<void> {
      await db
        .updateTable('profiles')
        .set({
          access_token_enc: grant.accessTokenEnc,
          refresh_token_enc: grant.refreshTokenEnc,
          access_expires_at: grant.accessExpiresAt,
          refresh_expires_at: grant.refreshExpiresAt,
          data_access_expires_at: grant.dataAccessExpiresAt,
          scopes: grant.scopes.join(' '),
          last_refresh_at: nowMs,
          updated_at: nowMs,
        })
        .where('id', '=', profileId)
        .execute()
    },

    async setHealth(profileId: string, health: string, reason: string, detail: string, raw: string, nowMs: number): Promise<void> {
      await db
        .updateTable('profiles')
        .set({ health, health_reason: reason, health_detail: detail, last_error_raw: raw, health_changed_at: nowMs, updated_at: nowMs })
        .where('id', '=', profileId)
        .execute()
    },

    async markProbed(profileId: string, nowMs: number, clocks: { accessExpiresAt?: number | null; dataAccessExpiresAt?: number | null }): Promise<void> {
      await db
        .updateTable('profiles')
        .set({
          last_probe_at: nowMs,
          ...(clocks.accessExpiresAt !== undefined ? { access_expires_at: clocks.accessExpiresAt } : {}),
          ...(clocks.dataAccessExpiresAt !== undefined ? { data_access_expires_at: clocks.dataAccessExpiresAt } : {}),
        })
        .where('id', '=', profileId)
        .execute()
    },

    async setSetupState(profileId: string, state: 'picking' | 'ready'): Promise<void> {
      await db.updateTable('profiles').set({ setup_state: state }).where('id', '=', profileId).execute()
    },

    async deleteProfile(profileId: string): Promise<void> {
      await db.deleteFrom('profiles').where('id', '=', profileId).execute()
    },

    async replacePending(profileId: string, channels: ChannelLinkInput[], nowMs: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('pending_channels').where('profile_id', '=', profileId).execute()
        if (channels.length === 0) return
        await trx
          .insertInto('pending_channels')
          .values(
            channels.map((c) => ({
              profile_id: profileId,
              network_channel_id: c.networkChannelId,
              network: c.network,
              kind: c.kind,
              name: c.name,
              handle: c.handle,
              tasks: c.tasks.join(','),
              token_enc: c.tokenEnc,
              discovered_at: nowMs,
            })),
          )
          .execute()
      })
    },

    async listPending(profileId: string) {
      return db.selectFrom('pending_channels').selectAll().where('profile_id', '=', profileId).orderBy('name').execute()
    },

    /**
     * Creates or refreshes the channels and this profile's links to them, and sets brand
     * memberships for the picked ones. Existing links of other profiles are untouched.
     */
    async linkChannels(profileId: string, links: (ChannelLinkInput & { brandIds?: string[] })[], nowMs: number): Promise<string[]> {
      return db.transaction().execute(async (trx) => {
        const ids: string[] = []
        const memberships: { brand_id: string; channel_id: string }[] = []
        for (const link of links) {
          const found = await trx
            .selectFrom('channels')
            .select('id')
            .where('network', '=', link.network)
            .where('instance', '=', link.instance)
            .where('network_channel_id', '=', link.networkChannelId)
            .executeTakeFirst()
          const channelId = found?.id ?? idSource.uuid()
          if (found) {
            await trx.updateTable('channels').set({ name: link.name, handle: link.handle, kind: link.kind }).where('id', '=', channelId).execute()
          } else {
            await trx
              .insertInto('channels')
              .values({
                id: channelId,
                network: link.network,
                instance: link.instance,
                network_channel_id: link.networkChannelId,
                kind: link.kind,
                name: link.name,
                handle: link.handle,
                created_at: nowMs,
              })
              .execute()
          }
          await trx
            .insertInto('channel_links')
            .values({ channel_id: channelId, profile_id: profileId, token_enc: link.tokenEnc, tasks: link.tasks.join(','), health: 'active', health_detail: '', created_at: nowMs })
            .onConflict((oc) => oc.columns(['channel_id', 'profile_id']).doUpdateSet({ token_enc: link.tokenEnc, tasks: link.tasks.join(','), health: 'active', health_detail: '' }))
            .execute()
          for (const brandId of link.brandIds ?? []) memberships.push({ brand_id: brandId, channel_id: channelId })
          ids.push(channelId)
        }
        // One multi-row insert per few thousand memberships, not one statement per (channel, brand).
        for (const rows of chunked(memberships, rowsPerInsert(2))) {
          await trx.insertInto('brand_channels').values(rows).onConflict((oc) => oc.doNothing()).execute()
        }
        return ids
      })
    },

    async linksOfProfile(profileId: string) {
      return db
        .selectFrom('channel_links as l')
        .innerJoin('channels as c', 'c.id', 'l.channel_id')
        .select(['l.channel_id', 'l.token_enc', 'l.tasks', 'l.health', 'l.health_detail', 'c.network_channel_id', 'c.kind', 'c.name', 'c.network', 'c.instance'])
        .where('l.profile_id', '=', profileId)
        .execute()
    },

    async getChannel(channelId: string) {
      return db.selectFrom('channels').selectAll().where('id', '=', channelId).executeTakeFirst()
    },

    async linksOfChannel(channelId: string) {
      return db
        .selectFrom('channel_links as l')
        .innerJoin('profiles as p', 'p.id', 'l.profile_id')
        .select(['l.profile_id', 'l.token_enc', 'l.tasks', 'l.health as link_health', 'p.health as profile_health', 'p.network_user_id', 'p.display_name', 'p.last_probe_at', 'p.connected_at'])
        // Oldest link first, and a stable order for links made in the same millisecond.
        .orderBy('l.created_at')
        .orderBy('l.profile_id')
        .where('l.channel_id', '=', channelId)
        .execute()
    },

    async setLinkHealth(channelId: string, profileId: string, health: string, detail: string): Promise<void> {
      await db.updateTable('channel_links').set({ health, health_detail: detail }).where('channel_id', '=', channelId).where('profile_id', '=', profileId).execute()
    },

    /** The roles the network reports for a link now (a promotion or a demotion changes what it may do). */
    async setLinkTasks(channelId: string, profileId: string, tasks: readonly string[]): Promise<void> {
      await db.updateTable('channel_links').set({ tasks: tasks.join(',') }).where('channel_id', '=', channelId).where('profile_id', '=', profileId).execute()
    },

    async channelIdsOfProfile(profileId: string): Promise<string[]> {
      const rows = await db.selectFrom('channel_links').select('channel_id').where('profile_id', '=', profileId).execute()
      return rows.map((r) => r.channel_id)
    },

    async countChannelsPerProfile(): Promise<Map<string, number>> {
      const rows = await db.selectFrom('channel_links').select(['profile_id', sql<number>`count(*)`.as('n')]).groupBy('profile_id').execute()
      return new Map(rows.map((r) => [r.profile_id, Number(r.n)]))
    },

    /** When each broken profile's current break began: its last change into that health, from the event log. */
    async brokenSince(): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('profiles as p')
        .select([
          'p.id',
          (eb) =>
            eb
              .selectFrom('token_events as e')
              .select((e) => e.fn.max('e.at').as('at'))
              .whereRef('e.profile_id', '=', 'p.id')
              .where('e.kind', '=', 'health_changed')
              .whereRef('e.health_after', '=', 'p.health')
              .as('since'),
        ])
        .where('p.health', 'in', [...BROKEN_GRANT_HEALTH])
        .execute()
      return new Map(rows.filter((r) => r.since !== null).map((r) => [r.id, Number(r.since)]))
    },

    async brokenProfileIds(): Promise<string[]> {
      const rows = await db.selectFrom('profiles').select('id').where('health', 'in', [...BROKEN_GRANT_HEALTH]).execute()
      return rows.map((r) => r.id)
    },

    async logEvent(event: {
      profileId: string
      at: number
      kind: string
      healthBefore?: string
      healthAfter?: string
      reason?: string
      detail?: string
      raw?: string
    }): Promise<void> {
      await db
        .insertInto('token_events')
        .values({
          profile_id: event.profileId,
          at: event.at,
          kind: event.kind,
          health_before: event.healthBefore ?? null,
          health_after: event.healthAfter ?? null,
          reason: event.reason ?? null,
          detail: event.detail ?? '',
          raw: event.raw ?? null,
        })
        .execute()
    },

    async listEvents(profileId: string, limit: number) {
      return db.selectFrom('token_events').selectAll().where('profile_id', '=', profileId).orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute()
    },

    /** Records a notification unless this (profile, stage, subject) was already notified; true when new. */
    async claimNotification(profileId: string, stage: string, subject: string, nowMs: number): Promise<boolean> {
      const result = await db
        .insertInto('notification_log')
        .values({ profile_id: profileId, stage, subject, sent_at: nowMs })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0
    },

    async getCredentials(network: string, instance: string) {
      return db.selectFrom('app_credentials').selectAll().where('network', '=', network).where('instance', '=', instance).executeTakeFirst()
    },

    async listCredentials() {
      return db.selectFrom('app_credentials').selectAll().orderBy('network').execute()
    },

    async saveCredentials(input: { network: string; instance: string; clientId: string; clientSecretEnc: Uint8Array | null; registeredRedirectUri: string; nowMs: number }) {
      await db
        .insertInto('app_credentials')
        .values({
          network: input.network,
          instance: input.instance,
          client_id: input.clientId,
          client_secret_enc: input.clientSecretEnc,
          registered_redirect_uri: input.registeredRedirectUri,
          created_at: input.nowMs,
          updated_at: input.nowMs,
        })
        .onConflict((oc) =>
          oc.columns(['network', 'instance']).doUpdateSet({
            client_id: input.clientId,
            client_secret_enc: input.clientSecretEnc,
            registered_redirect_uri: input.registeredRedirectUri,
            updated_at: input.nowMs,
          }),
        )
        .execute()
    },

    async deleteCredentials(network: string, instance: string) {
      await db.deleteFrom('app_credentials').where('network', '=', network).where('instance', '=', instance).execute()
    },
  }
}
