import { useEffect, useRef } from 'react'
import type { PageId } from './pages'

export const PAGE_TITLE_ID = 'page-title'
export const MAIN_ID = 'main-content'

/**
 * After a page switch, focus moves to the new page's heading so a screen reader announces where
 * the person is and Tab continues from the top of the page (WCAG 2.4.3). Not on first load, and
 * never away from a dialog or drawer that opened along with the page (a notification click).
 */
export function usePageFocus(page: PageId): void {
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    const active = document.activeElement
    if (active instanceof HTMLElement && active.closest('[role="dialog"], [aria-modal="true"]')) return
    document.getElementById(PAGE_TITLE_ID)?.focus()
  }, [page])
}

/** The skip link's target: the page's main region, focused without scrolling the window. */
export function focusMain(): void {
  document.getElementById(MAIN_ID)?.focus()
}
