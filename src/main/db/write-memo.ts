import type { Database } from 'better-sqlite3'

/**
 * A mark that changes whenever anything is written to the database: by this connection (its count
 * of rows written, cascades and triggers included) or by another (SQLite's data version). An
 * answer read under the same mark is still right.
 */
export function writeMarkOf(sqlite: Database): () => string {
  const changes = sqlite.prepare('SELECT total_changes()').pluck()
  return () => `${String(changes.get())}:${String(sqlite.pragma('data_version', { simple: true }))}`
}

/**
 * Answers kept by the question they answer while nothing is written: a question asked again under
 * the same mark is a lookup. An answer is kept only if nothing was written while it was read; the
 * oldest of more than `size` is dropped first.
 */
export function createWriteMemo(mark: () => Promise<string>, size: number) {
  const kept = new Map<string, { mark: string; value: unknown }>()
  return async function remembered<T>(key: string, read: () => Promise<T>): Promise<T> {
    const before = await mark()
    const found = kept.get(key)
    if (found?.mark === before) return found.value as T
    const value = await read()
    if ((await mark()) === before) {
      kept.delete(key)
      kept.set(key, { mark: before, value })
      for (const oldest of kept.keys()) {
        if (kept.size <= size) break
        kept.delete(oldest)
      }
    }
    return value
  }
}
