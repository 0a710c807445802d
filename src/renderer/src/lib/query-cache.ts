/**
 * One answer per question for the whole window: every `useQuery` asking the same command with the
 * same input shares one request while it is in flight, and a page opened again shows the last
 * answer at once while the fresh one is read. Events make each reader ask again; those requests
 * meet here and become one.
 */
import type { CommandName } from '../../../shared/ipc/channels'
import { keepEqual } from './keep-equal'

interface Entry {
  /** The request in flight, shared by everyone who asks meanwhile. */
  pending: Promise<unknown> | undefined
  /** When it started, on the cache's own counter. */
  startedAt: number
  /** The last answer, if one arrived. */
  value: { data: unknown } | undefined
}

/** Enough for every page's questions; the oldest is dropped first. */
const MAX_ENTRIES = 64

export interface QueryCache {
  /** The last answer to this question, if any. */
  peek(name: CommandName, inputKey: string): { data: unknown } | undefined
  /**
   * Asks, or joins the request already in flight for the same question if it started after
   * `notBefore` (a `ticket()` taken when something changed, so nobody joins a stale request).
   */
  read(name: CommandName, inputKey: string, ask: () => Promise<unknown>, notBefore?: number): Promise<unknown>
  /** Puts a fresher answer in place (one a command just returned). */
  put(name: CommandName, inputKey: string, data: unknown): void
  /** A point on the cache's counter: requests started after it will see what changed before it. */
  ticket(): number
  clear(): void
}

export function createQueryCache(maxEntries = MAX_ENTRIES): QueryCache {
  const entries = new Map<string, Entry>()
  let counter = 0
  const keyOf = (name: CommandName, inputKey: string): string => `${name} ${inputKey}`

  function touch(key: string): Entry {
    const entry = entries.get(key) ?? { pending: undefined, startedAt: 0, value: undefined }
    entries.delete(key)
    entries.set(key, entry)
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value
      if (oldest === undefined) break
      entries.delete(oldest)
    }
    return entry
  }

  return {
    peek: (name, inputKey) => entries.get(keyOf(name, inputKey))?.value,
    read(name, inputKey, ask, notBefore = 0) {
      const key = keyOf(name, inputKey)
      const entry = touch(key)
      if (entry.pending && entry.startedAt > notBefore) return entry.pending
      const pending = ask().then((data) => {
        // What did not change stays the object readers already have (keep-equal.ts).
        const kept = keepEqual(entry.value?.data, data)
        if (entry.pending === pending || entry.value === undefined) entry.value = { data: kept }
        return kept
      })
      entry.pending = pending
      entry.startedAt = ++counter
      const settle = (): void => {
        if (entry.pending === pending) entry.pending = undefined
      }
      pending.then(settle, settle)
      return pending
    },
    put(name, inputKey, data) {
      touch(keyOf(name, inputKey)).value = { data }
    },
    ticket: () => ++counter,
    clear: () => entries.clear(),
  }
}

/** The window's one cache. */
export const queryCache = createQueryCache()
