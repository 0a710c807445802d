import type { Database, Statement } from 'better-sqlite3'

/** Prepares each SQL text once per connection: hot paths reuse the compiled statement. */
export function statementCache(sqlite: Database): (sql: string) => Statement {
  const cache = new Map<string, Statement>()
  return (sql) => {
    let s = cache.get(sql)
    if (!s) {
      s = sqlite.prepare(sql)
      cache.set(sql, s)
    }
    return s
  }
}
