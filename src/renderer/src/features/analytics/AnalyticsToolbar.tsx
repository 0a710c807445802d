import { useId } from 'react'
import type { Brand, ChannelSummary } from '../../../../shared/domain/entities'
import type { Network } from '../../../../shared/domain/network'
import { Button } from '../../components/Button'
import { ChannelField } from '../../components/ChannelField'
import { LocaleInput } from '../../components/LocaleInput'
import type { ReportFormat } from '../../../../shared/domain/analytics'
import { BrandField } from './BrandField'
import { RANGE_LABELS, RANGE_PRESETS, type RangePreset } from './analytics-range'
import { NetworkOptions } from '../../components/NetworkOptions'

const EXPORTS: readonly { format: ReportFormat; label: string }[] = [
  { format: 'csv', label: 'Export CSV' },
  { format: 'xlsx', label: 'Export Excel' },
  { format: 'pdf', label: 'Export PDF' },
]

const rows = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 })

export interface AnalyticsScope {
  brandId: string | undefined
  network: Network | undefined
  /** One channel of the brand and network chosen, or all of them. */
  channelId: string | undefined
  preset: RangePreset
  fromDay: string
  toDay: string
}

/** Brand, network, channel and range (with a custom range), and the exports. */
export function AnalyticsToolbar({
  brands,
  channels,
  scope,
  exporting,
  progress,
  onChange,
  onExport,
  onCancel,
}: {
  brands: readonly Brand[]
  channels: readonly ChannelSummary[]
  scope: AnalyticsScope
  exporting: ReportFormat | null
  /** Rows an Excel export has written so far; null before it starts writing. */
  progress: { done: number; total: number } | null
  onChange(next: Partial<AnalyticsScope>): void
  onExport(format: ReportFormat): void
  onCancel(): void
}) {
  const rangeName = useId()
  return (
    <div className="analytics-toolbar">
      <div className="analytics-toolbar__filters">
        <BrandField brands={brands} value={scope.brandId} onChange={(brandId) => onChange({ brandId })} />
        <label className="compact-fields analytics-field">
          <span>Network</span>
          <select value={scope.network ?? ''} onChange={(e) => onChange({ network: (e.target.value || undefined) as Network | undefined })}>
            <NetworkOptions />
          </select>
        </label>
        <div className="compact-fields analytics-field analytics-field--channel">
          <label htmlFor={`${rangeName}-channel`}>Channel</label>
          <ChannelField
            id={`${rangeName}-channel`}
            className=""
            channels={channels}
            chosen={channels.find((c) => c.id === scope.channelId)}
            allLabel="All channels"
            onPick={(c) => onChange({ channelId: c?.id })}
          />
        </div>
        <div className="segmented" role="radiogroup" aria-label="Range">
          {RANGE_PRESETS.map((p) => (
            <label key={p} className="segmented__option">
              <input type="radio" name={rangeName} value={p} checked={scope.preset === p} onChange={() => onChange({ preset: p })} />
              <span>{RANGE_LABELS[p]}</span>
            </label>
          ))}
        </div>
        {scope.preset === 'custom' && (
          <div className="analytics-toolbar__custom">
            <div className="compact-fields analytics-field">
              <label htmlFor={`${rangeName}-from`}>From</label>
              <LocaleInput id={`${rangeName}-from`} kind="date" className="" value={scope.fromDay} onChange={(fromDay) => fromDay && onChange({ fromDay })} />
            </div>
            <div className="compact-fields analytics-field">
              <label htmlFor={`${rangeName}-to`}>To</label>
              <LocaleInput id={`${rangeName}-to`} kind="date" className="" value={scope.toDay} onChange={(toDay) => toDay && onChange({ toDay })} />
            </div>
          </div>
        )}
      </div>
      <div className="analytics-toolbar__actions">
        {progress ? (
          <div className="export-progress" role="status">
            <span>
              Writing the Excel file: {rows.format(progress.done)} of {rows.format(progress.total)} rows
            </span>
            <progress max={progress.total} value={progress.done} aria-label="Excel export progress" />
            <Button size="sm" onClick={onCancel}>
              Cancel export
            </Button>
          </div>
        ) : (
          EXPORTS.map(({ format, label }) => (
            <Button key={format} size="sm" disabled={exporting !== null} onClick={() => onExport(format)}>
              {exporting === format ? 'Exporting…' : label}
            </Button>
          ))
        )}
      </div>
    </div>
  )
}
