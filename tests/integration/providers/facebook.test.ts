/**
 * The Facebook and Instagram adapters against the sandbox's Graph API dialect, over real HTTP on
 * loopback, with a fake clock for token lifetimes.
 */
import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createChannelMetricsReader, isInvalidMetric } from '../../../src/main/analytics/channel-metrics-reader'
import { createMetricsRepositoryFor, dayOfMs } from '../../../src/main/analytics/metrics-repository'
import { METRIC_REGISTRY } from '../../../src/main/analytics/registry'
import { openDatabase } from '../../../src/main/db/client'
import type { Http } from '../../../src/main/ports'
import { INSTAGRAM_METRIC_REGISTRY } from '../../../src/main/providers/instagram/metric-registry'
import { INSTAGRAM_SYNC_PLAN } from '../../../src/main/providers/instagram/sync-plan'
import type { SyncState } from '../../../src/main/sync/types'
import { createNodeHttp } from '../../../src/main/platform/node-http'
import { facebookAdapter } from '../../../src/main/providers/facebook'
import { META_SCOPES } from '../../../src/main/providers/facebook/config'
import { instagramAdapter } from '../../../src/main/providers/instagram'
import { INSTAGRAM_SCOPES } from '../../../src/main/providers/instagram/config'
import { ProviderError } from '../../../src/main/providers/provider-error'
import type { ChannelTarget, DiscoveredChannel, GrantTokens, PostImage, ProviderAdapter, ProviderContext } from '../../../src/main/providers/types'
import { FACEBOOK_SEED } from '../../../src/main/sandbox/dialects/facebook'
import { startSandboxNetwork, type SandboxNetwork } from '../../../src/main/sandbox/server'
import { s256 } from '../../../src/main/sandbox/world'
import { createFakeClock, type FakeClock } from '../../fakes/clock'

const DAY = 24 * 60 * 60 * 1000
const HOUR = 60 * 60 * 1000
const { users, pages, instagram } = FACEBOOK_SEED

let clock: FakeClock
let sandbox: SandboxNetwork
const http = createNodeHttp()

beforeEach(async () => {
  clock = createFakeClock()
  sandbox = await startSandboxNetwork({ clock, seed: 7 })
})

afterEach(async () => {
  await sandbox.close()
})

type Net = 'facebook' | 'instagram'
const adapterOf = (network: Net): ProviderAdapter => (network === 'facebook' ? facebookAdapter : instagramAdapter)

function ctxFor(network: Net, extra: Partial<ProviderContext> = {}): ProviderContext {
  return { http, clock, endpoints: sandbox.endpoints(network), credentials: sandbox.credentials(network), timeoutMs: 5_000, ...extra }
}

/** Awaits a promise that must fail with a ProviderError and returns it. */
async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderError)
    return err as ProviderError
  }
  throw new Error('Expected the call to fail')
}

interface Authorized {
  code: string
  state: string
  redirectUri: string
  verifier: string
}

/** Drives the sign-in page over HTTP exactly as a browser would, returning what the redirect carried. */
async function authorize(network: Net, username: string, options: { password?: string; decision?: string; scopes?: readonly string[] } = {}): Promise<Authorized> {
  const ctx = ctxFor(network)
  const config = adapterOf(network).oauth(ctx)
  const ports = config.redirect.ports === 'ephemeral' ? [0] : config.redirect.ports
  const redirectUri = `http://${config.redirect.host}:${ports[0] ?? 0}${config.redirect.path}`
  const verifier = randomBytes(32).toString('base64url')
  const state = randomBytes(8).toString('hex')
  const url = new URL(config.authorizationEndpoint)
  url.searchParams.set('client_id', ctx.credentials.clientId)
  url.searchParams.set('redirect_uri', redirectUri)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('scope', (options.scopes ?? config.scopes).join(config.scopeSeparator))
  url.searchParams.set('state', state)
  url.searchParams.set('code_challenge', s256(verifier))
  url.searchParams.set('code_challenge_method', 'S256')
  for (const [k, v] of Object.entries(config.extraAuthParams ?? {})) url.searchParams.set(k, v)

  const page = await http.request({ method: 'GET', url: url.toString() })
  expect(page.status).toBe(200)
  expect(page.headers['content-type']).toContain('text/html')
  expect(page.body).toContain('<form method="post">')

  const form = new URLSearchParams(url.searchParams)
  form.set('username', username)
  form.set('password', options.password ?? FACEBOOK_SEED.password)
  form.set('decision', options.decision ?? 'allow')
  const answer = await http.request({
    method: 'POST',
    url: url.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  })
  expect(answer.status).toBe(302)
  const location = new URL(answer.headers.location ?? '')
  expect(`${location.origin}${location.pathname}`).toBe(redirectUri)
  return { code: location.searchParams.get('code') ?? '', state: location.searchParams.get('state') ?? '', redirectUri, verifier }
}

interface Connection {
  grant: GrantTokens
  userId: string
  channels: DiscoveredChannel[]
}

async function connect(network: Net, username: string): Promise<Connection> {
  const adapter = adapterOf(network)
  const ctx = ctxFor(network)
  const auth = await authorize(network, username)
  const grant = await adapter.exchangeCode(ctx, { code: auth.code, codeVerifier: auth.verifier, redirectUri: auth.redirectUri })
  const identity = await adapter.identify(ctx, grant.accessToken)
  const channels = await adapter.discoverChannels(ctx, { accessToken: grant.accessToken, networkUserId: identity.networkUserId })
  return { grant, userId: identity.networkUserId, channels }
}

function targetOf(connection: Connection, channelId: string): ChannelTarget {
  const channel = connection.channels.find((c) => c.networkChannelId === channelId)
  if (!channel?.token) throw new Error(`No token for ${channelId}`)
  return { networkChannelId: channel.networkChannelId, accessToken: channel.token, kind: channel.kind }
}

