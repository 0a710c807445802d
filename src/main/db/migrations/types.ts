import type { Database } from 'better-sqlite3'

/**
 * One forward-only schema step. Frozen once released: it must not import application code, so
 * that a later refactor can never change what an old migration does.
 */
export interface Migration {
  version: number
  name: string
  up(db: Database): void
}
