import Store from 'electron-store'
import type { Logger, SettingsStore } from '../ports'
import { createSettingsStore } from '../settings/settings-store'

/**
 * Settings kept by electron-store in `<userData>/settings.json`, validated on every read by
 * `createSettingsStore`.
 */
export function createElectronSettingsStore(logger: Logger): SettingsStore {
  const store = new Store<Record<string, unknown>>({
    name: 'settings',
    // Preferences only (secrets live encrypted in the database): a file that is not even JSON
    // is reset to defaults rather than stopping Relink from starting.
    clearInvalidConfig: true,
  })
  return createSettingsStore(store, logger)
}
