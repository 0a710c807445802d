import { useId, useState } from 'react'
import type { IpcError } from '../../lib/api'
import type { Bounds } from './setting-limits'
import { SettingRow } from './SettingRow'
import { useSettingCommit, WholeNumberInput } from './WholeNumberField'

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
  const [shownValue, setShownValue] = useState(value)
  const { error, setError, retype, send } = useSettingCommit(onCommit)

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
    await send(Number(text), `between ${bounds.min} and ${bounds.max} ${unit}`)
  }

  return (
    <SettingRow id={id} label={label} description={description} hint={hint?.(value)} error={error}>
      <div className="number-field">
        <WholeNumberInput
          id={id}
          value={draft}
          min={bounds.min}
          max={bounds.max}
          description={description}
          error={error}
          onType={(text) => {
            setDraft(text)
            retype()
          }}
          onDone={() => void commit()}
        />
        <span className="number-field__unit">{unit}</span>
      </div>
    </SettingRow>
  )
}
