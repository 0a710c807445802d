import { statSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { createThreadCheckpoints } from '../../../src/main/platform/wal-checkpoints'
import { tempDir } from '../../fakes/ports'

const checkpoints = createThreadCheckpoints({
  entry: new URL('../../../src/main/platform/checkpoint-thread.ts', import.meta.url),
  execArgv: ['--import', 'tsx'],
  busyMs: 5,
  idleMs: 20,
})
const open: BetterSqlite3.Database[] = []
const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop()
  for (const db of open.splice(0)) db.close()
})

/** A WAL database whose connection never checkpoints by itself: only the thread copies its log. */
function walDatabase(): { db: BetterSqlite3.Database; file: string } {
  const file = join(tempDir('relink-wal-'), 'relink.db')
  const db = new BetterSqlite3(file)
  open.push(db)
  db.pragma('journal_mode = WAL')
  db.pragma('wal_autocheckpoint = 0')
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)')
  return { db, file }
}

/** About `kb` KB of rows in transactions of 16 KB. */
function write(db: BetterSqlite3.Database, kb: number): void {
  const insert = db.prepare('INSERT INTO t (body) VALUES (?)')
  for (let i = 0; i < kb / 16; i++) db.transaction(() => { for (let k = 0; k < 16; k++) insert.run('x'.repeat(1000)) })()
}

const size = (file: string): number => statSync(file).size

async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 10) {
    if (waited > 15_000) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('checkpoints on a thread of their own', () => {
  it('copies the log into the database file while main writes, and the log starts over instead of growing', async () => {
    const { db, file } = walDatabase()
    write(db, 2048)
    expect(size(file)).toBeLessThan(64 * 1024)
    const stopped: string[] = []
    const running = checkpoints.start(file, (reason) => stopped.push(reason))
    stops.push(() => running.stop())
    await until(() => size(file) >= 2048 * 1024, 'the database file holds the rows')
    // Six more megabytes in rounds: a log that never started over would pass 8 MB. A write that
    // comes while the thread is still copying appends; one after it has copied everything starts
    // the log from its beginning again (no fixed moment is asserted, the machine may be busy).
    for (let round = 0; round < 24; round++) {
      write(db, 256)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(size(`${file}-wal`)).toBeLessThan(4 * 1024 * 1024)
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2048 + 24 * 256)
    expect(stopped).toEqual([])
  })

  it('keeps up with writes arriving while it works', async () => {
    const { db, file } = walDatabase()
    const running = checkpoints.start(file, () => undefined)
    stops.push(() => running.stop())
    for (let round = 0; round < 8; round++) {
      write(db, 512)
      await new Promise((resolve) => setTimeout(resolve, 15))
    }
    await until(() => size(file) >= 4096 * 1024, 'every round is in the database file')
  })

  it('stops when asked, closing its connection, so main can empty the log and remove it', async () => {
    const { db, file } = walDatabase()
    write(db, 256)
    const stopped: string[] = []
    const running = checkpoints.start(file, (reason) => stopped.push(reason))
    await until(() => size(file) >= 256 * 1024, 'the first copy')
    await running.stop()
    await running.stop()
    write(db, 64)
    expect(db.pragma('wal_checkpoint(TRUNCATE)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }])
    db.close()
    open.splice(open.indexOf(db), 1)
    expect(() => statSync(`${file}-wal`)).toThrow()
    expect(stopped).toEqual([])
  })

  it('says why when it cannot work, and does not throw at main', async () => {
    const file = join(tempDir('relink-wal-'), 'missing.db')
    const reasons: string[] = []
    const running = checkpoints.start(file, (reason) => reasons.push(reason))
    stops.push(() => running.stop())
    await until(() => reasons.length > 0, 'the thread says it failed')
    expect(reasons).toHaveLength(1)
    expect(reasons[0]).toMatch(/unable to open|does not exist|directory does not exist/i)
  })
})
