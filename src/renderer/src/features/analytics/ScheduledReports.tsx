import { useState } from 'react'
import type { Brand } from '../../../../shared/domain/entities'
import { CADENCE_LABELS, type ReportScheduleView } from '../../../../shared/domain/reports'
import { Button } from '../../components/Button'
import { useToast } from '../../components/use-toast'
import { call, errorMessage } from '../../lib/api'
import { useQuery } from '../../lib/use-query'
import { FORMAT_LABELS, ScheduleForm, type ScheduleDraft } from './ScheduleForm'
import { dateFormat } from '../../lib/locale'

const when = dateFormat({ weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })
const fileOf = (path: string): string => path.split(/[\\/]/).pop() ?? path

export const SCHEDULES_REFRESH_ON = ['reports:did-change', 'brands:did-change'] as const

/** Weekly or monthly analytics reports written into a folder, with a notification each time. */
export function ScheduledReports({ brands }: { brands: readonly Brand[] }) {
  const toast = useToast()
  const schedules = useQuery('reports:list-schedules', undefined, SCHEDULES_REFRESH_ON)
  const [editing, setEditing] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function act<T>(work: () => Promise<T>, done?: (result: T) => void): Promise<void> {
    setBusy(true)
    try {
      const result = await work()
      done?.(result)
      schedules.reload()
    } catch (err) {
      toast.show({ message: errorMessage(err), tone: 'danger' })
    } finally {
      setBusy(false)
    }
  }

  const create = (draft: ScheduleDraft) =>
    act(
      () => call('reports:create-schedule', { cadence: draft.cadence, format: draft.format, ...(draft.brandId ? { brandId: draft.brandId } : {}) }),
      (created) => {
        if (!created) return
        setEditing(null)
        toast.show({ message: `Scheduled a ${created.cadence} report into ${created.folder}.` })
      },
    )

  const save = (schedule: ReportScheduleView, draft: ScheduleDraft) =>
    act(
      () => call('reports:update-schedule', { id: schedule.id, brandId: draft.brandId, cadence: draft.cadence, format: draft.format }),
      () => setEditing(null),
    )

  const remove = (schedule: ReportScheduleView) =>
    act(
      () => call('reports:delete-schedule', { id: schedule.id }),
      () =>
        toast.show({
          message: `Scheduled report deleted: ${schedule.brandName ?? 'All brands'}, ${schedule.cadence}.`,
          action: { label: 'Undo', onClick: () => act(() => call('reports:restore-schedule', { id: schedule.id })) },
        }),
    )

  const list = schedules.data ?? []
  return (
    <section className="report-card report-card--column" aria-labelledby="scheduled-reports-title">
      <div className="report-card__head">
        <div className="report-card__text">
          <h3 id="scheduled-reports-title" className="report-card__title">
            Scheduled reports
          </h3>
          <p className="report-card__description">Relink writes these into the folder you choose and tells you when each is ready. A report missed while the computer was off is written once when it is back.</p>
        </div>
        {editing !== 'new' && (
          <Button size="sm" disabled={busy} onClick={() => setEditing('new')}>
            Schedule a report
          </Button>
        )}
      </div>
      {editing === 'new' && <ScheduleForm brands={brands} initial={null} busy={busy} onSubmit={(d) => void create(d)} onCancel={() => setEditing(null)} />}
      {schedules.error && !schedules.data ? <p className="report-card__error">{schedules.error}</p> : null}
      {list.length === 0 && editing !== 'new' ? <p className="report-card__empty">No scheduled reports yet.</p> : null}
      {list.length > 0 && (
        <ul className="schedule-list">
          {list.map((s) =>
            editing === s.id ? (
              <li key={s.id} className="schedule-list__item">
                <ScheduleForm
                  brands={brands}
                  initial={s}
                  busy={busy}
                  onSubmit={(d) => void save(s, d)}
                  onCancel={() => setEditing(null)}
                  onChangeFolder={() => void act(() => call('reports:update-schedule', { id: s.id, chooseFolder: true }))}
                />
              </li>
            ) : (
              <li key={s.id} className="schedule-list__item" aria-label={`${s.brandName ?? 'All brands'}, ${s.cadence} ${FORMAT_LABELS[s.format]} report`}>
                <div className="schedule-list__text">
                  <strong>
                    {s.brandName ?? 'All brands'} · {FORMAT_LABELS[s.format]}
                  </strong>
                  <span>
                    {CADENCE_LABELS[s.cadence]} · into <span className="schedule-list__folder">{s.folder}</span>
                  </span>
                  <span className="schedule-list__meta">
                    Next: {when(s.nextRunAt)}
                    {s.lastError ? (
                      <span className="schedule-list__error"> · Last run wrote nothing: {s.lastError}</span>
                    ) : s.lastFile && s.lastRunAt !== null ? (
                      ` · Last written ${when(s.lastRunAt)}: ${fileOf(s.lastFile)}`
                    ) : null}
                  </span>
                </div>
                <div className="schedule-list__actions">
                  <Button size="sm" variant="ghost" disabled={busy} onClick={() => void act(() => call('reports:run-schedule', { id: s.id }))}>
                    Write now
                  </Button>
                  <Button size="sm" variant="ghost" disabled={busy} onClick={() => setEditing(s.id)}>
                    Edit
                  </Button>
                  <Button size="sm" variant="ghost" disabled={busy} onClick={() => void remove(s)}>
                    Delete
                  </Button>
                </div>
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  )
}
