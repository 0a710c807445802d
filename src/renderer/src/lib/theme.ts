import type { AppSettings } from '../../../shared/domain/settings'

export type ThemeSetting = AppSettings['theme']

// The settings live in main and arrive after the first paint; remembering the last theme here
// avoids a white flash when a dark-theme user opens the window.
const STORAGE_KEY = 'relink.theme'

const isTheme = (value: unknown): value is ThemeSetting => value === 'system' || value === 'light' || value === 'dark'

export function applyTheme(theme: ThemeSetting): void {
  document.documentElement.dataset.theme = theme
  try {
    localStorage.setItem(STORAGE_KEY, theme)
  } catch {
    // Storage can be unavailable (private profiles); the theme still applies for this session.
  }
}

export function rememberedTheme(): ThemeSetting {
  try {
    const stored = localStorage.getItem(STORAGE_KEY)
    return isTheme(stored) ? stored : 'system'
  } catch {
    return 'system'
  }
}
