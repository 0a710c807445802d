import { useId } from 'react'
import { Button } from '../../components/Button'
import { Icon } from '../../components/Icon'
import { SCHEDULE_VIEWS, type ScheduleView } from './calendar-range'

const VIEW_LABELS: Record<ScheduleView, { label: string; key: string }> = {
  week: { label: 'Week', key: 'W' },
  month: { label: 'Month', key: 'M' },
  list: { label: 'List', key: 'L' },
}

/** Previous, today and next; the span shown; the view switch; and New post. */
export function ScheduleToolbar({
  view,
  rangeLabel,
  onView,
  onPrevious,
  onToday,
  onNext,
  onNewPost,
}: {
  view: ScheduleView
  rangeLabel: string
  onView(view: ScheduleView): void
  onPrevious(): void
  onToday(): void
  onNext(): void
  onNewPost(): void
}) {
  const name = useId()
  const unit = view === 'week' ? 'week' : 'month'
  return (
    <div className="schedule-toolbar">
      <div className="schedule-toolbar__nav">
        <Button size="sm" variant="ghost" aria-label={`Previous ${unit}`} aria-keyshortcuts="ArrowLeft" title={`Previous ${unit} (←)`} onClick={onPrevious}>
          <Icon name="chevronRight" size={16} className="schedule-toolbar__back-icon" />
        </Button>
        <Button size="sm" aria-keyshortcuts="T" title="Today (T)" onClick={onToday}>
          Today
        </Button>
        <Button size="sm" variant="ghost" aria-label={`Next ${unit}`} aria-keyshortcuts="ArrowRight" title={`Next ${unit} (→)`} onClick={onNext}>
          <Icon name="chevronRight" size={16} />
        </Button>
        <h2 className="schedule-toolbar__range" aria-live="polite">
          {rangeLabel}
        </h2>
      </div>
      <div className="schedule-toolbar__actions">
        <div className="segmented" role="radiogroup" aria-label="View">
          {SCHEDULE_VIEWS.map((v) => (
            <label key={v} className="segmented__option" title={`${VIEW_LABELS[v].label} (${VIEW_LABELS[v].key})`}>
              <input
                type="radio"
                name={name}
                value={v}
                checked={view === v}
                aria-keyshortcuts={VIEW_LABELS[v].key}
                onChange={() => onView(v)}
              />
              <span>{VIEW_LABELS[v].label}</span>
            </label>
          ))}
        </div>
        <Button variant="primary" aria-keyshortcuts="N" title="New post (N)" onClick={onNewPost}>
          <Icon name="plus" size={14} />
          New post
        </Button>
      </div>
    </div>
  )
}
