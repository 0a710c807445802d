import type { Migration } from './types'

/**
 * LinkedIn keeps a member's comments and statistics closed to apps (r_member_social), so the sync
 * engine no longer reads them; before, every read of a member channel failed and, after a few,
 * opened a gap that no reconnect could close. Those reads' bookkeeping and gaps are dropped.
 */
export const m0016LinkedinMemberStreams: Migration = {
  version: 16,
  name: '0016_linkedin_member_streams',
  up(db) {
    const members = `SELECT id FROM channels WHERE network = 'linkedin' AND kind = 'member'`
    db.exec(`
      DELETE FROM sync_gaps WHERE channel_id IN (${members});
      DELETE FROM sync_runs WHERE channel_id IN (${members});
      DELETE FROM sync_state WHERE channel_id IN (${members});
    `)
  },
}
