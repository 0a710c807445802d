import { defaultRangeExtractor, useVirtualizer, type Range, type Virtualizer } from '@tanstack/react-virtual'
import { useCallback, useLayoutEffect, useRef, useState, type FocusEvent, type RefObject } from 'react'
import { MAIN_ID } from '../app/use-page-focus'

export interface PageList<T extends HTMLElement> {
  virtualizer: Virtualizer<HTMLElement, Element>
  /** On the element that holds the items (it gets the list's full height). */
  listRef: RefObject<T | null>
  /** On the same element: keeps the item holding the focus in the document while it scrolls away. */
  onFocus: (event: FocusEvent<HTMLElement>) => void
  onBlur: (event: FocusEvent<HTMLElement>) => void
  /** Where an item sits within the list, for its `transform`. */
  top: (start: number) => number
}

const indexOf = (element: Element | null): number | undefined => {
  const holder = element?.closest('[data-index]')
  return holder ? Number(holder.getAttribute('data-index')) : undefined
}

/** An item's size as the resize observer saw it; until then the one known, or the estimate. */
function observedSize(element: Element, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLElement, Element>): number {
  const box = entry?.borderBoxSize[0]
  if (box) return Math.round(box.blockSize)
  const index = instance.indexFromElement(element)
  return instance.itemSizeCache.get(instance.options.getItemKey(index)) ?? instance.options.estimateSize(index)
}

/**
 * A long list on a page that scrolls as a whole (the main region, or a dialog's body): only the items near the
 * visible part are in the document (a short list is drawn whole), each measured once shown. The item with the keyboard focus
 * stays in the document while it scrolls out of view, so Tab and the screen reader do not lose
 * their place. Items carry `data-index` and the virtualizer's `measureElement` as their ref.
 */
export function usePageList<T extends HTMLElement>({
  count,
  estimateSize,
  getItemKey,
  gap = 0,
  allUpTo,
  overscan = 2,
  scroller = () => document.getElementById(MAIN_ID),
  measureOnDraw = true,
}: {
  count: number
  estimateSize: (index: number) => number
  getItemKey?: (index: number) => string
  /** Space between items, in pixels. */
  gap?: number
  /** A list this short is drawn whole (a small workspace keeps every item in the document, for find and the screen reader). */
  allUpTo: number
  /** Items kept beyond each end of the visible part. */
  overscan?: number
  /** What scrolls, found from the list; the page's main region unless given (e.g. a dialog's body). */
  scroller?: (list: HTMLElement) => HTMLElement | null
  /**
   * False when `estimateSize` is exact for the usual item: a drawn item is not measured at once
   * (each measure lays out the page in the middle of React's commit) but when the page's own
   * layout is done, by the resize observer; an item unlike the estimate moves before it is painted.
   */
  measureOnDraw?: boolean
}): PageList<T> {
  const listRef = useRef<T>(null)
  const [offset, setOffset] = useState(0)
  const focused = useRef<number | undefined>(undefined)
  // What sits above the list (a summary that arrives later) moves it: measured again whenever the
  // part of the page holding the list changes size, when layout is done anyway (never per scroll).
  useLayoutEffect(() => {
    const list = listRef.current
    const page = list ? scroller(list) : null
    const holder = list?.parentElement
    if (!list || !page || !holder) return
    const measure = (): void => setOffset(Math.round(list.getBoundingClientRect().top - page.getBoundingClientRect().top + page.scrollTop))
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(holder)
    return () => observer.disconnect()
    // The scroller is found once, when the list is first in the document.
  }, [])
  const rangeExtractor = useCallback((range: Range) => {
    const shown = defaultRangeExtractor(range)
    const keep = focused.current
    if (keep === undefined || keep >= range.count || shown.includes(keep)) return shown
    return [...shown, keep].sort((a, b) => a - b)
  }, [])
  const virtualizer = useVirtualizer<HTMLElement, Element>({
    count,
    getScrollElement: () => (listRef.current ? scroller(listRef.current) : null),
    estimateSize,
    ...(getItemKey ? { getItemKey } : {}),
    overscan: count <= allUpTo ? count : overscan,
    gap,
    scrollMargin: offset,
    rangeExtractor,
    ...(measureOnDraw ? {} : { measureElement: observedSize }),
  })
  return {
    virtualizer,
    listRef,
    onFocus: (event) => {
      focused.current = indexOf(event.target)
    },
    onBlur: (event) => {
      if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))) focused.current = undefined
    },
    top: (start) => start - offset,
  }
}
