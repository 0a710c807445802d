import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { InboxItem, InboxQuery } from '../../../../shared/domain/inbox'
import { call, errorMessage, subscribe } from '../../lib/api'
import { keepEqual } from '../../lib/keep-equal'

/** A page read to catch up with scrolling. */
const PAGE = 100
/**
 * The first page: a screen of rows and the hundred the list keeps loaded below the last one drawn
 * (InboxList's PREFETCH_ROWS). With only a hundred, showing them asked for the next page at once,
 * a second round trip and drawing before the page was settled. It is also the least a reading of
 * the list again asks for: a change heard before the first answer arrived reads it again whole.
 */
const FIRST_PAGE = 150
/**
 * The pages read while scrolling are smaller than the first: an answer costs the frame it lands in
 * time in proportion to its size (the copy across from main, then the list drawn again).
 */
const NEXT_PAGE = 25
/** Fewer rows than this left below the last one drawn: the answers are not keeping up with the scrolling, and a full page catches up. */
const CAUGHT_UP = 50
const MAX_RELOAD = 500

export interface InboxList {
  items: InboxItem[]
  hasMore: boolean
  loading: boolean
  error: string | undefined
  /** Loads the next page (keyset paging, or offset for search results); `ahead` is how many loaded rows are left below the last one drawn. */
  loadMore(ahead?: number): void
  reload(): void
}

/**
 * The list read again (a sync, a change) with each comment that did not change kept as the object
 * already shown, matched by id, so only the rows whose comment changed are drawn again.
 */
function sameItems(shown: InboxItem[], read: InboxItem[]): InboxItem[] {
  const byId = new Map(shown.map((i) => [i.id, i]))
  const next = read.map((i) => keepEqual(byId.get(i.id), i))
  return next.length === shown.length && next.every((i, k) => i === shown[k]) ? shown : next
}

/**
 * The inbox's items for a query, a page at a time. A change in main (a sync, another window)
 * reads the loaded part again so the list stays where it was.
 */
export function useInboxList(query: InboxQuery): InboxList {
  const [items, setItems] = useState<InboxItem[]>([])
  const [hasMore, setHasMore] = useState(false)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string>()
  // Counts answers dropped because the list was read again meanwhile: the next page is asked for again after one.
  const [dropped, setDropped] = useState(0)
  const key = JSON.stringify(query)
  const generation = useRef(0)
  const loaded = useRef(0)
  const busy = useRef(false)
  // The query on screen: an answer for any other query (an event heard mid-switch) is dropped.
  const current = useRef(key)
  useLayoutEffect(() => {
    current.current = key
  }, [key])

  const fetchFirst = useCallback(
    (size: number) => {
      const mine = ++generation.current
      setLoading(true)
      const q = JSON.parse(key) as InboxQuery
      call('inbox:list', { ...q, limit: Math.min(Math.max(size, FIRST_PAGE), MAX_RELOAD) })
        .then((page) => {
          if (mine !== generation.current || key !== current.current) return
          setItems((shown) => sameItems(shown, page.items))
          loaded.current = page.items.length
          setHasMore(page.hasMore)
          setError(undefined)
        })
        .catch((err: unknown) => {
          if (mine === generation.current) setError(errorMessage(err))
        })
        .finally(() => {
          if (mine === generation.current) setLoading(false)
        })
    },
    [key],
  )

  useEffect(() => {
    loaded.current = 0
    fetchFirst(FIRST_PAGE)
  }, [fetchFirst])

  const latest = useRef(fetchFirst)
  useLayoutEffect(() => {
    latest.current = fetchFirst
  }, [fetchFirst])
  useEffect(() => {
    const again = (): void => latest.current(loaded.current)
    const offs = [subscribe('inbox:did-change', again), subscribe('sync:did-change', again)]
    return () => offs.forEach((off) => off())
  }, [])

  const loadMore = useCallback((ahead = Number.POSITIVE_INFINITY) => {
    if (busy.current || !hasMore) return
    const last = items.at(-1)
    if (!last) return
    busy.current = true
    const mine = generation.current
    const q = JSON.parse(key) as InboxQuery
    const paging = q.search ? { offset: items.length } : { before: { createdAt: last.createdAt, id: last.id } }
    let stale = false
    call('inbox:list', { ...q, ...paging, limit: ahead < CAUGHT_UP ? PAGE : NEXT_PAGE })
      .then((page) => {
        stale = mine !== generation.current || key !== current.current
        if (stale) return
        setItems((shown) => {
          const seen = new Set(shown.map((i) => i.id))
          const next = [...shown, ...page.items.filter((i) => !seen.has(i.id))]
          loaded.current = next.length
          return next
        })
        setHasMore(page.hasMore)
      })
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => {
        busy.current = false
        if (stale) setDropped((n) => n + 1)
      })
    // `dropped` changes this callback, so the list asks again even when it has not moved.
  }, [hasMore, items, key, dropped])

  const reload = useCallback(() => fetchFirst(loaded.current), [fetchFirst])
  return { items, hasMore, loading, error, loadMore, reload }
}
