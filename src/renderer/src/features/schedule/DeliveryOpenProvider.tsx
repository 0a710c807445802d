import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { Navigate } from '../../app/pages'
import { subscribe } from '../../lib/api'
import { DeliveryOpenContext, type DeliveryOpenRequest, type DeliveryOpenRequests } from './open-request-context'

/**
 * Notifications about failed posts, and the header's Needs attention list, ask the window to open
 * one delivery. The Schedule page may not be showing then, so the request is kept here, above the
 * pages and the header, until the page takes it.
 */
export function DeliveryOpenProvider({ onNavigate, children }: { onNavigate: Navigate; children: ReactNode }) {
  const [request, setRequest] = useState<DeliveryOpenRequest>()
  const seq = useRef(0)

  const open = useCallback(
    (deliveryId: number) => {
      seq.current += 1
      setRequest({ deliveryId, seq: seq.current })
      onNavigate('schedule')
    },
    [onNavigate],
  )

  useEffect(
    () =>
      subscribe('app:did-request-open', (request) => {
        if (request.kind !== 'delivery' || !request.id) return
        const deliveryId = Number(request.id)
        if (!Number.isSafeInteger(deliveryId) || deliveryId <= 0) return
        open(deliveryId)
      }),
    [open],
  )

  const done = useCallback((taken: number) => setRequest((current) => (current?.seq === taken ? undefined : current)), [])
  const value = useMemo<DeliveryOpenRequests>(() => ({ request, done, open }), [request, done, open])
  return <DeliveryOpenContext.Provider value={value}>{children}</DeliveryOpenContext.Provider>
}
