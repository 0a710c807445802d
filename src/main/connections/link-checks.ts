/**
 * The channel half of a grant's check: what the network says about each link of a profile.
 * - Roles, where the network reports them (Facebook page tasks, LinkedIn organisation ACLs): a
 *   page that is no longer among the person's is a lost role on that link alone, and changed
 *   roles change what the link may be used for.
 * - Link tokens, where links have their own (Facebook page tokens) and the roles could not be
 *   read: a page token refused for a lost role marks the link; refused for anything else
 *   (password change, app removed, expiry) it died with the person's sign-in, which is then
 *   broken whatever the sign-in's own probe said.
 * A check that fails for a passing reason reports it, so the caller retries soon instead of a day later.
 */
import { HEALTH_COPY } from '../../shared/domain/health-copy'
import { TOKEN_PROBLEM_REASONS } from '../../shared/domain/health'
import type { Network } from '../../shared/domain/network'
import type { PictureNotes } from '../channels/channel-pictures'
import type { ConnectionRepository, ProfileRow } from '../db/repositories/connection-repository'
import type { Logger } from '../ports'
import { ProviderError } from '../providers/provider-error'
import type { ClassifiedFailure, ProbeResult } from '../providers/types'
import { tasksOf } from './link-rights'
import { LIFECYCLE_RULES } from './network-rules'
import type { ProviderDirectory } from './provider-directory'
import type { Vault } from './vault'

export type LinkFinding =
  | { kind: 'role_lost'; channelId: string; name: string; detail: string }
  | { kind: 'restored'; channelId: string }
  | { kind: 'grant_dead'; problem: ClassifiedFailure; raw: string }

export interface LinkCheckReport {
  findings: LinkFinding[]
  /** Some part of the check could not be done (5xx, timeout, rate limit): try again soon. */
  passing: boolean
}

const LOST_ROLE_DETAIL = 'This profile no longer manages the channel. A page admin must restore the role.'

const isPassing = (err: unknown): boolean =>
  err instanceof ProviderError && (err.reason === 'transient' || err.reason === 'rate_limited' || err.failure.source === 'transport')

export function createLinkChecks(deps: { repo: ConnectionRepository; vault: Vault; providers: ProviderDirectory; logger: Logger; pictures?: PictureNotes | undefined }) {
  const { repo, vault, providers, logger, pictures } = deps

  /** The person's roles per channel as the network reports them now; undefined when it could not say. */
  async function currentRoles(row: ProfileRow, passing: { value: boolean }): Promise<Map<string, string[]> | undefined> {
    const network = row.network as Network
    if (!LIFECYCLE_RULES[network].checksRoles || !row.access_token_enc) return undefined
    try {
      const ctx = await providers.context(network, row.instance)
      const found = await providers.adapter(network).discoverChannels(ctx, { accessToken: await vault.open(row.access_token_enc), networkUserId: row.network_user_id })
      // The roles' listing names the pictures too: a changed picture is fetched again.
      await pictures?.note(network, row.instance, found)
      return new Map(found.map((c) => [c.networkChannelId, c.tasks]))
    } catch (err) {
      if (isPassing(err)) passing.value = true
      else logger.log('warn', 'connections: role check failed', { profileId: row.id, error: err })
      return undefined
    }
  }

  async function probeToken(row: ProfileRow, token: Uint8Array, passing: { value: boolean }): Promise<ProbeResult | undefined> {
    const network = row.network as Network
    try {
      const ctx = await providers.context(network, row.instance)
      return await providers.adapter(network).probe(ctx, await vault.open(token))
    } catch (err) {
      if (isPassing(err)) passing.value = true
      else logger.log('warn', 'connections: link probe failed', { profileId: row.id, error: err })
      return undefined
    }
  }

  /** Checks every link of a ready profile whose own sign-in works. Applies nothing: the lifecycle does. */
  async function check(row: ProfileRow, options: { roles: boolean; only?: string }): Promise<LinkCheckReport> {
    const passing = { value: false }
    const findings: LinkFinding[] = []
    const links = (await repo.linksOfProfile(row.id)).filter((l) => options.only === undefined || l.channel_id === options.only)
    if (links.length === 0) return { findings, passing: false }
    const roles = options.roles ? await currentRoles(row, passing) : undefined
    for (const link of links) {
      const held = roles?.get(link.network_channel_id)
      if (roles && held === undefined) {
        findings.push({ kind: 'role_lost', channelId: link.channel_id, name: link.name, detail: LOST_ROLE_DETAIL })
        continue
      }
      if (held && held.join(',') !== tasksOf(link.tasks).join(',')) await repo.setLinkTasks(link.channel_id, row.id, held)
      if (!link.token_enc) {
        if (held && link.health === 'role_lost') findings.push({ kind: 'restored', channelId: link.channel_id })
        continue
      }
      // With the roles just read and the sign-in working, a working link's token needs no call of
      // its own: page tokens die with the sign-in or the role, and both were just seen alive.
      if (held && link.health !== 'role_lost') continue
      const result = await probeToken(row, link.token_enc, passing)
      if (!result) continue
      if (result.valid) {
        if (link.health === 'role_lost') findings.push({ kind: 'restored', channelId: link.channel_id })
        continue
      }
      const problem = result.problem ?? { reason: 'revoked_by_user' as const, detail: 'The network refused the channel’s saved sign-in.' }
      if (problem.reason === 'role_lost') {
        findings.push({ kind: 'role_lost', channelId: link.channel_id, name: link.name, detail: problem.detail || HEALTH_COPY.role_lost.meaning })
      } else if (TOKEN_PROBLEM_REASONS.has(problem.reason)) {
        findings.push({ kind: 'grant_dead', problem, raw: result.raw === undefined ? '' : JSON.stringify(result.raw) })
      }
    }
    return { findings, passing: passing.value }
  }

  return { check }
}
