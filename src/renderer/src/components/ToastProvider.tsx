import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react'
import { Toast } from './Toast'
import { ToastContext, type ToastApi, type ToastOptions } from './use-toast'

interface ActiveToast {
  id: number
  options: ToastOptions
}

/** Holds the toasts of the whole window in one live region at the bottom. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ActiveToast[]>([])
  const nextId = useRef(1)
  const dismissers = useRef(new Map<number, () => void>())

  const dismiss = useCallback((id: number) => {
    dismissers.current.delete(id)
    setToasts((list) => list.filter((t) => t.id !== id))
  }, [])

  // A stable callback per toast keeps its auto-dismiss timer from restarting on every render.
  const dismisserFor = useCallback(
    (id: number) => {
      let fn = dismissers.current.get(id)
      if (!fn) {
        fn = () => dismiss(id)
        dismissers.current.set(id, fn)
      }
      return fn
    },
    [dismiss],
  )

  const api = useMemo<ToastApi>(
    () => ({
      show(options) {
        const id = nextId.current++
        // Three is plenty: older toasts give way rather than stacking up the window.
        setToasts((list) => [...list.slice(-2), { id, options }])
      },
    }),
    [],
  )

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toast-region" role="status" aria-live="polite">
        {toasts.map((t) => (
          <Toast key={t.id} toast={t.options} onDismiss={dismisserFor(t.id)} />
        ))}
      </div>
    </ToastContext.Provider>
  )
}
