import type { Navigate } from '../../app/pages'
import { EmptyState } from '../../components/EmptyState'

export function AnalyticsPage({ onNavigate }: { onNavigate: Navigate }) {
  return (
    <EmptyState
      icon="analytics"
      title="No data yet"
      description="Daily reach and engagement for each channel and post will appear here after the first sync."
      action={{ label: 'View channels', onClick: () => onNavigate('channels') }}
    />
  )
}
