import { useRef, type ReactNode } from 'react'
import { Button } from './Button'
import { Dialog } from './Dialog'
import { ErrorNotice } from './ErrorNotice'
import { useSubmit } from '../lib/use-submit'

export interface ConfirmDialogProps {
  title: string
  children: ReactNode
  confirmLabel: string
  /** Runs the action; the dialog stays open with the reason if it throws. */
  onConfirm: () => Promise<void>
  onClose: () => void
  tone?: 'danger' | 'primary'
}

/** Asks before something that cannot be undone; the safe choice has focus. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose, tone = 'danger' }: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null)
  const { busy, error, submit } = useSubmit()

  const confirm = (): Promise<void> =>
    submit(async () => {
      await onConfirm()
      onClose()
    })

  return (
    <Dialog
      title={title}
      onClose={onClose}
      size="sm"
      role="alertdialog"
      initialFocus={cancelRef}
      footer={
        <>
          <Button ref={cancelRef} onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button variant={tone} onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Working…' : confirmLabel}
          </Button>
        </>
      }
    >
      <div className="confirm-dialog__body">{children}</div>
      {error && <ErrorNotice message={error} />}
    </Dialog>
  )
}
