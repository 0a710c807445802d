import { useMemo } from 'react'
import type { Brand, ChannelSummary } from '../../../../shared/domain/entities'
import type { Network } from '../../../../shared/domain/network'
import { ChannelField } from '../../components/ChannelField'
import { LocaleInput } from '../../components/LocaleInput'
import { NetworkOptions } from '../../components/NetworkOptions'
import type { InboxFilters } from './inbox-filters'

/**
 * The filters a small window folds behind its Filters button: in a row of the bar when there is
 * room, a labelled form in the panel when not. Each field measured for the fold is marked
 * `data-fold-width`; its width is its own either way.
 */
export function InboxFilterFields(props: {
  ids: string
  filters: InboxFilters
  channels: ChannelSummary[]
  brands: Brand[]
  team: string[]
  labels: string[]
  /** In the panel, each field's name is shown beside it; in the bar the fields say what they are. */
  inPanel: boolean
  /** Needs reply, in its place among the fields while they are a row of the bar. */
  needsReply?: React.ReactNode
  onChange(next: Partial<InboxFilters>): void
}) {
  const { ids, filters, onChange } = props
  const name = props.inPanel ? 'inbox-filter__name' : 'visually-hidden'
  const brand = props.brands.find((b) => b.id === filters.brandId)
  const chosen = useMemo(() => props.channels.find((c) => c.id === filters.channelId), [props.channels, filters.channelId])
  const channels = useMemo(
    () => props.channels.filter((c) => (!filters.network || c.network === filters.network) && (!brand || c.brandIds.includes(brand.id))),
    [props.channels, filters.network, brand],
  )
  return (
    <>
      {props.brands.length > 0 && (
        <span className="inbox-filter">
          <label className={name} htmlFor={`${ids}-brand`}>
            Brand
          </label>
          <select id={`${ids}-brand`} data-fold-width aria-label="Brand" value={filters.brandId} onChange={(e) => onChange({ brandId: e.target.value, channelId: '' })}>
            <option value="">All brands</option>
            {props.brands.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </span>
      )}
      <span className="inbox-filter">
        <label className={name} htmlFor={`${ids}-network`}>
          Network
        </label>
        <select
          id={`${ids}-network`}
          data-fold-width
          aria-label="Network"
          value={filters.network}
          onChange={(e) => onChange({ network: e.target.value as Network | '', channelId: '' })}
        >
          <NetworkOptions />
        </select>
      </span>
      <span className="inbox-filter">
        <label htmlFor={`${ids}-channel`} className={name}>
          Channel
        </label>
        <span className="inbox-toolbar__channel" data-fold-width>
          <ChannelField
            id={`${ids}-channel`}
            className=""
            channels={channels}
            chosen={chosen}
            allLabel="All channels"
            onPick={(c) => onChange({ channelId: c?.id ?? '' })}
          />
        </span>
      </span>
      <span className="inbox-filter">
        <label className={name} htmlFor={`${ids}-assignee`}>
          Assigned to
        </label>
        <select id={`${ids}-assignee`} data-fold-width aria-label="Assigned to" value={filters.assignee} onChange={(e) => onChange({ assignee: e.target.value })}>
          <option value="*">Anyone or nobody</option>
          <option value="">Nobody</option>
          {props.team.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </span>
      <span className="inbox-filter">
        <label className={name} htmlFor={`${ids}-label`}>
          Label
        </label>
        <select id={`${ids}-label`} data-fold-width aria-label="Label" value={filters.label} onChange={(e) => onChange({ label: e.target.value })}>
          <option value="">Any label</option>
          {props.labels.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </span>
      {props.needsReply}
      <span className="inbox-filter">
        <span className={name} aria-hidden="true">
          Date
        </span>
        <span className="inbox-dates" role="group" aria-label="Date">
          <span aria-hidden="true">From</span>
          <LocaleInput id={`${ids}-from`} kind="date" label="From date" className="" value={filters.fromDay} onChange={(fromDay) => onChange({ fromDay })} />
          <span aria-hidden="true">to</span>
          <LocaleInput id={`${ids}-to`} kind="date" label="To date" className="" value={filters.toDay} onChange={(toDay) => onChange({ toDay })} />
        </span>
      </span>
    </>
  )
}
