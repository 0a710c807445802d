import { useEffect, useRef } from 'react'

export interface InboxKeyActions {
  next(): void
  previous(): void
  reply(): void
  done(): void
  label(): void
  assign(): void
  search(): void
  back(): void
  selectAll(): void
}

const typing = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))

/**
 * Keyboard-first triage: J/K next and previous, R reply, E done, L label, A assign, / search,
 * Esc back, Ctrl/⌘+A select everything listed. Letters are ignored while typing in a field.
 */
export function useInboxKeys(actions: InboxKeyActions): void {
  const ref = useRef(actions)
  useEffect(() => {
    ref.current = actions
  })
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      const a = ref.current
      if (e.defaultPrevented) return
      if (e.key === 'Escape') {
        // Esc in a field leaves the field; a second Esc goes back.
        if (typing(e.target) && e.target instanceof HTMLElement) e.target.blur()
        else a.back()
        return
      }
      if (typing(e.target)) return
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
        e.preventDefault()
        a.selectAll()
        return
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return
      const run: Record<string, (() => void) | undefined> = {
        j: a.next,
        k: a.previous,
        r: a.reply,
        e: a.done,
        l: a.label,
        a: a.assign,
        '/': a.search,
      }
      const action = run[e.key.toLowerCase()]
      if (!action) return
      e.preventDefault()
      action()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