const jpeg = (overrides: Partial<PostImage> = {}): PostImage => ({
  bytes: new Uint8Array(Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex')),
  mimeType: 'image/jpeg',
  width: 1080,
  height: 1080,
  ...overrides,
})

// ---------------------------------------------------------------------------------------------

describe('Facebook Login over HTTP', () => {
  it('describes the network’s rules in its OAuth config', () => {
    const config = facebookAdapter.oauth(ctxFor('facebook'))
    expect(config.authorizationEndpoint).toBe(`${sandbox.origin}/facebook/v25.0/dialog/oauth`)
    expect(config.tokenEndpoint).toBe(`${sandbox.origin}/facebook/v25.0/oauth/access_token`)
    expect(config).toMatchObject({ scopeSeparator: ',', clientSecret: 'required', tokenAuth: 'client_secret_post', dynamicRegistration: false })
    expect(config.redirect).toMatchObject({ host: 'localhost', path: '/callback/facebook' })
    expect(Array.isArray(config.redirect.ports)).toBe(true)
    expect(instagramAdapter.oauth(ctxFor('instagram')).redirect.path).toBe('/callback/instagram')
    expect(facebookAdapter.refresh).toBeUndefined()
    expect(instagramAdapter.refresh).toBeUndefined()
  })

  it('signs in through the HTML form, exchanges the code and the short-lived token for a ~60-day one', async () => {
    const auth = await authorize('facebook', users.maria.handle)
    expect(auth.code).not.toBe('')
    const grant = await facebookAdapter.exchangeCode(ctxFor('facebook'), { code: auth.code, codeVerifier: auth.verifier, redirectUri: auth.redirectUri })
    const now = clock.now()
    expect(grant.refreshToken).toBeUndefined()
    expect(grant.refreshExpiresAt).toBeNull()
    expect(grant.accessExpiresAt).toBeGreaterThanOrEqual(now + 60 * DAY - 1000)
    expect(grant.accessExpiresAt).toBeLessThanOrEqual(now + 60 * DAY)
    // Signing in is activity: data access now runs 90 days from here.
    expect(grant.dataAccessExpiresAt).toBeGreaterThanOrEqual(now + 90 * DAY - 1000)
    // One Meta sign-in: the Pages permissions and Instagram's, so the same grant reaches both.
    expect([...grant.scopes].sort()).toEqual([...META_SCOPES].sort())
    const identity = await facebookAdapter.identify(ctxFor('facebook'), grant.accessToken)
    expect(identity).toEqual({ networkUserId: users.maria.id, displayName: users.maria.name, handle: users.maria.handle })
  })

  it('returns the state unchanged', async () => {
    const auth = await authorize('facebook', users.sam.handle)
    expect(auth.state).toMatch(/^[0-9a-f]{16}$/)
  })

  it('rejects a PKCE verifier that does not match the challenge', async () => {
    const auth = await authorize('facebook', users.maria.handle)
    const err = await failure(
      facebookAdapter.exchangeCode(ctxFor('facebook'), { code: auth.code, codeVerifier: randomBytes(32).toString('base64url'), redirectUri: auth.redirectUri }),
    )
    expect(err.reason).toBe('other')
    expect(err.failure).toMatchObject({ source: 'token_endpoint', status: 400, body: { error: { code: 100, type: 'OAuthException' } } })
    expect(err.classified.detail).toMatch(/Start the connection again/)
  })

  it('accepts a code only once', async () => {
    const auth = await authorize('facebook', users.maria.handle)
    const input = { code: auth.code, codeVerifier: auth.verifier, redirectUri: auth.redirectUri }
    await facebookAdapter.exchangeCode(ctxFor('facebook'), input)
    const err = await failure(facebookAdapter.exchangeCode(ctxFor('facebook'), input))
    expect(err.failure.body).toMatchObject({ error: { code: 100, error_subcode: 36009 } })
  })

  it('refuses the exchange without the right app secret', async () => {
    const auth = await authorize('facebook', users.maria.handle)
    const ctx = ctxFor('facebook', { credentials: { clientId: FACEBOOK_SEED.clientId, clientSecret: 'wrong' } })
    const err = await failure(facebookAdapter.exchangeCode(ctx, { code: auth.code, codeVerifier: auth.verifier, redirectUri: auth.redirectUri }))
    expect(err.reason).toBe('other')
    expect(err.failure.body).toMatchObject({ error: { code: 1, message: 'Error validating client secret.' } })
    expect(err.classified.detail).toMatch(/Settings/)
    expect(err.message).not.toContain('wrong')
  })

  it('shows the form again on a wrong password, and redirects with access_denied on cancel', async () => {
    const ctx = ctxFor('facebook')
    const config = facebookAdapter.oauth(ctx)
    const redirectUri = `http://localhost:${(config.redirect.ports as readonly number[])[0] ?? 0}/callback/facebook`
    const url = new URL(config.authorizationEndpoint)
    for (const [k, v] of Object.entries({ client_id: ctx.credentials.clientId, redirect_uri: redirectUri, response_type: 'code', scope: 'pages_show_list', state: 's1' })) {
      url.searchParams.set(k, v)
    }
    const post = (extra: Record<string, string>) =>
      http.request({
        method: 'POST',
        url: url.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...Object.fromEntries(url.searchParams), ...extra }).toString(),
      })
    const wrong = await post({ username: users.maria.handle, password: 'nope', decision: 'allow' })
    expect(wrong.status).toBe(401)
    expect(wrong.body).toContain('role="alert"')
    const cancel = await post({ decision: 'deny' })
    expect(cancel.status).toBe(302)
    expect(new URL(cancel.headers.location ?? '').searchParams.get('error')).toBe('access_denied')
  })

  it('only redirects to the exact registered URIs (Strict Mode)', async () => {
    const ctx = ctxFor('facebook')
    const url = new URL(facebookAdapter.oauth(ctx).authorizationEndpoint)
    url.searchParams.set('client_id', ctx.credentials.clientId)
    url.searchParams.set('response_type', 'code')
    for (const redirect of ['http://127.0.0.1:53682/callback/facebook', 'http://localhost:40000/callback/facebook', 'http://localhost:53682/other']) {
      url.searchParams.set('redirect_uri', redirect)
      const page = await http.request({ method: 'GET', url: url.toString() })
      expect(page.status).toBe(400)
    }
  })

  it('connects Instagram through the same Meta app and sign-in', async () => {
    const auth = await authorize('instagram', users.sam.handle)
    const grant = await instagramAdapter.exchangeCode(ctxFor('instagram'), { code: auth.code, codeVerifier: auth.verifier, redirectUri: auth.redirectUri })
    expect([...grant.scopes].sort()).toEqual([...INSTAGRAM_SCOPES].sort())
  })
})

// ---------------------------------------------------------------------------------------------

