/**
 * One answer per question for the whole window: every `useQuery` asking the same command with the
 * same input shares one request while it is in flight, and a page opened again shows the last
 * answer at once. Events make each reader ask again; those requests meet here and become one.
 *
 * The cache also hears the events its readers refresh on, for as long as the window lives, so it
 * knows when an answer is still current: asked after the cache began listening for each of the
 * question's events and with none of them heard since. A page opened again with such an answer
 * shows it and asks nothing; main announces every change by those events (other windows rely on
 * them the same way). An answer older than `MAX_AGE_MS` is asked again all the same.
 */
import type { CommandName, EventName } from '../../../shared/ipc/channels'
import { keepEqual } from './keep-equal'

interface Entry {
  /** The request in flight, shared by everyone who asks meanwhile. */
  pending: Promise<unknown> | undefined
  /** When it started, on the cache's own counter. */
  startedAt: number
  /** The last answer, if one arrived: the counter when it was asked for, and the time it arrived. */
  value: { data: unknown; askedAt: number; receivedAt: number } | undefined
}

/** Enough for every page's questions; the oldest is dropped first. */
const MAX_ENTRIES = 64
/** How long an answer with no event heard since stands without being asked again. */
export const MAX_AGE_MS = 60_000

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
  /** Whether the cache hears `event` already; `listen` says it does from now on. */
  listening(event: EventName): boolean
  listen(event: EventName): void
  /** An event the cache listens for arrived: answers asked before it are no longer current. */
  heard(event: EventName): void
  /**
   * The answer, if it can be shown without asking: asked after `notBefore`, after the cache began
   * hearing every one of `events` (at least one) and before any of them was heard, `now - MAX_AGE_MS` at the latest.
   */
  current(name: CommandName, inputKey: string, events: readonly EventName[], notBefore: number, now: number): { data: unknown } | undefined
  clear(): void
}

export function createQueryCache(maxEntries = MAX_ENTRIES, clock: () => number = Date.now): QueryCache {
  const entries = new Map<string, Entry>()
  let counter = 0
  const listeningSince = new Map<EventName, number>()
  const lastHeard = new Map<EventName, number>()
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
    peek(name, inputKey) {
      const value = entries.get(keyOf(name, inputKey))?.value
      return value ? { data: value.data } : undefined
    },
    read(name, inputKey, ask, notBefore = 0) {
      const key = keyOf(name, inputKey)
      const entry = touch(key)
      if (entry.pending && entry.startedAt > notBefore) return entry.pending
      const askedAt = ++counter
      const pending = ask().then((data) => {
        // What did not change stays the object readers already have (keep-equal.ts).
        const kept = keepEqual(entry.value?.data, data)
        if (entry.pending === pending || entry.value === undefined) entry.value = { data: kept, askedAt, receivedAt: clock() }
        return kept
      })
      entry.pending = pending
      entry.startedAt = askedAt
      const settle = (): void => {
        if (entry.pending === pending) entry.pending = undefined
      }
      pending.then(settle, settle)
      return pending
    },
    put(name, inputKey, data) {
      touch(keyOf(name, inputKey)).value = { data, askedAt: ++counter, receivedAt: clock() }
    },
    ticket: () => ++counter,
    listening: (event) => listeningSince.has(event),
    listen(event) {
      if (!listeningSince.has(event)) listeningSince.set(event, ++counter)
    },
    heard(event) {
      lastHeard.set(event, ++counter)
    },
    current(name, inputKey, events, notBefore, now) {
      const value = entries.get(keyOf(name, inputKey))?.value
      if (!value || events.length === 0 || value.askedAt <= notBefore || now - value.receivedAt > MAX_AGE_MS) return undefined
      const unchanged = events.every((event) => {
        const since = listeningSince.get(event)
        return since !== undefined && since < value.askedAt && (lastHeard.get(event) ?? 0) < value.askedAt
      })
      return unchanged ? { data: value.data } : undefined
    },
    clear: () => entries.clear(),
  }
}

/** The window's one cache. */
export const queryCache = createQueryCache()
