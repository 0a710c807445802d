import { Icon } from '../../components/Icon'
import { formatDayNumber, formatLongDay, formatWeekday } from './schedule-format'

/** A day's weekday, number and "+" (which starts a post at `slot`; past days have none). */
export function DayHeader({
  day,
  slot,
  showWeekday,
  className,
  onCreate,
}: {
  day: number
  slot: number | undefined
  showWeekday: boolean
  className: string
  onCreate(at: number): void
}) {
  const name = formatLongDay(day)
  return (
    <header className={className}>
      {showWeekday && <span className="calendar-day__weekday">{formatWeekday(day)}</span>}
      <span className="calendar-day__number">{formatDayNumber(day)}</span>
      {slot !== undefined && (
        <button type="button" className="calendar-day__add" aria-label={`Add a post on ${name}`} title={`Add a post on ${name}`} onClick={() => onCreate(slot)}>
          <Icon name="plus" size={14} />
        </button>
      )}
    </header>
  )
}
