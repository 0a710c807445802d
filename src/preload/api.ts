import { isCommandName, isEventName } from '../shared/ipc/channels'
import type { RelinkApi } from '../shared/ipc/contract'
import type { Result } from '../shared/errors'

/**
 * How `window.relink` reaches main. In the app it is `ipcRenderer`; in end-to-end tests it is a
 * Playwright binding to the same handlers. Both go through `createRelinkApi`.
 */
export interface RelinkTransport {
  invoke(channel: string, input: unknown): Promise<unknown>
  on(event: string, listener: (payload: unknown) => void): () => void
}

const transportFailure = (message: string): Result<never> => ({
  ok: false,
  error: { code: 'internal', message, retryable: true },
})

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean'
}

export function createRelinkApi(transport: RelinkTransport): RelinkApi {
  const api: RelinkApi = {
    async invoke(name: string, input?: unknown) {
      if (!isCommandName(name)) {
        return { ok: false, error: { code: 'validation', message: `Unknown command "${String(name)}".`, retryable: false } }
      }
      try {
        const reply = await transport.invoke(name, input)
        return isResult(reply) ? reply : transportFailure('Relink answered in an unexpected form.')
      } catch {
        // The main process went away or the bridge broke; say so instead of hanging the UI.
        return transportFailure('Relink could not reach its background process. Try again.')
      }
    },
    on(event, listener) {
      if (!isEventName(event)) throw new Error(`Unknown event "${String(event)}"`)
      return transport.on(event, (payload) => listener(payload as never))
    },
  } as RelinkApi
  return Object.freeze(api)
}
