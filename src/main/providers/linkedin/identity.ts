/**
 * Who a LinkedIn token belongs to and what it reaches: the member (`/v2/me`, picture), the
 * organisations they hold an approved role on (ACLs, names, logos), the capabilities those roles
 * give, and `withRoleCheck`, which tells a lost role from a missing scope.
 */
import type * as z from 'zod'
import { ProviderError } from '../provider-error'
import type { ChannelTarget, DiscoveredChannel, ProviderContext } from '../types'
import { clientFor, restHeaders } from './api'
import {
  type ChannelCapabilities,
  LINKEDIN_MEMBER_CAPABILITIES,
  LINKEDIN_MEMBER_TASK,
  LINKEDIN_PAGING,
  LINKEDIN_PATHS,
  LINKEDIN_ROLE_CAPABILITIES,
  LINKEDIN_ROLE_LOST,
  RESTLI_PROTOCOL_VERSION,
} from './config'
import { encodeRestli, restliList, restliUrl, urnId } from './restli'
import { aclsSchema, batchSchema, imagesSchema, meSchema, organizationSchema, personSchema } from './schemas'

/** `/v2/me` fields for discovery: the member's picture decorated with its renditions (Profile Picture Fields). */
const ME_WITH_PICTURE = '(id,localizedFirstName,localizedLastName,vanityName,profilePicture(displayImage~:playableStreams))'

export async function getMe(ctx: ProviderContext, accessToken: string, projection?: string) {
  const { data } = await clientFor(ctx).json(
    {
      method: 'GET',
      url: `${ctx.endpoints.apiBase}${LINKEDIN_PATHS.me}${projection ? `?projection=${encodeRestli(projection)}` : ''}`,
      bearer: accessToken,
      headers: { 'X-Restli-Protocol-Version': RESTLI_PROTOCOL_VERSION },
    },
    meSchema,
  )
  return data
}

/** The smallest rendition at least 96 px wide (a sharp 48 px avatar at 2×), else the largest. */
export function memberPictureUrl(me: z.output<typeof meSchema>): string | undefined {
  const renditions = (me.profilePicture?.['displayImage~']?.elements ?? [])
    .map((e) => ({ width: e.data?.['com.linkedin.digitalmedia.mediaartifact.StillImage']?.displaySize.width ?? 0, url: e.identifiers[0]?.identifier }))
    .filter((r): r is { width: number; url: string } => r.url !== undefined)
    .sort((a, b) => a.width - b.width)
  return (renditions.find((r) => r.width >= 96) ?? renditions.at(-1))?.url
}

/**
 * Download addresses of organisation logos (`BATCH_GET /rest/images`). A logo is decoration: when
 * the Images API refuses or fails, the pages are listed without logos rather than not at all.
 */
async function logoUrls(ctx: ProviderContext, accessToken: string, urns: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  if (urns.length === 0) return found
  try {
    const url = restliUrl(ctx.endpoints.apiBase, LINKEDIN_PATHS.images, [['ids', restliList(urns.map(encodeRestli))]])
    const { data } = await clientFor(ctx).json({ method: 'GET', url, bearer: accessToken, headers: restHeaders() }, imagesSchema)
    for (const [urn, image] of Object.entries(data.results)) if (image.downloadUrl) found.set(urn, image.downloadUrl)
  } catch {
    // Nothing to tell the token lifecycle: the same token just listed the pages.
  }
  return found
}

export const displayNameOf = (p: { localizedFirstName?: string; localizedLastName?: string }): string =>
  [p.localizedFirstName, p.localizedLastName].filter((s) => s && s.trim()).join(' ')

/** Approved roles per organisation id, from `organizationAcls?q=roleAssignee` (all pages). */
async function approvedRoles(ctx: ProviderContext, accessToken: string): Promise<Map<string, string[]>> {
  const client = clientFor(ctx)
  const roles = new Map<string, string[]>()
  for (let page = 0, start = 0; page < LINKEDIN_PAGING.maxPages; page++) {
    const url = restliUrl(ctx.endpoints.apiBase, LINKEDIN_PATHS.organizationAcls, [
      ['q', 'roleAssignee'],
      ['state', 'APPROVED'],
      ['start', String(start)],
      ['count', String(LINKEDIN_PAGING.aclPageSize)],
    ])
    const { data } = await client.json({ method: 'GET', url, bearer: accessToken, headers: restHeaders() }, aclsSchema)
    for (const acl of data.elements) {
      if (acl.state !== undefined && acl.state !== 'APPROVED') continue
      const id = urnId(acl.organization ?? acl.organizationalTarget ?? '', 'organization')
      if (!id) continue
      const list = roles.get(id) ?? []
      if (!list.includes(acl.role)) list.push(acl.role)
      roles.set(id, list)
    }
    start += data.elements.length
    const total = data.paging?.total
    if (data.elements.length < LINKEDIN_PAGING.aclPageSize || (total !== undefined && start >= total)) break
  }
  return roles
}

