import { memo, useId } from 'react'
import { Button } from '../../../components/Button'
import { Icon } from '../../../components/Icon'
import { LocaleInput, type LocaleInputProps } from '../../../components/LocaleInput'
import { appLocale } from '../../../lib/locale'
import { formatTimeField } from '../../../lib/locale-fields'
import { formatRelative } from '../../../lib/time'
import { localTimeZone } from './compose-form'
import type { NextFreeSlotState } from './use-next-free-slot'
import { ZonePicker } from './ZonePicker'
import { formatInZone, utcToZonedWallTime, type WallTime, type ZonedInstant } from './zoned-time'

/** The sentence under the fields: when the post goes out, and how a clock change moved it. */
function Summary({ wall, zone, instant, now }: { wall: WallTime; zone: string; instant: ZonedInstant; now: number }) {
  const local = localTimeZone()
  return (
    <p className="form-field__hint composer-when__summary">
      Goes out {formatInZone(instant.at, zone)} ({formatRelative(instant.at, now)})
      {zone !== local ? `, which is ${formatInZone(instant.at, local)} in ${local}` : ''}.
      {instant.fit === 'gap' &&
        ` The clocks in ${zone} skip ${formatTimeField(wall.time, appLocale())} that day, so it goes out at ${formatTimeField(utcToZonedWallTime(instant.at, zone).time, appLocale())}, just after the change.`}
      {instant.fit === 'overlap' && ` The clocks in ${zone} show ${formatTimeField(wall.time, appLocale())} twice that day; it goes out the first time.`}
    </p>
  )
}

/** The date or the time half of the wall time, under its own label. */
function WallInput({ id, label, ...field }: { id: string; label: string } & Omit<LocaleInputProps, 'id' | 'label' | 'required'>) {
  return (
    <div className="form-field composer-when__field">
      <label htmlFor={id} className="form-field__hint">
        {label}
      </label>
      <LocaleInput id={id} required {...field} />
    </div>
  )
}

/**
 * Date and time on the wall clock of a chosen time zone, with what that means in plain words.
 * Drawn again only when the time, the zone or what is said about them changes, not for each key typed.
 */
export const WhenFields = memo(function WhenFields({
  wall,
  zone,
  instant,
  error,
  now,
  readOnly,
  nextFree,
  onWall,
  onZone,
}: {
  wall: WallTime
  zone: string
  instant: ZonedInstant | undefined
  /** Why the time cannot be used (in the past, not a date). */
  error: string | undefined
  now: number
  readOnly: boolean
  nextFree: NextFreeSlotState
  onWall: (wall: WallTime) => void
  onZone: (zone: string) => void
}) {
  const id = useId()
  const shared = { invalid: error !== undefined, readOnly, describedBy: `${id}-summary${error ? ` ${id}-error` : ''}` }
  return (
    <fieldset className="composer-when">
      <legend className="form-field__label">When</legend>
      <div className="composer-when__row">
        <WallInput id={`${id}-date`} label="Date" kind="date" value={wall.date} {...shared} onChange={(date) => onWall({ ...wall, date })} />
        <WallInput id={`${id}-time`} label="Time" kind="time" value={wall.time} {...shared} onChange={(time) => onWall({ ...wall, time })} />
        <div className="form-field composer-when__zone">
          <label htmlFor={`${id}-zone`} className="form-field__hint">
            Time zone
          </label>
          <ZonePicker id={`${id}-zone`} zone={zone} at={instant?.at ?? now} disabled={readOnly} onZone={onZone} />
        </div>
      </div>
      <div className="composer-when__slot">
        <Button size="sm" disabled={readOnly || nextFree.busy} aria-describedby={nextFree.note ? `${id}-slot-note` : undefined} onClick={nextFree.pick}>
          <Icon name="schedule" size={14} />
          Next free slot
        </Button>
        <span id={`${id}-slot-note`} className="form-field__hint" role="status">
          {nextFree.note}
        </span>
      </div>
      <div id={`${id}-summary`}>{instant && <Summary wall={wall} zone={zone} instant={instant} now={now} />}</div>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  )
})
