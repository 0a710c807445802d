import { useCallback, useEffect, useState } from 'react'
import type { CommandName, EventName } from '../../../shared/ipc/channels'
import type { CommandInput, CommandOutputs } from '../../../shared/ipc/contract'
import { call, errorMessage, subscribe, type CallArgs } from './api'

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
 * shows what another window (or a background refresh) just changed.
 */
export function useQuery<K extends CommandName>(
  name: K,
  input: CommandInput<K> | undefined,
  refreshOn: readonly EventName[],
): QueryState<CommandOutputs[K]> {
  const [data, setData] = useState<CommandOutputs[K]>()
  const [error, setError] = useState<string>()
  const [loading, setLoading] = useState(true)
  const [version, setVersion] = useState(0)
  // Callers pass object literals; compare by value so a re-render does not refetch.
  const inputKey = JSON.stringify(input ?? null)
  const eventsKey = refreshOn.join(' ')

  useEffect(() => {
    let current = true
    setLoading(true)
    const parsed = inputKey === 'null' ? undefined : (JSON.parse(inputKey) as CommandInput<K>)
    call(name, ...([parsed] as CallArgs<K>))
      .then((answer) => {
        if (!current) return
        setData(answer)
        setError(undefined)
      })
      .catch((err: unknown) => {
        if (current) setError(errorMessage(err))
      })
      .finally(() => {
        if (current) setLoading(false)
      })
    return () => {
      current = false
    }
  }, [name, inputKey, version])

  useEffect(() => {
    const events = eventsKey ? (eventsKey.split(' ') as EventName[]) : []
    const refresh = (): void => setVersion((v) => v + 1)
    const unsubscribers = events.map((event) => subscribe(event, refresh))
    return () => {
      for (const unsubscribe of unsubscribers) unsubscribe()
    }
  }, [eventsKey])

  const reload = useCallback(() => setVersion((v) => v + 1), [])
  const replace = useCallback((next: CommandOutputs[K]) => {
    setData(next)
    setError(undefined)
  }, [])

  return { data, error, loading, reload, replace }
}
