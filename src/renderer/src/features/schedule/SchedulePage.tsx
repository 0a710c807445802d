import type { Navigate } from '../../app/pages'
import { EmptyState } from '../../components/EmptyState'

export function SchedulePage({ onNavigate }: { onNavigate: Navigate }) {
  return (
    <EmptyState
      icon="schedule"
      title="Nothing scheduled yet"
      description="Posts you plan for your channels will line up here, with a warning when a channel's connection would lapse before its post goes out."
      action={{ label: 'View channels', onClick: () => onNavigate('channels') }}
    />
  )
}
