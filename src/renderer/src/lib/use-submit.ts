import { useCallback, useState } from 'react'
import { errorMessage } from './api'

/**
 * A dialog's or form's one action: `busy` while it runs (buttons disabled, a double click does
 * nothing twice), and the reason in plain words when it fails, cleared on the next try.
 */
export function useSubmit(): { busy: boolean; error: string | undefined; submit: (work: () => Promise<void>) => Promise<void> } {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const submit = useCallback(async (work: () => Promise<void>) => {
    setBusy(true)
    setError(undefined)
    try {
      await work()
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }, [])
  return { busy, error, submit }
}
