import { createContext, useContext } from 'react'

/** A request from outside the page (a notification click) to show one delivery's details. */
export interface DeliveryOpenRequest {
  deliveryId: number
  /** Counts requests, so asking again for the same delivery opens it again. */
  seq: number
}

export interface DeliveryOpenRequests {
  request: DeliveryOpenRequest | undefined
  /** The Schedule page took the request; a later visit must not reopen it. */
  done(seq: number): void
  /** Asks for one delivery from inside the window (the Needs attention list): Schedule opens it. */
  open(deliveryId: number): void
}

/** Without a provider nothing is ever requested: the page works, only notification clicks do not reach it. */
export const DeliveryOpenContext = createContext<DeliveryOpenRequests>({ request: undefined, done: () => undefined, open: () => undefined })

export const useDeliveryOpenRequest = (): DeliveryOpenRequests => useContext(DeliveryOpenContext)
