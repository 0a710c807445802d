/**
 * Connecting a profile and "Refresh connection": one OAuth attempt in the system browser, the
 * network's token exchange, identity, and discovery of every channel the profile can manage.
 * A Refresh connection re-derives the tokens of every channel linked through the profile, in
 * every brand, in one step.
 */
import type { ConnectResult, ConnectStep, DiscoveredChannelView, HealOutcome, ProfileView } from '../../shared/domain/connections'
import { isBrokenHealth } from '../../shared/domain/health'
import { NETWORK_LABELS, signInNetwork, type Network } from '../../shared/domain/network'
import { AppError } from '../../shared/errors'
import { constraintKind } from '../db/db-errors'
import type { BrandRepository } from '../db/repositories/brand-repository'
import type { ChannelLinkInput, ConnectionRepository } from '../db/repositories/connection-repository'
import type { EventBus } from '../events'
import type { Clock, Logger } from '../ports'
import { OAuthFlowError } from '../oauth/errors'
import type { SignInPage } from '../oauth/loopback'
import { ProviderError } from '../providers/provider-error'
import type { AppCredentials, DiscoveredChannel, OAuthConfig, ProviderContext } from '../providers/types'
import type { PictureNotes } from '../channels/channel-pictures'
import type { Lifecycle } from './lifecycle'
import type { ProviderDirectory } from './provider-directory'
import type { Vault } from './vault'
import { toProfileView } from './views'

export interface AuthorizeInput {
  network: Network
  oauth: OAuthConfig
  ctx: ProviderContext
  signal: AbortSignal
  onStep: (step: ConnectStep, message: string) => void
}

/** Runs the browser half of OAuth and returns what the token exchange needs. */
export type Authorize = (input: AuthorizeInput) => Promise<{
  code: string
  codeVerifier: string
  redirectUri: string
  credentials: AppCredentials
  /** Tells the browser's page how the sign-in ended, naming the account (when the page waits). */
  finishPage?: (page: SignInPage) => void
}>

export interface ConnectDeps {
  repo: ConnectionRepository
  brands: BrandRepository
  vault: Vault
  providers: ProviderDirectory
  lifecycle: Lifecycle
  authorize: Authorize
  clock: Clock
  events: EventBus
  logger: Logger
  /** Notes the profile pictures each listing names (decoration: never fails a sign-in). */
  pictures?: PictureNotes
  /** Who is operating this Relink, recorded as "connected by". */
  operator: string
}

export type ConnectService = ReturnType<typeof createConnectService>

/** "Ava Lindqvist (@ava)": the account as the browser's page names it. */
const accountName = (identity: { displayName: string; handle: string }): string =>
  identity.handle && identity.handle !== identity.displayName ? `${identity.displayName} (${identity.handle})` : identity.displayName

