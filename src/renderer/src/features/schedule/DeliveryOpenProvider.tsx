import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { Navigate } from '../../app/pages'
import { subscribe } from '../../lib/api'
import { DeliveryOpenContext, type DeliveryOpenRequest, type DeliveryOpenRequests } from './open-request-context'

/**
 * Notifications about failed posts ask the window to open one delivery. The Schedule page may not
 * be showing then, so the request is kept here, above the pages, until the page takes it.
 */
export function DeliveryOpenProvider({ onNavigate, children }: { onNavigate: Navigate; children: ReactNode }) {
  const [request, setRequest] = useState<DeliveryOpenRequest>()
  const seq = useRef(0)

  useEffect(
    () =>
      subscribe('app:did-request-open', (open) => {
        if (open.kind !== 'delivery' || !open.id) return
        const deliveryId = Number(open.id)
        if (!Number.isSafeInteger(deliveryId) || deliveryId <= 0) return
        seq.current += 1
        setRequest({ deliveryId, seq: seq.current })
        onNavigate('schedule')
      }),
    [onNavigate],
  )

  const done = useCallback((taken: number) => setRequest((current) => (current?.seq === taken ? undefined : current)), [])
  const value = useMemo<DeliveryOpenRequests>(() => ({ request, done }), [request, done])
  return <DeliveryOpenContext.Provider value={value}>{children}</DeliveryOpenContext.Provider>
}
