import { defaultSettings, settingsSchema, type AppSettings } from '../../shared/domain/settings'
import type { Logger, SettingsStore } from '../ports'

/**
 * The part of electron-store (and of `conf`, which it wraps) that Relink uses: the whole object.
 * Keeping to this lets the app use electron-store and the headless core use `conf` directly.
 */
export interface JsonStore {
  store: Record<string, unknown>
}

/**
 * Settings validated on every read: a hand-edited or half-written file falls back to defaults
 * for the fields that fail, and the problem is logged instead of crashing start-up.
 */
export function createSettingsStore(backing: JsonStore, logger: Logger): SettingsStore {
  let cached: AppSettings | undefined
  return {
    read() {
      if (cached) return cached
      const parsed = settingsSchema.safeParse(backing.store)
      if (parsed.success) {
        cached = parsed.data
      } else {
        logger.log('warn', 'settings: stored settings were invalid; using defaults for them', {
          issues: parsed.error.issues.map((i) => i.path.join('.')),
        })
        cached = recoverSettings(backing.store)
      }
      return cached
    },
    write(next) {
      const valid = settingsSchema.parse(next)
      backing.store = valid
      cached = valid
    },
  }
}

/** Keeps every top-level section that is valid on its own; replaces the rest with defaults. */
function recoverSettings(raw: Record<string, unknown>): AppSettings {
  const result: Record<string, unknown> = { ...defaultSettings() }
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in result)) continue
    const candidate = settingsSchema.safeParse({ [key]: value })
    if (candidate.success) result[key] = candidate.data[key as keyof AppSettings]
  }
  return settingsSchema.parse(result)
}
