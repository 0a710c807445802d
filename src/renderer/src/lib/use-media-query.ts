import { useCallback, useSyncExternalStore } from 'react'

/**
 * Whether a CSS media query matches now, following the window as it is resized: for layouts whose
 * behaviour changes with the size (a keyboard shortcut that must know which panes are on screen),
 * not only their look.
 */
export function useMediaQuery(query: string): boolean {
  const listen = useCallback(
    (changed: () => void) => {
      const list = window.matchMedia(query)
      list.addEventListener('change', changed)
      return () => list.removeEventListener('change', changed)
    },
    [query],
  )
  return useSyncExternalStore(listen, () => window.matchMedia(query).matches)
}
