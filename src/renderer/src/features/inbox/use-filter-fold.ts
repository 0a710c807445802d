import { useLayoutEffect, useRef, useState, type RefObject } from 'react'
import { filtersFold } from './filter-fold'

/**
 * Whether the filters fold, following the bar's width and its fields' own widths as either
 * changes (a window resized, brands or team members arriving). Decided before the bar is painted,
 * so it is never drawn the other way first. `fields` changes when a measured field comes or goes
 * (the brand field once there are brands). `onFold` hears each change first, with what had the
 * focus in the bar (before it is drawn the other way), so that can keep it or hand it on.
 */
export function useFilterFold(bar: RefObject<HTMLElement | null>, fields: unknown, onFold: (folded: boolean, focused: HTMLElement | null) => void): boolean {
  const [folded, setFolded] = useState(false)
  const now = useRef(folded)
  const heard = useRef(onFold)
  useLayoutEffect(() => {
    heard.current = onFold
  })
  useLayoutEffect(() => {
    const row = bar.current
    if (!row) return
    const measure = (): void => {
      const widths = [...row.querySelectorAll<HTMLElement>('[data-fold-width]')].map((el) => el.getBoundingClientRect().width)
      const gap = Number.parseFloat(getComputedStyle(row).columnGap) || 0
      const next = filtersFold(row.clientWidth, widths, gap, now.current)
      if (next === now.current) return
      const focused = document.activeElement
      now.current = next
      heard.current(next, focused instanceof HTMLElement && row.contains(focused) ? focused : null)
      setFolded(next)
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(row)
    for (const el of row.querySelectorAll('[data-fold-width]')) observer.observe(el)
    return () => observer.disconnect()
  }, [bar, fields, folded])
  return folded
}
