import type { Migration } from './types'

/**
 * The search index merges its segments eight at a time instead of four (FTS5's 'automerge'). With
 * comments indexed a thousand at a time (0020), each batch is a small segment, and merging them
 * four by four rewrote every comment's terms once per level: about a tenth of the CPU time of
 * storing a comment. Eight by eight rewrites them about half as often; a search reads a few
 * more segments (16 against 12 at 200,000 comments), no slower in the inbox benchmark.
 */
export const m0023InboxFtsAutomerge: Migration = {
  version: 23,
  name: '0023_inbox_fts_automerge',
  up(db) {
    db.exec("INSERT INTO inbox_fts(inbox_fts, rank) VALUES ('automerge', 8)")
  },
}
