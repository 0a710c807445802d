import { useState, type KeyboardEvent } from 'react'
import { METRIC_LABELS, type BestTimeSlot, type PostMetric } from '../../../../shared/domain/analytics'
import { bestSlots, bestTimeGrid, hourRange, intensity, WEEKDAY_NAMES, WEEKDAY_SHORT } from './best-time'

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 })
const HOURS = Array.from({ length: 24 }, (_, h) => h)

function slotSentence(weekday: number, hour: number, slot: BestTimeSlot | null, metric: PostMetric): string {
  const when = `${WEEKDAY_NAMES[weekday] ?? ''} ${hourRange(hour)}`
  if (!slot) return `${when}: no posts published then.`
  const posts = `${slot.posts} post${slot.posts === 1 ? '' : 's'}`
  const label = METRIC_LABELS[metric].toLowerCase()
  return slot.average === null ? `${when}: ${posts}, no ${label} reported yet.` : `${when}: ${posts}, ${number.format(slot.average)} ${label} on average.`
}

/**
 * When posts did best: weekday × hour in the window's zone, each hour coloured by the mean of the
 * metric over the posts published then. One tab stop; the arrow keys move through the hours and
 * the line under the grid says what the focused (or hovered) hour holds.
 */
export function BestTimeHeatmap({ slots, metric, timeZone }: { slots: readonly BestTimeSlot[]; metric: PostMetric; timeZone: string }) {
  const { rows, max } = bestTimeGrid(slots)
  const best = bestSlots(slots)
  const first = best[0] ?? slots[0]
  const [active, setActive] = useState<{ weekday: number; hour: number }>(() => ({ weekday: first?.weekday ?? 0, hour: first?.hour ?? 9 }))
  const [shown, setShown] = useState<{ weekday: number; hour: number } | null>(null)
  const label = METRIC_LABELS[metric].toLowerCase()

  function move(e: KeyboardEvent<HTMLTableElement>): void {
    const step: Record<string, [number, number]> = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] }
    let next = active
    if (e.key in step) {
      const [dw, dh] = step[e.key] ?? [0, 0]
      next = { weekday: Math.min(6, Math.max(0, active.weekday + dw)), hour: Math.min(23, Math.max(0, active.hour + dh)) }
    } else if (e.key === 'Home') next = { ...active, hour: 0 }
    else if (e.key === 'End') next = { ...active, hour: 23 }
    else return
    e.preventDefault()
    setActive(next)
    setShown(next)
    document.getElementById(`best-time-${next.weekday}-${next.hour}`)?.focus()
  }

  const detail = shown ?? active
  return (
    <div className="best-time">
      <p className="best-time__summary">
        {best.length === 0
          ? `No ${label} reported for these posts yet.`
          : `Most ${label} per post: ${best.map((s) => `${WEEKDAY_SHORT[s.weekday] ?? ''} ${hourRange(s.hour)}`).join(', ')}.`}{' '}
        <span className="best-time__zone">Times in {timeZone.replace(/_/g, ' ')}.</span>
      </p>
      <div className="best-time__scroll">
        <table className="best-time__grid" role="grid" aria-label={`Average ${label} per post by weekday and hour`} onKeyDown={move} onMouseLeave={() => setShown(null)}>
          <thead>
            <tr>
              <td className="best-time__corner" />
              {HOURS.map((h) => (
                <th key={h} scope="col" className="best-time__hour" abbr={hourRange(h)}>
                  <span aria-hidden={h % 3 !== 0}>{h % 3 === 0 ? String(h).padStart(2, '0') : ''}</span>
                  {h % 3 !== 0 && <span className="visually-hidden">{String(h).padStart(2, '0')}</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, weekday) => (
              <tr key={weekday}>
                <th scope="row" className="best-time__day" abbr={WEEKDAY_NAMES[weekday]}>
                  {WEEKDAY_SHORT[weekday]}
                </th>
                {row.map((slot, hour) => {
                  const heat = intensity(slot, max)
                  const isActive = active.weekday === weekday && active.hour === hour
                  const sentence = slotSentence(weekday, hour, slot, metric)
                  return (
                    <td
                      key={hour}
                      id={`best-time-${weekday}-${hour}`}
                      role="gridcell"
                      tabIndex={isActive ? 0 : -1}
                      aria-label={sentence}
                      title={sentence}
                      className={`best-time__cell${slot ? ' best-time__cell--posted' : ''}`}
                      style={heat > 0 ? { background: `color-mix(in srgb, var(--color-accent) ${Math.round(heat * 100)}%, var(--color-surface-muted))` } : undefined}
                      onMouseEnter={() => setShown({ weekday, hour })}
                      onFocus={() => setActive({ weekday, hour })}
                      onClick={() => setActive({ weekday, hour })}
                    />
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="best-time__detail" aria-live="polite">
        {slotSentence(detail.weekday, detail.hour, rows[detail.weekday]?.[detail.hour] ?? null, metric)}
      </p>
    </div>
  )
}
