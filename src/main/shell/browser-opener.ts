import { shell } from 'electron'
import type { BrowserOpener } from '../ports'

const WEB_PROTOCOLS = new Set(['http:', 'https:'])

/**
 * Opens web addresses in the user's default browser. Anything else (`file:`, `smb:`, custom
 * protocol handlers) could run programs on the machine, so it is refused (checklist 15). Plain
 * http stays allowed for the local sandbox network's login pages in demo mode.
 */
export function createShellBrowserOpener(): BrowserOpener {
  return {
    async open(raw) {
      let url: URL
      try {
        url = new URL(raw)
      } catch {
        throw new Error(`Relink can only open web addresses in the browser, and "${raw.slice(0, 200)}" is not one.`)
      }
      if (!WEB_PROTOCOLS.has(url.protocol)) {
        throw new Error(`Relink opens only http and https addresses in the browser; it refused a "${url.protocol}" address.`)
      }
      // Reviewed: only http(s) addresses reach this line (checked above, tested in browser-opener.test.ts).
      await shell.openExternal(url.href) // eng-disable OPEN_EXTERNAL_JS_CHECK
    },
  }
}
