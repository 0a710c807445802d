import { statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { CHECKPOINT_THREAD_FILE, checkpointThreadEntry, createThreadCheckpoints } from '../../../src/main/platform/wal-checkpoints'
import { builtThread, importsOf } from '../../fakes/built-thread'
import { tempDir } from '../../fakes/ports'

let remove = (): void => undefined
afterAll(() => remove())

describe('the checkpoint thread in the built app', () => {
  it('is started by the name electron-vite builds it under, beside main’s index.js', () => {
    expect(CHECKPOINT_THREAD_FILE).toBe('checkpoint-thread.js')
    expect(basename(fileURLToPath(checkpointThreadEntry('/opt/Relink/resources/app.asar/out/main')))).toBe(CHECKPOINT_THREAD_FILE)
  })

  it('runs from its bundle with plain Node, its packages shipped with the app', { timeout: 60_000 }, async () => {
    const built = await builtThread('checkpoint-thread')
    remove = built.remove
    // Everything it imports is Node's own or a dependency packaged with the app (not a dev dependency).
    const { imported, unshipped } = importsOf(checkpointThreadEntry(built.mainDir))
    expect(imported).toContain('better-sqlite3')
    expect(unshipped).toEqual([])

    const file = join(tempDir('relink-wal-'), 'relink.db')
    const db = new BetterSqlite3(file)
    db.pragma('journal_mode = WAL')
    db.pragma('wal_autocheckpoint = 0')
    db.exec('CREATE TABLE t (body TEXT)')
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)')
    db.transaction(() => { for (let i = 0; i < 512; i++) insert.run('x'.repeat(1000)) })()
    const running = createThreadCheckpoints({ entry: checkpointThreadEntry(built.mainDir), execArgv: [], busyMs: 5, idleMs: 10 }).start(file, (reason) => {
      throw new Error(reason)
    })
    for (let waited = 0; statSync(file).size < 512_000; waited += 10) {
      if (waited > 15_000) throw new Error('the built thread did not copy the log')
      await new Promise((r) => setTimeout(r, 10))
    }
    await running.stop()
    db.close()
  })
})
