import { useEffect, useMemo, type ReactNode } from 'react'
import { applyTheme } from '../lib/theme'
import { useQuery } from '../lib/use-query'
import { SettingsContext, type SettingsContextValue } from './settings-context'

/** One copy of the preferences for the whole window; the theme follows it. */
export function SettingsProvider({ children }: { children: ReactNode }) {
  const { data, error, loading, reload, replace } = useQuery('settings:get', undefined, ['settings:did-change'])
  const theme = data?.theme

  useEffect(() => {
    if (theme) applyTheme(theme)
  }, [theme])

  const value = useMemo<SettingsContextValue>(
    () => ({ settings: data, error, loading, reload, replace }),
    [data, error, loading, reload, replace],
  )
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>
}
