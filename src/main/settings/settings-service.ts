import { applySettingsPatch, settingsSchema, type AppSettings, type SettingsPatch } from '../../shared/domain/settings'
import type { EventBus } from '../events'
import type { SettingsStore } from '../ports'

export type SettingsService = ReturnType<typeof createSettingsService>

export function createSettingsService(deps: { store: SettingsStore; events: EventBus }) {
  const { store, events } = deps
  return {
    get: async (): Promise<AppSettings> => store.read(),
    async update(patch: SettingsPatch): Promise<AppSettings> {
      const next = settingsSchema.parse(applySettingsPatch(store.read(), patch))
      store.write(next)
      events.emit('settings:did-change', next)
      return next
    },
  }
}
