import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { insertComment, migratedBefore } from '../../../../tests/fakes/inbox-migrations'
import { m0024InboxCounts } from './0024_inbox_counts'

type Db = ReturnType<typeof migratedBefore>

/** The counts as counted over the items themselves, and as kept by the triggers. */
const counted = (db: Db) =>
  db.prepare(`SELECT channel_id, state, state = 'new' AND read_at IS NULL AS unread, count(*) AS n FROM inbox_items GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`).all()
const kept = (db: Db) => db.prepare('SELECT channel_id, state, unread, n FROM inbox_counts WHERE n > 0 ORDER BY 1, 2, 3').all()

const op = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), own: fc.boolean() }),
  fc.record({ kind: fc.constantFrom('read' as const, 'unread' as const, 'delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('state' as const), pick: fc.nat(), state: fc.constantFrom('new', 'assigned', 'done') }),
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat() }),
)

describe('0024_inbox_counts', () => {
  it('starts from the items already stored, and its triggers keep every count equal to counting the items', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const db = migratedBefore(m0024InboxCounts.version)
        db.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES ('c2', 'facebook', 'page2', 'page', 'Outlet', 1)").run()
        for (let i = 0; i < 3; i++) insertComment(db, `before${i}`, 'Hello')
        db.prepare("UPDATE inbox_items SET state = 'done', read_at = 1 WHERE network_comment_id = 'before0'").run()
        m0024InboxCounts.up(db)
        expect(kept(db)).toEqual(counted(db))
        let next = 0
        for (const o of ops) {
          const ids = (db.prepare('SELECT id FROM inbox_items ORDER BY id').pluck().all() as number[])
          const id = 'pick' in o ? ids[o.pick % Math.max(1, ids.length)] : undefined
          if (o.kind === 'insert') {
            const row = insertComment(db, `n${next++}`, 'Hi')
            if (o.own) db.prepare("UPDATE inbox_items SET own = 1, state = 'done', read_at = 2 WHERE id = ?").run(row)
          } else if (id === undefined) continue
          else if (o.kind === 'read') db.prepare('UPDATE inbox_items SET read_at = 5 WHERE id = ?').run(id)
          else if (o.kind === 'unread') db.prepare('UPDATE inbox_items SET read_at = NULL WHERE id = ?').run(id)
          else if (o.kind === 'delete') db.prepare('DELETE FROM inbox_items WHERE id = ?').run(id)
          else if (o.kind === 'state') db.prepare('UPDATE inbox_items SET state = ? WHERE id = ?').run(o.state, id)
          else db.prepare("UPDATE inbox_items SET channel_id = CASE channel_id WHEN 'c1' THEN 'c2' ELSE 'c1' END WHERE id = ?").run(id)
        }
        expect(kept(db)).toEqual(counted(db))
      }),
      { numRuns: 60 },
    )
  })

  it('drops the unread index, which nothing reads any more', () => {
    const db = migratedBefore(m0024InboxCounts.version)
    m0024InboxCounts.up(db)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'inbox_items_unread'").get()).toBeUndefined()
  })
})
