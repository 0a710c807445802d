import { useEffect, useRef, type RefObject } from 'react'
import { PAGE_TITLE_ID } from '../../app/use-page-focus'

/** Focus no one can see: fallen to the body, or left on a control the page has just hidden. */
function lost(el: Element | null): boolean {
  return !(el instanceof HTMLElement) || el === document.body || !el.isConnected || !el.checkVisibility({ visibilityProperty: true })
}

/**
 * The keyboard follows a thread that takes a small window's page, and comes back with it.
 *
 * The thread covers the filters and the list, and focus left on them would fall to the body: a
 * keyboard or screen-reader user would lose their place (WCAG 2.4.3). So focus goes to the
 * thread's heading, which says whose comment it is, and again to the next thread's when J or K
 * replaces it. Back in the list, it goes to the list, whose active row is the thread just closed;
 * with no list (the last one was marked done), to the control it came from, or the page's heading.
 * Focus someone put where they can see it (R's reply box, / and the search field, a dialog) stays.
 * The hook runs after the effects that place those, so it sees where they put it.
 *
 * In a wide window the thread is beside the list and focus stays where it was, but focus in the
 * thread goes with the thread J or K takes off the page: it too goes to the new thread's heading.
 */
export function useDrillInFocus(props: {
  drillIn: boolean
  /** The thread on screen, once read; undefined while the next one is read. */
  threadId: number | undefined
  activeId: number | null
  listPane: RefObject<HTMLElement | null>
  threadPane: RefObject<HTMLElement | null>
  /** Set when another thread is asked for with the keyboard in this one; cleared once it is on screen. */
  keyboardInThread: { current: boolean }
}): void {
  const { drillIn, threadId, activeId, listPane, threadPane, keyboardInThread } = props
  const wasDrilledIn = useRef(false)
  const cameFrom = useRef<HTMLElement | null>(null)

  useEffect(() => {
    if (threadId === undefined) return
    const followed = keyboardInThread.current
    keyboardInThread.current = false
    if (!drillIn && !followed) return
    const active = document.activeElement
    if (!lost(active)) return
    if (drillIn && cameFrom.current === null && active instanceof HTMLElement && active !== document.body) cameFrom.current = active
    threadPane.current?.querySelector<HTMLElement>('#thread-title')?.focus()
  }, [drillIn, threadId, threadPane, keyboardInThread])

  useEffect(() => {
    const back = wasDrilledIn.current && !drillIn
    wasDrilledIn.current = drillIn
    if (!back) return
    const from = cameFrom.current
    cameFrom.current = null
    // Beneath the thread the list was as tall as the page, and J/K kept its choice in view there;
    // with the filters back it is shorter, so that comment is brought into view again.
    if (activeId !== null) document.getElementById(`inbox-item-${activeId}`)?.scrollIntoView({ block: 'nearest' })
    if (!lost(document.activeElement)) return
    const list = listPane.current?.querySelector<HTMLElement>('[role="listbox"]')
    const to = [list, from, document.getElementById(PAGE_TITLE_ID)].find((el) => el && !lost(el))
    to?.focus()
  }, [drillIn, activeId, listPane])
}
