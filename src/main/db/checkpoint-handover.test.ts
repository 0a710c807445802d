import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../tests/fakes/ports'
import type { WalCheckpoints } from '../ports'
import { openDatabase, type RelinkDatabase } from './client'
import { HANDED_OVER_AUTOCHECKPOINT, handOverCheckpoints, MAIN_AUTOCHECKPOINT } from './checkpoint-handover'

const databases: RelinkDatabase[] = []
afterEach(async () => {
  for (const d of databases.splice(0)) await d.close()
})

const opened = (file: string): RelinkDatabase => {
  const database = openDatabase(file, { nowMs: 0 })
  databases.push(database)
  return database
}
const threshold = (database: RelinkDatabase): unknown => database.sqlite.pragma('wal_autocheckpoint', { simple: true })

/** A WalCheckpoints that records what it was asked, and can stop by itself as a failed thread would. */
function recording() {
  const calls: string[] = []
  let fail: (reason: string) => void = () => undefined
  const port: WalCheckpoints = {
    start(file, onStopped) {
      calls.push(`start ${file}`)
      fail = onStopped
      return { stop: async () => void calls.push('stop') }
    },
  }
  return { port, calls, fail: (reason: string) => fail(reason) }
}

describe('handing the log’s checkpoints to another thread', () => {
  it('starts the thread on the database file and keeps main’s own checkpoints only as a safety net until stopped', async () => {
    const database = opened(join(tempDir(), 'relink.db'))
    const { port, calls } = recording()
    const logs: string[] = []
    const handed = handOverCheckpoints(database, port, { log: (level, message) => logs.push(`${level} ${message}`) })
    expect(calls).toEqual([`start ${database.file}`])
    expect(threshold(database)).toBe(HANDED_OVER_AUTOCHECKPOINT)
    await handed.stop()
    expect(calls).toEqual([`start ${database.file}`, 'stop'])
    expect(threshold(database)).toBe(MAIN_AUTOCHECKPOINT)
    expect(logs).toEqual([])
  })

  it('takes the checkpoints back, and says so in the log, when the thread stops by itself', async () => {
    const database = opened(join(tempDir(), 'relink.db'))
    const { port, fail } = recording()
    const logs: { level: string; message: string; fields?: Record<string, unknown> }[] = []
    handOverCheckpoints(database, port, { log: (level, message, fields) => logs.push({ level, message, ...(fields ? { fields } : {}) }) })
    fail('disk I/O error')
    expect(threshold(database)).toBe(MAIN_AUTOCHECKPOINT)
    expect(logs).toEqual([{ level: 'warn', message: 'database: the checkpoint thread stopped; main checkpoints again', fields: { reason: 'disk I/O error' } }])
  })

  it('leaves main checkpointing as SQLite does without a thread, or for a database in memory', async () => {
    const database = opened(join(tempDir(), 'relink.db'))
    await handOverCheckpoints(database, undefined, { log: () => undefined }).stop()
    expect(threshold(database)).toBe(MAIN_AUTOCHECKPOINT)
    const memory = opened(':memory:')
    const { port, calls } = recording()
    await handOverCheckpoints(memory, port, { log: () => undefined }).stop()
    expect(calls).toEqual([])
  })
})
