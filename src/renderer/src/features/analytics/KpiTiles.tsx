import { METRIC_LABELS, type MetricSeries, type RelinkMetric } from '../../../../shared/domain/analytics'

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 })

/** "+12.5%" against the previous period, or nothing when there is nothing to compare with. */
export function deltaOf(total: number | null, previous: number | null): { text: string; trend: 'up' | 'down' | 'flat' } | null {
  if (total === null || previous === null) return null
  if (previous === 0) return total === 0 ? { text: '0%', trend: 'flat' } : null
  const change = ((total - previous) / Math.abs(previous)) * 100
  const trend = Math.abs(change) < 0.05 ? 'flat' : change > 0 ? 'up' : 'down'
  return { text: `${change > 0 ? '+' : ''}${change.toFixed(1)}%`, trend }
}

/** One tile per metric with its total and the change against the previous period; picks the chart's metric. */
export function KpiTiles({ series, selected, onSelect }: { series: readonly MetricSeries[]; selected: RelinkMetric; onSelect(metric: RelinkMetric): void }) {
  return (
    <div className="kpi-tiles" role="radiogroup" aria-label="Metric shown in the chart">
      {series.map((s) => {
        const delta = deltaOf(s.total, s.previousTotal)
        return (
          <button
            key={s.metric}
            type="button"
            role="radio"
            aria-checked={s.metric === selected}
            className="kpi-tile"
            onClick={() => onSelect(s.metric)}
          >
            <span className="kpi-tile__label">{METRIC_LABELS[s.metric]}</span>
            <span className="kpi-tile__value">{s.total === null ? '—' : number.format(s.total)}</span>
            <span className={`kpi-tile__delta kpi-tile__delta--${delta?.trend ?? 'none'}`}>
              {delta ? `${delta.text} vs previous period` : 'No earlier data to compare'}
            </span>
          </button>
        )
      })}
    </div>
  )
}
