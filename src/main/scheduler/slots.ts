/**
 * "Next free slot" for a released or re-planned delivery: the first slot boundary (every
 * `slotMs`, counted from the epoch, so quarter hours stay quarter hours in every whole-hour time
 * zone) at least `leadMs` from now that holds no other delivery of the same channel. Keeps a
 * backlog released after a reconnect from landing on the channel all at once.
 */
export function nextFreeSlot(taken: readonly number[], nowMs: number, slotMs: number, leadMs: number): number {
  let slot = Math.ceil((nowMs + leadMs) / slotMs) * slotMs
  const busy = new Set(taken.map((t) => Math.floor(t / slotMs)))
  while (busy.has(Math.floor(slot / slotMs))) slot += slotMs
  return slot
}
