import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { Toast } from './Toast'
import { ToastContext, type ToastApi, type ToastOptions } from './use-toast'

interface ActiveToast {
  id: number
  options: ToastOptions
}

/**
 * The open modal dialog on top, if any. A modal dialog draws over the rest of the window and makes
 * it inert, so a toast outside it could be neither seen nor reached (an Undo included).
 */
function topModalDialog(): HTMLDialogElement | null {
  const open = Array.from(document.querySelectorAll('dialog[open]')).filter((d) => d.matches(':modal'))
  return (open.at(-1) as HTMLDialogElement | undefined) ?? null
}

/**
 * Holds the toasts of the whole window in one live region at the bottom, inside the modal dialog
 * on top while one is open (and back out when it closes).
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ActiveToast[]>([])
  const [, setDialogsClosed] = useState(0)
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

  // A dialog closing moves the toasts it held back to the window (`close` does not bubble).
  useEffect(() => {
    const onClose = (): void => setDialogsClosed((n) => n + 1)
    document.addEventListener('close', onClose, true)
    return () => document.removeEventListener('close', onClose, true)
  }, [])

  const region = (
    <div className="toast-region" role="status" aria-live="polite">
      {toasts.map((t) => (
        <Toast key={t.id} toast={t.options} onDismiss={dismisserFor(t.id)} />
      ))}
    </div>
  )
  const host = toasts.length > 0 ? topModalDialog() : null
  return (
    <ToastContext.Provider value={api}>
      {children}
      {host ? createPortal(region, host) : region}
    </ToastContext.Provider>
  )
}
