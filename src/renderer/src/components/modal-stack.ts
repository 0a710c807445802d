/**
 * The dialogs open in the browser's modal mode, oldest first. A modal dialog draws over the rest
 * of the window and makes it inert, so what must stay within reach while one is open (the toasts,
 * an Undo included) goes inside the one on top. Kept by the Dialog component as it opens and
 * closes them: a `close` event cannot say it, as a dialog React removes is out of the document
 * by the time its event fires.
 */
const stack: HTMLDialogElement[] = []
const listeners = new Set<() => void>()

const changed = (): void => {
  for (const listener of listeners) listener()
}

export function modalOpened(dialog: HTMLDialogElement): void {
  stack.push(dialog)
  changed()
}

export function modalClosed(dialog: HTMLDialogElement): void {
  const at = stack.lastIndexOf(dialog)
  if (at < 0) return
  stack.splice(at, 1)
  changed()
}

export function subscribeModals(listener: () => void): () => void {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

/** The modal dialog on top, if one is open. */
export const topModal = (): HTMLDialogElement | null => stack.at(-1) ?? null
