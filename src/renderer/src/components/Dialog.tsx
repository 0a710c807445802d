import { useCallback, useEffect, useId, useRef, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { Icon } from './Icon'
import { modalClosed, modalOpened } from './modal-stack'
import { coverPage } from './page-cover'
import { useLightModal } from './use-light-modal'

export interface DialogProps {
  title: ReactNode
  /** A line under the title; also the dialog's accessible description. */
  description?: ReactNode
  onClose: () => void
  children: ReactNode
  footer?: ReactNode
  /** `drawer` slides in from the right for details; `modal` sits in the middle for decisions. */
  variant?: 'modal' | 'drawer'
  size?: 'sm' | 'md' | 'lg'
  /** `alertdialog` for confirmations that destroy something. */
  role?: 'dialog' | 'alertdialog'
  /** Where focus goes on open, e.g. the safe choice of a confirmation; default the first control. */
  initialFocus?: React.RefObject<HTMLElement | null>
  className?: string
  /** False for decisions a stray click must not make (closing would choose for the person). */
  dismissOnBackdrop?: boolean
  /**
   * Modal without the browser's modal mode, for large dialogs over busy pages: `showModal()`
   * restyles every element of the window behind the dialog. Shown over a backdrop of its own at
   * the end of the document, with Tab, focus and Escape kept inside (use-light-modal.ts) and
   * aria-modal for assistive technology.
   */
  light?: boolean
  /**
   * With `light`: the dialog covers the page, which is not drawn while it is open (page-cover.ts).
   * For large dialogs over heavy pages; whatever opens over it must be outside the page.
   */
  covers?: boolean
}

/**
 * A modal dialog on the native `<dialog>` element: the browser makes the rest of the window inert,
 * traps Tab inside and turns Escape into a `cancel` event, which is routed to `onClose` so React
 * stays in charge of whether it is open. Focus returns to where it was when the dialog closes.
 */
export function Dialog({
  title,
  description,
  onClose,
  children,
  footer,
  variant = 'modal',
  size = 'md',
  role = 'dialog',
  initialFocus,
  className,
  dismissOnBackdrop = true,
  light = false,
  covers = false,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const descriptionId = useId()
  const closeRef = useRef(onClose)
  closeRef.current = onClose
  // Where focus was before a covering dialog hid the page (hidden content loses focus at once).
  const focusBeforeCover = useRef<HTMLElement | null>(null)
  // Attached before anything inside the dialog is (and measured), and let go before the effect's
  // cleanup below puts focus back into the page.
  const scrimRef = useCallback(
    (scrim: HTMLDivElement | null): (() => void) | undefined => {
      if (!covers || !scrim) return undefined
      focusBeforeCover.current = focused()
      return coverPage()
    },
    [covers],
  )

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const opener = focusBeforeCover.current ?? focused()
    if (!dialog.open) {
      if (light) dialog.show()
      else {
        dialog.showModal()
        modalOpened(dialog)
      }
    }
    const target = initialFocus?.current
    if (target) target.focus()
    const onCancel = (event: Event): void => {
      event.preventDefault()
      closeRef.current()
    }
    dialog.addEventListener('cancel', onCancel)
    return () => {
      dialog.removeEventListener('cancel', onCancel)
      modalClosed(dialog)
      if (dialog.open) dialog.close()
      if (opener?.isConnected) opener.focus()
    }
    // Opened once per mount: the parent unmounts the dialog to close it.
  }, [initialFocus, light])
  useLightModal(light ? ref : NO_DIALOG, closeRef)

  const classes = ['dialog', `dialog--${variant}`, `dialog--${size}`, light ? 'dialog--light' : '', className ?? ''].filter(Boolean).join(' ')
  const element = (
    <dialog
      ref={ref}
      className={classes}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      aria-modal={light || undefined}
      onMouseDown={(event) => {
        // A press on the backdrop (the dialog element itself, outside its panel) closes it.
        if (dismissOnBackdrop && event.target === ref.current) onClose()
      }}
    >
      <div className="dialog__panel">
        <div className="dialog__header">
          <div className="dialog__heading">
            <h2 id={titleId} className="dialog__title">
              {title}
            </h2>
            {description && (
              <p id={descriptionId} className="dialog__description">
                {description}
              </p>
            )}
          </div>
          <button type="button" className="dialog__close" aria-label="Close" onClick={onClose}>
            <Icon name="close" size={16} />
          </button>
        </div>
        <div className="dialog__body">{children}</div>
        {footer && <div className="dialog__footer">{footer}</div>}
      </div>
    </dialog>
  )
  if (!light) return element
  return createPortal(
    <>
      <div className="dialog-scrim" aria-hidden="true" ref={scrimRef} onMouseDown={() => dismissOnBackdrop && onClose()} />
      {element}
    </>,
    document.body,
  )
}

const NO_DIALOG = { current: null }
const focused = (): HTMLElement | null => (document.activeElement instanceof HTMLElement ? document.activeElement : null)
