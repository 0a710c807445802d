import { useEffect, useState } from 'react'
import type { InboxThread } from '../../../../shared/domain/inbox'
import { call, errorMessage, subscribe } from '../../lib/api'

/**
 * The open thread, read again whenever the inbox or a sync changes it. `shown` is the thread to
 * draw: `data`, or while the next one is read the one before it, so moving from thread to thread
 * does not take the thread off the page in between.
 */
export function useThread(itemId: number | null): { data: InboxThread | undefined; shown: InboxThread | undefined; error: string | undefined } {
  const [data, setData] = useState<InboxThread>()
  const [error, setError] = useState<string>()
  const [version, setVersion] = useState(0)
  useEffect(() => {
    if (itemId === null) {
      setData(undefined)
      return
    }
    let current = true
    call('inbox:get-thread', { itemId })
      .then((t) => {
        if (!current) return
        setData(t)
        setError(undefined)
      })
      .catch((err: unknown) => {
        if (current) setError(errorMessage(err))
      })
    return () => {
      current = false
    }
  }, [itemId, version])
  useEffect(() => {
    const again = (): void => setVersion((v) => v + 1)
    const offs = [subscribe('inbox:did-change', again), subscribe('sync:did-change', again)]
    return () => offs.forEach((off) => off())
  }, [])
  return { data: data && data.item.id === itemId ? data : undefined, shown: itemId === null ? undefined : data, error }
}