describe('discovery', () => {
  it('lists the Pages with Page tokens and tasks, and what each person may do', async () => {
    const maria = await connect('facebook', users.maria.handle)
    // The person's Pages, then the Instagram business accounts linked to them, from one sign-in.
    expect(maria.channels.map((c) => c.networkChannelId)).toEqual([pages.coffee.id, pages.outlet.id, instagram.coffee.id])
    expect(maria.channels[2]).toMatchObject({ network: 'instagram', kind: 'business_account', handle: instagram.coffee.username })
    expect(maria.channels[2]?.token).toBe(maria.channels[0]?.token)
    const coffee = maria.channels[0]
    expect(coffee).toMatchObject({ network: 'facebook', kind: 'page', name: pages.coffee.name, handle: pages.coffee.handle })
    expect(coffee?.token).toBeTruthy()
    expect(coffee?.capabilities).toEqual({ publish: true, moderate: true, analyze: true })

    const jo = await connect('facebook', users.jo.handle)
    expect(jo.channels.filter((c) => c.network === 'facebook')).toHaveLength(1)
    expect(jo.channels[0]).toMatchObject({ networkChannelId: pages.outlet.id, capabilities: { publish: false, moderate: true, analyze: true } })
  })

  it('reaches one Page through two people (a backup link) with separate tokens', async () => {
    const maria = await connect('facebook', users.maria.handle)
    const sam = await connect('facebook', users.sam.handle)
    const a = targetOf(maria, pages.coffee.id)
    const b = targetOf(sam, pages.coffee.id)
    expect(a.accessToken).not.toBe(b.accessToken)
    expect(sam.channels.map((c) => c.networkChannelId)).toEqual([pages.coffee.id, pages.books.id, instagram.coffee.id, instagram.books.id])
  })

  it('finds Instagram business accounts through their Pages', async () => {
    const maria = await connect('instagram', users.maria.handle)
    expect(maria.channels).toEqual([
      expect.objectContaining({ network: 'instagram', kind: 'business_account', networkChannelId: instagram.coffee.id, handle: instagram.coffee.username }),
    ])
    const sam = await connect('instagram', users.sam.handle)
    expect(sam.channels.map((c) => c.networkChannelId)).toEqual([instagram.coffee.id, instagram.books.id])
  })
})

// ---------------------------------------------------------------------------------------------

describe('token lifetimes (no refresh on Facebook)', () => {
  it('probes a long-lived user token and a never-expiring Page token', async () => {
    const maria = await connect('facebook', users.maria.handle)
    const user = await facebookAdapter.probe(ctxFor('facebook'), maria.grant.accessToken)
    expect(user).toMatchObject({ valid: true, accessExpiresAt: maria.grant.accessExpiresAt })
    expect(user.dataAccessExpiresAt).toBe(maria.grant.dataAccessExpiresAt)
    const page = await facebookAdapter.probe(ctxFor('facebook'), targetOf(maria, pages.coffee.id).accessToken)
    expect(page).toMatchObject({ valid: true, accessExpiresAt: null })
  })

  it('the user token expires after ~60 days; the Page token keeps working', async () => {
    const maria = await connect('facebook', users.maria.handle)
    const target = targetOf(maria, pages.coffee.id)
    clock.advance(60 * DAY + HOUR)
    const err = await failure(facebookAdapter.identify(ctxFor('facebook'), maria.grant.accessToken))
    expect(err.reason).toBe('expired')
    expect(err.failure.body).toMatchObject({ error: { code: 190, error_subcode: 463 } })
    expect(err.message).not.toContain(maria.grant.accessToken)
    const probe = await facebookAdapter.probe(ctxFor('facebook'), maria.grant.accessToken)
    expect(probe).toMatchObject({ valid: false, problem: { reason: 'expired' } })
    const post = await facebookAdapter.publish(ctxFor('facebook'), target, { text: 'Still here on day 60' })
    expect(post.networkPostId).toContain(pages.coffee.id)
  })

  it('data access lapses 90 days after the last sign-in, even for Page tokens', async () => {
    const maria = await connect('facebook', users.maria.handle)
    const target = targetOf(maria, pages.coffee.id)
    clock.advance(90 * DAY + HOUR)
    const err = await failure(facebookAdapter.publish(ctxFor('facebook'), target, { text: 'After 90 days' }))
    expect(err.reason).toBe('data_access_expired')
    expect(err.failure.body).toMatchObject({ error: { code: 10 } })
    const probe = await facebookAdapter.probe(ctxFor('facebook'), target.accessToken)
    expect(probe).toMatchObject({ valid: false, problem: { reason: 'data_access_expired' } })
    expect(probe.dataAccessExpiresAt).toBeLessThan(clock.now())
  })

  it('signing in again renews the token and data access, and heals the Page', async () => {
    await connect('facebook', users.maria.handle)
    clock.advance(91 * DAY)
    const again = await connect('facebook', users.maria.handle)
    expect(again.grant.accessExpiresAt).toBeGreaterThan(clock.now() + 59 * DAY)
    expect(again.grant.dataAccessExpiresAt).toBeGreaterThan(clock.now() + 89 * DAY)
    const post = await facebookAdapter.publish(ctxFor('facebook'), targetOf(again, pages.coffee.id), { text: 'Back again' })
    expect(post.publishedAt).toBe(clock.now())
  })

  it('a short-lived token lasts hours; Page tokens taken from it end with it; re-exchanging does not extend', async () => {
    const auth = await authorize('facebook', users.maria.handle)
    const ctx = ctxFor('facebook')
    const tokenUrl = facebookAdapter.oauth(ctx).tokenEndpoint
    const form = (fields: Record<string, string>) =>
      http.request({ method: 'POST', url: tokenUrl, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() })
    const shortAnswer = await form({
      client_id: FACEBOOK_SEED.clientId,
      client_secret: FACEBOOK_SEED.clientSecret,
      redirect_uri: auth.redirectUri,
      code: auth.code,
      code_verifier: auth.verifier,
    })
    const short = JSON.parse(shortAnswer.body) as { access_token: string; expires_in: number; token_type: string }
    expect(short.token_type).toBe('bearer')
    expect(short.expires_in).toBeLessThanOrEqual(2 * 3600)
    const channels = await facebookAdapter.discoverChannels(ctx, { accessToken: short.access_token, networkUserId: users.maria.id })
    const pageProbe = await facebookAdapter.probe(ctx, channels[0]?.token ?? '')
    expect(pageProbe.accessExpiresAt).toBe(clock.now() + short.expires_in * 1000)

    const longAnswer = await form({ grant_type: 'fb_exchange_token', client_id: FACEBOOK_SEED.clientId, client_secret: FACEBOOK_SEED.clientSecret, fb_exchange_token: short.access_token })
    const long = JSON.parse(longAnswer.body) as { access_token: string; expires_in: number }
    expect(long.expires_in).toBe(60 * 86_400)
    clock.advance(10 * DAY)
    const againAnswer = await form({ grant_type: 'fb_exchange_token', client_id: FACEBOOK_SEED.clientId, client_secret: FACEBOOK_SEED.clientSecret, fb_exchange_token: long.access_token })
    const again = JSON.parse(againAnswer.body) as { expires_in: number }
    expect(again.expires_in).toBe(50 * 86_400)

    clock.advance(3 * HOUR)
    const err = await failure(facebookAdapter.identify(ctx, short.access_token))
    expect(err.reason).toBe('expired')
    // An expired short-lived token can no longer be exchanged.
    const dead = await form({ grant_type: 'fb_exchange_token', client_id: FACEBOOK_SEED.clientId, client_secret: FACEBOOK_SEED.clientSecret, fb_exchange_token: short.access_token })
    expect(JSON.parse(dead.body)).toMatchObject({ error: { code: 190, error_subcode: 463 } })
  })
})

