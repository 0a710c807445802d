/**
 * Runs inside the page, before the app's own scripts, in place of the Electron preload: the same
 * `createRelinkApi` builds `window.relink`, but its transport is a Playwright binding to a real
 * core in the test process. Bundled to an IIFE by `bridge-script.ts`.
 */
import { createRelinkApi, type RelinkTransport } from '../../src/preload/api'

type Listener = (payload: unknown) => void

interface BridgeScope {
  /** Installed in every frame by `page.exposeBinding`; main learns which frame called it. */
  __relinkInvoke?: (channel: string, input: unknown) => Promise<unknown>
}

const scope = globalThis as typeof globalThis & BridgeScope
const listeners = new Map<string, Set<Listener>>()

const transport: RelinkTransport = {
  invoke(channel, input) {
    const send = scope.__relinkInvoke
    if (typeof send !== 'function') return Promise.reject(new Error('The end-to-end bridge binding is missing.'))
    return send(channel, input)
  },
  on(event, listener) {
    let set = listeners.get(event)
    if (!set) {
      set = new Set()
      listeners.set(event, set)
    }
    set.add(listener)
    return () => {
      set.delete(listener)
    }
  },
}

function emit(event: string, payload: unknown): void {
  for (const listener of listeners.get(event) ?? []) listener(payload)
}

// contextBridge hands the page a frozen, non-replaceable object; mirror that so tests see the same.
Object.defineProperty(scope, 'relink', { value: createRelinkApi(transport), enumerable: true, writable: false, configurable: false })
Object.defineProperty(scope, '__relinkEmit', { value: emit, enumerable: false, writable: false, configurable: false })
