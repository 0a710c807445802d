import type { EventName } from '../shared/ipc/channels'
import type { EventPayloads } from '../shared/ipc/contract'

export type EventListener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void

/** In-process fan-out of main → renderer events; the shell forwards them to the window. */
export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void
  /** Receives every event; returns an unsubscribe function. */
  subscribe(listener: EventListener): () => void
}

export function createEventBus(onListenerError: (err: unknown) => void): EventBus {
  const listeners = new Set<EventListener>()
  return {
    emit(event, payload) {
      for (const listener of listeners) {
        try {
          listener(event, payload)
        } catch (err) {
          onListenerError(err)
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}
