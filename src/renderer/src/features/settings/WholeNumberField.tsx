import { useRef, useState } from 'react'
import type { IpcError } from '../../lib/api'
import { describedBy } from './SettingRow'

/**
 * Saving a typed setting: each value is sent once (Enter followed by blur would send a refused
 * value twice), and the answer becomes the field's error: the range for a refused value, the
 * message otherwise.
 */
export function useSettingCommit(onCommit: (value: number) => Promise<IpcError | undefined>) {
  const [error, setError] = useState<string>()
  const lastSent = useRef<number | undefined>(undefined)
  return {
    error,
    setError,
    /** The field changed: the next value is sent even if it equals the last. */
    retype: () => void (lastSent.current = undefined),
    async send(value: number, range: string): Promise<void> {
      if (lastSent.current === value) return
      lastSent.current = value
      const failure = await onCommit(value)
      if (!failure) setError(undefined)
      else if (failure.code === 'validation') setError(`Choose ${range}.`)
      else setError(failure.message)
    },
  }
}

export interface WholeNumberInputProps {
  id: string
  value: string
  min: number
  max: number
  description: string | undefined
  error: string | undefined
  onType(text: string): void
  onDone(): void
}

/** The number box of a setting: whole numbers, done on blur and on Enter. */
export function WholeNumberInput({ id, value, min, max, description, error, onType, onDone }: WholeNumberInputProps) {
  return (
    <input
      id={id}
      className="input number-field__input"
      type="number"
      inputMode="numeric"
      min={min}
      max={max}
      step={1}
      value={value}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(id, description, error)}
      onChange={(e) => onType(e.target.value)}
      onBlur={onDone}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onDone()
      }}
    />
  )
}
