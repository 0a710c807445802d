import { useEffect, type RefObject } from 'react'

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

const focusables = (dialog: HTMLElement): HTMLElement[] =>
  [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement)

/**
 * What `showModal()` does, for a dialog opened with `show()`: Tab and Shift+Tab stay inside it,
 * focus that lands elsewhere (other than in a dialog opened over it) comes back, and Escape not
 * handled by a control inside asks to close. `showModal()` makes every other element of the
 * window inert, which restyles all of them: 60-120 ms behind a busy page on a slow machine.
 */
export function useLightModal(ref: RefObject<HTMLDialogElement | null>, onCancel: RefObject<() => void>): void {
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    // On the document, so that controls inside (React handles events where its tree is mounted,
    // here the body) have had the key first and can keep Escape for themselves.
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!(event.target instanceof Node) || !dialog.contains(event.target)) return
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault()
        onCancel.current()
        return
      }
      if (event.key !== 'Tab') return
      const all = focusables(dialog)
      const first = all[0]
      const last = all.at(-1)
      if (!first || !last) return
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault()
        last.focus()
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault()
        first.focus()
      }
    }
    const onFocusIn = (event: FocusEvent): void => {
      const target = event.target
      if (!(target instanceof Element) || dialog.contains(target)) return
      // A confirmation opened over this dialog keeps the focus.
      if (target.closest('dialog[open]')) return
      ;(focusables(dialog)[0] ?? dialog).focus()
    }
    document.addEventListener('keydown', onKeyDown)
    document.addEventListener('focusin', onFocusIn)
    return () => {
      document.removeEventListener('keydown', onKeyDown)
      document.removeEventListener('focusin', onFocusIn)
    }
  }, [ref, onCancel])
}
