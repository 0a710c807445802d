import { useMemo, useState } from 'react'
import type { Navigate } from '../../app/pages'
import { Button } from '../../components/Button'
import { EmptyState } from '../../components/EmptyState'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Icon } from '../../components/Icon'
import { Loading } from '../../components/Loading'
import { CHANNEL_LIST_EVENTS } from '../../lib/channel-events'
import { useQuery } from '../../lib/use-query'
import { useConnections } from '../connections/connections-context'
import { NETWORKS } from '../../../../shared/domain/network'
import { BrandFilter } from './BrandFilter'
import { ChannelDrawer } from './ChannelDrawer'
import { ChannelFilters } from './ChannelFilters'
import { matchesFilter, problemsFirst, type ChannelFilter } from './channel-order'
import { ChannelGroupList } from './ChannelGroupList'
import { groupChannelsByBrand } from './group-channels'
import { useChannelLinks } from './use-channel-links'
import './channels.css'

export function ChannelsPage({ onNavigate }: { onNavigate: Navigate }) {
  const [chosenBrandId, setChosenBrandId] = useState<string>()
  const [filter, setFilter] = useState<ChannelFilter>({ network: undefined, search: '' })
  const [openId, setOpenId] = useState<string>()
  const { openConnect, session } = useConnections()
  const brands = useQuery('brands:list', undefined, ['brands:did-change'])
  // A filter on a brand deleted meanwhile falls back to all brands rather than an empty page.
  const brandId = brands.data?.some((b) => b.id === chosenBrandId) ? chosenBrandId : undefined
  const channels = useQuery('channels:list', brandId ? { brandId } : undefined, CHANNEL_LIST_EVENTS)
  const links = useChannelLinks()
  // The list keeps its measured blocks while nothing it shows has changed.
  const { count, groups } = useMemo(() => {
    if (!channels.data || !brands.data) return { count: 0, groups: [] }
    const shown = problemsFirst(
      channels.data.filter((c) => matchesFilter(c, filter)),
      links,
    )
    return { count: shown.length, groups: groupChannelsByBrand(shown, brandId ? brands.data.filter((b) => b.id === brandId) : brands.data) }
  }, [channels.data, brands.data, brandId, filter, links])

  const error = channels.error ?? brands.error
  if (error && (!channels.data || !brands.data)) {
    return (
      <ErrorNotice
        message={error}
        onRetry={() => {
          channels.reload()
          brands.reload()
        }}
      />
    )
  }
  if (!channels.data || !brands.data) return <Loading label="Loading channels…" />

  if (channels.data.length === 0 && !brandId) {
    return (
      <EmptyState
        icon="channels"
        title="No channels connected"
        description="Connect a profile to bring in its pages and accounts."
        action={{ label: 'Connect a profile', onClick: () => openConnect() }}
        secondary={{ label: 'Open Settings', onClick: () => onNavigate('settings') }}
      />
    )
  }

  const networks = NETWORKS.filter((n) => channels.data?.some((c) => c.network === n))
  const filtering = filter.search.trim() !== '' || filter.network !== undefined
  const opened = channels.data.find((c) => c.id === openId)
  const broken = channels.data.filter((c) => c.health === 'disconnected').length
  const degraded = channels.data.filter((c) => c.health === 'degraded').length
  return (
    <div className="page-stack channels-page">
      <div className="toolbar">
        <div className="toolbar__filters">
          <ChannelFilters filter={filter} networks={networks} onChange={setFilter} />
          <BrandFilter brands={brands.data} value={brandId} onChange={setChosenBrandId} />
        </div>
        <div className="toolbar__actions">
          <Button variant="primary" onClick={() => openConnect()} disabled={session !== undefined}>
            <Icon name="plus" size={14} />
            Connect a profile
          </Button>
        </div>
      </div>
      <p className="toolbar__meta channels-page__meta" aria-live="polite">
        {count} {count === 1 ? 'channel' : 'channels'}
        {filtering && ` of ${channels.data.length}`}
        {broken > 0 && <span className="toolbar__meta-broken"> · {broken} disconnected</span>}
        {degraded > 0 && <span className="toolbar__meta-warn"> · {degraded} on a backup link</span>}
      </p>
      {error && <ErrorNotice message={error} />}
      {groups.length > 0 ? (
        <ChannelGroupList groups={groups} brands={brands.data} links={links} onOpen={setOpenId} />
      ) : filtering ? (
        <div className="muted-note channel-no-match">
          No channel matches {filter.search.trim() ? `“${filter.search.trim()}”` : 'this filter'}.{' '}
          <Button size="sm" variant="ghost" onClick={() => setFilter({ network: undefined, search: '' })}>
            Clear the filter
          </Button>
        </div>
      ) : (
        <p className="muted-note">No channels in this brand yet.</p>
      )}
      {opened && <ChannelDrawer channel={opened} brands={brands.data} onClose={() => setOpenId(undefined)} />}
    </div>
  )
}
