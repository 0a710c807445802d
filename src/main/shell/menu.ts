import { Menu, type MenuItemConstructorOptions } from 'electron'

export interface ApplicationMenuOptions {
  isPackaged: boolean
  platform: NodeJS.Platform
  /** "Refresh connection…": let the user pick the profile to reconnect. */
  onRefreshConnection(): void
  /** "Refresh all expired": re-run the flow for every broken profile in turn. */
  onRefreshAllExpired(): void
}

/** The application menu. Reload and developer tools exist only in development builds. */
export function applicationMenuTemplate(options: ApplicationMenuOptions): MenuItemConstructorOptions[] {
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
    {
      label: 'Connections',
      submenu: [
        { label: 'Refresh connection…', click: () => options.onRefreshConnection() },
        { label: 'Refresh all expired', click: () => options.onRefreshAllExpired() },
      ],
    },
    { role: 'windowMenu' },
  ]
}

/** Builds and installs the application menu. */
export function installApplicationMenu(options: ApplicationMenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(options)))
}
