import { createContext, useContext } from 'react'

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
