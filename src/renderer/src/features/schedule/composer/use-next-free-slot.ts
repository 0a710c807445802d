import { useMemo, useRef, useState } from 'react'
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
 * says why when there is none. The answer stays the same object until `busy` or `note` change, so
 * the fields showing it are not drawn again for each key typed elsewhere in the composer.
 */
export function useNextFreeSlot(channelIds: readonly string[], postId: string | undefined, onFound: (at: number) => void): NextFreeSlotState {
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<string>()
  // Read when the button is pressed: the choice and the callback as they are then.
  const latest = useRef({ channelIds, postId, onFound })
  latest.current = { channelIds, postId, onFound }

  return useMemo(() => {
    async function pick(): Promise<void> {
      const { channelIds: ids, postId: except } = latest.current
      if (ids.length === 0) return setNote('Choose a channel first: the slots are the channels’ own.')
      setBusy(true)
      try {
        const next = await call('slots:find-next-free', except ? { channelIds: [...ids], exceptPostId: except } : { channelIds: [...ids] })
        if (next.at !== null) {
          setNote(undefined)
          // The callback as it is when the answer comes, for the zone chosen by then.
          latest.current.onFound(next.at)
        } else {
          setNote(
            next.reason === 'no_slots'
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
  }, [busy, note])
}
