import { readFileSync, statSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { CHECKPOINT_THREAD_FILE, checkpointThreadEntry, createThreadCheckpoints } from '../../../src/main/platform/wal-checkpoints'
import { builtThread } from '../../fakes/built-thread'
import { tempDir } from '../../fakes/ports'

const root = resolve(import.meta.dirname, '..', '..', '..')
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
    const code = readFileSync(fileURLToPath(checkpointThreadEntry(built.mainDir)), 'utf8')
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
    const imported = [...code.matchAll(/^import .* from "([^"]+)";?$/gm)].map((m) => m[1] ?? '')
    expect(imported).toContain('better-sqlite3')
    for (const name of imported) expect(name.startsWith('node:') || name in pkg.dependencies, `${name} ships with the app`).toBe(true)

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
