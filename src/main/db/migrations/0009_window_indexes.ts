import type { Migration } from './types'

/**
 * Per-channel questions at agency scale (500 channels, 100,000 deliveries): the scheduled posts a
 * lapsing sign-in would miss, the held posts of the channels a reconnect healed, the free slots of
 * one channel. Each starts from a state, then a channel, then a time: one seek per channel instead
 * of a scan of every delivery in that state. It replaces the older reasoning that no index should
 * lead with the channel: this one still leads with the state.
 */
export const m0009WindowIndexes: Migration = {
  version: 9,
  name: '0009_window_indexes',
  up(db) {
    db.exec(`CREATE INDEX deliveries_by_state_channel_due ON deliveries(state, channel_id, due_at)`)
  },
}
