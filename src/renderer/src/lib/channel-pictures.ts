import { useSyncExternalStore } from 'react'
import { call, subscribe } from './api'

/**
 * The window's copy of the channels' profile pictures (`data:` URLs by channel id), shared by every
 * avatar on every page: read when the first avatar appears, then again only when main says the
 * pictures changed or channels came and went. A calendar of many posts asks for nothing more, and
 * neither does a page opened again: the copy is kept, and those events are heard, for the life of
 * the window; one that arrives with no avatar on screen has the next avatar read them again.
 */
let pictures: ReadonlyMap<string, string> = new Map()
const listeners = new Set<() => void>()
let hearing = false
/** Whether the copy may be behind main's: never read, a read failed, or a change was heard since. */
let behind = true
let generation = 0

function load(): void {
  const mine = ++generation
  behind = false
  call('channels:list-pictures')
    .then((list) => {
      if (mine !== generation) return
      pictures = new Map(list.map((p) => [p.channelId, p.dataUrl]))
      for (const listener of listeners) listener()
    })
    // Pictures are decoration: without them the initials stay.
    .catch(() => {
      if (mine === generation) behind = true
    })
}

function changed(): void {
  behind = true
  if (listeners.size > 0) load()
}

/** Calls `listener` whenever the pictures change; reads them if the window's copy may be behind. */
export function listenToPictures(listener: () => void): () => void {
  listeners.add(listener)
  if (!hearing) {
    hearing = true
    subscribe('channels:did-change-pictures', changed)
    subscribe('channels:did-change', changed)
  }
  if (behind) load()
  return () => {
    listeners.delete(listener)
  }
}

export const pictureOf = (channelId: string): string | undefined => pictures.get(channelId)

/** The channel's picture, or undefined (none, or not read yet: the initials stand in). */
export function useChannelPicture(channelId: string): string | undefined {
  return useSyncExternalStore(listenToPictures, () => pictureOf(channelId))
}
