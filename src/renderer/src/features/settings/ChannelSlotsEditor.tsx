import { useId, useState } from 'react'
import type { ChannelSummary } from '../../../../shared/domain/entities'
import { sortSlots, type ChannelSlots, type PostingSlot } from '../../../../shared/domain/posting-slots'
import { useNow } from '../../app/now-context'
import { Button } from '../../components/Button'
import { Icon } from '../../components/Icon'
import { useToastedAction } from '../../components/use-toast'
import { call } from '../../lib/api'
import { appLocale } from '../../lib/locale'
import { formatTimeField } from '../../lib/locale-fields'
import { localTimeZone } from '../schedule/composer/compose-form'
import { ZonePicker } from '../schedule/composer/ZonePicker'
import { CopySlotsDialog } from './CopySlotsDialog'
import { SlotAddForm } from './SlotAddForm'
import { daysWords, slotRows } from './slot-words'

/** One channel's posting slots: its time zone, its times and their days, adding, removing and copying them. */
export function ChannelSlotsEditor({ channel, set, others }: { channel: ChannelSummary; set: ChannelSlots | undefined; others: readonly ChannelSummary[] }) {
  const id = useId()
  const now = useNow()
  const { busy, run } = useToastedAction()
  const [copying, setCopying] = useState(false)
  const slots = set?.slots ?? []
  const zone = set?.timeZone ?? localTimeZone()

  const save = (next: readonly PostingSlot[], timeZone = zone): Promise<boolean> =>
    run(async () => {
      await call('slots:set-channel', { channelId: channel.id, timeZone, slots: sortSlots(next) })
    })

  const rows = slotRows(slots)
  return (
    <div className="slot-editor">
      <div className="slot-editor__zone">
        <label htmlFor={`${id}-zone`} className="form-field__hint">
          Time zone
        </label>
        <ZonePicker id={`${id}-zone`} zone={zone} at={now} disabled={busy} onZone={(timeZone) => void save(slots, timeZone)} />
      </div>
      {rows.length === 0 ? (
        <p className="muted-note slot-editor__empty">No posting slots yet — add times when this channel usually posts.</p>
      ) : (
        <ul className="boxed-list" aria-label={`Posting slots of ${channel.name}`}>
          {rows.map((row) => {
            const time = formatTimeField(row.time, appLocale())
            const days = daysWords(row.days)
            return (
              <li key={row.time} className="list-row slot-row">
                <span className="slot-row__time">{time}</span>
                <span className="slot-row__days">{days}</span>
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={busy}
                  aria-label={`Remove ${time} on ${days}`}
                  onClick={() => void save(slots.filter((s) => s.time !== row.time))}
                >
                  <Icon name="trash" size={14} />
                  Remove
                </Button>
              </li>
            )
          })}
        </ul>
      )}
      <SlotAddForm disabled={busy} onAdd={(added) => save([...slots, ...added])} />
      {rows.length > 0 && others.length > 0 && (
        <div>
          <Button size="sm" onClick={() => setCopying(true)}>
            <Icon name="copy" size={14} />
            Copy to other channels…
          </Button>
        </div>
      )}
      {copying && <CopySlotsDialog from={channel} others={others} onClose={() => setCopying(false)} />}
    </div>
  )
}
