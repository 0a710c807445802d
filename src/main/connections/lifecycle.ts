/**
 * The heart of Relink: keeps every grant's tokens usable and its health true.
 * - Refresh ahead of expiry, one refresh in flight per grant however many callers ask, and the
 *   rotated refresh token committed to SQLite before the new access token is used (RFC 9700 §4.14.2).
 * - Every API failure is classified; `transient` and `rate_limited` never change health, and an
 *   `unknown_auth` is confirmed by a probe before anything is marked broken.
 * - Clocks (access expiry, refresh-grant end, data-access end) turn into `expiring`/`expired`.
 */
import { HEALTH_COPY, healthForReason } from '../../shared/domain/health-copy'
import { isBrokenHealth, type GrantHealth } from '../../shared/domain/health'
import type { Network } from '../../shared/domain/network'
import { AppError } from '../../shared/errors'
import type { ConnectionRepository, ProfileRow, SealedGrant } from '../db/repositories/connection-repository'
import type { EventBus } from '../events'
import type { Clock, Logger, SettingsStore } from '../ports'
import { redact } from '../platform/logger'
import { ProviderError } from '../providers/provider-error'
import type { ChannelTarget, ClassifiedFailure, GrantTokens, ProbeResult, ProviderFailure } from '../providers/types'
import type { PictureNotes } from '../channels/channel-pictures'
import { createLinkChecks, type LinkFinding } from './link-checks'
import { ACTION_WORDS, linkCan, tasksOf, type LinkAction } from './link-rights'
import { checkRetryMs, LIFECYCLE_RULES, MS } from './network-rules'
import type { ProviderDirectory } from './provider-directory'
import type { Vault } from './vault'

export interface HealthChange {
  profileId: string
  before: GrantHealth
  after: GrantHealth
  reason: string
  detail: string
  /** Set when the change concerns one channel's link (a lost role), not the whole sign-in. */
  channelId?: string
}

export interface LifecycleDeps {
  repo: ConnectionRepository
  vault: Vault
  providers: ProviderDirectory
  clock: Clock
  settings: SettingsStore
  events: EventBus
  logger: Logger
  /** Notes the profile pictures the role checks' listings name. */
  pictures?: PictureNotes
  /** Called after every health change (notifications, tray). */
  onHealthChange?: (change: HealthChange) => void | Promise<void>
}

/** Serialises what the event log keeps of a network answer: status, headers and body, redacted. */
export function rawForLog(failure: ProviderFailure): string {
  return JSON.stringify(redact({ source: failure.source, status: failure.status, headers: failure.headers, body: failure.body }))
}

export type Lifecycle = ReturnType<typeof createLifecycle>

