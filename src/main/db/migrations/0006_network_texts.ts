import type { Migration } from './types'

/**
 * A post's text per network where the person customised it ("shorter for X"): a JSON object from
 * network to text. Networks missing from it publish the shared `text`.
 */
export const m0006NetworkTexts: Migration = {
  version: 6,
  name: '0006_network_texts',
  up(db) {
    db.exec(`ALTER TABLE posts ADD COLUMN network_texts TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(network_texts) AND json_type(network_texts) = 'object')`)
  },
}
