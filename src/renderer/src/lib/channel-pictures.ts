import { useSyncExternalStore } from 'react'
import { call, subscribe } from './api'

/**
 * The window's copy of the channels' profile pictures (`data:` URLs by channel id), shared by every
 * avatar on every page: read when the first avatar appears, then again only when main says the
 * pictures changed or channels came and went. A calendar of many posts asks for nothing more.
 */
let pictures: ReadonlyMap<string, string> = new Map()
const listeners = new Set<() => void>()
let stopListening: (() => void) | undefined
let generation = 0

function load(): void {
  const mine = ++generation
  call('channels:list-pictures')
    .then((list) => {
      if (mine !== generation) return
      pictures = new Map(list.map((p) => [p.channelId, p.dataUrl]))
      for (const listener of listeners) listener()
    })
    // Pictures are decoration: without them the initials stay.
    .catch(() => undefined)
}

function listen(listener: () => void): () => void {
  listeners.add(listener)
  if (!stopListening) {
    const unsubscribers = [subscribe('channels:did-change-pictures', load), subscribe('channels:did-change', load)]
    stopListening = () => unsubscribers.forEach((unsubscribe) => unsubscribe())
    load()
  }
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) {
      stopListening?.()
      stopListening = undefined
    }
  }
}

/** The channel's picture, or undefined (none, or not read yet: the initials stand in). */
export function useChannelPicture(channelId: string): string | undefined {
  return useSyncExternalStore(listen, () => pictures.get(channelId))
}
