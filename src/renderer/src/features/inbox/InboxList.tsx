import { measureElement, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Icon } from '../../components/Icon'
import type { InboxRow } from './inbox-rows'
import { ItemRow } from './ItemRow'
import { canvasMeasure, createRowSizes } from './row-sizes'

/**
 * How far ahead of the last row drawn the next page is asked for: a first page's worth, some thirty
 * frames at three rows a frame, so answers slowed by a busy machine still arrive before scrolling
 * reaches the end (run out, the list sits clamped at the end and the virtualiser's corrections for
 * rows measured meanwhile have been seen to pull it back up).
 */
const PREFETCH_ROWS = 100
/**
 * Rows drawn beyond each edge of the screen, so a fast scroll meets rows already there. Each one is
 * laid out and painted in every frame of a scroll: with eight a side, painting the rows was the
 * largest part of a frame's work.
 */
const OVERSCAN = 4

/**
 * The unified list, virtualised: only the rows on screen exist in the page, so a hundred
 * thousand comments scroll like a hundred. Gaps sit among the comments where they happened.
 */
export function InboxList(props: {
  rows: InboxRow[]
  now: number
  activeId: number | null
  selected: ReadonlySet<number>
  hasMore: boolean
  onLoadMore(ahead: number): void
  onOpen(id: number): void
  onSelect(id: number, range: boolean): void
}) {
  const { rows } = props
  const parent = useRef<HTMLDivElement>(null)
  const [sizes] = useState(() => createRowSizes(canvasMeasure()))
  // The same function while the rows are the same: a new one makes the virtualiser place every loaded row again.
  const getItemKey = useCallback((i: number) => {
    const row = rows[i]
    return row ? (row.kind === 'gap' ? row.key : row.item.id) : i
  }, [rows])
  const estimateSize = useCallback((i: number) => {
    const row = rows[i]
    return row ? sizes.estimate(row) : 88
  }, [rows, sizes])
  const measure = useCallback(
    (el: Element, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLDivElement, Element>) => {
      const size = measureElement(el, entry, instance)
      const row = rows[instance.indexFromElement(el)]
      const text = el.querySelector('.inbox-row__text')
      if (row) sizes.learn(row, size, text ? { width: text.clientWidth, font: getComputedStyle(text).font } : undefined)
      return size
    },
    [rows, sizes],
  )
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize,
    getItemKey,
    measureElement: measure,
    overscan: OVERSCAN,
  })
  const virtualItems = virtual.getVirtualItems()
  const last = virtualItems.at(-1)?.index ?? 0
  const { hasMore, onLoadMore } = props
  useEffect(() => {
    if (hasMore && last >= rows.length - PREFETCH_ROWS) onLoadMore(rows.length - 1 - last)
  }, [hasMore, last, rows.length, onLoadMore])

  // Found once per change, not on every frame the list scrolls.
  const activeIndex = useMemo(() => rows.findIndex((r) => r.kind === 'item' && r.item.id === props.activeId), [rows, props.activeId])
  useEffect(() => {
    if (activeIndex >= 0) virtual.scrollToIndex(activeIndex, { align: 'auto' })
  }, [activeIndex, virtual])

  return (
    <div
      ref={parent}
      className="inbox-list"
      role="listbox"
      aria-label="Comments and mentions"
      aria-activedescendant={props.activeId !== null ? `inbox-item-${props.activeId}` : undefined}
      tabIndex={0}
      data-testid="inbox-list"
    >
      <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {virtualItems.map((v) => {
          const row = rows[v.index]
          if (!row) return null
          return (
            <div key={v.key} data-index={v.index} ref={virtual.measureElement} className="inbox-list__slot" style={{ transform: `translateY(${v.start}px)` }}>
              {row.kind === 'gap' ? (
                <div className={`inbox-gap inbox-gap--${row.gap.state}`} role="note" data-testid="inbox-gap">
                  <Icon name={row.gap.state === 'closed' ? 'info' : 'alert'} size={16} />
                  <p>{row.sentence}</p>
                </div>
              ) : (
                <ItemRow
                  item={row.item}
                  now={props.now}
                  active={row.item.id === props.activeId}
                  selected={props.selected.has(row.item.id)}
                  onOpen={props.onOpen}
                  onSelect={props.onSelect}
                />
              )}
            </div>
          )
        })}
      </div>
    </div>
  )
}
