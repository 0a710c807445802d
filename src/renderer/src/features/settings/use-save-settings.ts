import { useCallback, useState } from 'react'
import type { SettingsPatch } from '../../../../shared/domain/settings'
import { useSettings } from '../../app/settings-context'
import type { SaveState } from '../../components/SaveStatus'
import { call, errorMessage, IpcError } from '../../lib/api'

/**
 * Saves one patch and tracks the section's "Saving… / Saved" line. Resolves to the error, if any,
 * so a field can explain a rejected value next to itself.
 */
export function useSaveSettings(): { state: SaveState; save: (patch: SettingsPatch) => Promise<IpcError | undefined> } {
  const { replace } = useSettings()
  const [state, setState] = useState<SaveState>({ kind: 'idle' })

  const save = useCallback(
    async (patch: SettingsPatch) => {
      setState({ kind: 'saving' })
      try {
        replace(await call('settings:update', patch))
        setState({ kind: 'saved' })
        return undefined
      } catch (err) {
        const error = err instanceof IpcError ? err : new IpcError({ code: 'internal', message: errorMessage(err), retryable: true })
        // The field shows why a value was refused; the section line only says nothing changed.
        setState({ kind: 'error', message: error.code === 'validation' ? 'Not saved.' : error.message })
        return error
      }
    },
    [replace],
  )

  return { state, save }
}