// ---------------------------------------------------------------------------------------------

describe('breakers produce Graph’s real signatures', () => {
  it('expired tokens → expired (190/463)', async () => {
    const maria = await connect('facebook', users.maria.handle)
    sandbox.controls.expireAccessTokens('facebook', users.maria.id)
    const err = await failure(facebookAdapter.publish(ctxFor('facebook'), targetOf(maria, pages.coffee.id), { text: 'x' }))
    expect(err.reason).toBe('expired')
    expect(err.failure.body).toMatchObject({ error: { type: 'OAuthException', code: 190, error_subcode: 463 } })
  })

  it('password change → password_changed (190/460) for user and Page tokens', async () => {
    const maria = await connect('facebook', users.maria.handle)
    sandbox.controls.changePassword('facebook', users.maria.id)
    const err = await failure(facebookAdapter.publish(ctxFor('facebook'), targetOf(maria, pages.coffee.id), { text: 'x' }))
    expect(err.reason).toBe('password_changed')
    expect(err.failure.body).toMatchObject({ error: { code: 190, error_subcode: 460 } })
    expect((await failure(facebookAdapter.identify(ctxFor('facebook'), maria.grant.accessToken))).reason).toBe('password_changed')
    const probe = await facebookAdapter.probe(ctxFor('facebook'), maria.grant.accessToken)
    expect(probe).toMatchObject({ valid: false, problem: { reason: 'password_changed' } })
  })

  it('app removed → revoked_by_user (190/458)', async () => {
    const maria = await connect('facebook', users.maria.handle)
    sandbox.controls.removeApp('facebook', users.maria.id)
    const err = await failure(facebookAdapter.listComments(ctxFor('facebook'), targetOf(maria, pages.coffee.id), null))
    expect(err.reason).toBe('revoked_by_user')
    expect(err.failure.body).toMatchObject({ error: { code: 190, error_subcode: 458 } })
    expect((await facebookAdapter.probe(ctxFor('facebook'), maria.grant.accessToken)).problem?.reason).toBe('revoked_by_user')
  })

  it('lost Page role → role_lost (190/492); the backup link keeps the Page usable', async () => {
    const maria = await connect('facebook', users.maria.handle)
    const sam = await connect('facebook', users.sam.handle)
    sandbox.controls.removeRole('facebook', users.maria.id, pages.coffee.id)
    const err = await failure(facebookAdapter.publish(ctxFor('facebook'), targetOf(maria, pages.coffee.id), { text: 'x' }))
    expect(err.reason).toBe('role_lost')
    expect(err.failure.body).toMatchObject({ error: { code: 190, error_subcode: 492 } })
    expect((await facebookAdapter.probe(ctxFor('facebook'), targetOf(maria, pages.coffee.id).accessToken)).problem?.reason).toBe('role_lost')
    // Maria's user token still works: she just no longer sees that Page.
    const rediscovered = await facebookAdapter.discoverChannels(ctxFor('facebook'), { accessToken: maria.grant.accessToken, networkUserId: maria.userId })
    expect(rediscovered.map((c) => c.networkChannelId)).toEqual([pages.outlet.id])
    const post = await facebookAdapter.publish(ctxFor('facebook'), targetOf(sam, pages.coffee.id), { text: 'Through the backup link' })
    expect(post.networkPostId).toContain(pages.coffee.id)
  })

  it('lost role on the linked Page → Instagram role_lost', async () => {
    const maria = await connect('instagram', users.maria.handle)
    sandbox.controls.removeRole('facebook', users.maria.id, pages.coffee.id)
    const err = await failure(instagramAdapter.listComments(ctxFor('instagram'), targetOf(maria, instagram.coffee.id), null))
    expect(err.reason).toBe('role_lost')
    expect(err.classified.detail).toMatch(/Facebook Page linked/)
  })

  it('lapsed data access → data_access_expired', async () => {
    const maria = await connect('facebook', users.maria.handle)
    sandbox.controls.lapseDataAccess('facebook', users.maria.id)
    const target = targetOf(maria, pages.coffee.id)
    expect((await failure(facebookAdapter.channelInsights(ctxFor('facebook'), target, { sinceDay: '2026-01-01', untilDay: '2026-01-03' }))).reason).toBe(
      'data_access_expired',
    )
    const who = await failure(facebookAdapter.identify(ctxFor('facebook'), maria.grant.accessToken))
    expect(who.reason).toBe('data_access_expired')
    expect(who.failure.body).toMatchObject({ error: { code: 10 } })
    expect((await facebookAdapter.probe(ctxFor('facebook'), maria.grant.accessToken)).problem?.reason).toBe('data_access_expired')
  })

  it('revoked scope → scope_missing (code 200 on publish, probe lists it)', async () => {
    const maria = await connect('facebook', users.maria.handle)
    sandbox.controls.revokeScope('facebook', users.maria.id, 'pages_manage_posts')
    const err = await failure(facebookAdapter.publish(ctxFor('facebook'), targetOf(maria, pages.coffee.id), { text: 'x' }))
    expect(err.reason).toBe('scope_missing')
    expect(err.failure.body).toMatchObject({ error: { code: 200 } })
    const probe = await facebookAdapter.probe(ctxFor('facebook'), maria.grant.accessToken)
    expect(probe).toMatchObject({ valid: false, problem: { reason: 'scope_missing' } })
    expect(probe.problem?.detail).toContain('pages_manage_posts')
  })

  it('account action required → account_action_required (190/459)', async () => {
    const maria = await connect('facebook', users.maria.handle)
    sandbox.controls.requireAccountAction('facebook', users.maria.id)
    const err = await failure(facebookAdapter.postInsights(ctxFor('facebook'), targetOf(maria, pages.coffee.id), `${pages.coffee.id}_500`))
    expect(err.reason).toBe('account_action_required')
    expect(err.failure.body).toMatchObject({ error: { code: 190, error_subcode: 459 } })
    sandbox.controls.requireAccountAction('facebook', users.maria.id, false)
    expect((await facebookAdapter.postInsights(ctxFor('facebook'), targetOf(maria, pages.coffee.id), `${pages.coffee.id}_500`)).length).toBeGreaterThan(0)
  })

  it('killing refresh tokens changes nothing: Facebook has none', async () => {
    const maria = await connect('facebook', users.maria.handle)
    expect(sandbox.controls.killRefreshTokens('facebook', users.maria.id)).toBe(0)
    expect((await facebookAdapter.probe(ctxFor('facebook'), maria.grant.accessToken)).valid).toBe(true)
  })

  it('a person without CREATE_CONTENT cannot publish', async () => {
    const jo = await connect('facebook', users.jo.handle)
    const err = await failure(facebookAdapter.publish(ctxFor('facebook'), targetOf(jo, pages.outlet.id), { text: 'x' }))
    expect(err.reason).toBe('scope_missing')
    expect(err.failure.body).toMatchObject({ error: { code: 200 } })
  })

  it('an unknown token → unknown_auth (190 without subcode)', async () => {
    const err = await failure(facebookAdapter.identify(ctxFor('facebook'), 'EAAnot-a-real-token'))
    expect(err.reason).toBe('unknown_auth')
    expect(err.failure.headers?.['www-authenticate']).toContain('invalid_token')
    const probe = await facebookAdapter.probe(ctxFor('facebook'), 'EAAnot-a-real-token')
    expect(probe).toMatchObject({ valid: false, problem: { reason: 'unknown_auth' } })
  })
})

