/**
 * The browser half of connecting: an RFC 8252 loopback attempt through `runAuthorization`, with
 * Mastodon's per-instance app registration done first for the exact redirect URI it will use.
 */
import { createServer } from 'node:net'
import type { Network } from '../../shared/domain/network'
import { runAuthorization, authorizationRequestFor, type AuthorizationDeps } from '../oauth/flow'
import type { ProviderAdapter } from '../providers/types'
import type { Authorize } from './connect-service'

/** How long the browser's page waits to name the account before it says only "Signed in". */
export const SUCCESS_PAGE_HOLD_MS = 30_000

/** A free loopback port, so a dynamically registered redirect URI can name it exactly. */
export function freeLoopbackPort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, host, () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

export function createAuthorize(deps: AuthorizationDeps & { adapters: Record<Network, ProviderAdapter>; allowInsecure: boolean; timeoutMs?: number }): Authorize {
  return async ({ network, oauth, ctx, signal, onStep }) => {
    const adapter = deps.adapters[network]
    let credentials = ctx.credentials
    let redirect = oauth.redirect
    if (oauth.dynamicRegistration && adapter.registerApp) {
      // Mastodon matches redirect URIs exactly, so the app is registered for this attempt's port.
      const port = await freeLoopbackPort(oauth.redirect.host === 'localhost' ? '127.0.0.1' : oauth.redirect.host)
      redirect = { ...oauth.redirect, ports: [port] }
      credentials = await adapter.registerApp(ctx, `http://${oauth.redirect.host}:${port}${oauth.redirect.path}`)
    }
    onStep('opening_browser', 'Opening the sign-in page in your browser…')
    const request = authorizationRequestFor(
      { ...oauth, redirect },
      { clientId: credentials.clientId, allowInsecure: deps.allowInsecure, signal, ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}) },
    )
    // The browser's page waits for the token exchange and identity, so it can name the account.
    request.holdSuccessPageMs = SUCCESS_PAGE_HOLD_MS
    const pending = runAuthorization(deps, request)
    onStep('waiting_for_browser', 'Waiting for you to finish signing in in the browser…')
    const outcome = await pending
    return { code: outcome.code, codeVerifier: outcome.codeVerifier, redirectUri: outcome.redirectUri, credentials, finishPage: outcome.finishPage }
  }
}
