import { createContext, useContext } from 'react'
import type { AppSettings } from '../../../shared/domain/settings'

export interface SettingsContextValue {
  settings: AppSettings | undefined
  error: string | undefined
  loading: boolean
  reload(): void
  /** Takes the settings a `settings:update` returned, ahead of the change event. */
  replace(next: AppSettings): void
}

export const SettingsContext = createContext<SettingsContextValue | null>(null)

export function useSettings(): SettingsContextValue {
  const value = useContext(SettingsContext)
  if (!value) throw new Error('useSettings needs a SettingsProvider above it')
  return value
}
