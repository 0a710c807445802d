import type { Migration } from './types'

/**
 * The times each channel usually posts at (Settings → Posting slots): a weekday (ISO, 1 Monday)
 * and a minute of the day on the channel's wall clock, in the time zone stored with them. A
 * channel's slots are written together, so every row of a channel carries the same zone.
 */
export const m0015PostingSlots: Migration = {
  version: 15,
  name: '0015_posting_slots',
  up(db) {
    db.exec(`
      CREATE TABLE posting_slots (
        channel_id TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
        weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        minute INTEGER NOT NULL CHECK (minute BETWEEN 0 AND 1439),
        time_zone TEXT NOT NULL,
        PRIMARY KEY (channel_id, weekday, minute)
      ) STRICT, WITHOUT ROWID;
    `)
  },
}
