import { useEffect, useRef } from 'react'
import type { ScheduleView } from './calendar-range'

export interface ScheduleShortcuts {
  previous(): void
  next(): void
  today(): void
  newPost(): void
  view(view: ScheduleView): void
}

const VIEW_KEYS: Record<string, ScheduleView> = { w: 'week', m: 'month', l: 'list' }

/** Typing in a field, or a dialog on top, keeps its keys to itself. */
function keysBelongElsewhere(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return true
  const target = event.target instanceof HTMLElement ? event.target : null
  if (target && (target.isContentEditable || target.closest('input, textarea, select, [role="textbox"], [role="radiogroup"]'))) return true
  return document.querySelector('dialog[open]') !== null
}

/**
 * The Schedule page's keys: ← and → step through weeks or months, T goes to today, N starts a new
 * post, W, M and L switch the view. The buttons announce them with `aria-keyshortcuts`.
 */
export function useScheduleShortcuts(shortcuts: ScheduleShortcuts): void {
  // The handlers change every render; the listener is attached once.
  const latest = useRef(shortcuts)
  latest.current = shortcuts

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (keysBelongElsewhere(event)) return
      const s = latest.current
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key
      const view = VIEW_KEYS[key]
      if (key === 'ArrowLeft') s.previous()
      else if (key === 'ArrowRight') s.next()
      else if (key === 't') s.today()
      else if (key === 'n') s.newPost()
      else if (view) s.view(view)
      else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
