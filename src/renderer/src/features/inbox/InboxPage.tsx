import type { Navigate } from '../../app/pages'
import { EmptyState } from '../../components/EmptyState'

export function InboxPage({ onNavigate }: { onNavigate: Navigate }) {
  return (
    <EmptyState
      icon="inbox"
      title="No comments yet"
      description="Comments and replies from every connected channel will gather here, searchable in one place."
      action={{ label: 'View channels', onClick: () => onNavigate('channels') }}
    />
  )
}
