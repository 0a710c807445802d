import { ATTENTION_WORDS } from '../../../../shared/domain/health-voice'
import { useState } from 'react'
import type { Navigate } from '../../app/pages'
import { Button } from '../../components/Button'
import { EmptyState } from '../../components/EmptyState'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Icon } from '../../components/Icon'
import { Loading } from '../../components/Loading'
import { useToast } from '../../components/use-toast'
import { call, errorMessage } from '../../lib/api'
import { AtRiskSummary } from '../schedule/release/AtRiskSummary'
import { useAtRisk } from '../schedule/use-at-risk'
import { useConnections } from './connections-context'
import { ProfileList } from './ProfileList'
import { attentionOf } from './profile-status'
import { SignInInline } from './SignInProgress'

/**
 * Every profile, most urgent first: what is broken, what expires when, and the fix for each. The
 * top bar checks all of them now or refreshes every expired one, one browser sign-in after another.
 */
export function HealthPage({ onNavigate }: { onNavigate: Navigate }) {
  const { profiles, profilesError, reloadProfiles, attention, session, refreshAllExpired, cancelSignIn, openConnect } = useConnections()
  const toast = useToast()
  const [checking, setChecking] = useState(false)
  const { overview, byProfile } = useAtRisk()

  if (!profiles) {
    return profilesError ? <ErrorNotice message={profilesError} onRetry={reloadProfiles} /> : <Loading label="Loading connections…" />
  }

  if (profiles.length === 0) {
    return (
      <EmptyState
        icon="pulse"
        title="No connections yet"
        description="Connect a personal profile to bring in its pages and accounts. Relink then watches every sign-in’s clock here."
        action={{ label: 'Connect a profile', onClick: () => openConnect() }}
        secondary={{ label: 'View channels', onClick: () => onNavigate('channels') }}
      />
    )
  }

  const refreshable = attention.filter((p) => attentionOf(p) !== 'unfinished').length

  async function checkAll(): Promise<void> {
    setChecking(true)
    try {
      const after = await call('connections:check-now')
      reloadProfiles()
      const broken = after.filter((p) => attentionOf(p) === 'broken').length
      toast.show({
        message: broken === 0 ? `Checked ${after.length} connections: all work.` : `Checked ${after.length} connections: ${broken} ${broken === 1 ? 'needs' : 'need'} a new sign-in.`,
        tone: broken === 0 ? 'neutral' : 'danger',
      })
    } catch (err) {
      toast.show({ message: errorMessage(err), tone: 'danger' })
    } finally {
      setChecking(false)
    }
  }

  return (
    <div className="page-stack health-page">
      <div className="toolbar">
        <p className="toolbar__meta" aria-live="polite">
          {profiles.length} {profiles.length === 1 ? 'connection' : 'connections'}
          {' · '}
          {attention.length > 0 ? ATTENTION_WORDS.count(attention.length) : ATTENTION_WORDS.allClear}
        </p>
        <div className="toolbar__actions">
          {session?.kind === 'refresh-all' ? (
            <SignInInline session={session} onCancel={() => void cancelSignIn()} />
          ) : (
            <Button variant={refreshable > 0 ? 'primary' : 'secondary'} disabled={refreshable === 0 || session !== undefined} onClick={() => void refreshAllExpired()}>
              <Icon name="refresh" size={14} />
              Refresh all expired
            </Button>
          )}
          <Button onClick={() => void checkAll()} disabled={checking}>
            {checking ? 'Checking…' : 'Check all now'}
          </Button>
          <Button onClick={() => openConnect()} disabled={session !== undefined}>
            <Icon name="plus" size={14} />
            Connect a profile
          </Button>
        </div>
      </div>
      <AtRiskSummary overview={overview} profiles={profiles} />
      <ProfileList profiles={profiles} byProfile={byProfile} />
    </div>
  )
}
