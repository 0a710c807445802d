/**
 * Organisations and people: the ACLs of the caller, organisation and person lookups, logos
 * through the Images API, and the paging they share.
 */
import { json, type DialectContext, type SandboxRequest, type SandboxResponse } from '../../types'
import type { SandboxChannel } from '../../world'
import { sandboxPictureUrl } from '../../pictures'
import { type Caller, hasAny, linkedinChannel } from './caller'
import { splitName } from './login'
import { DAY, HOUR, NETWORK } from './state'
import { accessDenied, badRequest, notFound, orgUrn, parseList, personUrn } from './wire'

export function organizationAcls(req: SandboxRequest, ctx: DialectContext, caller: Caller, version: string): SandboxResponse {
  if (!hasAny(caller, ['rw_organization_admin', 'r_organization_admin'])) return accessDenied('organizationAcls', 'FINDER-roleAssignee', version)
  if (req.query.get('q') !== 'roleAssignee') return badRequest('Unsupported finder; use q=roleAssignee.')
  const role = req.query.get('role')
  const state = req.query.get('state')
  const all = [...ctx.world.channels.values()]
    .filter((c) => c.network === NETWORK && c.kind === 'organization')
    .flatMap((c) =>
      (c.roles.get(caller.user.id) ?? []).map((r) => ({
        roleAssignee: personUrn(caller.user.id),
        role: r,
        state: 'APPROVED',
        organization: orgUrn(c.id),
        created: { actor: personUrn(caller.user.id), time: ctx.now - 400 * DAY },
        lastModified: { actor: personUrn(caller.user.id), time: ctx.now - 30 * DAY },
      })),
    )
    .filter((a) => (!role || a.role === role) && (!state || a.state === state))
  return paged(req, all, 10)
}

export function paged<T>(req: SandboxRequest, all: T[], defaultCount: number): SandboxResponse {
  const start = Math.max(0, Number(req.query.get('start') ?? 0) || 0)
  const count = Math.max(1, Math.min(100, Number(req.query.get('count') ?? defaultCount) || defaultCount))
  const elements = all.slice(start, start + count)
  const links = start + count < all.length ? [{ type: 'application/json', rel: 'next', href: `?start=${start + count}&count=${count}` }] : []
  return json(200, { paging: { start, count, total: all.length, links }, elements })
}

function organizationJson(c: SandboxChannel) {
  const logo = c.hasPicture === false ? undefined : logoUrn(c)
  return { id: Number(c.id), localizedName: c.name, vanityName: c.handle, $URN: orgUrn(c.id), ...(logo ? { logoV2: { original: logo, cropped: logo } } : {}) }
}

const logoUrn = (c: SandboxChannel): string => `urn:li:image:logo-${c.id}-${c.pictureVersion ?? 1}`

/** The Images API read: `GET /rest/images/{urn}` or a batch `?ids=List(…)`; only logos are known here. */
export function images(req: SandboxRequest, ctx: DialectContext, urn: string | undefined): SandboxResponse {
  const view = (key: string) => {
    const id = /^urn:li:image:logo-(.+)-\d+$/.exec(key)?.[1]
    const c = id === undefined ? undefined : linkedinChannel(ctx, id)
    const url = c && logoUrn(c) === key ? sandboxPictureUrl(ctx.origin, c) : undefined
    // Download addresses are signed and expire, as LinkedIn's are: a new query on every read.
    const signed = `${url}?e=${Math.floor((ctx.now + HOUR) / 1000)}&v=beta&t=${ctx.now.toString(36)}`
    return url && c ? { id: key, owner: orgUrn(c.id), status: 'AVAILABLE', downloadUrl: signed, downloadUrlExpiresAt: ctx.now + HOUR } : undefined
  }
  if (urn !== undefined) {
    const found = view(urn)
    return found ? json(200, found) : notFound(`Image ${urn}`)
  }
  const results: Record<string, unknown> = {}
  const statuses: Record<string, number> = {}
  const errors: Record<string, unknown> = {}
  for (const key of parseList(req.query.get('ids'))) {
    const found = view(key)
    if (found) {
      results[key] = found
      statuses[key] = 200
    } else {
      statuses[key] = 404
      errors[key] = { status: 404, message: `Image ${key} does not exist` }
    }
  }
  return json(200, { results, statuses, errors })
}

export function organizations(req: SandboxRequest, ctx: DialectContext, id: string | undefined): SandboxResponse {
  if (id !== undefined) {
    const c = linkedinChannel(ctx, id)
    return c?.kind === 'organization' ? json(200, organizationJson(c)) : notFound(`Organization ${id}`)
  }
  const results: Record<string, unknown> = {}
  const statuses: Record<string, number> = {}
  const errors: Record<string, unknown> = {}
  for (const key of parseList(req.query.get('ids'))) {
    const c = linkedinChannel(ctx, key)
    if (c?.kind === 'organization') {
      results[key] = organizationJson(c)
      statuses[key] = 200
    } else {
      statuses[key] = 404
      errors[key] = { status: 404, message: `Organization ${key} does not exist` }
    }
  }
  return json(200, { results, statuses, errors })
}

export function people(req: SandboxRequest, ctx: DialectContext): SandboxResponse {
  const results: Record<string, unknown> = {}
  const statuses: Record<string, number> = {}
  const errors: Record<string, unknown> = {}
  for (const key of parseList(req.query.get('ids'))) {
    const id = /^\(id:(.+)\)$/.exec(key)?.[1] ?? key
    const user = ctx.world.users.get(id)
    const person =
      user && user.network === NETWORK
        ? { name: user.name, vanity: user.handle }
        : (() => {
            const c = [...ctx.world.comments.values()].find((x) => x.network === NETWORK && x.authorHandle === id)
            return c ? { name: c.authorName, vanity: c.authorHandle } : undefined
          })()
    if (person) {
      const { first, last } = splitName(person.name)
      results[key] = { id, localizedFirstName: first, localizedLastName: last, vanityName: person.vanity }
      statuses[key] = 200
    } else {
      statuses[key] = 404
      errors[key] = { status: 404, message: `Person ${id} does not exist` }
    }
  }
  return json(200, { results, statuses, errors })
}
