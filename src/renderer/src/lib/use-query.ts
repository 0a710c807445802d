import { useCallback, useEffect, useRef, useState } from 'react'
import type { CommandName, EventName } from '../../../shared/ipc/channels'
import type { CommandInput, CommandOutputs } from '../../../shared/ipc/contract'
import { call, errorMessage, subscribe, type CallArgs } from './api'
import { queryCache } from './query-cache'

export interface QueryState<T> {
  /** The last good answer; kept while a refresh is in flight so lists do not flash. */
  data: T | undefined
  error: string | undefined
  loading: boolean
  reload(): void
  /** Puts a fresher value in place, e.g. the one a command just returned. */
  replace(data: T): void
}

/**
 * Reads a command's data and reads it again whenever one of `refreshOn` fires, so every window
 * shows what another window (or a background refresh) just changed. Readers of the same question
 * share one request, and a page shows the last answer at once while it reads again (query-cache.ts).
 */
export function useQuery<K extends CommandName>(
  name: K,
  input: CommandInput<K> | undefined,
  refreshOn: readonly EventName[],
  /** `enabled: false` asks nothing (a view not on screen); data stays undefined. */
  options: { enabled?: boolean } = {},
): QueryState<CommandOutputs[K]> {
  const enabled = options.enabled ?? true
  // Callers pass object literals; compare by value so a re-render does not refetch.
  const inputKey = JSON.stringify(input ?? null)
  const eventsKey = refreshOn.join(' ')
  const [data, setData] = useState<CommandOutputs[K] | undefined>(() => queryCache.peek(name, inputKey)?.data as CommandOutputs[K] | undefined)
  const [error, setError] = useState<string>()
  // An answer still current (no event heard since it was asked) is shown without asking again.
  const [loading, setLoading] = useState(() => queryCache.current(name, inputKey, refreshOn, 0, Date.now()) === undefined)
  const [version, setVersion] = useState(0)
  // Taken when an event or reload asks for fresh data, so this reader never joins an older request.
  const notBefore = useRef(0)
  // The question the shown data answers: a cached answer is used only for a new question, never
  // to replace fresher data (a save's own answer) while the same question is read again.
  const shownKey = useRef(inputKey)

  useEffect(() => {
    if (!enabled) return
    let current = true
    const events = eventsKey ? (eventsKey.split(' ') as EventName[]) : []
    // Heard from before the request below starts, so its answer can stand later.
    hearForCache(events)
    const standing = queryCache.current(name, inputKey, events, notBefore.current, Date.now())
    if (standing) {
      shownKey.current = inputKey
      setData(standing.data as CommandOutputs[K])
      setError(undefined)
      setLoading(false)
      return
    }
    setLoading(true)
    const parsed = inputKey === 'null' ? undefined : (JSON.parse(inputKey) as CommandInput<K>)
    if (shownKey.current !== inputKey) {
      shownKey.current = inputKey
      const cached = queryCache.peek(name, inputKey)
      if (cached) setData(cached.data as CommandOutputs[K])
    }
    const answer = queryCache.read(name, inputKey, () => call(name, ...([parsed] as CallArgs<K>)), notBefore.current)
    deliverAnswer(answer, () => current, { data: (value) => setData(value as CommandOutputs[K]), error: setError, loading: setLoading })
    return () => {
      current = false
    }
  }, [name, inputKey, version, enabled, eventsKey])

  useEffect(() => {
    const events = eventsKey ? (eventsKey.split(' ') as EventName[]) : []
    const refresh = (): void => {
      notBefore.current = queryCache.ticket()
      setVersion((v) => v + 1)
    }
    const unsubscribers = events.map((event) => subscribe(event, refresh))
    return () => {
      for (const unsubscribe of unsubscribers) unsubscribe()
    }
  }, [eventsKey])

  const reload = useCallback(() => {
    notBefore.current = queryCache.ticket()
    setVersion((v) => v + 1)
  }, [])
  const replace = useCallback((next: CommandOutputs[K]) => {
    queryCache.put(name, inputKey, next)
    setData(next)
    setError(undefined)
  }, [name, inputKey])

  return enabled ? { data, error, loading, reload, replace } : { data: undefined, error: undefined, loading: false, reload, replace }
}

/**
 * Starts reading a question a part of the page asks once something else has arrived, so both are
 * read at once instead of one after the other; that part's `useQuery` then joins the request or
 * finds its answer. Holds no state: the page is not drawn again when the answer comes.
 */
export function usePrefetch<K extends CommandName>(name: K, input: CommandInput<K> | undefined, refreshOn: readonly EventName[]): void {
  const inputKey = JSON.stringify(input ?? null)
  const eventsKey = refreshOn.join(' ')
  useEffect(() => {
    const events = eventsKey ? (eventsKey.split(' ') as EventName[]) : []
    hearForCache(events)
    if (queryCache.current(name, inputKey, events, 0, Date.now())) return
    const parsed = inputKey === 'null' ? undefined : (JSON.parse(inputKey) as CommandInput<K>)
    // Its reader shows the failure, if any, when it asks.
    queryCache.read(name, inputKey, () => call(name, ...([parsed] as CallArgs<K>))).catch(() => undefined)
  }, [name, inputKey, eventsKey])
}

/** Lets the window's cache hear `events` from now on, for as long as the window lives. */
function hearForCache(events: readonly EventName[]): void {
  for (const event of events) {
    if (queryCache.listening(event)) continue
    queryCache.listen(event)
    subscribe(event, () => queryCache.heard(event))
  }
}

/**
 * Hands a command's answer to a hook's state (data, or the reason it failed; loading off either
 * way), unless the effect that asked was cleaned up meanwhile: a newer question's answer wins.
 */
export function deliverAnswer<T>(
  answer: Promise<T>,
  isCurrent: () => boolean,
  to: { data: (value: T) => void; error: (message: string | undefined) => void; loading: (on: boolean) => void },
): void {
  answer
    .then((value) => {
      if (!isCurrent()) return
      to.data(value)
      to.error(undefined)
    })
    .catch((err: unknown) => {
      if (isCurrent()) to.error(errorMessage(err))
    })
    .finally(() => {
      if (isCurrent()) to.loading(false)
    })
}
