import { useId } from 'react'
import { NETWORK_LABELS, type Network } from '../../../../shared/domain/network'
import { Icon } from '../../components/Icon'
import type { ChannelFilter } from './channel-order'

/** Search by name or handle, and a network filter offering only the networks present. */
export function ChannelFilters({
  filter,
  networks,
  onChange,
}: {
  filter: ChannelFilter
  networks: readonly Network[]
  onChange: (filter: ChannelFilter) => void
}) {
  const networkId = useId()
  return (
    <>
      <div className="channel-search">
        <Icon name="search" size={14} className="channel-search__icon" />
        <input
          type="search"
          className="input channel-search__input"
          placeholder="Search channels"
          aria-label="Search channels"
          value={filter.search}
          onChange={(e) => onChange({ ...filter, search: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && filter.search) {
              e.preventDefault()
              onChange({ ...filter, search: '' })
            }
          }}
        />
      </div>
      <div className="brand-filter">
        <label htmlFor={networkId} className="brand-filter__label">
          Network
        </label>
        <select
          id={networkId}
          className="select"
          value={filter.network ?? ''}
          onChange={(e) => onChange({ ...filter, network: (e.target.value || undefined) as Network | undefined })}
        >
          <option value="">All networks</option>
          {networks.map((network) => (
            <option key={network} value={network}>
              {NETWORK_LABELS[network]}
            </option>
          ))}
        </select>
      </div>
    </>
  )
}
