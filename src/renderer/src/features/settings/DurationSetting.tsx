import { useId, useState } from 'react'
import type { IpcError } from '../../lib/api'
import { bestUnit, DURATION_UNITS, inUnit, rangeWords, toMinutes, type DurationUnit } from './duration-units'
import type { Bounds } from './setting-limits'
import { SettingRow } from './SettingRow'
import { useSettingCommit, WholeNumberInput } from './WholeNumberField'

export interface DurationSettingProps {
  label: string
  description?: string
  /** Stored in minutes; shown in the largest offered unit that keeps it whole. */
  minutes: number
  /** Stored bounds, in minutes. */
  bounds: Bounds
  units: readonly DurationUnit[]
  /** A reading aid under the label, given the stored minutes. */
  hint?: (minutes: number) => string
  onCommit: (minutes: number) => Promise<IpcError | undefined>
}

/**
 * A length of time typed as a number and a unit ("7 days"), saved in minutes when the field loses
 * focus, on Enter, or when the unit changes.
 */
export function DurationSetting({ label, description, minutes, bounds, units, hint, onCommit }: DurationSettingProps) {
  const id = useId()
  const [unit, setUnit] = useState<DurationUnit>(() => bestUnit(minutes, units))
  const [draft, setDraft] = useState(() => String(inUnit(minutes, unit) ?? minutes))
  const [shown, setShown] = useState(minutes)
  const { error, setError, retype, send } = useSettingCommit(onCommit)

  if (minutes !== shown) {
    const next = inUnit(minutes, unit) === undefined ? bestUnit(minutes, units) : unit
    setShown(minutes)
    setUnit(next)
    setDraft(String(inUnit(minutes, next) ?? minutes))
    setError(undefined)
  }

  async function commit(text: string, inUnitOf: DurationUnit): Promise<void> {
    const trimmed = text.trim()
    if (!/^\d+$/.test(trimmed)) {
      setError(/^-/.test(trimmed) ? `Choose ${rangeWords(bounds, inUnitOf)}.` : 'Enter a whole number.')
      return
    }
    const total = toMinutes(Number(trimmed), inUnitOf)
    if (total === minutes) {
      setError(undefined)
      return
    }
    await send(total, rangeWords(bounds, inUnitOf))
  }

  return (
    <SettingRow id={id} label={label} description={description} hint={hint?.(minutes)} error={error}>
      <div className="number-field">
        <WholeNumberInput
          id={id}
          value={draft}
          min={Math.ceil(bounds.min / DURATION_UNITS[unit].minutes)}
          max={Math.floor(bounds.max / DURATION_UNITS[unit].minutes)}
          description={description}
          error={error}
          onType={(text) => {
            setDraft(text)
            retype()
          }}
          onDone={() => void commit(draft, unit)}
        />
        {units.length > 1 ? (
          <select
            className="input number-field__units"
            aria-label={`${label}: unit`}
            value={unit}
            onChange={(e) => {
              const next = e.target.value as DurationUnit
              setUnit(next)
              retype()
              void commit(draft, next)
            }}
          >
            {units.map((u) => (
              <option key={u} value={u}>
                {DURATION_UNITS[u].many}
              </option>
            ))}
          </select>
        ) : (
          <span className="number-field__unit">{DURATION_UNITS[unit].many}</span>
        )}
      </div>
    </SettingRow>
  )
}
