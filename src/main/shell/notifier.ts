import { Notification } from 'electron'
import type { DesktopNotification, Notifier } from '../ports'

type Target = DesktopNotification['target']

/**
 * Desktop notifications through Electron. Where the platform has none (some Linux desktops), it
 * does nothing: the tray icon and the window still tell the story.
 */
export function createElectronNotifier(): Notifier {
  const listeners = new Set<(target: Target) => void>()
  // Held until closed: a Notification that is garbage-collected loses its click handler.
  const live = new Map<string, Notification>()

  return {
    show(notification) {
      if (!Notification.isSupported()) return
      // The same id again (a later stage for the same profile) replaces the earlier toast.
      live.get(notification.id)?.close()
      const toast = new Notification({
        title: notification.title,
        body: notification.body,
        // macOS shows buttons; elsewhere the click on the notification itself does the same.
        ...(notification.actionLabel ? { actions: [{ type: 'button' as const, text: notification.actionLabel }] } : {}),
      })
      const open = (): void => {
        for (const listener of listeners) listener(notification.target)
      }
      toast.on('click', open)
      toast.on('action', open)
      toast.on('close', () => {
        if (live.get(notification.id) === toast) live.delete(notification.id)
      })
      live.set(notification.id, toast)
      toast.show()
    },
    onClick(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}
