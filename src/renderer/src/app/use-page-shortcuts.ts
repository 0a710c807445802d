import { useEffect } from 'react'
import { PAGES, type Navigate } from './pages'

/**
 * Alt+1…5 and Ctrl+1…5 (⌘ on macOS) switch pages. `event.code` is used because Alt+digit types
 * other characters on macOS and on many European layouts.
 */
export function usePageShortcuts(navigate: Navigate): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const modifier = event.altKey || event.ctrlKey || event.metaKey
      if (!modifier || event.shiftKey) return
      const match = /^Digit([1-9])$/.exec(event.code)
      const page = match ? PAGES[Number(match[1]) - 1] : undefined
      if (!page) return
      event.preventDefault()
      navigate(page.id)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [navigate])
}
