import { useEffect, useRef } from 'react'
import type { DeliveryView } from '../../../../shared/domain/schedule'
import { useToast } from '../../components/use-toast'
import { call, errorMessage, IpcError } from '../../lib/api'
import { useDeliveryOpenRequest } from './open-request-context'

/** Takes a pending "open this delivery" request (a notification click) and hands over the delivery. */
export function useOpenRequestedDelivery(open: (delivery: DeliveryView) => void): void {
  const { request, done } = useDeliveryOpenRequest()
  const toast = useToast()
  // Read when a request arrives; a re-render must not fetch again.
  const latest = useRef({ open, toast })
  latest.current = { open, toast }

  useEffect(() => {
    if (!request) return
    let current = true
    call('schedule:get-delivery', { deliveryId: request.deliveryId })
      .then((found) => {
        if (current) latest.current.open(found)
      })
      .catch((err: unknown) => {
        const message = err instanceof IpcError && err.code === 'not_found' ? 'That post is no longer in the schedule.' : errorMessage(err)
        if (current) latest.current.toast.show({ message, tone: 'danger' })
      })
      .finally(() => {
        if (current) done(request.seq)
      })
    return () => {
      current = false
    }
  }, [request, done])
}
