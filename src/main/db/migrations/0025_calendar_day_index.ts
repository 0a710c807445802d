import type { Migration } from './types'

/**
 * The month and week views count each day's posts and name the first few (postsPerDay): every
 * delivery of the days shown, some 11,000 for an agency's month. With the post and the channel in
 * the index beside the state and time, those rows are read from the index alone instead of a seek
 * into the table for each. It replaces the index on (state, due_at), whose questions it answers too.
 */
export const m0025CalendarDayIndex: Migration = {
  version: 25,
  name: '0025_calendar_day_index',
  up(db) {
    db.exec(`
      CREATE INDEX deliveries_by_state_due_post ON deliveries(state, due_at, post_id, channel_id);
      DROP INDEX deliveries_by_state_due;
    `)
  },
}
