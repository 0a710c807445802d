import type { Migration } from './types'

/**
 * Publishing without a marker in the text: what a lookup needs and what it leaves for a person.
 * - `review_candidates`: for a delivery in `needs_review` because several of the channel's posts
 *   may be it, those posts (a JSON array of `{ networkPostId, url, publishedAt }`), shown to the
 *   person who decides; null otherwise.
 * - `container_id`: Instagram's media container made for the delivery, recorded before it is
 *   published, so a lookup can ask the container's status.
 * Existing deliveries keep their `marker`: posts published with it in the text keep reconciling.
 */
export const m0007ReviewCandidates: Migration = {
  version: 7,
  name: '0007_review_candidates',
  up(db) {
    db.exec(`ALTER TABLE deliveries ADD COLUMN review_candidates TEXT CHECK (review_candidates IS NULL OR (json_valid(review_candidates) AND json_type(review_candidates) = 'array'))`)
    db.exec(`ALTER TABLE deliveries ADD COLUMN container_id TEXT`)
  },
}
