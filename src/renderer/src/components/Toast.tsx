import { useEffect, useState } from 'react'
import { Button } from './Button'
import { Icon } from './Icon'
import type { ToastOptions } from './use-toast'

export const DEFAULT_TOAST_MS = 8_000

/** One toast: dismisses itself after its time, or at once after its action ran. */
export function Toast({ toast, onDismiss }: { toast: ToastOptions; onDismiss: () => void }) {
  const [busy, setBusy] = useState(false)
  const duration = toast.durationMs ?? DEFAULT_TOAST_MS

  useEffect(() => {
    const timer = setTimeout(onDismiss, duration)
    return () => clearTimeout(timer)
  }, [duration, onDismiss])

  async function runAction(): Promise<void> {
    if (!toast.action) return
    setBusy(true)
    try {
      await toast.action.onClick()
    } finally {
      onDismiss()
    }
  }

  return (
    <div className={`toast${toast.tone === 'danger' ? ' toast--danger' : ''}`}>
      <span className="toast__message">{toast.message}</span>
      {toast.action && (
        <Button size="sm" variant="ghost" className="toast__action" disabled={busy} onClick={() => void runAction()}>
          {toast.action.label}
        </Button>
      )}
      <button type="button" className="toast__close" aria-label="Dismiss" onClick={onDismiss}>
        <Icon name="close" size={14} />
      </button>
    </div>
  )
}
