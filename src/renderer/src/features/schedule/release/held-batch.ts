import type { DeliveryView } from '../../../../../shared/domain/schedule'

/** What the release dialog offers: held deliveries and the channels to release them on. */
export interface HeldBatch {
  channelIds: string[]
  deliveries: DeliveryView[]
}

/**
 * Adds a later batch (another reconnect while the dialog is open) to the one on screen: each
 * channel and delivery once, the later view of a delivery winning, earliest due first.
 */
export function mergeHeld(current: HeldBatch | undefined, next: HeldBatch): HeldBatch {
  if (!current) return { channelIds: [...new Set(next.channelIds)], deliveries: [...next.deliveries].sort(byDue) }
  const deliveries = new Map(current.deliveries.map((d) => [d.id, d]))
  for (const d of next.deliveries) deliveries.set(d.id, d)
  return {
    channelIds: [...new Set([...current.channelIds, ...next.channelIds])],
    deliveries: [...deliveries.values()].sort(byDue),
  }
}

const byDue = (a: DeliveryView, b: DeliveryView): number => a.dueAt - b.dueAt || a.id - b.id
