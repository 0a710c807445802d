/**
 * Demo mode's "this computer is offline" switch, per simulated network: requests to a network
 * switched off fail before any connection is made (`ENETUNREACH`), exactly as the Http port fails
 * when the computer has no network, so everything above it (the intents module's "not sent, wait
 * for the connection") behaves as it would for real.
 */
import { HttpTransportError, type Http } from '../ports'
import type { SandboxNetworkId } from './world'

export function createConnectivity(origin: string) {
  const offline = new Set<SandboxNetworkId>()
  const networkOf = (url: string): SandboxNetworkId | undefined => {
    if (!url.startsWith(`${origin}/`)) return undefined
    return url.slice(origin.length + 1).split(/[/?#]/)[0] as SandboxNetworkId
  }
  return {
    wrap(http: Http): Http {
      return {
        request(req) {
          const network = networkOf(req.url)
          if (network && offline.has(network)) {
            const cause = Object.assign(new Error(`connect ENETUNREACH (${network})`), { code: 'ENETUNREACH' })
            return Promise.reject(new HttpTransportError('network', 'The network is unreachable.', { cause }))
          }
          return http.request(req)
        },
      }
    },
    set(network: SandboxNetworkId, isOffline: boolean): void {
      if (isOffline) offline.add(network)
      else offline.delete(network)
    },
    offline: (): SandboxNetworkId[] => [...offline],
  }
}

export type Connectivity = ReturnType<typeof createConnectivity>
