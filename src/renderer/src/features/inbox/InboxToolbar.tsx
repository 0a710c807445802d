import { memo, useId, useMemo, type RefObject } from 'react'
import type { Brand, ChannelSummary } from '../../../../shared/domain/entities'
import type { InboxState } from '../../../../shared/domain/inbox'
import type { Network } from '../../../../shared/domain/network'
import { Icon } from '../../components/Icon'
import { LocaleInput } from '../../components/LocaleInput'
import { ChannelField } from '../../components/ChannelField'
import { NetworkOptions } from '../../components/NetworkOptions'
import { SyncNowButton } from './SyncNowButton'

export interface InboxFilters {
  search: string
  state: InboxState | 'open' | 'all'
  network: Network | ''
  channelId: string
  assignee: string
  label: string
  needsReply: boolean
  brandId: string
  /** YYYY-MM-DD, local days; '' for no bound. */
  fromDay: string
  toDay: string
}

export const DEFAULT_FILTERS: InboxFilters = {
  search: '',
  state: 'open',
  network: '',
  channelId: '',
  assignee: '*',
  label: '',
  needsReply: false,
  brandId: '',
  fromDay: '',
  toDay: '',
}

const STATE_TABS: { id: InboxFilters['state']; label: string }[] = [
  { id: 'open', label: 'Open' },
  { id: 'new', label: 'New' },
  { id: 'assigned', label: 'Assigned' },
  { id: 'done', label: 'Done' },
  { id: 'all', label: 'All' },
]

/** Search and filters over the unified list; drawn again only when they change, not as pages of the list arrive. */
export const InboxToolbar = memo(function InboxToolbar(props: {
  filters: InboxFilters
  channels: ChannelSummary[]
  brands: Brand[]
  team: string[]
  labels: string[]
  counts: Record<InboxState, number> | undefined
  searchInput: RefObject<HTMLInputElement | null>
  onChange(next: Partial<InboxFilters>): void
  onSavedReplies(): void
}) {
  const { filters, onChange } = props
  const dates = useId()
  const brand = props.brands.find((b) => b.id === filters.brandId)
  const chosen = useMemo(() => props.channels.find((c) => c.id === filters.channelId), [props.channels, filters.channelId])
  const channels = useMemo(
    () => props.channels.filter((c) => (!filters.network || c.network === filters.network) && (!brand || c.brandIds.includes(brand.id))),
    [props.channels, filters.network, brand],
  )
  return (
    <div className="compact-fields inbox-toolbar">
      <div className="inbox-toolbar__row">
        <label className="search-field inbox-search">
          <Icon name="search" size={14} />
          <span className="visually-hidden">Search comments</span>
          <input
            ref={props.searchInput}
            type="search"
            value={filters.search}
            placeholder="Search comments (/)"
            maxLength={200}
            onChange={(e) => onChange({ search: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.stopPropagation()
                if (filters.search) onChange({ search: '' })
                else e.currentTarget.blur()
              }
            }}
          />
        </label>
        <div className="inbox-tabs" role="group" aria-label="State">
          {STATE_TABS.map((t) => (
            <button key={t.id} type="button" className="inbox-tabs__tab" aria-pressed={filters.state === t.id} onClick={() => onChange({ state: t.id })}>
              {t.label}
              {props.counts && (t.id === 'new' || t.id === 'assigned') && <span className="inbox-tabs__count">{props.counts[t.id]}</span>}
            </button>
          ))}
        </div>
        <SyncNowButton channelId={filters.channelId} channelName={chosen?.name} />
      </div>
      <div className="inbox-toolbar__row inbox-toolbar__filters">
        {props.brands.length > 0 && (
          <select aria-label="Brand" value={filters.brandId} onChange={(e) => onChange({ brandId: e.target.value, channelId: '' })}>
            <option value="">All brands</option>
            {props.brands.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        )}
        <select aria-label="Network" value={filters.network} onChange={(e) => onChange({ network: e.target.value as Network | '', channelId: '' })}>
          <NetworkOptions />
        </select>
        <span className="inbox-toolbar__channel">
          <label htmlFor={`${dates}-channel`} className="visually-hidden">
            Channel
          </label>
          <ChannelField
            id={`${dates}-channel`}
            className=""
            channels={channels}
            chosen={chosen}
            allLabel="All channels"
            onPick={(c) => onChange({ channelId: c?.id ?? '' })}
          />
        </span>
        <select aria-label="Assigned to" value={filters.assignee} onChange={(e) => onChange({ assignee: e.target.value })}>
          <option value="*">Anyone or nobody</option>
          <option value="">Nobody</option>
          {props.team.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <select aria-label="Label" value={filters.label} onChange={(e) => onChange({ label: e.target.value })}>
          <option value="">Any label</option>
          {props.labels.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
        <label className="inbox-toggle">
          <input type="checkbox" checked={filters.needsReply} onChange={(e) => onChange({ needsReply: e.target.checked })} />
          Needs reply
        </label>
        <span className="inbox-dates" role="group" aria-label="Date">
          <span aria-hidden="true">From</span>
          <LocaleInput id={`${dates}-from`} kind="date" label="From date" className="" value={filters.fromDay} onChange={(fromDay) => onChange({ fromDay })} />
          <span aria-hidden="true">to</span>
          <LocaleInput id={`${dates}-to`} kind="date" label="To date" className="" value={filters.toDay} onChange={(toDay) => onChange({ toDay })} />
        </span>
        <button type="button" className="inbox-toolbar__link" onClick={props.onSavedReplies}>
          Saved replies
        </button>
      </div>
    </div>
  )
})
