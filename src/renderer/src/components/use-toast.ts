import { createContext, useCallback, useContext, useState } from 'react'
import { errorMessage } from '../lib/api'

export interface ToastAction {
  label: string
  onClick: () => void | Promise<void>
}

export interface ToastOptions {
  message: string
  action?: ToastAction
  tone?: 'neutral' | 'danger'
  /** Long enough to read and reach the action; undo toasts use the default. */
  durationMs?: number
}

export interface ToastApi {
  show(options: ToastOptions): void
}

export const ToastContext = createContext<ToastApi | null>(null)

export function useToast(): ToastApi {
  const api = useContext(ToastContext)
  if (!api) throw new Error('useToast needs a ToastProvider above it')
  return api
}

/**
 * An action whose failure is told in a toast: `busy` while it runs (its buttons disabled), and
 * `run` resolves true when it worked.
 */
export function useToastedAction(): { busy: boolean; run: (work: () => Promise<void>) => Promise<boolean> } {
  const toast = useToast()
  const [busy, setBusy] = useState(false)
  const run = useCallback(
    async (work: () => Promise<void>) => {
      setBusy(true)
      try {
        await work()
        return true
      } catch (err) {
        toast.show({ message: errorMessage(err), tone: 'danger' })
        return false
      } finally {
        setBusy(false)
      }
    },
    [toast],
  )
  return { busy, run }
}
