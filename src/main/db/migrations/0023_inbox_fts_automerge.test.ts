import { describe, expect, it } from 'vitest'
import { insertComment, migratedBefore } from '../../../../tests/fakes/inbox-migrations'
import { createSearchIndex } from '../../inbox/search-index'
import { m0023InboxFtsAutomerge } from './0023_inbox_fts_automerge'

describe('0023_inbox_fts_automerge', () => {
  it('merges the search index’s segments eight at a time, and comments indexed in many batches stay found', () => {
    const db = migratedBefore(m0023InboxFtsAutomerge.version)
    const automerge = () => db.prepare("SELECT v FROM inbox_fts_config WHERE k = 'automerge'").pluck().get()
    const before = insertComment(db, 'c-old', 'Remboursement demandé')
    expect(automerge()).toBeUndefined()
    m0023InboxFtsAutomerge.up(db)
    expect(automerge()).toBe(8)
    const index = createSearchIndex(db)
    index.catchUp()
    for (let batch = 0; batch < 40; batch++) {
      for (let k = 0; k < 5; k++) insertComment(db, `c-${batch}-${k}`, `Remboursement numéro ${batch}`)
      index.catchUp()
    }
    expect(db.prepare("SELECT count(*) FROM inbox_fts WHERE inbox_fts MATCH 'rembourse*'").pluck().get()).toBe(201)
    expect(db.prepare("SELECT rowid FROM inbox_fts WHERE inbox_fts MATCH 'demande'").pluck().all()).toEqual([before])
    db.exec("INSERT INTO inbox_fts(inbox_fts) VALUES ('integrity-check')")
  })
})
