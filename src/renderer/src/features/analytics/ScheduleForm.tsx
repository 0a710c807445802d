import { useId, useState } from 'react'
import type { ReportFormat } from '../../../../shared/domain/analytics'
import type { Brand } from '../../../../shared/domain/entities'
import { CADENCE_LABELS, REPORT_CADENCES, type ReportCadence, type ReportScheduleView } from '../../../../shared/domain/reports'
import { Button } from '../../components/Button'
import { BrandField } from './BrandField'

export const FORMAT_LABELS: Record<ReportFormat, string> = { pdf: 'PDF', xlsx: 'Excel', csv: 'CSV' }

export interface ScheduleDraft {
  brandId: string | null
  cadence: ReportCadence
  format: ReportFormat
}

/** Brand, cadence and format of a scheduled report; the folder is chosen in the system's dialog. */
export function ScheduleForm({
  brands,
  initial,
  busy,
  onSubmit,
  onCancel,
  onChangeFolder,
}: {
  brands: readonly Brand[]
  initial: ReportScheduleView | null
  busy: boolean
  onSubmit(draft: ScheduleDraft): void
  onCancel(): void
  onChangeFolder?: () => void
}) {
  const [draft, setDraft] = useState<ScheduleDraft>({ brandId: initial?.brandId ?? null, cadence: initial?.cadence ?? 'weekly', format: initial?.format ?? 'pdf' })
  const cadenceName = useId()
  return (
    <form
      className="schedule-form"
      aria-label={initial ? 'Edit scheduled report' : 'New scheduled report'}
      onSubmit={(e) => {
        e.preventDefault()
        onSubmit(draft)
      }}
    >
      <BrandField brands={brands} value={draft.brandId ?? undefined} onChange={(brandId) => setDraft({ ...draft, brandId: brandId ?? null })} />
      <fieldset className="schedule-form__cadence">
        <legend>When</legend>
        {REPORT_CADENCES.map((c) => (
          <label key={c} className="schedule-form__choice">
            <input type="radio" name={cadenceName} value={c} checked={draft.cadence === c} onChange={() => setDraft({ ...draft, cadence: c })} />
            {CADENCE_LABELS[c]}
          </label>
        ))}
      </fieldset>
      <label className="compact-fields analytics-field">
        <span>Format</span>
        <select value={draft.format} onChange={(e) => setDraft({ ...draft, format: e.target.value as ReportFormat })}>
          {(Object.keys(FORMAT_LABELS) as ReportFormat[]).map((f) => (
            <option key={f} value={f}>
              {FORMAT_LABELS[f]}
            </option>
          ))}
        </select>
      </label>
      <div className="schedule-form__actions">
        {initial && onChangeFolder ? (
          <Button size="sm" disabled={busy} onClick={onChangeFolder}>
            Change folder…
          </Button>
        ) : null}
        <Button size="sm" variant="ghost" disabled={busy} onClick={onCancel}>
          Cancel
        </Button>
        <Button size="sm" variant="primary" type="submit" disabled={busy}>
          {initial ? 'Save changes' : 'Choose folder and schedule'}
        </Button>
      </div>
    </form>
  )
}
