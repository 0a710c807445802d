import { useId, useState, type FormEvent } from 'react'
import { WEEKDAYS, type PostingSlot, type Weekday } from '../../../../shared/domain/posting-slots'
import { Button } from '../../components/Button'
import { Icon } from '../../components/Icon'
import { LocaleInput } from '../../components/LocaleInput'
import { weekdayName } from './slot-words'

const WORKING_DAYS: readonly Weekday[] = [1, 2, 3, 4, 5]

/** Days of the week (Monday to Friday to start with) and a time: the slots to add. */
export function SlotAddForm({ disabled, onAdd }: { disabled: boolean; onAdd(slots: PostingSlot[]): Promise<boolean> }) {
  const id = useId()
  const [days, setDays] = useState<readonly Weekday[]>(WORKING_DAYS)
  const [time, setTime] = useState('')
  const [version, setVersion] = useState(0)
  const [error, setError] = useState<string>()

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (days.length === 0) return setError('Pick at least one day.')
    if (!time) return setError('Write the time, like 09:00.')
    setError(undefined)
    if (await onAdd(days.map((weekday) => ({ weekday, time })))) {
      setTime('')
      // A fresh field: the text typed is gone with the value.
      setVersion((v) => v + 1)
    }
  }

  return (
    <form className="slot-add" onSubmit={(e) => void submit(e)} aria-label="Add a posting time">
      <div className="segmented slot-add__days" role="group" aria-label="Days">
        {WEEKDAYS.map((d) => (
          <label key={d} className="segmented__option">
            <input
              type="checkbox"
              aria-label={weekdayName(d, 'long')}
              checked={days.includes(d)}
              onChange={(e) => setDays(e.target.checked ? [...days, d] : days.filter((x) => x !== d))}
            />
            <span aria-hidden="true">{weekdayName(d)}</span>
          </label>
        ))}
      </div>
      <div className="slot-add__time">
        <label htmlFor={`${id}-time`} className="visually-hidden">
          Time
        </label>
        <LocaleInput key={version} id={`${id}-time`} kind="time" value={time} invalid={error !== undefined} describedBy={error ? `${id}-error` : undefined} onChange={setTime} />
      </div>
      <Button type="submit" disabled={disabled}>
        <Icon name="plus" size={14} />
        Add time
      </Button>
      {error && (
        <p id={`${id}-error`} className="field-error slot-add__error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
