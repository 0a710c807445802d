import { sql, type Kysely } from 'kysely'
import type { DB } from '../schema'

/** An account on a network, as channels and their pictures are keyed. */
export interface AccountKey {
  network: string
  instance: string
  networkChannelId: string
}

/** A picture whose address has no download yet (new, changed, or failed more than a retry ago). */
export interface PictureToFetch extends AccountKey {
  url: string
  /** The address the kept picture came from, if one is kept. */
  fetchedUrl: string | null
}

export type PictureRepository = ReturnType<typeof createPictureRepository>

export function createPictureRepository(db: Kysely<DB>) {
  const where = (key: AccountKey) =>
    db
      .updateTable('channel_pictures')
      .where('network', '=', key.network)
      .where('instance', '=', key.instance)
      .where('network_channel_id', '=', key.networkChannelId)

  return {
    /**
     * Records the address the network gave now. A new address keeps the old picture until the new
     * one is downloaded; `null` (the account has no picture) forgets the picture. True when a kept
     * picture was forgotten.
     */
    async noteUrl(key: AccountKey, url: string | null, nowMs: number): Promise<boolean> {
      const had = url === null && (await where(key).set({ data: null }).where('data', 'is not', null).executeTakeFirst()).numUpdatedRows > 0n
      await db
        .insertInto('channel_pictures')
        .values({ network: key.network, instance: key.instance, network_channel_id: key.networkChannelId, url, updated_at: nowMs })
        .onConflict((oc) =>
          oc.columns(['network', 'instance', 'network_channel_id']).doUpdateSet(
            url === null
              ? { url: null, fetched_url: null, mime_type: null, data: null, fetched_at: null, failed_at: null, updated_at: nowMs }
              : // A changed address may be tried at once, whatever the old one's failures.
                { url, failed_at: sql`CASE WHEN url IS ${url} THEN failed_at ELSE NULL END`, updated_at: nowMs },
          ),
        )
        .execute()
      return had
    },

    /** Pictures of existing channels still to download: never fetched from this address, not failed since `retryAfter`. */
    async toFetch(retryAfterMs: number): Promise<PictureToFetch[]> {
      const { rows } = await sql<{ network: string; instance: string; network_channel_id: string; url: string; fetched_url: string | null }>`
        SELECT p.network, p.instance, p.network_channel_id, p.url, p.fetched_url
        FROM channel_pictures p
        JOIN channels c ON c.network = p.network AND c.instance = p.instance AND c.network_channel_id = p.network_channel_id
        WHERE p.url IS NOT NULL AND p.fetched_url IS NOT p.url AND (p.failed_at IS NULL OR p.failed_at <= ${retryAfterMs})
        ORDER BY p.updated_at, p.network_channel_id`.execute(db)
      return rows.map((r) => ({ network: r.network, instance: r.instance, networkChannelId: r.network_channel_id, url: r.url, fetchedUrl: r.fetched_url }))
    },

    /** The kept picture is the one at this new address too: nothing to download. */
    async adoptUrl(item: PictureToFetch): Promise<void> {
      await where(item).where('url', '=', item.url).set({ fetched_url: item.url }).execute()
    },

    /** Keeps a download, unless the address changed meanwhile (the new one is fetched next). */
    async saveDownload(item: PictureToFetch, picture: { mimeType: string; data: Uint8Array }, nowMs: number): Promise<boolean> {
      const result = await where(item)
        .where('url', '=', item.url)
        .set({ fetched_url: item.url, mime_type: picture.mimeType, data: picture.data, fetched_at: nowMs, failed_at: null })
        .executeTakeFirst()
      return result.numUpdatedRows > 0n
    },

    async markFailed(item: PictureToFetch, nowMs: number): Promise<void> {
      await where(item).where('url', '=', item.url).set({ failed_at: nowMs }).execute()
    },

    /** The channel ids of these accounts (those that are channels). */
    async channelIdsOf(keys: readonly AccountKey[]): Promise<string[]> {
      if (keys.length === 0) return []
      const { rows } = await sql<{ id: string }>`
        SELECT c.id FROM channels c
        JOIN json_each(${JSON.stringify(keys.map((k) => [k.network, k.instance, k.networkChannelId]))}) k
          ON c.network = k.value ->> 0 AND c.instance = k.value ->> 1 AND c.network_channel_id = k.value ->> 2`.execute(db)
      return rows.map((r) => r.id)
    },

    /** Every channel's downloaded picture: one per channel. */
    async listForChannels(): Promise<{ channelId: string; mimeType: string; data: Uint8Array }[]> {
      const { rows } = await sql<{ id: string; mime_type: string; data: Uint8Array }>`
        SELECT c.id, p.mime_type, p.data
        FROM channels c
        JOIN channel_pictures p ON p.network = c.network AND p.instance = c.instance AND p.network_channel_id = c.network_channel_id
        WHERE p.data IS NOT NULL AND p.mime_type IS NOT NULL
        ORDER BY c.id`.execute(db)
      return rows.map((r) => ({ channelId: r.id, mimeType: r.mime_type, data: r.data }))
    },
  }
}
