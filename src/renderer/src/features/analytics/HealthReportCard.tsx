import { useState } from 'react'
import type { AnalyticsQuery } from '../../../../shared/domain/analytics'
import { Button } from '../../components/Button'
import { useToast } from '../../components/use-toast'
import { call, errorMessage } from '../../lib/api'

/** The connection-health report for the brand, network and period on screen, as PDF or CSV. */
export function HealthReportCard({ query, scopeLabel }: { query: AnalyticsQuery; scopeLabel: string }) {
  const toast = useToast()
  const [saving, setSaving] = useState<'pdf' | 'csv' | null>(null)

  async function save(format: 'pdf' | 'csv'): Promise<void> {
    setSaving(format)
    try {
      const result = await call('reports:export-health', { format, query })
      if (!result.saved) return
      const incidents = `${result.rows} incident${result.rows === 1 ? '' : 's'}`
      toast.show({ message: `Health report saved: ${result.path ?? ''} (${result.pages === null ? incidents : `${result.pages} page${result.pages === 1 ? '' : 's'}, ${incidents}`}).` })
    } catch (err) {
      toast.show({ message: `The health report was not saved: ${errorMessage(err)}`, tone: 'danger' })
    } finally {
      setSaving(null)
    }
  }

  return (
    <section className="report-card" aria-labelledby="health-report-title">
      <div className="report-card__text">
        <h3 id="health-report-title" className="report-card__title">
          Connection health report
        </h3>
        <p className="report-card__description">
          Which of {scopeLabel} broke in this period, when and why, what happened to the posts due meanwhile, and what data Relink read back. Written for
          clients.
        </p>
      </div>
      <div className="report-card__actions">
        <Button size="sm" disabled={saving !== null} onClick={() => void save('pdf')}>
          {saving === 'pdf' ? 'Saving…' : 'Save health report (PDF)'}
        </Button>
        <Button size="sm" disabled={saving !== null} onClick={() => void save('csv')}>
          {saving === 'csv' ? 'Saving…' : 'Save health report (CSV)'}
        </Button>
      </div>
    </section>
  )
}
