import { Menu, type MenuItemConstructorOptions } from 'electron'
import { waitingPostsWords } from '../../shared/domain/attention'
import type { TrayState } from '../ports'

export interface ApplicationMenuOptions {
  isPackaged: boolean
  platform: NodeJS.Platform
  /** "Refresh connection…": let the user pick the profile to reconnect. */
  onRefreshConnection(): void
  /** "Refresh all expired": re-run the flow for every broken profile in turn. */
  onRefreshAllExpired(): void
  /** Opens the window on its Needs attention list. */
  onOpenAttention(): void
  /** Refresh connection for one broken profile of the Needs attention list. */
  onRefreshProfile(profileId: string): void
}

/** What needs attention, as the tray shows it; nothing until the first health reading. */
export type MenuAttention = Pick<TrayState, 'brokenProfiles' | 'waitingPosts'>
const NOTHING: MenuAttention = { brokenProfiles: [], waitingPosts: 0 }

/**
 * The Connections menu follows the Needs attention list as the tray menu does: the list itself
 * (with its count), each broken profile's Refresh connection and the waiting posts, then the
 * general entries.
 */
function connectionsMenu(options: ApplicationMenuOptions, attention: MenuAttention): MenuItemConstructorOptions[] {
  const total = attention.brokenProfiles.length + attention.waitingPosts
  const items: MenuItemConstructorOptions[] = [{ label: total > 0 ? `Needs attention (${total})…` : 'Needs attention…', click: () => options.onOpenAttention() }]
  for (const profile of attention.brokenProfiles) items.push({ label: `Refresh connection: ${profile.label}`, click: () => options.onRefreshProfile(profile.id) })
  if (attention.waitingPosts > 0) items.push({ label: waitingPostsWords(attention.waitingPosts), click: () => options.onOpenAttention() })
  items.push(
    { type: 'separator' },
    { label: 'Refresh connection…', click: () => options.onRefreshConnection() },
    { label: 'Refresh all expired', click: () => options.onRefreshAllExpired() },
  )
  return items
}

/** The application menu. Reload and developer tools exist only in development builds. */
export function applicationMenuTemplate(options: ApplicationMenuOptions, attention: MenuAttention = NOTHING): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin'
  const developer: MenuItemConstructorOptions[] = options.isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    { label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [...developer, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { label: 'Connections', submenu: connectionsMenu(options, attention) },
    { role: 'windowMenu' },
  ]
}

/** Builds and installs the application menu; install again with a new attention list to update it. */
export function installApplicationMenu(options: ApplicationMenuOptions, attention: MenuAttention = NOTHING): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(options, attention)))
}
