/**
 * Settings → Networks: the team's own developer app per network ("bring your own app"), with
 * exactly the redirect URIs to register. Secrets are sealed before they are stored and never
 * leave the main process.
 */
import type { NetworkAppView } from '../../shared/domain/connections'
import { NETWORKS, type Network } from '../../shared/domain/network'
import type { ConnectionRepository } from '../db/repositories/connection-repository'
import type { Clock, Http } from '../ports'
import type { ProviderAdapter, RedirectRule } from '../providers/types'
import type { Vault } from './vault'

const NOTES: Record<Network, string[]> = {
  facebook: [
    'Create a Business app at developers.facebook.com with Facebook Login for Business, and add the permissions for Pages.',
    'Meta accepts http://localhost redirects only while the app is in development mode.',
  ],
  instagram: ['Instagram business accounts connect through Facebook Login: use the same Meta app as for Facebook.'],
  linkedin: ['Request the Community Management API product and ask LinkedIn to enable the native (PKCE) flow for your app.'],
  x: ['Create a Native App (public client) with OAuth 2.0 and add every callback URL below (X allows up to ten, matched exactly).'],
  mastodon: ['Nothing to register: Relink registers itself on each Mastodon instance when you connect an account.'],
}

export function redirectUrisFor(rule: RedirectRule): string[] {
  if (rule.ports === 'ephemeral') return [`http://${rule.host}${rule.path}`]
  return rule.ports.map((port) => `http://${rule.host}:${port}${rule.path}`)
}

export function createNetworkApps(deps: { repo: ConnectionRepository; vault: Vault; adapters: Record<Network, ProviderAdapter>; http: Http; clock: Clock }) {
  const { repo, vault, adapters, http, clock } = deps

  function describe(network: Network, row: { client_id: string; client_secret_enc: Uint8Array | null; instance: string } | undefined): NetworkAppView {
    const adapter = adapters[network]
    const oauth = adapter.oauth({ http, clock, endpoints: adapter.defaultEndpoints, credentials: { clientId: row?.client_id ?? '' } })
    const uris = redirectUrisFor(oauth.redirect)
    const notes = [...NOTES[network]]
    if (oauth.redirect.ports === 'ephemeral' && !oauth.dynamicRegistration) notes.push('The port is chosen at each sign-in; the network accepts any port on this loopback address.')
    return {
      network,
      instance: row?.instance ?? '',
      configured: network === 'mastodon' || Boolean(row),
      clientId: row?.client_id ?? '',
      hasSecret: Boolean(row?.client_secret_enc),
      secretRequired: oauth.clientSecret === 'required',
      redirectUris: oauth.dynamicRegistration ? [] : uris,
      notes,
    }
  }

  return {
    async list(): Promise<NetworkAppView[]> {
      const rows = await repo.listCredentials()
      return NETWORKS.map((n) => describe(n, rows.find((r) => r.network === n && (n !== 'mastodon' || r.instance === ''))))
    },
    async save(input: { network: Network; instance?: string; clientId: string; clientSecret?: string }): Promise<NetworkAppView> {
      const existing = await repo.getCredentials(input.network, input.instance ?? '')
      const secret = input.clientSecret !== undefined ? await vault.seal(input.clientSecret) : (existing?.client_secret_enc ?? null)
      await repo.saveCredentials({
        network: input.network,
        instance: input.instance ?? '',
        clientId: input.clientId,
        clientSecretEnc: secret,
        registeredRedirectUri: existing?.registered_redirect_uri ?? '',
        nowMs: clock.now(),
      })
      return describe(input.network, await repo.getCredentials(input.network, input.instance ?? ''))
    },
    async remove(input: { network: Network; instance?: string }): Promise<{ removed: boolean }> {
      const existing = await repo.getCredentials(input.network, input.instance ?? '')
      if (!existing) return { removed: false }
      await repo.deleteCredentials(input.network, input.instance ?? '')
      return { removed: true }
    },
  }
}
