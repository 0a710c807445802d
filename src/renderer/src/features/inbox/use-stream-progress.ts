import { useEffect, useState } from 'react'
import type { SyncProgress } from '../../../../shared/domain/sync'
import { subscribe } from '../../lib/api'

/** The streams the inbox shows. */
export const INBOX_STREAMS = ['comments', 'mentions'] as const

/** Reading progress of the inbox's streams, per channel, while a first sync or a backfill runs. */
export function useStreamProgress(): Map<string, SyncProgress> {
  const [progress, setProgress] = useState(new Map<string, SyncProgress>())
  useEffect(() => {
    const offProgress = subscribe('sync:did-progress', (p) => {
      if (!(INBOX_STREAMS as readonly string[]).includes(p.stream)) return
      setProgress((m) => new Map(m).set(`${p.channelId}:${p.stream}`, p))
    })
    const offDone = subscribe('sync:did-change', (c) =>
      setProgress((m) => {
        const next = new Map(m)
        for (const id of c.channelIds) for (const s of INBOX_STREAMS) next.delete(`${id}:${s}`)
        return next.size === m.size ? m : next
      }),
    )
    return () => {
      offProgress()
      offDone()
    }
  }, [])
  return progress
}
