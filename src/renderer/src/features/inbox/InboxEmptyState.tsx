import type { Navigate } from '../../app/pages'
import { EmptyState } from '../../components/EmptyState'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Loading } from '../../components/Loading'
import type { InboxEmpty } from './inbox-empty'

/** The Inbox's list place when it has no rows: what `inboxEmpty` chose, in plain words, with the one action that helps. */
export function InboxEmptyState({
  empty,
  onRetry,
  onNavigate,
  onShowEveryChannel,
  onClearFilters,
}: {
  empty: Exclude<InboxEmpty, { kind: 'list' }>
  onRetry: () => void
  onNavigate: Navigate
  onShowEveryChannel: () => void
  onClearFilters: () => void
}) {
  switch (empty.kind) {
    case 'error':
      return <ErrorNotice message={empty.message} onRetry={onRetry} />
    case 'loading':
      return <Loading label="Loading comments…" />
    case 'no-channels':
      return (
        <EmptyState
          icon="inbox"
          title="No channels here yet"
          description="Connect a profile and pick its pages and accounts; their comments and mentions gather here."
          action={{ label: 'View channels', onClick: () => onNavigate('channels') }}
        />
      )
    case 'closed-channel':
      return (
        <EmptyState
          icon="inbox"
          title="LinkedIn keeps these comments to itself"
          description={`Relink publishes to ${empty.channel.name}, but LinkedIn lets only a few partners read the comments on a personal profile, so they stay on LinkedIn. Company pages' comments come in here.`}
          action={{ label: 'Show every channel', onClick: onShowEveryChannel }}
        />
      )
    case 'nothing-matches':
      return (
        <EmptyState
          icon="search"
          title="Nothing matches"
          description={empty.search ? `No comment contains “${empty.search}” with these filters.` : 'No comment matches these filters.'}
          action={{ label: 'Clear filters', onClick: onClearFilters }}
        />
      )
    case 'first-sync':
      return <EmptyState icon="inbox" title="Reading comments for the first time" description="Relink is reading each channel's recent comments and mentions; they appear here as they arrive." />
    case 'broken':
      return (
        <EmptyState
          icon="alert"
          title="Some channels cannot be read"
          description={`${empty.channels.map((c) => c.name).join(', ')} ${empty.channels.length === 1 ? 'needs' : 'need'} a new sign-in before Relink can read comments there.`}
          action={{ label: 'Open Connection health', onClick: () => onNavigate('health') }}
        />
      )
    case 'all-done':
      return <EmptyState icon="check" title="Nothing waiting" description="Every comment has been dealt with. New ones appear here as Relink reads them." />
  }
}
