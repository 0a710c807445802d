import { useId, useRef, useState } from 'react'
import type { IpcError } from '../../lib/api'
import type { Bounds } from './setting-limits'

export interface NumberSettingProps {
  label: string
  description?: string
  value: number
  bounds: Bounds
  unit: 'minutes' | 'days'
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

  const errorId = `${id}-error`
  const descriptionId = `${id}-description`
  return (
    <div className="setting">
      <div className="setting__text">
        <label htmlFor={id} className="setting__label">
          {label}
        </label>
        {description && (
          <p id={descriptionId} className="setting__description">
            {description}
          </p>
        )}
        {hint && (
          <p className="setting__description" aria-live="polite">
            {hint(value)}
          </p>
        )}
      </div>
      <div className="setting__control">
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
            aria-describedby={[description ? descriptionId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined}
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
        {error && (
          <p id={errorId} className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  )
}
