import { join } from 'node:path'
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron'
import { waitingPostsWords } from '../../shared/domain/attention'
import type { TrayLevel, TrayState, TrayView } from '../ports'

export interface TrayOptions {
  /** Folder holding `tray-healthy.png`, `tray-expiring.png` and `tray-broken.png`. */
  iconDir: string
  onRefreshProfile(profileId: string): void
  /** Opens the window on its Needs attention list. */
  onOpenAttention(): void
  onOpen(): void
  onQuit(): void
}

/** The tray file for a health level. */
export function trayIconPath(iconDir: string, level: TrayLevel): string {
  return join(iconDir, `tray-${level}.png`)
}

/**
 * The tray menu follows the Needs attention list: one "Refresh connection" per broken profile
 * first, since reconnecting is the reason to open the menu when the icon is red, then the posts
 * waiting for a decision (opening the list), then the app's own entries.
 */
export function trayMenuTemplate(state: TrayState, options: Pick<TrayOptions, 'onRefreshProfile' | 'onOpenAttention' | 'onOpen' | 'onQuit'>): MenuItemConstructorOptions[] {
  const attention: MenuItemConstructorOptions[] = state.brokenProfiles.map((profile) => ({
    label: `Refresh connection: ${profile.label}`,
    click: () => options.onRefreshProfile(profile.id),
  }))
  if (state.waitingPosts > 0) attention.push({ label: waitingPostsWords(state.waitingPosts), click: () => options.onOpenAttention() })
  return [
    ...attention,
    ...(attention.length > 0 ? [{ type: 'separator' as const }] : []),
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
  render({ level: 'healthy', tooltip: 'Relink', brokenProfiles: [], waitingPosts: 0 })

  return {
    render,
    destroy: () => tray.destroy(),
  }
}
