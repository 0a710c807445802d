import { useCallback } from 'react'
import type { DeliveryView } from '../../../../shared/domain/schedule'
import { useToast } from '../../components/use-toast'
import { call, errorMessage } from '../../lib/api'
import { formatShortDay, formatTime } from './schedule-format'

/** States a drag may move: the post has not gone out, nor started to. */
export const MOVABLE: readonly DeliveryView['state'][] = ['scheduled', 'held']

/** The drag payload's type: a delivery of Relink's own, never text dropped in from elsewhere. */
export const DRAG_TYPE = 'application/x-relink-delivery'

export interface DragPayload {
  postId: string
  dueAt: number
  preview: string
}

/**
 * Moves a whole post (every channel it goes to) to a new time, then offers Undo, which puts it
 * back at its old time. Main judges the move: a time in the past or a post already publishing is
 * refused, and the reason is shown.
 */
export function useMovePost(): (payload: DragPayload, to: number) => Promise<void> {
  const toast = useToast()
  return useCallback(
    async ({ postId, dueAt, preview }: DragPayload, to: number) => {
      if (to === dueAt) return
      const name = preview ? `“${preview.length > 40 ? `${preview.slice(0, 40)}…` : preview}”` : 'The post'
      try {
        await call('schedule:update-post', { postId, publishAt: to })
      } catch (err) {
        toast.show({ message: `${name} was not moved: ${errorMessage(err)}`, tone: 'danger' })
        return
      }
      toast.show({
        message: `Moved ${name} to ${formatShortDay(to)}, ${formatTime(to)}.`,
        action: {
          label: 'Undo',
          onClick: async () => {
            try {
              await call('schedule:update-post', { postId, publishAt: dueAt })
              toast.show({ message: `${name} is back on ${formatShortDay(dueAt)}, ${formatTime(dueAt)}.` })
            } catch (err) {
              toast.show({ message: `${name} could not be moved back: ${errorMessage(err)}`, tone: 'danger' })
            }
          },
        },
      })
    },
    [toast],
  )
}

export function readDragPayload(data: DataTransfer): DragPayload | undefined {
  const raw = data.getData(DRAG_TYPE)
  if (!raw) return undefined
  try {
    const parsed = JSON.parse(raw) as Partial<DragPayload>
    if (typeof parsed.postId !== 'string' || typeof parsed.dueAt !== 'number') return undefined
    return { postId: parsed.postId, dueAt: parsed.dueAt, preview: typeof parsed.preview === 'string' ? parsed.preview : '' }
  } catch {
    return undefined
  }
}
