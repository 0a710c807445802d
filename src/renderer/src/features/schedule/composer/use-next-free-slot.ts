import { useState } from 'react'
import { call, errorMessage } from '../../../lib/api'

export interface NextFreeSlotState {
  busy: boolean
  /** Why no slot was picked, in plain words. */
  note: string | undefined
  pick(): void
}

/**
 * "Next free slot": asks main for the first posting slot of the chosen channels that no post
 * takes yet (the post being edited, `postId`, does not take its own) and hands it to `onFound`;
 * says why when there is none.
 */
export function useNextFreeSlot(channelIds: readonly string[], postId: string | undefined, onFound: (at: number) => void): NextFreeSlotState {
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<string>()

  async function pick(): Promise<void> {
    if (channelIds.length === 0) return setNote('Choose a channel first: the slots are the channels’ own.')
    setBusy(true)
    try {
      const found = await call('slots:find-next-free', postId ? { channelIds: [...channelIds], exceptPostId: postId } : { channelIds: [...channelIds] })
      if (found.at !== null) {
        setNote(undefined)
        onFound(found.at)
      } else {
        setNote(
          found.reason === 'no_slots'
            ? 'The chosen channels have no posting slots yet. Add them in Settings, under Posting slots.'
            : 'Every posting slot of the chosen channels is taken for the next five weeks.',
        )
      }
    } catch (err) {
      setNote(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return { busy, note, pick: () => void pick() }
}
