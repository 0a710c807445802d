import type { Kysely } from 'kysely'
import { BROKEN_GRANT_HEALTH } from '../../../shared/domain/health'
import { NETWORK_LABELS, type Network } from '../../../shared/domain/network'
import type { DB } from '../schema'

export type ProfileRepository = ReturnType<typeof createProfileRepository>

export function createProfileRepository(db: Kysely<DB>) {
  return {
    async countExpiring(): Promise<number> {
      const row = await db.selectFrom('profiles').select((eb) => eb.fn.countAll<number>().as('n')).where('health', '=', 'expiring').executeTakeFirst()
      return Number(row?.n ?? 0)
    },

    /** Profiles whose grant is broken, for the tray menu and the header dropdown. */
    async listBroken(): Promise<{ id: string; label: string; health: string }[]> {
      const rows = await db
        .selectFrom('profiles')
        .select(['id', 'network', 'display_name', 'health'])
        .where('health', 'in', [...BROKEN_GRANT_HEALTH])
        .orderBy('display_name')
        .execute()
      return rows.map((r) => ({ id: r.id, label: `${r.display_name} (${NETWORK_LABELS[r.network as Network] ?? r.network})`, health: r.health }))
    },
  }
}
