import { join } from 'node:path'
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron'
import type { TrayLevel, TrayState, TrayView } from '../ports'

export interface TrayOptions {
  /** Folder holding `tray-healthy.png`, `tray-expiring.png` and `tray-broken.png`. */
  iconDir: string
  onRefreshProfile(profileId: string): void
  onOpen(): void
  onQuit(): void
}

/** The tray file for a health level. */
export function trayIconPath(iconDir: string, level: TrayLevel): string {
  return join(iconDir, `tray-${level}.png`)
}

/**
 * The tray menu: one "Refresh connection" per broken profile first, since reconnecting is the
 * reason to open the menu when the icon is red, then the app's own entries.
 */
export function trayMenuTemplate(state: TrayState, options: Pick<TrayOptions, 'onRefreshProfile' | 'onOpen' | 'onQuit'>): MenuItemConstructorOptions[] {
  const refresh: MenuItemConstructorOptions[] = state.brokenProfiles.map((profile) => ({
    label: `Refresh connection: ${profile.label}`,
    click: () => options.onRefreshProfile(profile.id),
  }))
  return [
    ...refresh,
    ...(refresh.length > 0 ? [{ type: 'separator' as const }] : []),
    { label: 'Open Relink', click: () => options.onOpen() },
    { label: 'Quit', click: () => options.onQuit() },
  ]
}

/** `TrayView` over an Electron `Tray`, created at once in the healthy state. */
export function createTrayView(options: TrayOptions): TrayView & { destroy(): void } {
  const images = new Map<TrayLevel, NativeImage>()
  const icon = (level: TrayLevel): NativeImage => {
    let image = images.get(level)
    if (!image) {
      image = nativeImage.createFromPath(trayIconPath(options.iconDir, level))
      images.set(level, image)
    }
    return image
  }

  const tray = new Tray(icon('healthy'))
  // Windows and most Linux desktops open the app on a plain click; macOS shows the menu instead.
  tray.on('click', () => options.onOpen())

  const render = (state: TrayState): void => {
    tray.setImage(icon(state.level))
    tray.setToolTip(state.tooltip)
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(state, options)))
  }
  render({ level: 'healthy', tooltip: 'Relink', brokenProfiles: [] })

  return {
    render,
    destroy: () => tray.destroy(),
  }
}
