import { useEffect, useState } from 'react'
import { SIGN_IN_LABELS } from '../../../../../shared/domain/network'
import { subscribe } from '../../../lib/api'
import { useConnections } from '../../connections/connections-context'
import { mergeHeld, type HeldBatch } from './held-batch'
import { ReleaseHeldDialog } from './ReleaseHeldDialog'

/**
 * The scheduler's window-wide dialogs: after "Refresh connection" heals channels with held posts,
 * main offers them for release. Offers that arrive while the dialog is open join it.
 */
export function ScheduleOverlays() {
  const { profiles } = useConnections()
  const [offer, setOffer] = useState<{ profileIds: string[]; batch: HeldBatch }>()

  useEffect(
    () =>
      subscribe('schedule:did-find-held', (held) => {
        setOffer((current) => ({
          profileIds: [...new Set([...(current?.profileIds ?? []), held.profileId])],
          batch: mergeHeld(current?.batch, held),
        }))
      }),
    [],
  )

  if (!offer || offer.batch.deliveries.length === 0) return null
  const healed = offer.profileIds.map((id) => profiles?.find((p) => p.id === id)).filter((p) => p !== undefined)
  const only = healed.length === 1 ? healed[0] : undefined
  const lead = only
    ? `${only.displayName}’s ${SIGN_IN_LABELS[only.network]} connection works again.`
    : `The ${offer.profileIds.length === 1 ? 'connection works' : 'connections work'} again.`
  return <ReleaseHeldDialog batch={offer.batch} lead={lead} onClose={() => setOffer(undefined)} />
}
