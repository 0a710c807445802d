/**
 * Crash harness for storing comments (the style of crash.test.ts): a child reads pages of comments
 * into the inbox through the app's ingest while this test SIGKILLs it at random moments, some of
 * them, by chance, while a batch of comments is being indexed for search (search-index.ts). After every kill:
 * the file is sound, FTS5 finds its index sound and matching the comments, no committed page is
 * lost, and every stored comment is either in the search index or waiting for it, never both and
 * never neither. At the end a search finds every comment.
 *
 * RELINK_INGEST_CRASH_KILLS sets the number of kills (default 12).
 */
import BetterSqlite3 from 'better-sqlite3'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/db/client'
import { createInboxQueries } from '../../../src/main/inbox/queries'
import { indexTotals } from '../../../src/main/inbox/search'
import { tempDir } from '../../fakes/ports'
import { bundleChild, runChild } from '../crash-child-process'

const KILLS = Number(process.env.RELINK_INGEST_CRASH_KILLS ?? '12')
const CHILD = fileURLToPath(new URL('./ingest-crash-child.ts', import.meta.url))

/** The file as a new connection sees it: sound, its index sound, each comment indexed or pending. */
function check(file: string): { stored: number; indexed: number; pending: number } {
  const db = new BetterSqlite3(file)
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    db.exec("INSERT INTO inbox_fts(inbox_fts) VALUES ('integrity-check')")
    const count = (sql: string): number => db.prepare(sql).pluck().get() as number
    // Every comment the child writes holds the word: what the index finds for it is what it holds
    // (it keeps no row per comment of its own, migration 0028), and its totals must agree.
    db.exec("CREATE TEMP TABLE indexed AS SELECT rowid AS id FROM inbox_fts WHERE inbox_fts MATCH 'crashword'")
    expect(count('SELECT count(*) FROM inbox_items WHERE id NOT IN (SELECT id FROM indexed) AND id NOT IN (SELECT id FROM inbox_fts_pending)')).toBe(0)
    expect(count('SELECT count(*) FROM inbox_fts_pending p JOIN indexed d ON d.id = p.id')).toBe(0)
    expect(count('SELECT count(*) FROM indexed WHERE id NOT IN (SELECT id FROM inbox_items)')).toBe(0)
    const indexed = count('SELECT count(*) FROM indexed')
    expect(indexTotals(db.prepare('SELECT block FROM inbox_fts_data WHERE id = 1').pluck().get() as Uint8Array | undefined).docs).toBe(indexed)
    return { stored: count('SELECT count(*) FROM inbox_items'), indexed, pending: count('SELECT count(*) FROM inbox_fts_pending') }
  } finally {
    db.close()
  }
}

describe('ingest crash harness', () => {
  it(
    `comments stored while killed ${KILLS} times: none lost, the search index sound and complete`,
    async () => {
      const child = await bundleChild(CHILD)
      const dir = tempDir('relink-ingest-crash-')
      const file = join(dir, 'inbox.db')
      try {
        let committed = 0
        let indexed = 0
        let runsIndexing = 0
        for (let kill = 0; kill < KILLS; kill++) {
          // Long enough for a run to fill a batch (5,000 comments) now and then, on a loaded machine too.
          const run = await runChild(child, { RELINK_INGEST_CRASH_DB: file }, 200 + Math.floor(Math.random() * 2_500), 60_000)
          if (run.signal !== 'SIGKILL') throw new Error(`the child ended by itself (code ${run.code}): ${run.stderr}`)
          const reported = [...run.stdout.matchAll(/stored (\d+)/g)].map((m) => Number(m[1]))
          committed = Math.max(committed, reported.at(-1) ?? 0)
          const state = check(file)
          expect(state.stored).toBeGreaterThanOrEqual(committed)
          committed = state.stored
          if (state.indexed > indexed) runsIndexing += 1
          indexed = state.indexed
        }
        const database = openDatabase(file, { nowMs: 1 })
        try {
          const found = createInboxQueries(database.sqlite).list({ search: 'crashword', limit: 1 })
          expect(found.items).toHaveLength(1)
          expect(database.sqlite.prepare("SELECT count(*) FROM inbox_fts WHERE inbox_fts MATCH 'crashword'").pluck().get()).toBe(committed)
        } finally {
          await database.close()
        }
        const state = check(file)
        expect(state).toEqual({ stored: committed, indexed: committed, pending: 0 })
        console.log(`ingest crash harness: ${JSON.stringify({ kills: KILLS, comments: committed, runsThatIndexedABatch: runsIndexing })}`)
        expect(runsIndexing).toBeGreaterThan(0)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
    Math.max(120_000, KILLS * 10_000),
  )
})