describe('revoke', () => {
  it('removes the login: every token of the person dies with 190/458', async () => {
    const maria = await connect('facebook', users.maria.handle)
    await facebookAdapter.revoke(ctxFor('facebook'), { accessToken: maria.grant.accessToken, networkUserId: maria.userId })
    expect((await failure(facebookAdapter.identify(ctxFor('facebook'), maria.grant.accessToken))).reason).toBe('revoked_by_user')
    const page = await failure(facebookAdapter.publish(ctxFor('facebook'), targetOf(maria, pages.coffee.id), { text: 'x' }))
    expect(page.reason).toBe('revoked_by_user')
    // Revoking again (token already dead) is not an error.
    await facebookAdapter.revoke(ctxFor('facebook'), { accessToken: maria.grant.accessToken, networkUserId: maria.userId })
  })

  it('works with the user token alone when no app secret is at hand, and for Instagram', async () => {
    const sam = await connect('instagram', users.sam.handle)
    const ctx = ctxFor('instagram', { credentials: { clientId: FACEBOOK_SEED.clientId } })
    await instagramAdapter.revoke(ctx, { accessToken: sam.grant.accessToken, networkUserId: sam.userId })
    expect((await failure(instagramAdapter.identify(ctxFor('instagram'), sam.grant.accessToken))).reason).toBe('revoked_by_user')
  })
})

// ---------------------------------------------------------------------------------------------

describe('publishing to a Page', () => {
  it('publishes exactly the text it is given and finds it again by its content', async () => {
    const maria = await connect('facebook', users.maria.handle)
    const target = targetOf(maria, pages.coffee.id)
    const since = clock.now()
    const draft = { text: 'Fresh croissants at 8' }
    const post = await facebookAdapter.publish(ctxFor('facebook'), target, draft)
    expect(post).toMatchObject({ publishedAt: clock.now() })
    expect(post.url).toContain('facebook.com')
    expect(sandbox.world.posts.get(post.networkPostId)?.text).toBe('Fresh croissants at 8')
    clock.advance(HOUR)
    expect(await facebookAdapter.findPublished(ctxFor('facebook'), target, { draft, sinceMs: since })).toEqual({ kind: 'found', post })
    expect(await facebookAdapter.findPublished(ctxFor('facebook'), target, { draft: { text: 'Stale croissants at 9, sorry' }, sinceMs: since })).toEqual({ kind: 'absent' })
    // A link post of the same words is another post.
    expect(await facebookAdapter.findPublished(ctxFor('facebook'), target, { draft: { ...draft, link: 'https://example.com/x' }, sinceMs: since })).toEqual({ kind: 'absent' })
    expect(await facebookAdapter.findPublished(ctxFor('facebook'), target, { draft, sinceMs: post.publishedAt + 1 })).toEqual({ kind: 'absent' })
  })

  it('publishes a link', async () => {
    const maria = await connect('facebook', users.maria.handle)
    const post = await facebookAdapter.publish(ctxFor('facebook'), targetOf(maria, pages.outlet.id), { text: 'Sale!', link: 'https://example.com/sale' })
    expect(sandbox.world.posts.get(post.networkPostId)?.link).toBe('https://example.com/sale')
  })

  it('uploads an image as a photo post, served from the CDN', async () => {
    const maria = await connect('facebook', users.maria.handle)
    const image = jpeg()
    const post = await facebookAdapter.publish(ctxFor('facebook'), targetOf(maria, pages.coffee.id), { text: 'Look', link: 'https://example.com', image })
    const stored = sandbox.world.posts.get(post.networkPostId)
    expect(stored?.text).toBe('Look\n\nhttps://example.com')
    const served = await fetch(stored?.imageUrl ?? '')
    expect(served.headers.get('content-type')).toBe('image/jpeg')
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(image.bytes)
  })

  it('a duplicate post is refused as not-a-token-problem (506)', async () => {
    const maria = await connect('facebook', users.maria.handle)
    const target = targetOf(maria, pages.coffee.id)
    await facebookAdapter.publish(ctxFor('facebook'), target, { text: 'Same' })
    const err = await failure(facebookAdapter.publish(ctxFor('facebook'), target, { text: 'Same' }))
    expect(err.reason).toBe('other')
    expect(err.failure.body).toMatchObject({ error: { code: 506 } })
  })
})

