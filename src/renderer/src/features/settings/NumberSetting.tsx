import { useId, useRef, useState } from 'react'
import type { IpcError } from '../../lib/api'
import type { Bounds } from './setting-limits'
import { describedBy, SettingRow } from './SettingRow'

export interface NumberSettingProps {
  label: string
  description?: string
  value: number
  bounds: Bounds
  unit: 'days'
  /** A reading aid under the label, e.g. "Renews 7 days before expiry" for 10080 minutes. */
  hint?: (value: number) => string
  onCommit: (value: number) => Promise<IpcError | undefined>
}

/** A whole-number preference saved when the field loses focus or on Enter. */
export function NumberSetting({ label, description, value, bounds, unit, hint, onCommit }: NumberSettingProps) {
  const id = useId()
  const [draft, setDraft] = useState(String(value))
  const [error, setError] = useState<string>()
  const [shownValue, setShownValue] = useState(value)
  // Enter followed by blur would send the same refused value twice.
  const lastSent = useRef<string | undefined>(undefined)

  if (value !== shownValue) {
    setShownValue(value)
    setDraft(String(value))
    setError(undefined)
  }

  async function commit(): Promise<void> {
    const text = draft.trim()
    if (text === String(value)) {
      setError(undefined)
      return
    }
    if (!/^-?\d+$/.test(text)) {
      setError('Enter a whole number.')
      return
    }
    if (lastSent.current === text) return
    lastSent.current = text
    const failure = await onCommit(Number(text))
    if (!failure) setError(undefined)
    else if (failure.code === 'validation') setError(`Choose between ${bounds.min} and ${bounds.max} ${unit}.`)
    else setError(failure.message)
  }

  return (
    <SettingRow id={id} label={label} description={description} hint={hint?.(value)} error={error}>
      <div className="number-field">
        <input
          id={id}
          className="input number-field__input"
          type="number"
          inputMode="numeric"
          min={bounds.min}
          max={bounds.max}
          step={1}
          value={draft}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, description, error)}
          onChange={(e) => {
            setDraft(e.target.value)
            lastSent.current = undefined
          }}
          onBlur={() => void commit()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void commit()
          }}
        />
        <span className="number-field__unit">{unit}</span>
      </div>
    </SettingRow>
  )
}
