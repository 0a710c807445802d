import BetterSqlite3 from 'better-sqlite3'
import { MIGRATIONS } from '../../src/main/db/migrations'

/** A database migrated up to (not including) `version`, with one Facebook channel 'c1' for comments. */
export function migratedBefore(version: number): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:')
  for (const m of MIGRATIONS.filter((m) => m.version < version)) m.up(db)
  db.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES ('c1', 'facebook', 'page1', 'page', 'Acme', 1)").run()
  return db
}

/** A comment by Zoë Martín on channel 'c1', written straight into inbox_items; its row id. */
export const insertComment = (db: BetterSqlite3.Database, id: string, text: string): number =>
  Number(
    db
      .prepare(
        `INSERT INTO inbox_items (network, network_comment_id, channel_id, stream, network_post_id, thread_id, author_name, text, created_at, first_seen_at, updated_at)
         VALUES ('facebook', ?, 'c1', 'comments', 'p1', ?, 'Zoë Martín', ?, 1, 1, 1)`,
      )
      .run(id, id, text).lastInsertRowid,
  )
