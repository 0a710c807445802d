import { useEffect, useRef } from 'react'
import type { DeliveryView } from '../../../../shared/domain/schedule'
import { useNow } from '../../app/now-context'
import { useToast } from '../../components/use-toast'
import { call, errorMessage } from '../../lib/api'
import { useDeliveryOpenRequest } from './open-request-context'

const DAY_MS = 86_400_000
/** Main answers at most 400 days per question. */
const SPAN_MS = 400 * DAY_MS

/**
 * Finds a delivery by id. There is no command for one delivery, so this asks for the 400 days
 * before and after now: a notification is about a post due recently, or rescheduled ahead.
 */
async function findDelivery(deliveryId: number, now: number): Promise<DeliveryView | undefined> {
  const [before, after] = await Promise.all([
    call('schedule:list-deliveries', { from: now - SPAN_MS, to: now }),
    call('schedule:list-deliveries', { from: now, to: now + SPAN_MS }),
  ])
  return [...before, ...after].find((d) => d.id === deliveryId)
}

/** Takes a pending "open this delivery" request (a notification click) and hands over the delivery. */
export function useOpenRequestedDelivery(open: (delivery: DeliveryView) => void): void {
  const { request, done } = useDeliveryOpenRequest()
  const toast = useToast()
  const now = useNow()
  // Read when a request arrives; a new minute must not search again.
  const latest = useRef({ open, now, toast })
  latest.current = { open, now, toast }

  useEffect(() => {
    if (!request) return
    let current = true
    findDelivery(request.deliveryId, latest.current.now)
      .then((found) => {
        if (!current) return
        if (found) latest.current.open(found)
        else latest.current.toast.show({ message: 'That post is no longer in the schedule.', tone: 'danger' })
      })
      .catch((err: unknown) => {
        if (current) latest.current.toast.show({ message: errorMessage(err), tone: 'danger' })
      })
      .finally(() => {
        if (current) done(request.seq)
      })
    return () => {
      current = false
    }
  }, [request, done])
}
