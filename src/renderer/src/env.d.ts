/// <reference types="vite/client" />

import type { RelinkApi } from '../../shared/ipc/contract'

declare global {
  interface Window {
    /**
     * Put there by the preload (or the end-to-end bridge). Optional because the renderer can be
     * opened in a plain browser, where `lib/api.ts` turns its absence into a readable error.
     */
    readonly relink?: RelinkApi
  }
}

export {}
