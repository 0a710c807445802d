import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from './index'
import { m0016LinkedinMemberStreams } from './0016_linkedin_member_streams'

describe('0016_linkedin_member_streams', () => {
  it('drops the failed reads and gaps of LinkedIn member channels and keeps everyone else’s', () => {
    const db = new BetterSqlite3(':memory:')
    for (const m of MIGRATIONS.filter((m) => m.version < m0016LinkedinMemberStreams.version)) m.up(db)
    db.exec(`
      INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES
        ('ava', 'linkedin', 'p1', 'member', 'Ava Lindqvist', 1), ('org', 'linkedin', 'o1', 'organization', 'Northwind', 1);
      INSERT INTO sync_state (channel_id, stream, last_error_at, last_error_reason, consecutive_failures) VALUES
        ('ava', 'comments', 5, 'unknown_auth', 4), ('ava', 'channel_metrics', 5, 'unknown_auth', 4), ('org', 'comments', NULL, NULL, 0);
      INSERT INTO sync_runs (channel_id, stream, mode, started_at, finished_at, ok, reason) VALUES
        ('ava', 'comments', 'poll', 1, 2, 0, 'unknown_auth'), ('org', 'comments', 'poll', 1, 2, 1, NULL);
      INSERT INTO sync_gaps (channel_id, stream, started_at, reason, state, created_at) VALUES
        ('ava', 'comments', 1, 'unknown_auth', 'open', 1), ('org', 'comments', 1, 'revoked_by_user', 'open', 1);
    `)
    m0016LinkedinMemberStreams.up(db)
    const channelsOf = (table: string) => (db.prepare(`SELECT DISTINCT channel_id FROM ${table}`).all() as { channel_id: string }[]).map((r) => r.channel_id)
    for (const table of ['sync_state', 'sync_runs', 'sync_gaps']) expect(channelsOf(table)).toEqual(['org'])
  })
})
