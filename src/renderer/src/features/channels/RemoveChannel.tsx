import { useState } from 'react'
import type { ChannelSummary } from '../../../../shared/domain/entities'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Icon } from '../../components/Icon'
import { useToast } from '../../components/use-toast'
import { call } from '../../lib/api'

/** Removes one channel from Relink after saying what happens to its queued posts. */
export function RemoveChannel({ channel, onRemoved }: { channel: ChannelSummary; onRemoved: () => void }) {
  const [asking, setAsking] = useState(false)
  const toast = useToast()
  const network = NETWORK_LABELS[channel.network]
  return (
    <>
      <Button variant="danger" onClick={() => setAsking(true)}>
        <Icon name="trash" size={14} />
        Remove channel
      </Button>
      {asking && (
        <ConfirmDialog
          title={`Remove ${channel.name}?`}
          confirmLabel="Remove channel"
          onClose={() => setAsking(false)}
          onConfirm={async () => {
            const { cancelledDeliveries } = await call('channels:remove', { channelId: channel.id })
            const cancelled =
              cancelledDeliveries === 0 ? '' : ` ${cancelledDeliveries} queued ${cancelledDeliveries === 1 ? 'post was' : 'posts were'} cancelled.`
            toast.show({ message: `${channel.name} was removed from Relink.${cancelled}` })
            onRemoved()
          }}
        >
          <p>
            Relink stops publishing to, reading from and reporting on this {network} channel, and forgets its posts here.
            Posts queued for it are cancelled; nothing is deleted on {network}. You can add it again later from Connect a profile.
          </p>
        </ConfirmDialog>
      )}
    </>
  )
}
