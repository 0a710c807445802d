import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../tests/fakes/ports'
import { openDatabase, type RelinkDatabase } from './client'
import { relaxedWrite } from './relaxed-write'

let dir: string | undefined
let database: RelinkDatabase | undefined
afterEach(async () => {
  await database?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const level = (d: RelinkDatabase): number => d.sqlite.pragma('synchronous', { simple: true }) as number

describe('relaxedWrite', () => {
  it('commits with synchronous = NORMAL and puts FULL back, even when the work throws', () => {
    dir = tempDir()
    database = openDatabase(join(dir, 'relink.db'), { nowMs: 1 })
    const d = database
    expect(level(d)).toBe(2)
    expect(relaxedWrite(d.sqlite, () => level(d))).toBe(1)
    expect(level(d)).toBe(2)
    expect(() =>
      relaxedWrite(d.sqlite, () => {
        throw new Error('boom')
      }),
    ).toThrow('boom')
    expect(level(d)).toBe(2)
  })

  it('leaves a transaction already open to its own durability', () => {
    dir = tempDir()
    database = openDatabase(join(dir, 'relink.db'), { nowMs: 1 })
    const d = database
    const inside = d.sqlite.transaction(() => relaxedWrite(d.sqlite, () => level(d)))
    expect(inside()).toBe(2)
  })
})
