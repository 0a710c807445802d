import { METRIC_LABELS, type MetricSeries, type RelinkMetric } from '../../../../shared/domain/analytics'
import { periodChange } from '../../../../shared/domain/period-change'
import { appLocale } from '../../lib/locale'

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 })

/** One tile per metric with its total and the change against the previous period; picks the chart's metric. */
export function KpiTiles({ series, selected, onSelect }: { series: readonly MetricSeries[]; selected: RelinkMetric; onSelect(metric: RelinkMetric): void }) {
  return (
    <div className="kpi-tiles" role="radiogroup" aria-label="Metric shown in the chart">
      {series.map((s) => {
        const delta = periodChange(s.total, s.previousTotal, appLocale())
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
