import type { Kysely } from 'kysely'
import type { DB } from '../schema'

/** Small facts about this database (when it was created, whether it holds the demo world). */
export type MetaRepository = ReturnType<typeof createMetaRepository>

export function createMetaRepository(db: Kysely<DB>) {
  return {
    async get(key: string): Promise<string | undefined> {
      const row = await db.selectFrom('app_settings').select('value').where('key', '=', key).executeTakeFirst()
      return row?.value
    },
    async set(key: string, value: string): Promise<void> {
      await db
        .insertInto('app_settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute()
    },
  }
}
