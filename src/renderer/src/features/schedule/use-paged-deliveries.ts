import { useCallback, useEffect, useRef, useState } from 'react'
import { DELIVERY_PAGE, type CalendarDelivery, type DeliveryCursor, type DeliveryFilter } from '../../../../shared/domain/schedule'
import type { EventName } from '../../../../shared/ipc/channels'
import { call, subscribe } from '../../lib/api'
import { deliverAnswer } from '../../lib/use-query'

export interface PagedDeliveries {
  /** Every page read so far, in due time order. */
  data: CalendarDelivery[] | undefined
  error: string | undefined
  /** A page is being read. */
  loading: boolean
  /** The range holds more than what is read. */
  hasMore: boolean
  /** Reads the next page (nothing while one is being read or when all is read). */
  loadMore(): void
  reload(): void
}

type Base = Omit<DeliveryFilter, 'after' | 'limit'>

const cursorOf = (page: readonly CalendarDelivery[]): DeliveryCursor | undefined => {
  const last = page.at(-1)
  return last ? { dueAt: last.dueAt, id: last.id } : undefined
}

/** Reads on from the rows already read, a page at a time, until `count` are read or the range ends. */
async function readPages(filter: Base, from: readonly CalendarDelivery[], count: number): Promise<{ rows: CalendarDelivery[]; more: boolean }> {
  const rows = [...from]
  let after = cursorOf(rows)
  for (;;) {
    const page = await call('schedule:list-calendar', { ...filter, limit: DELIVERY_PAGE, ...(after ? { after } : {}) })
    rows.push(...page)
    if (page.length < DELIVERY_PAGE) return { rows, more: false }
    if (rows.length >= count) return { rows, more: true }
    after = cursorOf(page)
  }
}

interface Read {
  key: string
  rows: CalendarDelivery[]
  more: boolean
  /** The refresh this answer is for. */
  version: number
}

/**
 * The schedule's list at agency scale: a month can hold thousands of deliveries, so they are read
 * a page at a time as the list scrolls toward its end. When something changes, the pages already
 * read are read again in one pass (what is on screen stays until the new answer replaces it).
 */
export function usePagedDeliveries(filter: Base, refreshOn: readonly EventName[], options: { enabled: boolean }): PagedDeliveries {
  const key = JSON.stringify(filter)
  const [read, setRead] = useState<Read>()
  const [error, setError] = useState<string>()
  const [loading, setLoading] = useState(false)
  // How many deliveries the list wants for which question: a page at first, one more per loadMore.
  const [wanted, setWanted] = useState({ key, count: DELIVERY_PAGE })
  const [version, setVersion] = useState(0)
  const count = wanted.key === key ? wanted.count : DELIVERY_PAGE
  const latest = useRef(read)
  latest.current = read

  useEffect(() => {
    if (!options.enabled) return
    let current = true
    setLoading(true)
    const base = JSON.parse(key) as Base
    const have = latest.current?.key === key ? latest.current : undefined
    // Growing goes on from the last row read; a refresh or a new question reads from the start.
    const pages = have && have.version === version ? readPages(base, have.rows, count) : readPages(base, [], Math.max(count, have?.rows.length ?? 0))
    deliverAnswer(pages, () => current, { data: (answer) => setRead({ key, ...answer, version }), error: setError, loading: setLoading })
    return () => {
      current = false
    }
  }, [key, count, version, options.enabled])

  const eventsKey = refreshOn.join(' ')
  useEffect(() => {
    const events = eventsKey ? (eventsKey.split(' ') as EventName[]) : []
    const unsubscribers = events.map((event) => subscribe(event, () => setVersion((v) => v + 1)))
    return () => {
      for (const unsubscribe of unsubscribers) unsubscribe()
    }
  }, [eventsKey])

  const shown = read?.key === key ? read : undefined
  const hasMore = shown?.more ?? false
  const readCount = shown?.rows.length ?? 0
  const loadMore = useCallback(() => {
    if (loading || !hasMore) return
    const count = readCount + DELIVERY_PAGE
    setWanted((w) => (w.key === key && w.count >= count ? w : { key, count }))
  }, [loading, hasMore, key, readCount])
  const reload = useCallback(() => setVersion((v) => v + 1), [])

  if (!options.enabled) return { data: undefined, error: undefined, loading: false, hasMore: false, loadMore, reload }
  return { data: shown?.rows, error, loading, hasMore, loadMore, reload }
}
