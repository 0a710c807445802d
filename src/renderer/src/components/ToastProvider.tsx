import { useCallback, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { subscribeModals, topModal } from './modal-stack'
import { Toast } from './Toast'
import { ToastContext, type ToastApi, type ToastOptions } from './use-toast'

interface ActiveToast {
  id: number
  options: ToastOptions
}

/**
 * Holds the toasts of the whole window in one live region at the bottom, inside the modal dialog
 * on top while one is open (modal-stack.ts), and back out when it closes.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ActiveToast[]>([])
  const modal = useSyncExternalStore(subscribeModals, topModal)
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

  const region = (
    <div className="toast-region" role="status" aria-live="polite">
      {toasts.map((t) => (
        <Toast key={t.id} toast={t.options} onDismiss={dismisserFor(t.id)} />
      ))}
    </div>
  )
  const host = toasts.length > 0 ? modal : null
  return (
    <ToastContext.Provider value={api}>
      {children}
      {host ? createPortal(region, host) : region}
    </ToastContext.Provider>
  )
}