export function createConnectService(deps: ConnectDeps) {
  const { repo, brands, vault, providers, lifecycle, clock, events, logger } = deps
  let current: AbortController | undefined

  const step = (network: Network) => (s: ConnectStep, message: string) => events.emit('connections:did-progress', { network, step: s, message })

  async function toLinks(network: Network, instance: string, found: DiscoveredChannel[]): Promise<ChannelLinkInput[]> {
    return Promise.all(
      found.map(async (c) => ({
        network: c.network,
        instance,
        networkChannelId: c.networkChannelId,
        kind: c.kind,
        name: c.name,
        handle: c.handle,
        tasks: c.tasks,
        tokenEnc: await vault.sealOptional(c.token),
      })),
    )
  }

  const view = (c: DiscoveredChannel): DiscoveredChannelView => ({
    networkChannelId: c.networkChannelId,
    network: c.network,
    kind: c.kind,
    name: c.name,
    handle: c.handle,
    tasks: c.tasks,
    canPublish: c.capabilities.publish,
  })

  async function profileView(profileId: string): Promise<ProfileView> {
    const row = await repo.getProfile(profileId)
    if (!row) throw new AppError('not_found', 'That connection no longer exists.')
    const [counts, since] = await Promise.all([repo.countChannelsPerProfile(), repo.brokenSince()])
    return toProfileView(row, counts.get(profileId) ?? 0, clock.now(), since.get(profileId) ?? null)
  }

  /**
   * The browser flow, exchange, identity and discovery; shared by connect and refresh. `expected`
   * is the person a refresh must sign in as: anyone else is refused before anything is kept.
   */
  async function signIn(network: Network, instance: string, authorize: Authorize = deps.authorize, expected?: { networkUserId: string; displayName: string }) {
    vault.assertSafe()
    current?.abort()
    const controller = new AbortController()
    current = controller
    const onStep = step(network)
    let finishPage: ((page: SignInPage) => void) | undefined = undefined
    try {
      const adapter = providers.adapter(network)
      const ctx = await providers.context(network, instance, controller.signal)
      const auth = await authorize({ network, oauth: adapter.oauth(ctx), ctx, signal: controller.signal, onStep })
      finishPage = auth.finishPage
      onStep('exchanging', `Finishing the ${NETWORK_LABELS[network]} sign-in…`)
      const exchangeCtx = { ...ctx, credentials: auth.credentials }
      const tokens = await adapter.exchangeCode(exchangeCtx, { code: auth.code, codeVerifier: auth.codeVerifier, redirectUri: auth.redirectUri })
      const identity = await adapter.identify(exchangeCtx, tokens.accessToken)
      if (expected && identity.networkUserId !== expected.networkUserId) {
        throw new AppError(
          'conflict',
          `You signed in to ${NETWORK_LABELS[network]} as ${identity.displayName}, but this connection belongs to ${expected.displayName}. Sign out of ${NETWORK_LABELS[network]} in your browser and try again, or connect ${identity.displayName} as a new profile.`,
        )
      }
      onStep('discovering', 'Looking for the pages and accounts you manage…')
      const channels = await adapter.discoverChannels(exchangeCtx, { accessToken: tokens.accessToken, networkUserId: identity.networkUserId })
      await deps.pictures?.note(network, instance, channels)
      finishPage?.({ kind: 'connected', network: NETWORK_LABELS[network], account: accountName(identity) })
      return { tokens, identity, channels }
    } catch (err) {
      finishPage?.({ kind: 'failed', sentence: err instanceof Error ? err.message : 'The sign-in failed.' })
      const cancelled = controller.signal.aborted
      onStep(cancelled ? 'cancelled' : 'failed', err instanceof Error ? err.message : 'The sign-in failed.')
      if (err instanceof ProviderError) throw new AppError('upstream_unavailable', err.classified.detail, { cause: err, retryable: err.reason === 'transient' })
      if (err instanceof OAuthFlowError) {
        const code = err.kind === 'cancelled' ? 'cancelled' : err.kind === 'access_denied' ? 'forbidden' : 'upstream_unavailable'
        throw new AppError(code, err.message, { cause: err, retryable: err.kind !== 'cancelled' })
      }
      throw err
    } finally {
      if (current === controller) current = undefined
    }
  }

  async function sealTokens(tokens: { accessToken: string; refreshToken?: string; accessExpiresAt: number | null; refreshExpiresAt: number | null; dataAccessExpiresAt: number | null; scopes: string[] }) {
    return {
      accessTokenEnc: await vault.seal(tokens.accessToken),
      refreshTokenEnc: await vault.sealOptional(tokens.refreshToken),
      accessExpiresAt: tokens.accessExpiresAt,
      refreshExpiresAt: tokens.refreshExpiresAt,
      dataAccessExpiresAt: tokens.dataAccessExpiresAt,
      scopes: tokens.scopes,
    }
  }

  /** A write that refers to a row a Remove took away a moment ago fails its foreign key: say so plainly. */
  async function onForeignKey<T>(write: () => Promise<T>, message: string): Promise<T> {
    try {
      return await write()
    } catch (err) {
      if (constraintKind(err) === 'foreign_key') throw new AppError('conflict', message, { cause: err })
      throw err
    }
  }

  /** Re-derives every existing link of the profile from a fresh discovery; returns touched channel ids. */
  async function heal(profileId: string, network: Network, instance: string, channels: DiscoveredChannel[]): Promise<string[]> {
    const existing = await repo.linksOfProfile(profileId)
    const found = new Map(channels.map((c) => [c.networkChannelId, c]))
    const keep = existing.filter((l) => found.has(l.network_channel_id)).map((l) => found.get(l.network_channel_id) as DiscoveredChannel)
    const ids = await repo.linkChannels(profileId, await toLinks(network, instance, keep), clock.now())
    for (const lost of existing.filter((l) => !found.has(l.network_channel_id))) {
      // The sign-in works but the page is no longer among the profile's: a lost role, not a token problem.
      await repo.setLinkHealth(lost.channel_id, profileId, 'role_lost', 'This profile no longer manages the channel. A page admin must restore the role.')
      ids.push(lost.channel_id)
    }
    return ids
  }

  /** Every link of the profile after a heal: working, or still broken with the reason the link gives. */
  async function healOutcome(profileId: string): Promise<HealOutcome> {
    const outcome: HealOutcome = { working: [], broken: [] }
    for (const link of await repo.linksOfProfile(profileId)) {
      const base = { channelId: link.channel_id, name: link.name, network: link.network as Network }
      if (link.health === 'active') outcome.working.push(base)
      else outcome.broken.push({ ...base, health: link.health, detail: link.health_detail })
    }
    return outcome
  }

  return {
    profileView,

    async listProfiles(): Promise<ProfileView[]> {
      const [rows, counts, since] = await Promise.all([repo.listProfiles(), repo.countChannelsPerProfile(), repo.brokenSince()])
      return rows.map((r) => toProfileView(r, counts.get(r.id) ?? 0, clock.now(), since.get(r.id) ?? null)).sort((a, b) => a.urgency - b.urgency)
    },

    cancel(): { cancelled: boolean } {
      if (!current) return { cancelled: false }
      current.abort()
      return { cancelled: true }
    },

    /** Signs a profile in; a profile Relink already knows is healed in place (its channels keep their links). */
    async connect(input: { network: Network; instance?: string }, authorize?: Authorize): Promise<ConnectResult> {
      const instance = input.instance ?? ''
      // Instagram business accounts come with the person's Facebook sign-in: one Meta profile.
      const network = signInNetwork(input.network)
      const { tokens, identity, channels } = await signIn(network, instance, authorize)
      const known = await repo.findProfile(network, instance, identity.networkUserId)
      const profileId = await repo.upsertProfile({
        network,
        instance,
        networkUserId: identity.networkUserId,
        displayName: identity.displayName,
        handle: identity.handle,
        connectedBy: deps.operator,
        grant: await sealTokens(tokens),
        setupState: known?.setup_state === 'ready' ? 'ready' : 'picking',
        nowMs: clock.now(),
      })
      await repo.replacePending(profileId, await toLinks(network, instance, channels), clock.now())
      await repo.logEvent({ profileId, at: clock.now(), kind: known ? 'reconnected' : 'connected', detail: `Signed in as ${identity.displayName}.` })
      let healed: HealOutcome | undefined
      if (known?.setup_state === 'ready') {
        const channelIds = await heal(profileId, network, instance, channels)
        events.emit('connections:did-reconnect', { profileId, channelIds })
        events.emit('channels:did-change', { channelIds })
        healed = await healOutcome(profileId)
      }
      events.emit('connections:did-change-health', { profileIds: [profileId] })
      step(network)('done', `Connected ${identity.displayName}.`)
      const result: ConnectResult = { profileId, profile: await profileView(profileId), channels: channels.map(view), reconnected: healed !== undefined }
      if (healed) result.heal = healed
      return result
    },

    /** Puts the picked channels (each into its brands) and finishes the profile's setup. */
    async finishConnect(input: { profileId: string; picks: { networkChannelId: string; brandIds: string[] }[] }): Promise<ProfileView> {
      const row = await repo.getProfile(input.profileId)
      if (!row) throw new AppError('not_found', 'That connection no longer exists.')
      const pending = new Map((await repo.listPending(input.profileId)).map((p) => [p.network_channel_id, p]))
      for (const pick of input.picks) {
        if (!pending.has(pick.networkChannelId)) throw new AppError('not_found', 'One of the picked channels is no longer available. Connect again to refresh the list.')
      }
      const chosen = input.picks.flatMap((p) => p.brandIds)
      const known = await brands.existingIds(chosen)
      if (chosen.some((brandId) => !known.has(brandId))) throw new AppError('not_found', 'One of the chosen brands no longer exists.')
      const links = input.picks.map((pick) => {
        const p = pending.get(pick.networkChannelId)
        if (!p) throw new AppError('not_found', 'Channel vanished.')
        return {
          network: p.network,
          instance: row.instance,
          networkChannelId: p.network_channel_id,
          kind: p.kind,
          name: p.name,
          handle: p.handle,
          tasks: p.tasks ? p.tasks.split(',') : [],
          tokenEnc: p.token_enc,
          brandIds: [...new Set(pick.brandIds)],
        }
      })
      const channelIds = await onForeignKey(() => repo.linkChannels(input.profileId, links, clock.now()), 'One of the chosen brands or the connection was removed while the channels were being added. Look again and retry.')
      await repo.setSetupState(input.profileId, 'ready')
      await repo.logEvent({ profileId: input.profileId, at: clock.now(), kind: 'channels_picked', detail: `${links.length} channel(s) added.` })
      events.emit('channels:did-change', { channelIds })
      events.emit('brands:did-change', { brandIds: [...new Set(input.picks.flatMap((p) => p.brandIds))] })
      events.emit('connections:did-change-health', { profileIds: [input.profileId] })
      return profileView(input.profileId)
    },

    /**
     * "Refresh connection": signs the same person in again and heals every channel linked
     * through the profile, in every brand. Signing in as someone else is refused.
     */
    async refreshProfile(input: { profileId: string }): Promise<ConnectResult> {
      const row = await repo.getProfile(input.profileId)
      if (!row) throw new AppError('not_found', 'That connection no longer exists.')
      const network = row.network as Network
      const { tokens, identity, channels } = await signIn(network, row.instance, deps.authorize, { networkUserId: row.network_user_id, displayName: row.display_name })
      // Remove connection may have run while the person was signing in: then there is nothing left to heal.
      const removedMeanwhile = `${row.display_name}'s ${NETWORK_LABELS[network]} connection was removed while Relink was refreshing it. Connect the profile again if you still need it.`
      const sealed = await sealTokens(tokens)
      const links = await toLinks(network, row.instance, channels)
      if (!(await repo.getProfile(row.id))) throw new AppError('conflict', removedMeanwhile)
      const channelIds = await onForeignKey(async () => {
        await repo.saveGrant(row.id, sealed, clock.now())
        await repo.replacePending(row.id, links, clock.now())
        const healed = row.setup_state === 'ready' ? await heal(row.id, network, row.instance, channels) : []
        const fresh = await repo.getProfile(row.id)
        if (!fresh) throw new AppError('conflict', removedMeanwhile)
        await lifecycle.changeHealth(fresh, 'active', '', 'Reconnected.')
        await repo.logEvent({ profileId: row.id, at: clock.now(), kind: 'reconnected', healthBefore: row.health, healthAfter: 'active', detail: `Refresh connection renewed ${healed.length} channel link(s).` })
        return healed
      }, removedMeanwhile)
      logger.log('info', 'connections: refreshed', { profileId: row.id, network, channels: channelIds.length })
      events.emit('connections:did-reconnect', { profileId: row.id, channelIds })
      events.emit('channels:did-change', { channelIds })
      step(network)('done', `Reconnected ${identity.displayName}.`)
      return { profileId: row.id, profile: await profileView(row.id), channels: channels.map(view), reconnected: true, heal: await healOutcome(row.id) }
    },

    /** Refresh connection for every broken profile, one browser sign-in after another. */
    async refreshAllExpired(): Promise<{ refreshed: string[]; failed: { profileId: string; message: string }[] }> {
      const result: { refreshed: string[]; failed: { profileId: string; message: string }[] } = { refreshed: [], failed: [] }
      for (const row of await repo.listProfiles()) {
        if (!isBrokenHealth(row.health as never) && row.health !== 'expiring') continue
        try {
          await this.refreshProfile({ profileId: row.id })
          result.refreshed.push(row.id)
        } catch (err) {
          result.failed.push({ profileId: row.id, message: err instanceof Error ? err.message : String(err) })
          if (err instanceof AppError && err.code === 'cancelled') break
        }
      }
      return result
    },

    /** Removes a profile: revokes Relink's access on the network when it can, then forgets it. */
    async removeProfile(input: { profileId: string }): Promise<{ removed: boolean }> {
      const row = await repo.getProfile(input.profileId)
      if (!row) return { removed: false }
      try {
        const network = row.network as Network
        const ctx = await providers.context(network, row.instance)
        const grant: { accessToken: string; refreshToken?: string; networkUserId: string } = {
          accessToken: await vault.open(row.access_token_enc ?? new Uint8Array()),
          networkUserId: row.network_user_id,
        }
        if (row.refresh_token_enc) grant.refreshToken = await vault.open(row.refresh_token_enc)
        await providers.adapter(network).revoke(ctx, grant)
      } catch (err) {
        logger.log('warn', 'connections: revoke on removal failed; forgetting the profile anyway', { profileId: row.id, error: err })
      }
      const channelIds = await repo.channelIdsOfProfile(row.id)
      await repo.deleteProfile(row.id)
      events.emit('channels:did-change', { channelIds })
      events.emit('connections:did-change-health', { profileIds: [row.id] })
      return { removed: true }
    },
  }
}
