import { useState } from 'react'
import type { ChannelSummary } from '../../../../shared/domain/entities'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import { Button } from '../../components/Button'
import { Dialog } from '../../components/Dialog'
import { useToast } from '../../components/use-toast'
import { call, errorMessage } from '../../lib/api'

/** Gives other channels the same posting slots and time zone as `from`. */
export function CopySlotsDialog({ from, others, onClose }: { from: ChannelSummary; others: readonly ChannelSummary[]; onClose(): void }) {
  const toast = useToast()
  const [chosen, setChosen] = useState<string[]>([])
  const [busy, setBusy] = useState(false)

  async function copy(): Promise<void> {
    setBusy(true)
    try {
      const copied = await call('slots:copy-channel', { fromChannelId: from.id, toChannelIds: chosen })
      toast.show({ message: `Copied the posting slots of ${from.name} to ${copied.length === 1 ? '1 channel' : `${copied.length} channels`}.` })
      onClose()
    } catch (err) {
      toast.show({ message: errorMessage(err), tone: 'danger' })
      setBusy(false)
    }
  }

  return (
    <Dialog
      title={`Copy the posting slots of ${from.name}`}
      description="The channels you pick get the same times and time zone; the slots they had are replaced."
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={busy || chosen.length === 0} onClick={() => void copy()}>
            {busy ? 'Copying…' : 'Copy slots'}
          </Button>
        </>
      }
    >
      <fieldset className="slot-copy">
        <legend className="visually-hidden">Channels to copy to</legend>
        {others.map((c) => (
          <label key={c.id} className="slot-copy__option">
            <input
              type="checkbox"
              className="checkbox"
              checked={chosen.includes(c.id)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, c.id] : chosen.filter((id) => id !== c.id))}
            />
            {c.name} <span className="muted-note">{NETWORK_LABELS[c.network]}</span>
          </label>
        ))}
      </fieldset>
    </Dialog>
  )
}
