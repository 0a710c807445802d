/**
 * Each adapter reads the account's profile picture where its network offers one, from the field
 * the network documents, in answers shaped as the networks send them.
 */
import { describe, expect, it } from 'vitest'
import type { HttpRequest, HttpResponse } from '../ports'
import { facebookAdapter } from './facebook'
import { instagramAdapter } from './instagram'
import { linkedinAdapter } from './linkedin'
import { mastodonAdapter } from './mastodon'
import type { ProviderAdapter, ProviderContext } from './types'
import { xAdapter } from './x'

type Route = (url: URL) => unknown

/** A network that answers JSON by path; records every request. */
function scripted(routes: Record<string, Route>) {
  const seen: HttpRequest[] = []
  return {
    seen,
    http: {
      async request(req: HttpRequest): Promise<HttpResponse> {
        seen.push(req)
        const url = new URL(req.url)
        const route = routes[url.pathname]
        if (!route) return { status: 404, headers: { 'content-type': 'application/json' }, body: '{"message":"not found"}' }
        return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(route(url)) }
      },
    },
  }
}

const ctxFor = (adapter: ProviderAdapter, http: ProviderContext['http'], instance?: string): ProviderContext => ({
  http,
  clock: { now: () => Date.UTC(2026, 0, 5) },
  endpoints: adapter.defaultEndpoints,
  credentials: { clientId: 'app', clientSecret: 'secret', ...(instance ? { instance } : {}) },
})

const grant = { accessToken: 'token', networkUserId: 'me' }

describe('Facebook and Instagram', () => {
  const page = (id: string, picture: { url: string; is_silhouette: boolean }, ig?: Record<string, string>) => ({
    id,
    name: `Page ${id}`,
    access_token: `page-${id}`,
    tasks: ['CREATE_CONTENT', 'MODERATE', 'ANALYZE'],
    picture: { data: { ...picture, width: 50, height: 50 } },
    ...(ig ? { instagram_business_account: ig } : {}),
  })
  const network = () =>
    scripted({
      '/v25.0/me/accounts': () => ({
        data: [
          page('1', { url: 'https://scontent.example/p1.jpg', is_silhouette: false }, { id: '17841', username: 'north', profile_picture_url: 'https://scontent.example/ig.jpg' }),
          page('2', { url: 'https://scontent.example/silhouette.jpg', is_silhouette: true }, { id: '17842', username: 'plain' }),
        ],
      }),
    })

  it('asks /me/accounts for the Page picture and the linked account’s profile_picture_url', async () => {
    const { http, seen } = network()
    await facebookAdapter.discoverChannels(ctxFor(facebookAdapter, http), grant)
    const fields = new URL(seen[0]?.url ?? '').searchParams.get('fields') ?? ''
    expect(fields).toContain('picture{url,is_silhouette}')
    expect(fields).toMatch(/instagram_business_account\{[^}]*profile_picture_url/)
  })

  it('takes a Page’s picture, but not Facebook’s silhouette for a Page without one', async () => {
    const { http } = network()
    const pages = await facebookAdapter.discoverChannels(ctxFor(facebookAdapter, http), grant)
    expect(pages.filter((p) => p.network === 'facebook').map((p) => [p.networkChannelId, p.pictureUrl])).toEqual([
      ['1', 'https://scontent.example/p1.jpg'],
      ['2', null],
    ])
  })

  it('takes an Instagram account’s profile_picture_url, none when absent', async () => {
    const { http } = network()
    const accounts = await instagramAdapter.discoverChannels(ctxFor(instagramAdapter, http), grant)
    expect(accounts.filter((a) => a.network === 'instagram').map((a) => [a.networkChannelId, a.pictureUrl])).toEqual([
      ['17841', 'https://scontent.example/ig.jpg'],
      ['17842', null],
    ])
  })
})

