import { useState } from 'react'
import type { Navigate } from '../../app/pages'
import { EmptyState } from '../../components/EmptyState'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Loading } from '../../components/Loading'
import { useQuery } from '../../lib/use-query'
import { BrandFilter } from './BrandFilter'
import { ChannelGroupList } from './ChannelGroupList'
import { groupChannelsByBrand } from './group-channels'
import './channels.css'

export function ChannelsPage({ onNavigate }: { onNavigate: Navigate }) {
  const [chosenBrandId, setChosenBrandId] = useState<string>()
  const brands = useQuery('brands:list', undefined, ['brands:did-change'])
  // A filter on a brand deleted meanwhile falls back to all brands rather than an empty page.
  const brandId = brands.data?.some((b) => b.id === chosenBrandId) ? chosenBrandId : undefined
  const channels = useQuery('channels:list', brandId ? { brandId } : undefined, ['channels:did-change', 'brands:did-change'])

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
        action={{ label: 'Open Settings', onClick: () => onNavigate('settings') }}
      />
    )
  }

  const groups = groupChannelsByBrand(channels.data, brandId ? brands.data.filter((b) => b.id === brandId) : brands.data)
  const count = channels.data.length
  return (
    <div className="channels-page">
      <div className="toolbar">
        <BrandFilter brands={brands.data} value={brandId} onChange={setChosenBrandId} />
        <span className="toolbar__meta" aria-live="polite">
          {count} {count === 1 ? 'channel' : 'channels'}
        </span>
      </div>
      {error && <ErrorNotice message={error} />}
      {groups.length > 0 ? (
        <ChannelGroupList groups={groups} brands={brands.data} />
      ) : (
        <p className="muted-note">No channels in this brand yet.</p>
      )}
    </div>
  )
}
