import type { Kysely } from 'kysely'
import type { Brand, BrandSnapshot } from '../../../shared/domain/entities'
import { chunked, IN_LIST_CHUNK, rowsPerInsert } from '../chunks'
import type { IdSource } from '../../ports'
import type { DB } from '../schema'

export type BrandRepository = ReturnType<typeof createBrandRepository>

export function createBrandRepository(db: Kysely<DB>, ids: IdSource) {
  const selectBrands = () =>
    db
      .selectFrom('brands as b')
      .leftJoin('brand_channels as bc', 'bc.brand_id', 'b.id')
      .select(({ fn }) => ['b.id', 'b.name', 'b.color', 'b.created_at', fn.count<number>('bc.channel_id').as('channel_count')])
      .groupBy('b.id')

  const toBrand = (row: { id: string; name: string; color: string; created_at: number; channel_count: number }): Brand => ({
    id: row.id,
    name: row.name,
    color: row.color,
    createdAt: row.created_at,
    channelCount: Number(row.channel_count),
  })

  return {
    async list(): Promise<Brand[]> {
      const rows = await selectBrands().orderBy('b.name').execute()
      return rows.map(toBrand)
    },

    async get(id: string): Promise<Brand | undefined> {
      const row = await selectBrands().where('b.id', '=', id).executeTakeFirst()
      return row ? toBrand(row) : undefined
    },

    async findByName(name: string): Promise<{ id: string } | undefined> {
      // The column is COLLATE NOCASE, so this matches "Acme" and "acme" alike.
      return db.selectFrom('brands').select('id').where('name', '=', name).executeTakeFirst()
    },

    /** Which of these brand ids exist (any number of ids). */
    async existingIds(ids: readonly string[]): Promise<Set<string>> {
      const found = new Set<string>()
      for (const chunk of chunked([...new Set(ids)], IN_LIST_CHUNK)) {
        const rows = await db.selectFrom('brands').select('id').where('id', 'in', chunk).execute()
        for (const r of rows) found.add(r.id)
      }
      return found
    },

    async insert(input: { name: string; color: string; nowMs: number; id?: string }): Promise<string> {
      const id = input.id ?? ids.uuid()
      await db
        .insertInto('brands')
        .values({ id, name: input.name, color: input.color, created_at: input.nowMs, updated_at: input.nowMs })
        .execute()
      return id
    },

    async update(id: string, patch: { name?: string; color?: string }, nowMs: number): Promise<boolean> {
      const result = await db
        .updateTable('brands')
        .set({ ...patch, updated_at: nowMs })
        .where('id', '=', id)
        .executeTakeFirst()
      return result.numUpdatedRows > 0n
    },

    /** Deletes a brand (channels stay; only memberships go) and returns what undo needs. */
    async delete(id: string): Promise<BrandSnapshot | undefined> {
      return db.transaction().execute(async (trx) => {
        const brand = await trx.selectFrom('brands').selectAll().where('id', '=', id).executeTakeFirst()
        if (!brand) return undefined
        const links = await trx.selectFrom('brand_channels').select('channel_id').where('brand_id', '=', id).execute()
        await trx.deleteFrom('brands').where('id', '=', id).execute()
        return {
          id: brand.id,
          name: brand.name,
          color: brand.color,
          createdAt: brand.created_at,
          channelIds: links.map((l) => l.channel_id),
        }
      })
    },

    /** Puts a deleted brand back; memberships of channels deleted meanwhile are skipped. */
    async restore(snapshot: BrandSnapshot, nowMs: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('brands')
          .values({ id: snapshot.id, name: snapshot.name, color: snapshot.color, created_at: snapshot.createdAt, updated_at: nowMs })
          .execute()
        const existing: string[] = []
        for (const ids of chunked([...new Set(snapshot.channelIds)], IN_LIST_CHUNK)) {
          const rows = await trx.selectFrom('channels').select('id').where('id', 'in', ids).execute()
          existing.push(...rows.map((r) => r.id))
        }
        for (const ids of chunked(existing, rowsPerInsert(2))) {
          await trx
            .insertInto('brand_channels')
            .values(ids.map((channelId) => ({ brand_id: snapshot.id, channel_id: channelId })))
            .execute()
        }
      })
    },
  }
}
