import { useRef, useState } from 'react'
import { Button } from '../../components/Button'
import { useToast } from '../../components/use-toast'
import { call, errorMessage } from '../../lib/api'
import { syncNowMessage } from './sync-now-message'

/**
 * Reads every channel's comments and mentions now (or the one channel the list is filtered to)
 * instead of waiting for the next planned read. A second click while it reads does nothing.
 */
export function SyncNowButton({ channelId, channelName }: { channelId: string; channelName: string | undefined }) {
  const toast = useToast()
  const [busy, setBusy] = useState(false)
  const running = useRef(false)

  async function sync(): Promise<void> {
    if (running.current) return
    running.current = true
    setBusy(true)
    try {
      const result = await call('sync:sync-now', { streams: ['comments', 'mentions'], ...(channelId ? { channelIds: [channelId] } : {}) })
      toast.show(syncNowMessage(result))
    } catch (err) {
      toast.show({ message: errorMessage(err), tone: 'danger' })
    } finally {
      running.current = false
      setBusy(false)
    }
  }

  return (
    <Button
      onClick={() => void sync()}
      disabled={busy}
      aria-busy={busy}
      title={channelName ? `Read ${channelName}'s new comments now` : 'Read every channel’s new comments and mentions now'}
    >
      {busy ? 'Syncing…' : 'Sync now'}
    </Button>
  )
}
