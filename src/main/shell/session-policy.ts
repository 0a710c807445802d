import { contentSecurityPolicy } from '../../shared/csp'

export interface HeadersReceivedDetails {
  url: string
  responseHeaders?: Record<string, string[]>
}

export interface HeadersReceivedResponse {
  cancel?: boolean
  responseHeaders?: Record<string, string | string[]>
}

/** The part of an Electron `Session` the policy touches (Electron's own type satisfies it). */
export interface PolicySession {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void
  readonly webRequest: {
    onHeadersReceived(listener: (details: HeadersReceivedDetails, callback: (response: HeadersReceivedResponse) => void) => void): void
  }
}

const CSP_HEADER = 'Content-Security-Policy'

/**
 * Locks down the renderer's session before any page loads: every permission (camera, geolocation,
 * notifications, …) is refused, because Relink's page needs none of them (checklist 5: Electron
 * grants everything by default), and every response carries the CSP (checklist 7). A `file://`
 * page receives no headers, so the production build also carries the same policy in a `<meta>`.
 */
export function applySessionPolicy(session: PolicySession, mode: 'production' | 'development'): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)

  const policy = contentSecurityPolicy(mode)
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withPolicy(details.responseHeaders ?? {}, policy) })
  })
}

/**
 * Adds Relink's policy next to any the server sent. A browser enforces every policy it receives,
 * so keeping a server's own can only tighten what the page may do, never loosen it.
 */
function withPolicy(headers: Record<string, string[]>, policy: string): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  const existing: string[] = []
  for (const [name, values] of Object.entries(headers)) {
    if (name.toLowerCase() === CSP_HEADER.toLowerCase()) existing.push(...values)
    else out[name] = values
  }
  out[CSP_HEADER] = [...existing, policy]
  return out
}
