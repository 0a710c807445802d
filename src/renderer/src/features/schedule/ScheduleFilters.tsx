import { memo, useMemo, type CSSProperties } from 'react'
import type { Brand, ChannelSummary } from '../../../../shared/domain/entities'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import { NetworkMark } from '../../components/NetworkMark'
import { STATE_OPTIONS } from './delivery-copy'
import { FilterMenu } from './FilterMenu'
import { channelsInBrands, isFiltered, NO_FILTER, type ScheduleFilter } from './schedule-filters'

const STATE_CHOICES = STATE_OPTIONS.map((o) => ({ value: o.label, label: o.label }))

const NO_BRANDS: readonly Brand[] = []
const NO_CHANNELS: readonly ChannelSummary[] = []

/**
 * The brand, channel and state filters. Not rendered again with the page (an agency offers 500
 * channels, an option each): only when the brands, the channels or the filter change.
 */
export const ScheduleFilters = memo(function ScheduleFilters({
  brands = NO_BRANDS,
  channels = NO_CHANNELS,
  value,
  onChange,
}: {
  brands: readonly Brand[] | undefined
  channels: readonly ChannelSummary[] | undefined
  value: ScheduleFilter
  onChange(next: ScheduleFilter): void
}) {
  const brandOptions = useMemo(
    () =>
      brands.map((b) => ({
        value: b.id,
        label: b.name,
        decoration: <span className="brand-chip__dot" style={{ '--brand-color': b.color } as CSSProperties} aria-hidden="true" />,
      })),
    [brands],
  )
  const channelOptions = useMemo(
    () =>
      channelsInBrands(channels, value.brandIds).map((c) => ({
        value: c.id,
        // Names repeat across networks (a Facebook page and its Instagram account).
        label: `${c.name} · ${NETWORK_LABELS[c.network]}`,
        decoration: <NetworkMark network={c.network} size="sm" />,
      })),
    [channels, value.brandIds],
  )
  return (
    <div className="schedule-filters" role="group" aria-label="Filters">
      <FilterMenu label="Brands" options={brandOptions} selected={value.brandIds} onChange={(brandIds) => onChange({ ...value, brandIds })} />
      <FilterMenu label="Channels" options={channelOptions} selected={value.channelIds} onChange={(channelIds) => onChange({ ...value, channelIds })} />
      <FilterMenu label="States" options={STATE_CHOICES} selected={value.states} onChange={(states) => onChange({ ...value, states })} />
      {isFiltered(value) && (
        <button type="button" className="link-button" onClick={() => onChange(NO_FILTER)}>
          Clear filters
        </button>
      )}
    </div>
  )
})
