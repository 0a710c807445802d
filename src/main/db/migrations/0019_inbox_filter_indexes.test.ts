import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { InboxQuery } from '../../../shared/domain/inbox'
import { newestFirst } from '../../inbox/queries'
import { MIGRATIONS } from './index'
import { m0019InboxFilterIndexes } from './0019_inbox_filter_indexes'

const planOf = (db: BetterSqlite3.Database, query: InboxQuery): string => {
  const page = newestFirst(query, 101)
  return (db.prepare(`EXPLAIN QUERY PLAN ${page.sql}`).all(...page.params) as { detail: string }[]).map((r) => r.detail).join(' | ')
}

describe('0019_inbox_filter_indexes', () => {
  const db = new BetterSqlite3(':memory:')
  for (const m of MIGRATIONS.filter((m) => m.version < m0019InboxFilterIndexes.version)) m.up(db)
  db.exec(`
    INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES ('c1', 'x', 'n1', 'account', 'Northwind', 1);
    INSERT INTO inbox_items (id, network, network_comment_id, channel_id, stream, network_post_id, thread_id, created_at, first_seen_at, updated_at)
      VALUES (1, 'x', 'a', 'c1', 'mentions', 'p', 'a', 1000, 1, 1), (2, 'x', 'b', 'c1', 'mentions', 'p', 'b', 2000, 1, 1);
    INSERT INTO inbox_labels (item_id, label) VALUES (1, 'urgent'), (2, 'urgent');
  `)
  // A label's page as it was asked before: each comment newest first, checked for the label.
  const oldLabelPage = `SELECT i.id FROM inbox_items i WHERE EXISTS (SELECT 1 FROM inbox_labels l WHERE l.item_id = i.id AND l.label = 'urgent') ORDER BY i.created_at DESC, i.id DESC LIMIT 101`
  const before = {
    network: planOf(db, { network: 'x' }),
    assignee: planOf(db, { assignee: 'Ana' }),
    label: (db.prepare(`EXPLAIN QUERY PLAN ${oldLabelPage}`).all() as { detail: string }[]).map((r) => r.detail).join(' | '),
  }
  m0019InboxFilterIndexes.up(db)

  it('pages the Inbox by network alone from an index by network and time, without sorting the network’s comments', () => {
    expect(before.network).toContain('USE TEMP B-TREE FOR ORDER BY')
    expect(planOf(db, { network: 'x' })).toContain('SEARCH i USING INDEX inbox_items_by_network_time (network=?)')
    expect(planOf(db, { network: 'x' })).not.toContain('TEMP B-TREE')
  })

  it('pages a teammate’s comments from the index of assigned comments, not by reading the whole inbox newest first', () => {
    expect(before.assignee).toContain('SCAN i USING INDEX inbox_items_by_time')
    expect(planOf(db, { assignee: 'Ana' })).toContain('SEARCH i USING INDEX inbox_items_by_assignee_time (assignee=?)')
  })

  it('pages a label from its rows newest first, which now carry their comment’s time', () => {
    expect(before.label).toContain('SCAN i USING COVERING INDEX inbox_items_by_time')
    const label = planOf(db, { label: 'urgent' })
    expect(label).toContain('SEARCH l USING COVERING INDEX inbox_labels_by_label_time (label=?)')
    expect(label).not.toContain('TEMP B-TREE')
    expect(db.prepare('SELECT item_id, item_created_at FROM inbox_labels ORDER BY item_id').all()).toEqual([
      { item_id: 1, item_created_at: 1000 },
      { item_id: 2, item_created_at: 2000 },
    ])
    const page = newestFirst({ label: 'urgent', before: { createdAt: 2000, id: 2 } }, 10)
    expect((db.prepare(page.sql).all(...page.params) as { id: number }[]).map((r) => r.id)).toEqual([1])
  })
})
