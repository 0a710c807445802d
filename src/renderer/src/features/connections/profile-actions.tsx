import { useState } from 'react'
import type { ProfileView } from '../../../../shared/domain/connections'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Icon } from '../../components/Icon'
import { useToast } from '../../components/use-toast'
import { call, errorMessage } from '../../lib/api'
import { useConnections } from './connections-context'
import { statusOf } from './profile-status'

const who = (profile: ProfileView): string => `${profile.displayName} (${NETWORK_LABELS[profile.network]})`

/** Asks the network now whether the sign-in still works, instead of waiting for the next check. */
export function CheckNowButton({
  profile,
  label = 'Check now',
  variant = 'secondary',
  size = 'sm',
}: {
  profile: ProfileView
  label?: string
  variant?: 'primary' | 'secondary'
  size?: 'sm' | 'md'
}) {
  const { reloadProfiles } = useConnections()
  const toast = useToast()
  const [busy, setBusy] = useState(false)

  async function check(): Promise<void> {
    setBusy(true)
    try {
      const list = await call('connections:check-now', { profileId: profile.id })
      reloadProfiles()
      const after = list.find((p) => p.id === profile.id)
      const status = after ? statusOf(after) : undefined
      toast.show({
        message:
          status === undefined ? `Checked ${who(profile)}: see its details.` : `Checked ${who(profile)}: ${status.badge}. ${status.cause}`,
        tone: status?.tone === 'broken' ? 'danger' : 'neutral',
      })
    } catch (err) {
      toast.show({ message: errorMessage(err), tone: 'danger' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Button size={size} variant={variant} onClick={() => void check()} disabled={busy} aria-label={`${label}: ${who(profile)}`}>
      {busy ? 'Checking…' : label}
    </Button>
  )
}

/** Removing revokes Relink's access on the network and forgets the profile, so it asks first. */
export function RemoveProfileButton({ profile, onRemoved }: { profile: ProfileView; onRemoved?: () => void }) {
  const { reloadProfiles } = useConnections()
  const toast = useToast()
  const [confirming, setConfirming] = useState(false)
  const network = NETWORK_LABELS[profile.network]
  const channels = profile.channelCount === 1 ? 'its channel' : `its ${profile.channelCount} channels`
  return (
    <>
      <Button size="sm" variant="ghost" className="button--danger-text" aria-label={`Remove: ${who(profile)}`} onClick={() => setConfirming(true)}>
        <Icon name="trash" size={14} />
        Remove
      </Button>
      {confirming && (
        <ConfirmDialog
          title={`Remove ${profile.displayName}’s ${network} connection?`}
          confirmLabel="Remove connection"
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            await call('connections:remove-profile', { profileId: profile.id })
            reloadProfiles()
            toast.show({ message: `Removed ${who(profile)}.` })
            onRemoved?.()
          }}
        >
          <p>
            Relink revokes its access on {network} and forgets this profile and its sign-in history. This cannot be undone.
          </p>
          {profile.channelCount > 0 && (
            <p>
              {channels[0]?.toUpperCase()}
              {channels.slice(1)} stay in their brands, but any channel reached only through {profile.displayName} stops working until
              someone connects it again.
            </p>
          )}
        </ConfirmDialog>
      )}
    </>
  )
}