describe('LinkedIn', () => {
  const rendition = (width: number) => ({
    data: { 'com.linkedin.digitalmedia.mediaartifact.StillImage': { displaySize: { width, height: width, uom: 'PX' } } },
    identifiers: [{ identifier: `https://media.licdn.com/dms/image/member/${width}`, identifierType: 'EXTERNAL_URL' }],
  })
  const network = (options: { memberPicture: boolean; imagesFail?: boolean }) =>
    scripted({
      '/v2/me': () => ({
        id: 'abc',
        localizedFirstName: 'Ava',
        localizedLastName: 'Lindqvist',
        ...(options.memberPicture ? { profilePicture: { displayImage: 'urn:li:digitalmediaAsset:X', 'displayImage~': { elements: [rendition(400), rendition(100), rendition(200)] } } } : {}),
      }),
      '/rest/organizationAcls': () => ({
        paging: { start: 0, count: 10, total: 2 },
        elements: [
          { role: 'ADMINISTRATOR', state: 'APPROVED', organization: 'urn:li:organization:10' },
          { role: 'ADMINISTRATOR', state: 'APPROVED', organization: 'urn:li:organization:11' },
        ],
      }),
      '/rest/organizations': () => ({
        results: {
          '10': { localizedName: 'Northwind', vanityName: 'northwind', logoV2: { original: 'urn:li:image:orig10', cropped: 'urn:li:image:crop10' } },
          '11': { localizedName: 'No Logo Ltd', vanityName: 'nologo' },
        },
      }),
      '/rest/images': () => {
        if (options.imagesFail) throw new Error('unreachable in this script')
        return { results: { 'urn:li:image:crop10': { downloadUrl: 'https://media.licdn.com/dms/image/logo10', status: 'AVAILABLE' } } }
      },
    })

  it('reads the member’s picture through the displayImage~ projection, the smallest rendition of at least 96 px', async () => {
    const { http, seen } = network({ memberPicture: true })
    const [member] = await linkedinAdapter.discoverChannels(ctxFor(linkedinAdapter, http), grant)
    expect(decodeURIComponent(new URL(seen[0]?.url ?? '').searchParams.get('projection') ?? '')).toContain('profilePicture(displayImage~:playableStreams)')
    expect(member?.pictureUrl).toBe('https://media.licdn.com/dms/image/member/100')
  })

  it('resolves each organisation’s cropped logo URN through the Images API; none without a logo', async () => {
    const { http, seen } = network({ memberPicture: false })
    const [member, ...orgs] = await linkedinAdapter.discoverChannels(ctxFor(linkedinAdapter, http), grant)
    expect(member?.pictureUrl).toBeNull()
    expect(orgs.map((o) => [o.networkChannelId, o.pictureUrl])).toEqual([
      ['10', 'https://media.licdn.com/dms/image/logo10'],
      ['11', null],
    ])
    const images = seen.filter((r) => new URL(r.url).pathname === '/rest/images')
    expect(images).toHaveLength(1)
    expect(decodeURIComponent(images[0]?.url ?? '')).toContain('ids=List(urn:li:image:crop10)')
  })

  it('lists the pages when the Images API fails, their logos unknown this time (not gone): a logo is never worth a failed discovery', async () => {
    const { http } = network({ memberPicture: false })
    const failing = {
      request: (req: HttpRequest) =>
        new URL(req.url).pathname === '/rest/images' ? Promise.resolve({ status: 500, headers: {}, body: '{"message":"Internal"}' }) : http.request(req),
    }
    const found = await linkedinAdapter.discoverChannels(ctxFor(linkedinAdapter, failing), grant)
    expect(found.map((c) => c.pictureUrl)).toEqual([null, undefined, null])
  })
})

describe('X', () => {
  const network = (url: string) =>
    scripted({ '/2/users/me': () => ({ data: { id: '99', name: 'Northwind', username: 'northwind', profile_image_url: url } }) })

  it('asks for profile_image_url and takes its 73 px variant', async () => {
    const { http, seen } = network('https://pbs.twimg.com/profile_images/1/abc_normal.jpg')
    const [account] = await xAdapter.discoverChannels(ctxFor(xAdapter, http), grant)
    expect(new URL(seen[0]?.url ?? '').searchParams.get('user.fields')).toContain('profile_image_url')
    expect(account?.pictureUrl).toBe('https://pbs.twimg.com/profile_images/1/abc_bigger.jpg')
  })

  it('treats X’s default profile image as no picture', async () => {
    const { http } = network('https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png')
    const [account] = await xAdapter.discoverChannels(ctxFor(xAdapter, http), grant)
    expect(account?.pictureUrl).toBeNull()
  })
})

describe('Mastodon', () => {
  const network = (avatar: string, avatarStatic: string) =>
    scripted({
      '/api/v1/accounts/verify_credentials': () => ({ id: '7', username: 'ana', acct: 'ana', display_name: 'Ana', avatar, avatar_static: avatarStatic }),
    })

  it('takes avatar_static (a still frame of an animated avatar)', async () => {
    const { http } = network('https://files.example/a.gif', 'https://files.example/a.png')
    const [account] = await mastodonAdapter.discoverChannels(ctxFor(mastodonAdapter, http, 'https://social.example'), grant)
    expect(account?.pictureUrl).toBe('https://files.example/a.png')
  })

  it('names the picture on every probe too, since the probe reads the account itself', async () => {
    const { http } = network('https://files.example/a.gif', 'https://files.example/a.png')
    const probe = await mastodonAdapter.probe(ctxFor(mastodonAdapter, http, 'https://social.example'), 'token')
    expect(probe.pictures).toEqual([{ network: 'mastodon', networkChannelId: '7', pictureUrl: 'https://files.example/a.png' }])
  })

  it('treats the instance’s missing.png as no picture', async () => {
    const { http } = network('https://social.example/avatars/original/missing.png', 'https://social.example/avatars/original/missing.png')
    const [account] = await mastodonAdapter.discoverChannels(ctxFor(mastodonAdapter, http, 'https://social.example'), grant)
    expect(account?.pictureUrl).toBeNull()
  })
})