function capabilitiesOf(roles: readonly string[]): ChannelCapabilities {
  const caps: ChannelCapabilities = { publish: false, moderate: false, analyze: false }
  for (const role of roles) {
    const c = LINKEDIN_ROLE_CAPABILITIES[role]
    if (!c) continue
    caps.publish ||= c.publish
    caps.moderate ||= c.moderate
    caps.analyze ||= c.analyze
  }
  return caps
}

export async function organizationsById(ctx: ProviderContext, accessToken: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, z.output<typeof organizationSchema>>()
  const url = restliUrl(ctx.endpoints.apiBase, LINKEDIN_PATHS.organizations, [['ids', restliList(ids.map(encodeRestli))]])
  const { data } = await clientFor(ctx).json(
    { method: 'GET', url, bearer: accessToken, headers: restHeaders() },
    batchSchema(organizationSchema),
  )
  return new Map(Object.entries(data.results))
}

export async function peopleById(ctx: ProviderContext, accessToken: string, ids: readonly string[]) {
  const found = new Map<string, z.output<typeof personSchema>>()
  if (ids.length === 0) return found
  const keys = ids.map((id) => `(id:${encodeRestli(id)})`)
  const url = restliUrl(ctx.endpoints.apiBase, LINKEDIN_PATHS.people, [['ids', restliList(keys)]])
  const { data } = await clientFor(ctx).json({ method: 'GET', url, bearer: accessToken, headers: restHeaders() }, batchSchema(personSchema))
  for (const [key, person] of Object.entries(data.results)) {
    const id = /^\(id:(.+)\)$/.exec(key)?.[1] ?? key
    found.set(safeDecode(id), person)
  }
  return found
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/**
 * LinkedIn answers 403 ACCESS_DENIED both for a missing scope and for a member who lost their page
 * role. On an organisation, the member's ACLs tell which: no approved role allowing the action means
 * `role_lost` (a new token will not help), otherwise the scope is what is missing.
 */
export async function withRoleCheck<T>(ctx: ProviderContext, target: ChannelTarget, need: keyof ChannelCapabilities, op: () => Promise<T>): Promise<T> {
  try {
    return await op()
  } catch (err) {
    if (!(err instanceof ProviderError) || err.reason !== 'scope_missing' || err.failure.status !== 403 || target.kind !== 'organization') {
      throw err
    }
    let roles: string[]
    try {
      roles = (await approvedRoles(ctx, target.accessToken)).get(target.networkChannelId) ?? []
    } catch {
      throw err
    }
    if (capabilitiesOf(roles)[need]) throw err
    throw new ProviderError('linkedin', { ...LINKEDIN_ROLE_LOST }, err.failure, { cause: err })
  }
}

export async function discoverChannels(ctx: ProviderContext, grant: { accessToken: string; networkUserId: string }): Promise<DiscoveredChannel[]> {
  const me = await getMe(ctx, grant.accessToken, ME_WITH_PICTURE)
  const roles = await approvedRoles(ctx, grant.accessToken)
  const withCapabilities = [...roles.entries()]
    .map(([id, list]) => ({ id, roles: list, caps: capabilitiesOf(list) }))
    .filter((o) => o.caps.publish || o.caps.moderate || o.caps.analyze)
  const orgs = await organizationsById(
    ctx,
    grant.accessToken,
    withCapabilities.map((o) => o.id),
  )
  const member: DiscoveredChannel = {
    network: 'linkedin',
    networkChannelId: me.id,
    kind: 'member',
    name: displayNameOf(me) || 'LinkedIn member',
    handle: me.vanityName ?? me.id,
    tasks: [LINKEDIN_MEMBER_TASK],
    capabilities: { ...LINKEDIN_MEMBER_CAPABILITIES },
  }
  member.pictureUrl = memberPictureUrl(me) ?? null
  const logoOf = (id: string): string | undefined => orgs.get(id)?.logoV2?.cropped ?? orgs.get(id)?.logoV2?.original
  const logos = await logoUrls(ctx, grant.accessToken, [...new Set(withCapabilities.map((o) => logoOf(o.id)).filter((u) => u !== undefined))])
  return [
    member,
    ...withCapabilities.map((o): DiscoveredChannel => {
      const channel: DiscoveredChannel = {
        network: 'linkedin',
        networkChannelId: o.id,
        kind: 'organization',
        name: orgs.get(o.id)?.localizedName ?? `LinkedIn page ${o.id}`,
        handle: orgs.get(o.id)?.vanityName ?? o.id,
        tasks: o.roles,
        capabilities: o.caps,
      }
      // No logo URN: the page has none. A URN the Images API did not resolve: unknown this time.
      const urn = logoOf(o.id)
      if (urn === undefined) channel.pictureUrl = null
      else if (logos.has(urn)) channel.pictureUrl = logos.get(urn)
      return channel
    }),
  ]
}