describe('publishing to Instagram', () => {
  it('stages the image, creates a container (recorded before it is published), publishes it and finds it by its container and its caption', async () => {
    const maria = await connect('instagram', users.maria.handle)
    const target = targetOf(maria, instagram.coffee.id)
    const draft = { text: 'New roast #coffee', image: jpeg({ altText: 'A cup of coffee' }) }
    expect(instagramAdapter.validateContent(draft)).toEqual([])
    const since = clock.now()
    const containers: string[] = []
    const post = await instagramAdapter.publish(ctxFor('instagram'), target, draft, { key: 'k1', onContainer: async (id) => void containers.push(id) })
    expect(containers).toHaveLength(1)
    expect(post.url).toMatch(/^https:\/\/www\.instagram\.com\/p\//)
    expect(post.publishedAt).toBe(clock.now())
    const media = sandbox.world.posts.get(post.networkPostId)
    expect(media).toMatchObject({ channelId: instagram.coffee.id, text: 'New roast #coffee' })
    // The staged Page photo was removed after Instagram copied the image.
    const staged = await fetch(media?.imageUrl ?? '')
    expect(staged.status).toBe(404)
    expect(await instagramAdapter.findPublished(ctxFor('instagram'), target, { draft, sinceMs: since, containerId: containers[0] ?? '' })).toEqual({ kind: 'found', post })
    expect(await instagramAdapter.findPublished(ctxFor('instagram'), target, { draft, sinceMs: since })).toEqual({ kind: 'found', post })
    expect(await instagramAdapter.findPublished(ctxFor('instagram'), target, { draft: { ...draft, text: 'Another roast entirely' }, sinceMs: since })).toEqual({ kind: 'absent' })
  })

  it('refuses a PNG at container creation (Instagram takes JPEG only)', async () => {
    const maria = await connect('instagram', users.maria.handle)
    const err = await failure(instagramAdapter.publish(ctxFor('instagram'), targetOf(maria, instagram.coffee.id), { text: 'x', image: jpeg({ mimeType: 'image/png' }) }))
    expect(err.reason).toBe('other')
    expect(err.failure.body).toMatchObject({ error: { code: 9004, error_subcode: 2207052 } })
  })

  it('refuses a post without an image before calling the network', async () => {
    const maria = await connect('instagram', users.maria.handle)
    const before = sandbox.stats.requests
    const err = await failure(instagramAdapter.publish(ctxFor('instagram'), targetOf(maria, instagram.coffee.id), { text: 'x' }))
    expect(err.reason).toBe('other')
    expect(sandbox.stats.requests).toBe(before)
  })
})

// ---------------------------------------------------------------------------------------------

describe('comments', () => {
  it('lists Page comments with replies since a cursor, then only what is new', async () => {
    const maria = await connect('facebook', users.maria.handle)
    const target = targetOf(maria, pages.coffee.id)
    const first = await facebookAdapter.listComments(ctxFor('facebook'), target, null)
    expect(first.comments.length).toBeGreaterThan(0)
    expect(first.cursor).not.toBeNull()
    for (const c of first.comments) expect(c.networkPostId.startsWith(`${pages.coffee.id}_`)).toBe(true)
    const times = first.comments.map((c) => c.createdAt)
    expect(times).toEqual([...times].sort((a, b) => a - b))

    const empty = await facebookAdapter.listComments(ctxFor('facebook'), target, first.cursor)
    expect(empty).toEqual({ comments: [], cursor: first.cursor })

    clock.advance(30 * DAY)
    const later = await facebookAdapter.listComments(ctxFor('facebook'), target, first.cursor)
    expect(later.comments.length).toBeGreaterThan(0)
    expect(later.comments.every((c) => c.createdAt > (first.comments.at(-1)?.createdAt ?? 0))).toBe(true)
    const seen = new Set(first.comments.map((c) => c.networkCommentId))
    expect(later.comments.some((c) => seen.has(c.networkCommentId))).toBe(false)
  })

  it('reads the last two days of posts whole about once an hour: an edit comes back, a deletion is listed as gone', async () => {
    const maria = await connect('facebook', users.maria.handle)
    const target = targetOf(maria, pages.coffee.id)
    const world = sandbox.world
    const post = world.addPost({ network: 'facebook', channelId: pages.coffee.id, authorUserId: users.maria.id, text: 'New blend today' })
    const local = post.id.split('_')[1] ?? post.id
    const visitor = (n: number, text: string) =>
      world.addComment({ id: `${local}_${n}`, network: 'facebook', postId: post.id, parentId: null, authorName: 'Zoë Martín', authorHandle: `1000${n}`, text, viaApi: false })
    clock.advance(60_000)
    visitor(801, 'Is it decaf?')
    visitor(802, 'Lovely')
    clock.advance(60_000)
    const first = await facebookAdapter.listComments(ctxFor('facebook'), target, null)
    expect(first.comments.map((c) => c.text)).toEqual(expect.arrayContaining(['Is it decaf?', 'Lovely']))

    const edited = world.comments.get(`${local}_801`)
    if (!edited) throw new Error('no comment')
    world.comments.set(edited.id, { ...edited, text: 'Is it decaf? Asking for my mum' })
    world.deleteComment(`${local}_802`)
    // Within the hour: only what is new.
    clock.advance(10 * 60_000)
    const soon = await facebookAdapter.listComments(ctxFor('facebook'), target, first.cursor)
    expect(soon.comments).toEqual([])
    expect(soon.wholePosts).toBeUndefined()

    clock.advance(60 * 60_000)
    const hourly = await facebookAdapter.listComments(ctxFor('facebook'), target, soon.cursor)
    expect(hourly.comments.find((c) => c.networkCommentId === `${local}_801`)?.text).toBe('Is it decaf? Asking for my mum')
    const whole = hourly.wholePosts?.find((p) => p.networkPostId === post.id)
    expect(whole?.networkCommentIds).toContain(`${local}_801`)
    expect(whole?.networkCommentIds).not.toContain(`${local}_802`)
    // The next read within the hour is back to what is new.
    clock.advance(60_000)
    expect((await facebookAdapter.listComments(ctxFor('facebook'), target, hourly.cursor)).wholePosts).toBeUndefined()
  })

  it('includes replies with their parent and replies as the Page, under the top-level comment', async () => {
    const maria = await connect('facebook', users.maria.handle)
    const target = targetOf(maria, pages.coffee.id)
    clock.advance(30 * DAY)
    const all = await facebookAdapter.listComments(ctxFor('facebook'), target, null)
    const top = all.comments.find((c) => c.parentCommentId === null)
    if (!top) throw new Error('no comment')
    const reply = await facebookAdapter.reply(ctxFor('facebook'), target, { networkCommentId: top.networkCommentId, networkPostId: top.networkPostId, text: 'Thanks!' })
    clock.advance(1000)
    const next = await facebookAdapter.listComments(ctxFor('facebook'), target, all.cursor)
    const mine = next.comments.find((c) => c.networkCommentId === reply.networkCommentId)
    expect(mine).toMatchObject({ parentCommentId: top.networkCommentId, authorName: pages.coffee.name, text: 'Thanks!' })
    // Answering the reply lands in the same thread.
    const nested = await facebookAdapter.reply(ctxFor('facebook'), target, { networkCommentId: reply.networkCommentId, networkPostId: top.networkPostId, text: 'And more' })
    expect(sandbox.world.comments.get(nested.networkCommentId)?.parentId).toBe(top.networkCommentId)
  })

  it('lists Instagram comments and replies, and replies to the top-level comment', async () => {
    const sam = await connect('instagram', users.sam.handle)
    const target = targetOf(sam, instagram.books.id)
    clock.advance(30 * DAY)
    const page = await instagramAdapter.listComments(ctxFor('instagram'), target, null)
    expect(page.comments.length).toBeGreaterThan(0)
    const replies = page.comments.filter((c) => c.parentCommentId !== null)
    expect(replies.length).toBeGreaterThan(0)
    for (const r of replies) expect(page.comments.some((c) => c.networkCommentId === r.parentCommentId)).toBe(true)
    const top = page.comments.find((c) => c.parentCommentId === null)
    if (!top) throw new Error('no comment')
    const sent = await instagramAdapter.reply(ctxFor('instagram'), target, { networkCommentId: top.networkCommentId, networkPostId: top.networkPostId, text: 'See you there' })
    const reply = replies[0]
    if (reply) {
      const viaReply = await instagramAdapter.reply(ctxFor('instagram'), target, { networkCommentId: reply.networkCommentId, networkPostId: reply.networkPostId, text: 'Thread' })
      expect(sandbox.world.comments.get(viaReply.networkCommentId)?.parentId).toBe(reply.parentCommentId)
    }
    clock.advance(1000)
    const next = await instagramAdapter.listComments(ctxFor('instagram'), target, page.cursor)
    expect(next.comments.find((c) => c.networkCommentId === sent.networkCommentId)).toMatchObject({
      parentCommentId: top.networkCommentId,
      authorHandle: instagram.books.username,
    })
  })

  it('a moderator can reply but the revoked comment scope fails as scope_missing', async () => {
    const jo = await connect('facebook', users.jo.handle)
    const target = targetOf(jo, pages.outlet.id)
    clock.advance(30 * DAY)
    const list = await facebookAdapter.listComments(ctxFor('facebook'), target, null)
    const top = list.comments.find((c) => c.parentCommentId === null)
    if (!top) throw new Error('no comment')
    await facebookAdapter.reply(ctxFor('facebook'), target, { networkCommentId: top.networkCommentId, networkPostId: top.networkPostId, text: 'Hi' })
    sandbox.controls.revokeScope('facebook', users.jo.id, 'pages_manage_engagement')
    const err = await failure(facebookAdapter.reply(ctxFor('facebook'), target, { networkCommentId: top.networkCommentId, networkPostId: top.networkPostId, text: 'Hi' }))
    expect(err.reason).toBe('scope_missing')
  })
})

// ---------------------------------------------------------------------------------------------

describe('insights', () => {
  const range = { sinceDay: '2025-12-29', untilDay: '2026-01-04' }

  it('reads daily Page metrics under Relink’s names, reproducibly', async () => {
    const maria = await connect('facebook', users.maria.handle)
    const metrics = await facebookAdapter.channelInsights(ctxFor('facebook'), targetOf(maria, pages.coffee.id), range)
    expect(new Set(metrics.map((m) => m.metric))).toEqual(new Set(['views', 'reach', 'engagements', 'followers', 'new_followers']))
    expect(new Set(metrics.map((m) => m.day))).toEqual(new Set(['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04']))
    expect(metrics.every((m) => Number.isInteger(m.value) && m.value >= 0)).toBe(true)

    const other = await startSandboxNetwork({ clock, seed: 7 })
    try {
      const ctx: ProviderContext = { http, clock, endpoints: other.endpoints('facebook'), credentials: other.credentials('facebook'), timeoutMs: 5_000 }
      const auth = await (async () => {
        const saved = sandbox
        sandbox = other
        try {
          return await connect('facebook', users.maria.handle)
        } finally {
          sandbox = saved
        }
      })()
      const again = await facebookAdapter.channelInsights(ctx, targetOf(auth, pages.coffee.id), range)
      expect(again).toEqual(metrics)
    } finally {
      await other.close()
    }
  })

  it('splits ranges longer than the API allows', async () => {
    const maria = await connect('facebook', users.maria.handle)
    const metrics = await facebookAdapter.channelInsights(ctxFor('facebook'), targetOf(maria, pages.coffee.id), { sinceDay: '2025-09-01', untilDay: '2026-01-04' })
    expect(metrics.filter((m) => m.metric === 'views')).toHaveLength(126)
  })

  it('reads lifetime post metrics', async () => {
    const maria = await connect('facebook', users.maria.handle)
    const metrics = await facebookAdapter.postInsights(ctxFor('facebook'), targetOf(maria, pages.coffee.id), `${pages.coffee.id}_500`)
    // Under Graph's names, which the metric registry maps to Relink's.
    expect(metrics.map((m) => m.metric).sort()).toEqual(['post_clicks', 'post_media_view', 'post_reactions_by_type_total', 'post_total_media_view_unique'])
    expect(metrics.every((m) => m.day === '2026-01-05')).toBe(true)
  })

  it('needs the ANALYZE task and the insights permission', async () => {
    const maria = await connect('facebook', users.maria.handle)
    sandbox.controls.revokeScope('facebook', users.maria.id, 'read_insights')
    const err = await failure(facebookAdapter.channelInsights(ctxFor('facebook'), targetOf(maria, pages.coffee.id), range))
    expect(err.reason).toBe('scope_missing')
    expect(err.failure.body).toMatchObject({ error: { code: 10 } })
  })

  it('reads Instagram account metrics (series and totals) and media metrics', async () => {
    const maria = await connect('instagram', users.maria.handle)
    const target = targetOf(maria, instagram.coffee.id)
    const metrics = await instagramAdapter.channelInsights(ctxFor('instagram'), target, range)
    expect(new Set(metrics.map((m) => m.metric))).toEqual(new Set(['reach', 'new_followers', 'views', 'engagements']))
    expect(metrics.filter((m) => m.metric === 'views')).toHaveLength(7)
    const mediaId = [...sandbox.world.posts.values()].find((p) => p.channelId === instagram.coffee.id)?.id ?? ''
    const media = await instagramAdapter.postInsights(ctxFor('instagram'), target, mediaId)
    expect(media.map((m) => m.metric).sort()).toEqual(['comments', 'engagements', 'likes', 'reach', 'saves', 'shares', 'views'])
  })

  it('returns no Instagram media metrics while too few people saw the post', async () => {
    const maria = await connect('instagram', users.maria.handle)
    const target = targetOf(maria, instagram.coffee.id)
    const post = await instagramAdapter.publish(ctxFor('instagram'), target, { text: 'Fresh', image: jpeg() })
    expect(await instagramAdapter.postInsights(ctxFor('instagram'), target, post.networkPostId)).toEqual([])
    clock.advance(2 * HOUR)
    expect((await instagramAdapter.postInsights(ctxFor('instagram'), target, post.networkPostId)).length).toBe(7)
  })

  it('asks Instagram only for the account metrics named, each the way Graph serves it', async () => {
    const maria = await connect('instagram', users.maria.handle)
    const target = targetOf(maria, instagram.coffee.id)
    const seen: string[] = []
    const counting: Http = { request: (req) => (seen.push(req.url), http.request(req)) }
    const ctx = ctxFor('instagram', { http: counting })
    const totals = await instagramAdapter.channelInsights(ctx, target, { ...range, metrics: ['views'] })
    expect(new Set(totals.map((m) => m.metric))).toEqual(new Set(['views']))
    // One day per request for a total, and no series request at all.
    expect(seen).toHaveLength(7)
    expect(seen.every((u) => u.includes('metric_type=total_value'))).toBe(true)
    seen.length = 0
    const series = await instagramAdapter.channelInsights(ctx, target, { ...range, metrics: ['reach', 'new_followers'] })
    expect(new Set(series.map((m) => m.metric))).toEqual(new Set(['reach', 'new_followers']))
    expect(seen).toHaveLength(1)
    // A name Graph does not serve is refused as Graph refuses it: (#100), which the reader isolates.
    const err = await failure(instagramAdapter.channelInsights(ctx, target, { ...range, metrics: ['reach', 'profile_glances'] }))
    expect(isInvalidMetric(err)).toBe(true)
  })

  it('reads Instagram metrics in small groups, and a metric Graph refuses is isolated and marked without losing the rest', async () => {
    const maria = await connect('instagram', users.maria.handle)
    const database = openDatabase(':memory:', { nowMs: 0 })
    try {
      database.sqlite.prepare("INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES ('ig', 'instagram', ?, 'business_account', 'Coffee', 1)").run(instagram.coffee.id)
      const repo = createMetricsRepositoryFor(database)
      // A registry with one name more than Graph serves, as when Meta retires a metric Relink still asks for.
      const registry = {
        ...METRIC_REGISTRY,
        instagram: {
          ...INSTAGRAM_METRIC_REGISTRY,
          entries: [
            ...INSTAGRAM_METRIC_REGISTRY.entries,
            { source: 'profile_glances', metric: 'views' as const, scope: 'channel' as const, validFrom: null, validUntil: null, replacedBy: null, note: '' },
          ],
        },
      }
      const seen: string[] = []
      const counting: Http = { request: (req) => (seen.push(req.url), http.request(req)) }
      const reader = createChannelMetricsReader({ repo, registry, firstSyncMs: 7 * DAY })
      const now = clock.now()
      const run = {
        channel: { id: 'ig', network: 'instagram' as const, instance: '', kind: 'business_account' as const, name: 'Coffee', networkChannelId: instagram.coffee.id, health: 'healthy' as const, problem: null },
        stream: 'channel_metrics' as const,
        plan: INSTAGRAM_SYNC_PLAN.streams.channel_metrics ?? { everyMs: DAY, hotSetMs: 0, recoveryMs: Infinity, backfillChunkMs: 30 * DAY, lossNote: '' },
        state: { channelId: 'ig', stream: 'channel_metrics' as const, watermarkTime: null, watermarkId: null, cursor: null, lastRunAt: null } as unknown as SyncState,
        adapter: instagramAdapter,
        provider: ctxFor('instagram', { http: counting }),
        target: targetOf(maria, instagram.coffee.id),
        now,
        call: <T>(request: () => Promise<T>) => request(),
        progress: () => undefined,
        signal: new AbortController().signal,
      }
      await reader.poll(run)
      const stored = await repo.dailyTotals(['ig'], dayOfMs(now - 7 * DAY), dayOfMs(now))
      expect(new Set(stored.map((r) => r.metric))).toEqual(new Set(['views', 'engagements', 'reach', 'follower_change']))
      expect(await repo.unavailable(['ig'])).toEqual([expect.objectContaining({ source: 'profile_glances' })])
      // Groups of at most three names; the refused name was asked alone before it was marked.
      const asked = seen.map((u) => new URL(u).searchParams.get('metric') ?? '')
      expect(asked.every((m) => m.split(',').length <= 3)).toBe(true)
      expect(asked).toContain('profile_glances')
      // The next read leaves it out.
      seen.length = 0
      await reader.poll({ ...run, now: now + DAY })
      expect(seen.some((u) => u.includes('profile_glances'))).toBe(false)
    } finally {
      await database.close()
    }
  })
})

// ---------------------------------------------------------------------------------------------

describe('transient trouble never looks like a token problem', () => {
  it('a throttled answer → rate_limited with the wait from X-Business-Use-Case-Usage', async () => {
    const maria = await connect('facebook', users.maria.handle)
    sandbox.controls.rateLimit('facebook', 5 * 60_000)
    const err = await failure(facebookAdapter.listComments(ctxFor('facebook'), targetOf(maria, pages.coffee.id), null))
    expect(err.reason).toBe('rate_limited')
    expect(err.classified.retryAfterMs).toBe(5 * 60_000)
    expect(err.failure.body).toMatchObject({ error: { code: 80001, is_transient: true } })
    expect(err.failure.headers?.['x-business-use-case-usage']).toContain('estimated_time_to_regain_access')
    clock.advance(5 * 60_000)
    await facebookAdapter.listComments(ctxFor('facebook'), targetOf(maria, pages.coffee.id), null)
  })

  it('rate limiting hits Instagram calls the same way', async () => {
    const sam = await connect('instagram', users.sam.handle)
    sandbox.controls.rateLimit('facebook', 90_000)
    const err = await failure(instagramAdapter.channelInsights(ctxFor('instagram'), targetOf(sam, instagram.books.id), { sinceDay: '2026-01-01', untilDay: '2026-01-02' }))
    expect(err).toMatchObject({ reason: 'rate_limited' })
    expect(err.classified.retryAfterMs).toBe(2 * 60_000)
  })

  it('5xx → transient', async () => {
    const maria = await connect('facebook', users.maria.handle)
    sandbox.controls.failNext('facebook', 1, 503)
    const err = await failure(facebookAdapter.probe(ctxFor('facebook'), maria.grant.accessToken))
    expect(err.reason).toBe('transient')
    expect(err.failure).toMatchObject({ status: 503, body: { error: { code: 2, is_transient: true } } })
    sandbox.controls.failNext('facebook', 1, 500)
    expect((await failure(facebookAdapter.identify(ctxFor('facebook'), maria.grant.accessToken))).reason).toBe('transient')
  })

  it('a hang with a short timeout → transient', async () => {
    const maria = await connect('facebook', users.maria.handle)
    sandbox.controls.hangNext('facebook', 1)
    const err = await failure(facebookAdapter.identify(ctxFor('facebook', { timeoutMs: 200 }), maria.grant.accessToken))
    expect(err.reason).toBe('transient')
    expect(err.failure.source).toBe('transport')
  })

  it('a 2xx with garbage instead of JSON → transient', async () => {
    const maria = await connect('facebook', users.maria.handle)
    const garbling: Http = {
      async request(req) {
        const res = await http.request(req)
        return { ...res, body: '<html><body>Something went wrong</body></html>' }
      },
    }
    const err = await failure(facebookAdapter.channelInsights(ctxFor('facebook', { http: garbling }), targetOf(maria, pages.coffee.id), range()))
    expect(err.reason).toBe('transient')
    expect(err.failure.status).toBe(200)
    const truncated: Http = {
      async request(req) {
        const res = await http.request(req)
        return { ...res, body: res.body.slice(0, 20) }
      },
    }
    expect((await failure(instagramAdapter.identify(ctxFor('instagram', { http: truncated }), maria.grant.accessToken))).reason).toBe('transient')
  })
})

function range(): { sinceDay: string; untilDay: string } {
  return { sinceDay: '2026-01-01', untilDay: '2026-01-03' }
}