export function createLifecycle(deps: LifecycleDeps) {
  const { repo, vault, providers, clock, settings, events, logger } = deps
  const inflight = new Map<string, Promise<string>>()
  const linkChecks = createLinkChecks({ repo, vault, providers, logger, pictures: deps.pictures })
  /**
   * When each grant's next full check is due, once Relink has checked it in this run: after a
   * check that failed for a passing reason it comes back within minutes (with backoff), not a day later.
   */
  const checks = new Map<string, { dueAt: number; failures: number }>()

  function checkDueAt(row: { id: string; network: string; last_probe_at: number | null; connected_at?: number | null }): number {
    return checks.get(row.id)?.dueAt ?? (row.last_probe_at ?? row.connected_at ?? 0) + LIFECYCLE_RULES[row.network as Network].probeEveryMs
  }

  function checkDone(profileId: string, network: Network, passing: boolean): void {
    const failures = passing ? (checks.get(profileId)?.failures ?? 0) + 1 : 0
    checks.set(profileId, { dueAt: clock.now() + (passing ? checkRetryMs(failures) : LIFECYCLE_RULES[network].probeEveryMs), failures })
  }

  const networkOf = (row: ProfileRow): Network => row.network as Network
  const healthOf = (row: ProfileRow): GrantHealth => row.health as GrantHealth

  async function mustProfile(profileId: string): Promise<ProfileRow> {
    const row = await repo.getProfile(profileId)
    if (!row) throw new AppError('not_found', 'That connection no longer exists.')
    return row
  }

  async function changeHealth(row: ProfileRow, after: GrantHealth, reason: string, detail: string, raw = ''): Promise<void> {
    const before = healthOf(row)
    if (before === after && row.health_reason === reason) return
    await repo.setHealth(row.id, after, reason, detail, raw, clock.now())
    await repo.logEvent({ profileId: row.id, at: clock.now(), kind: 'health_changed', healthBefore: before, healthAfter: after, reason, detail })
    logger.log('info', 'connections: health changed', { profileId: row.id, network: row.network, before, after, reason })
    const channelIds = await repo.channelIdsOfProfile(row.id)
    events.emit('connections:did-change-health', { profileIds: [row.id] })
    if (channelIds.length) events.emit('channels:did-change', { channelIds })
    await deps.onHealthChange?.({ profileId: row.id, before, after, reason, detail })
  }

  function canRefresh(row: ProfileRow): boolean {
    return Boolean(providers.adapter(networkOf(row)).refresh) && row.refresh_token_enc !== null
  }

  function leadMs(network: Network): number {
    return settings.read().refreshLeadMinutes[network] * MS.MINUTE
  }

  /** When this grant should next be refreshed, or null when it cannot or need not be. */
  function refreshDueAt(row: ProfileRow): number | null {
    if (!canRefresh(row) || row.access_expires_at === null || isBrokenHealth(healthOf(row))) return null
    return row.access_expires_at - leadMs(networkOf(row))
  }

  async function sealGrant(tokens: GrantTokens, keepRefresh: Uint8Array | null): Promise<SealedGrant> {
    return {
      accessTokenEnc: await vault.seal(tokens.accessToken),
      // Networks that do not rotate (LinkedIn) may omit the refresh token: keep the one we have.
      refreshTokenEnc: tokens.refreshToken !== undefined ? await vault.seal(tokens.refreshToken) : keepRefresh,
      accessExpiresAt: tokens.accessExpiresAt,
      refreshExpiresAt: tokens.refreshExpiresAt,
      dataAccessExpiresAt: tokens.dataAccessExpiresAt,
      scopes: tokens.scopes,
    }
  }

  async function doRefresh(profileId: string): Promise<string> {
    const row = await mustProfile(profileId)
    const adapter = providers.adapter(networkOf(row))
    if (!adapter.refresh || !row.refresh_token_enc) return vault.open(row.access_token_enc ?? new Uint8Array())
    const usedRefresh = await vault.open(row.refresh_token_enc)
    const ctx = await providers.context(networkOf(row), row.instance)
    try {
      const tokens = await adapter.refresh(ctx, usedRefresh)
      // Commit before use: if Relink dies right after, the stored refresh token is the live one.
      await repo.saveGrant(profileId, await sealGrant(tokens, row.refresh_token_enc), clock.now())
      await repo.logEvent({ profileId, at: clock.now(), kind: 'refreshed', detail: 'Tokens renewed ahead of expiry.' })
      const fresh = await mustProfile(profileId)
      if (healthOf(fresh) === 'expiring' || healthOf(fresh) === 'expired') await changeHealth(fresh, 'active', '', 'Renewed.')
      return tokens.accessToken
    } catch (err) {
      if (!(err instanceof ProviderError)) throw err
      const raw = rawForLog(err.failure)
      await repo.logEvent({ profileId, at: clock.now(), kind: 'refresh_failed', reason: err.reason, detail: err.classified.detail, raw })
      if (err.reason === 'transient' || err.reason === 'rate_limited') {
        // The current access token may still be good; a failed early refresh is not an outage.
        const current = await mustProfile(profileId)
        if (current.access_expires_at === null || current.access_expires_at > clock.now()) return vault.open(current.access_token_enc ?? new Uint8Array())
        throw err
      }
      // Rejected: maybe another caller already rotated it. Re-read before judging.
      const reread = await mustProfile(profileId)
      if (reread.refresh_token_enc && (await vault.open(reread.refresh_token_enc)) !== usedRefresh) {
        return vault.open(reread.access_token_enc ?? new Uint8Array())
      }
      // Then ask the network whether the access token still works before declaring the grant dead.
      const probe = await probeRow(reread, { apply: false })
      if (probe?.valid) return vault.open(reread.access_token_enc ?? new Uint8Array())
      // Both tokens refused while the access token was still inside its lifetime: access was taken
      // away (app removed, password changed), which the probe's answer names better than the refresh's.
      const accessLive = reread.access_expires_at === null || reread.access_expires_at > clock.now()
      if (probe?.problem && accessLive && err.reason === 'refresh_token_dead') {
        const health = healthForReason(probe.problem.reason) ?? 'revoked_by_user'
        const detail = health === 'revoked_by_user' && probe.problem.reason === 'unknown_auth' ? HEALTH_COPY.revoked_by_user.meaning : probe.problem.detail
        await changeHealth(reread, health, probe.problem.reason === 'unknown_auth' ? 'revoked_by_user' : probe.problem.reason, detail, raw)
        throw err
      }
      await changeHealth(reread, healthForReason(err.reason) ?? 'refresh_token_dead', err.reason, err.classified.detail, raw)
      throw err
    }
  }

  /** Probes one grant; applies what it finds. Returns undefined when the network could not be asked. */
  async function probeRow(row: ProfileRow, options: { apply?: boolean } = {}): Promise<(ProbeResult & { linksChecked?: { passing: boolean } }) | undefined> {
    const apply = options.apply !== false
    const adapter = providers.adapter(networkOf(row))
    let result: ProbeResult
    try {
      const ctx = await providers.context(networkOf(row), row.instance)
      result = await adapter.probe(ctx, await vault.open(row.access_token_enc ?? new Uint8Array()))
    } catch (err) {
      if (err instanceof ProviderError) {
        await repo.logEvent({ profileId: row.id, at: clock.now(), kind: 'probe', reason: err.reason, detail: err.classified.detail, raw: rawForLog(err.failure) })
        if (err.reason !== 'transient' && err.reason !== 'rate_limited' && err.reason !== 'other' && err.reason !== 'unknown_auth') {
          if (apply) await changeHealth(row, healthForReason(err.reason) ?? 'expired', err.reason, err.classified.detail, rawForLog(err.failure))
          return { valid: false, accessExpiresAt: null, dataAccessExpiresAt: null, scopes: [], problem: err.classified }
        }
        if (err.reason === 'unknown_auth' && canRefresh(row)) {
          // A bare 401 says nothing about a refreshable grant: networks end access tokens before
          // their stated lifetime (X), so renewing decides (doRefresh marks the grant only when the
          // network rejects the refresh too).
          if (!apply) return undefined
          try {
            await refreshOnce(row.id)
            return { valid: true, accessExpiresAt: null, dataAccessExpiresAt: null, scopes: [] }
          } catch {
            return undefined
          }
        }
        if (err.reason === 'unknown_auth') {
          // The probe endpoint itself refused the token: that is the confirmation.
          if (apply) await changeHealth(row, 'revoked_by_user', 'unknown_auth', 'The network refused the saved sign-in when Relink checked it.', rawForLog(err.failure))
          return { valid: false, accessExpiresAt: null, dataAccessExpiresAt: null, scopes: [], problem: err.classified }
        }
        return undefined
      }
      throw err
    }
    await repo.markProbed(row.id, clock.now(), { accessExpiresAt: result.accessExpiresAt ?? row.access_expires_at, dataAccessExpiresAt: result.dataAccessExpiresAt ?? row.data_access_expires_at })
    if (result.pictures) await deps.pictures?.note(networkOf(row), row.instance, result.pictures)
    const probeRaw = result.raw === undefined ? undefined : JSON.stringify(redact(result.raw))
    await repo.logEvent({
      profileId: row.id,
      at: clock.now(),
      kind: 'probe',
      reason: result.problem?.reason,
      detail: result.valid ? 'The sign-in works.' : (result.problem?.detail ?? 'The sign-in no longer works.'),
      ...(probeRaw ? { raw: probeRaw } : {}),
    })
    if (!apply) return result
    if (!result.valid && result.problem?.reason === 'expired' && !canRefresh(row) && LIFECYCLE_RULES[networkOf(row)].channelTokensOutliveProfile) {
      // The personal sign-in ran out, but the channel tokens minted from it normally live on: they
      // decide. Alive, the clocks warn; dead with it (an early expiry), the profile is broken.
      const report = await linkChecks.check(row, { roles: false })
      await applyLinkFindings(row, report.findings)
      const fresh = (await repo.getProfile(row.id)) ?? row
      if (!isBrokenHealth(healthOf(fresh))) await evaluateClocks({ ...fresh, access_expires_at: Math.min(fresh.access_expires_at ?? clock.now(), clock.now()) })
      return { ...result, linksChecked: { passing: report.passing } }
    }
    if (!result.valid && (result.problem?.reason === 'expired' || result.problem?.reason === 'unknown_auth') && canRefresh(row)) {
      // An expired access token with a live refresh grant is Relink's job, not the user's; a
      // refused one may just have ended early (X): the refresh decides, and marks it when refused.
      try {
        await refreshOnce(row.id)
        return { ...result, valid: true }
      } catch {
        return result
      }
    }
    if (!result.valid) {
      const problem: ClassifiedFailure = result.problem ?? { reason: 'expired', detail: 'The network says the sign-in is no longer valid.' }
      await changeHealth(row, healthForReason(problem.reason) ?? 'revoked_by_user', problem.reason, problem.detail, probeRaw ?? '')
    } else if (isBrokenHealth(healthOf(row)) && row.health !== 'role_lost') {
      // A probe that works again (e.g. the network fixed itself) restores the grant.
      await changeHealth(row, 'active', '', 'The sign-in works again.')
    }
    return result
  }

  /** A usable access token from the profile's row as read, refreshed first when it is due. */
  async function tokenOf(row: ProfileRow): Promise<string> {
    if (isBrokenHealth(healthOf(row))) {
      throw new AppError('reauth_required', `${HEALTH_COPY[healthOf(row)].meaning} ${HEALTH_COPY[healthOf(row)].todo}`)
    }
    const due = refreshDueAt(row)
    if (due !== null && due <= clock.now()) return refreshOnce(row.id)
    return vault.open(row.access_token_enc ?? new Uint8Array())
  }

  function refreshOnce(profileId: string): Promise<string> {
    const running = inflight.get(profileId)
    if (running) return running
    const task = doRefresh(profileId).finally(() => inflight.delete(profileId))
    inflight.set(profileId, task)
    return task
  }

  /** Marks one link as having lost its role, and tells once per loss (a restored and lost again role is news again). */
  async function markLinkLost(row: ProfileRow, channelId: string, detail: string): Promise<boolean> {
    const link = (await repo.linksOfChannel(channelId)).find((l) => l.profile_id === row.id)
    if (!link || link.link_health === 'role_lost') return false
    const name = (await repo.getChannel(channelId))?.name ?? 'A channel'
    await repo.setLinkHealth(channelId, row.id, 'role_lost', detail)
    await repo.logEvent({ profileId: row.id, at: clock.now(), kind: 'classified', reason: 'role_lost', detail: `${name}: ${detail}` })
    logger.log('info', 'connections: link lost its role', { profileId: row.id, channelId })
    events.emit('channels:did-change', { channelIds: [channelId] })
    await deps.onHealthChange?.({ profileId: row.id, before: healthOf(row), after: healthOf(row), reason: 'role_lost', detail: `${name}: ${detail}`, channelId })
    return true
  }

  async function applyLinkFindings(row: ProfileRow, findings: readonly LinkFinding[]): Promise<void> {
    for (const finding of findings) {
      if (finding.kind === 'role_lost') {
        await markLinkLost(row, finding.channelId, finding.detail)
      } else if (finding.kind === 'restored') {
        await repo.setLinkHealth(finding.channelId, row.id, 'active', '')
        await repo.logEvent({ profileId: row.id, at: clock.now(), kind: 'probe', detail: 'A lost page role was restored.' })
        events.emit('channels:did-change', { channelIds: [finding.channelId] })
      } else {
        // A channel token died with the person's sign-in: that is the grant's break.
        const raw = finding.raw ? JSON.stringify(redact(JSON.parse(finding.raw) as unknown)) : ''
        await changeHealth(row, healthForReason(finding.problem.reason) ?? 'revoked_by_user', finding.problem.reason, finding.problem.detail, raw)
        return
      }
    }
  }

  /** The full check of one grant: its probe, then its links' tokens and roles. Schedules the next. */
  async function fullCheck(row: ProfileRow): Promise<void> {
    const probe = await probeRow(row)
    let passing = probe === undefined || probe.linksChecked?.passing === true
    const after = (await repo.getProfile(row.id)) ?? row
    if (!isBrokenHealth(healthOf(after)) && probe?.linksChecked === undefined) {
      const report = await linkChecks.check(after, { roles: probe?.valid === true })
      await applyLinkFindings(after, report.findings)
      passing ||= report.passing
    }
    checkDone(row.id, networkOf(row), passing)
  }

  /**
   * Just before a post goes out through a link: a grant not probed for a while is probed now (and
   * the link's own token with it), so a break since the last check holds the post instead of failing it.
   */
  async function preflight(profileId: string, channelId: string, lastProbeAt: number | null, hasLinkToken: boolean): Promise<boolean> {
    const row = await repo.getProfile(profileId)
    if (!row) return false
    if (lastProbeAt !== null && clock.now() - lastProbeAt <= LIFECYCLE_RULES[networkOf(row)].preflightMaxAgeMs) return true
    const probe = await probeRow(row)
    const after = (await repo.getProfile(profileId)) ?? row
    if (hasLinkToken && probe?.linksChecked === undefined && !isBrokenHealth(healthOf(after))) {
      const report = await linkChecks.check(after, { roles: false, only: channelId })
      await applyLinkFindings(after, report.findings)
    }
    const link = (await repo.linksOfChannel(channelId)).find((l) => l.profile_id === profileId)
    return Boolean(link) && !isBrokenHealth(link?.link_health as GrantHealth) && !isBrokenHealth(link?.profile_health as GrantHealth)
  }

  /** Turns the grant's clocks into `expiring`/`expired`/`data_access_expired`, without network calls. */
  async function evaluateClocks(row: ProfileRow): Promise<void> {
    const now = clock.now()
    const health = healthOf(row)
    const rule = LIFECYCLE_RULES[networkOf(row)]
    // Where channel tokens outlive the sign-in, `expired` means they died too: only a probe or a
    // Refresh connection that finds them working again undoes it, not the clocks.
    if (isBrokenHealth(health) && (health !== 'expired' || rule.channelTokensOutliveProfile)) return
    const warnMs = settings.read().notifications.warnDaysBeforeExpiry * MS.DAY
    if (row.data_access_expires_at !== null && row.data_access_expires_at <= now) {
      await changeHealth(row, 'data_access_expired', 'data_access_expired', HEALTH_COPY.data_access_expired.meaning)
      return
    }
    const refreshable = canRefresh(row) && (row.refresh_expires_at === null || row.refresh_expires_at > now)
    if (row.access_expires_at !== null && row.access_expires_at <= now && !refreshable) {
      if (rule.channelTokensOutliveProfile) {
        if (health !== 'expiring') await changeHealth(row, 'expiring', 'expired', 'The personal sign-in expired; pages keep publishing, but Relink cannot discover new pages until you refresh the connection.')
      } else {
        await changeHealth(row, 'expired', 'expired', HEALTH_COPY.expired.meaning)
      }
      return
    }
    const deadlines = [
      !refreshable ? row.access_expires_at : null,
      row.refresh_expires_at,
      row.data_access_expires_at,
    ].filter((t): t is number => t !== null)
    const soonest = deadlines.length ? Math.min(...deadlines) : null
    if (soonest !== null && soonest - now <= warnMs) {
      if (health === 'active') await changeHealth(row, 'expiring', 'expiring', `Expires ${new Date(soonest).toISOString().slice(0, 10)}.`)
    } else if (health === 'expiring') {
      await changeHealth(row, 'active', '', 'No longer close to expiry.')
    }
  }

  return {
    refreshDueAt,

    /** A usable access token for the profile, refreshed first when it is due. */
    async accessTokenFor(profileId: string): Promise<string> {
      return tokenOf(await mustProfile(profileId))
    },

    /** Refreshes now; concurrent callers share the one request (single flight). */
    refresh: refreshOnce,

    async probe(profileId: string): Promise<ProbeResult | undefined> {
      return probeRow(await mustProfile(profileId))
    },

    evaluateClocks: async (profileId: string) => evaluateClocks(await mustProfile(profileId)),

    /**
     * Applies a failure seen anywhere in the app. Returns the grant's health afterwards.
     * `channelId` scopes a lost role to that channel's link instead of the whole profile.
     */
    async reportFailure(profileId: string, err: ProviderError, options: { channelId?: string; action?: LinkAction } = {}): Promise<GrantHealth> {
      const row = await mustProfile(profileId)
      const raw = rawForLog(err.failure)
      const action = options.action ?? 'publish'
      await repo.logEvent({ profileId, at: clock.now(), kind: 'classified', reason: err.reason, detail: err.classified.detail, raw })
      if (options.channelId && (err.reason === 'role_lost' || err.reason === 'scope_missing')) {
        const channel = await repo.getChannel(options.channelId)
        const link = (await repo.linksOfChannel(options.channelId)).find((l) => l.profile_id === profileId)
        if (channel && link && !linkCan(channel.network as Network, channel.kind, tasksOf(link.tasks), action)) {
          // The link was never meant to do this: a refusal says nothing about its sign-in or its role.
          logger.log('warn', 'connections: refusal through a link without the right for the action', { profileId, channelId: options.channelId, action })
          return healthOf(row)
        }
      }
      switch (err.reason) {
        case 'transient':
        case 'rate_limited':
        case 'other':
          return healthOf(row)
        case 'unknown_auth': {
          const probe = await probeRow(row)
          return healthOf((await repo.getProfile(profileId)) ?? row) ?? (probe?.valid ? healthOf(row) : 'revoked_by_user')
        }
        case 'expired':
          if (canRefresh(row)) {
            try {
              await refreshOnce(profileId)
              return healthOf((await repo.getProfile(profileId)) ?? row)
            } catch {
              return healthOf((await repo.getProfile(profileId)) ?? row)
            }
          }
          break
        case 'role_lost':
          if (options.channelId) {
            await markLinkLost(row, options.channelId, err.classified.detail)
            return healthOf(row)
          }
          break
        case 'scope_missing':
          if (options.channelId) {
            // A page's "you may not do this" (Facebook #200) reads like a missing permission, but the
            // sign-in's own scopes decide: granted means this link's role no longer allows the action.
            const probe = await probeRow(row)
            const fresh = (await repo.getProfile(profileId)) ?? row
            if (probe?.valid) {
              await markLinkLost(fresh, options.channelId, `The network no longer lets this profile ${ACTION_WORDS[action]} there. A page admin must restore the role.`)
            }
            return healthOf(fresh)
          }
          break
        default:
          break
      }
      const next = healthForReason(err.reason)
      if (next) await changeHealth(row, next, err.reason, err.classified.detail, raw)
      return next ?? healthOf(row)
    },

    /** Refreshes what is due, evaluates clocks and probes what is stale, for every ready profile. */
    async sweep(options: { probe?: boolean; force?: boolean; concurrencyPerNetwork?: number } = {}): Promise<{ refreshed: number; probed: number }> {
      const profiles = (await repo.listProfiles()).filter((p) => p.setup_state === 'ready')
      const tally = { refreshed: 0, probed: 0 }
      const byNetwork = new Map<string, ProfileRow[]>()
      for (const p of profiles) byNetwork.set(p.network, [...(byNetwork.get(p.network) ?? []), p])
      const limit = options.concurrencyPerNetwork ?? 4
      await Promise.all(
        [...byNetwork.values()].map(async (rows) => {
          const queue = [...rows]
          const worker = async (): Promise<void> => {
            for (let row = queue.shift(); row; row = queue.shift()) {
              try {
                // Rows are read again only after something may have changed them: a sweep wakes
                // for the one grant that is due and must stay cheap for the others.
                let current = row
                const due = refreshDueAt(row)
                if (due !== null && due <= clock.now()) {
                  await this.refresh(row.id).catch(() => undefined)
                  tally.refreshed += 1
                  current = (await repo.getProfile(row.id)) ?? row
                }
                // An access token still past its lifetime here means the renewal just failed for a
                // passing reason: probing it would only report the expiry as a break.
                const unrenewed = canRefresh(current) && current.access_expires_at !== null && current.access_expires_at <= clock.now()
                const stale = !unrenewed && (options.force === true || checkDueAt(current) <= clock.now())
                if (options.probe !== false && stale && !isBrokenHealth(healthOf(current))) {
                  await fullCheck(current)
                  tally.probed += 1
                  current = (await repo.getProfile(row.id)) ?? current
                }
                await evaluateClocks(current)
              } catch (err) {
                logger.log('warn', 'connections: sweep step failed', { profileId: row.id, error: err })
              }
            }
          }
          await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker))
        }),
      )
      return tally
    },

    /** The earliest moment anything needs attention (refresh, warning, expiry, probe). */
    async nextWakeAt(): Promise<number | null> {
      const rows = await repo.planningRows()
      const now = clock.now()
      const warnMs = settings.read().notifications.warnDaysBeforeExpiry * MS.DAY
      const leads = settings.read().refreshLeadMinutes
      let next = Number.POSITIVE_INFINITY
      for (const row of rows) {
        const network = row.network as Network
        if (isBrokenHealth(row.health as GrantHealth)) continue
        if (row.has_refresh && row.access_expires_at !== null && providers.adapter(network).refresh) {
          next = Math.min(next, row.access_expires_at - leads[network] * MS.MINUTE)
        }
        for (const deadline of [row.access_expires_at, row.refresh_expires_at, row.data_access_expires_at]) {
          if (deadline === null) continue
          if (deadline - warnMs > now) next = Math.min(next, deadline - warnMs)
          else if (deadline > now) next = Math.min(next, deadline)
        }
        next = Math.min(next, checkDueAt(row))
      }
      return Number.isFinite(next) ? next : null
    },

    changeHealth,

    /**
     * How to act on a channel now: through the oldest healthy link whose roles allow the action (a
     * backup link keeps the channel working while another is broken; an analyst's link never
     * publishes). Throws `reauth_required` when no such link works.
     */
    async channelTarget(channelId: string, action: LinkAction = 'publish'): Promise<{ profileId: string; network: Network; instance: string; target: ChannelTarget }> {
      // One statement: every read of every stream asks this.
      const found = await repo.channelWithLinks(channelId)
      if (!found) throw new AppError('not_found', 'That channel no longer exists.')
      const { channel } = found
      const network = channel.network as Network
      const able = found.links.filter((l) => linkCan(network, channel.kind, tasksOf(l.tasks), action))
      if (able.length === 0) {
        throw new AppError('reauth_required', `No connected profile may ${ACTION_WORDS[action]} on ${channel.name}. Connect a profile with that role on it.`)
      }
      for (const { profile, ...link } of able) {
        if (isBrokenHealth(link.link_health as GrantHealth) || isBrokenHealth(profile.health as GrantHealth)) continue
        // Publishing checks the link first, which may probe or renew: the profile is read again after it.
        const checked = action === 'publish'
        if (checked && !(await preflight(link.profile_id, channelId, profile.last_probe_at ?? profile.connected_at, link.token_enc !== null))) continue
        const accessToken = link.token_enc ? await vault.open(link.token_enc) : checked ? await this.accessTokenFor(link.profile_id) : await tokenOf(profile)
        return {
          profileId: link.profile_id,
          network,
          instance: channel.instance,
          target: { networkChannelId: channel.network_channel_id, accessToken, networkUserId: profile.network_user_id, kind: channel.kind as ChannelTarget['kind'] },
        }
      }
      throw new AppError('reauth_required', `Every connection to ${channel.name} needs attention. Refresh the connection of a profile that manages it.`)
    },
  }
}
