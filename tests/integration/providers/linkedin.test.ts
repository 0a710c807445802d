import { createHash, randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ProblemReason } from '../../../src/shared/domain/health'
import { createNodeHttp } from '../../../src/main/platform/node-http'
import type { Http } from '../../../src/main/ports'
import { LINKEDIN_SCOPES } from '../../../src/main/providers/linkedin/config'
import { linkedinAdapter } from '../../../src/main/providers/linkedin'
import { ProviderError } from '../../../src/main/providers/provider-error'
import type { ChannelTarget, GrantTokens, ProviderContext } from '../../../src/main/providers/types'
import { LINKEDIN_SEED } from '../../../src/main/sandbox/dialects/linkedin'
import { startSandboxNetwork, type SandboxNetwork } from '../../../src/main/sandbox/server'
import { createFakeClock, type FakeClock } from '../../fakes/clock'

const DAY = 24 * 60 * 60 * 1000
const adapter = linkedinAdapter
const { users, channels } = LINKEDIN_SEED
type UserKey = keyof typeof users

let clock: FakeClock
let sandbox: SandboxNetwork
let http: Http

beforeEach(async () => {
  clock = createFakeClock()
  sandbox = await startSandboxNetwork({ clock, seed: 7 })
  http = createNodeHttp()
})

afterEach(async () => {
  await sandbox.close()
})

function ctx(overrides: Partial<ProviderContext> = {}): ProviderContext {
  return {
    http,
    clock,
    endpoints: sandbox.endpoints('linkedin'),
    credentials: sandbox.credentials('linkedin'),
    timeoutMs: 5_000,
    ...overrides,
  }
}

const unescapeHtml = (s: string): string =>
  s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

interface Authorized {
  code: string | null
  state: string | null
  error: string | null
  redirectUri: string
  verifier: string
  sentState: string
}

/** Drives the sandbox's sign-in page over HTTP like a browser would. */
async function authorize(
  username: string,
  options: { password?: string; decision?: 'allow' | 'deny'; port?: number; pkce?: boolean; redirectUri?: string } = {},
): Promise<Authorized> {
  const config = adapter.oauth(ctx())
  const verifier = randomBytes(32).toString('base64url')
  const challenge = createHash('sha256').update(verifier).digest('base64url')
  const redirectUri = options.redirectUri ?? `http://${config.redirect.host}:${options.port ?? 49_152}${config.redirect.path}`
  const sentState = randomBytes(12).toString('base64url')
  const url = new URL(config.authorizationEndpoint)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('client_id', ctx().credentials.clientId)
  url.searchParams.set('redirect_uri', redirectUri)
  url.searchParams.set('state', sentState)
  url.searchParams.set('scope', config.scopes.join(config.scopeSeparator))
  if (options.pkce !== false) {
    url.searchParams.set('code_challenge', challenge)
    url.searchParams.set('code_challenge_method', 'S256')
  }
  const page = await http.request({ method: 'GET', url: url.toString() })
  if (page.status !== 200) return { code: null, state: null, error: `page ${page.status}`, redirectUri, verifier, sentState }
  expect(page.headers['content-type']).toMatch(/text\/html/)
  const form = new URLSearchParams()
  for (const m of page.body.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    form.set(unescapeHtml(m[1] ?? ''), unescapeHtml(m[2] ?? ''))
  }
  form.set('username', username)
  form.set('password', options.password ?? LINKEDIN_SEED.password)
  form.set('decision', options.decision ?? 'allow')
  const res = await http.request({
    method: 'POST',
    url: url.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  })
  if (res.status !== 302) return { code: null, state: null, error: `form ${res.status}`, redirectUri, verifier, sentState }
  const location = new URL(res.headers.location ?? '')
  expect(`${location.origin}${location.pathname}`).toBe(redirectUri)
  return {
    code: location.searchParams.get('code'),
    state: location.searchParams.get('state'),
    error: location.searchParams.get('error'),
    redirectUri,
    verifier,
    sentState,
  }
}

async function connect(user: UserKey = 'ava'): Promise<GrantTokens> {
  const auth = await authorize(users[user].handle)
  if (!auth.code) throw new Error(`authorize failed: ${auth.error}`)
  return adapter.exchangeCode(ctx(), { code: auth.code, codeVerifier: auth.verifier, redirectUri: auth.redirectUri })
}

const org = (key: keyof typeof channels, accessToken: string): ChannelTarget => ({
  networkChannelId: channels[key].id,
  accessToken,
  kind: 'organization',
})
const member = (user: UserKey, accessToken: string): ChannelTarget => ({
  networkChannelId: users[user].id,
  accessToken,
  kind: 'member',
  networkUserId: `urn:li:person:${users[user].id}`,
})

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderError)
    return err as ProviderError
  }
  throw new Error('expected a ProviderError')
}

async function expectReason(promise: Promise<unknown>, reason: ProblemReason): Promise<ProviderError> {
  const err = await failure(promise)
  expect(err.reason).toBe(reason)
  return err
}


// -------------------------------------------------------------------------------------------------

describe('LinkedIn OAuth (native PKCE flow)', () => {
  it('runs the full authorize flow over HTTP and exchanges the code for 60-day and 365-day tokens', async () => {
    const auth = await authorize(users.ava.handle)
    expect(auth.error).toBeNull()
    expect(auth.state).toBe(auth.sentState)
    expect(auth.code).toBeTruthy()
    const now = clock.now()
    const grant = await adapter.exchangeCode(ctx(), { code: auth.code ?? '', codeVerifier: auth.verifier, redirectUri: auth.redirectUri })
    expect(grant.accessToken).toBeTruthy()
    expect(grant.refreshToken).toBeTruthy()
    expect(grant.accessExpiresAt).toBe(now + 60 * DAY)
    expect(grant.refreshExpiresAt).toBe(now + 365 * DAY)
    expect(grant.dataAccessExpiresAt).toBeNull()
    expect([...grant.scopes].sort()).toEqual([...LINKEDIN_SCOPES].sort())
  })

  it('accepts a loopback redirect on any port and refuses other redirect URIs', async () => {
    const other = await authorize(users.ava.handle, { port: 61_234 })
    expect(other.code).toBeTruthy()
    const foreign = await authorize(users.ava.handle, { redirectUri: 'https://evil.example/callback/linkedin' })
    expect(foreign.code).toBeNull()
    expect(foreign.error).toBe('page 400')
    const wrongPath = await authorize(users.ava.handle, { redirectUri: 'http://127.0.0.1:5000/callback/x' })
    expect(wrongPath.error).toBe('page 400')
  })

  it('needs no client secret in the native flow', async () => {
    const auth = await authorize(users.ben.handle)
    const grant = await adapter.exchangeCode(ctx({ credentials: { clientId: LINKEDIN_SEED.clientId } }), {
      code: auth.code ?? '',
      codeVerifier: auth.verifier,
      redirectUri: auth.redirectUri,
    })
    expect(grant.refreshToken).toBeTruthy()
    const refreshed = await adapter.refresh?.(ctx({ credentials: { clientId: LINKEDIN_SEED.clientId } }), grant.refreshToken ?? '')
    expect(refreshed?.accessToken).toBeTruthy()
  })

  it('requires the client secret in the standard flow (no PKCE)', async () => {
    const auth = await authorize(users.ava.handle, { pkce: false })
    const input = { code: auth.code ?? '', redirectUri: auth.redirectUri }
    const err = await expectReason(adapter.exchangeCode(ctx({ credentials: { clientId: LINKEDIN_SEED.clientId } }), input), 'other')
    expect(err.failure.status).toBe(401)
    const grant = await adapter.exchangeCode(ctx(), input)
    expect(grant.accessToken).toBeTruthy()
  })

  it('rejects a PKCE verifier that does not match the challenge', async () => {
    const auth = await authorize(users.ava.handle)
    const wrong = randomBytes(32).toString('base64url')
    const err = await expectReason(adapter.exchangeCode(ctx(), { code: auth.code ?? '', codeVerifier: wrong, redirectUri: auth.redirectUri }), 'other')
    expect(err.failure.source).toBe('token_endpoint')
    expect(err.failure.status).toBe(400)
    expect(err.failure.body).toMatchObject({ error: 'invalid_request' })
    expect(err.message).not.toContain(auth.code ?? '')
  })

  it('rejects a reused code and a wrong password, and reports a denial', async () => {
    const auth = await authorize(users.ava.handle)
    const input = { code: auth.code ?? '', codeVerifier: auth.verifier, redirectUri: auth.redirectUri }
    await adapter.exchangeCode(ctx(), input)
    await expectReason(adapter.exchangeCode(ctx(), input), 'other')
    expect((await authorize(users.ava.handle, { password: 'nope' })).error).toBe('form 401')
    expect((await authorize(users.ava.handle, { decision: 'deny' })).error).toBe('access_denied')
  })
})

describe('LinkedIn token lifetimes, refresh and introspection', () => {
  it('expires the access token after 60 days; introspection reports expired', async () => {
    const grant = await connect()
    clock.advance(60 * DAY - 1000)
    expect((await adapter.identify(ctx(), grant.accessToken)).displayName).toBe(users.ava.name)
    clock.advance(2000)
    const err = await expectReason(adapter.identify(ctx(), grant.accessToken), 'expired')
    expect(err.failure.body).toMatchObject({ code: 'EXPIRED_ACCESS_TOKEN' })
    expect(err.message).not.toContain(grant.accessToken)
    const probe = await adapter.probe(ctx(), grant.accessToken)
    expect(probe.valid).toBe(false)
    expect(probe.problem?.reason).toBe('expired')
  })

  it('refresh before day 60 gives a fresh 60-day token; the refresh token stays and counts down', async () => {
    const consent = clock.now()
    const grant = await connect()
    clock.advance(50 * DAY)
    const first = await adapter.refresh?.(ctx(), grant.refreshToken ?? '')
    expect(first).toBeDefined()
    expect(first?.accessToken).not.toBe(grant.accessToken)
    expect(first?.refreshToken).toBe(grant.refreshToken)
    expect(first?.accessExpiresAt).toBe(clock.now() + 60 * DAY)
    expect(first?.refreshExpiresAt).toBe(consent + 365 * DAY)
    const remainingFirst = (first?.refreshExpiresAt ?? 0) - clock.now()
    expect(remainingFirst).toBe(315 * DAY)

    clock.advance(55 * DAY)
    const second = await adapter.refresh?.(ctx(), first?.refreshToken ?? '')
    const remainingSecond = (second?.refreshExpiresAt ?? 0) - clock.now()
    expect(remainingSecond).toBe(260 * DAY)
    expect(remainingSecond).toBeLessThan(remainingFirst)
    expect((await adapter.identify(ctx(), second?.accessToken ?? '')).networkUserId).toBe(`urn:li:person:${users.ava.id}`)
  })

  it('near the end the new access token expires with the refresh token (day 360 → both in 5 days)', async () => {
    const consent = clock.now()
    const grant = await connect()
    clock.advance(360 * DAY)
    const late = await adapter.refresh?.(ctx(), grant.refreshToken ?? '')
    expect(late?.accessExpiresAt).toBe(consent + 365 * DAY)
    expect(late?.refreshExpiresAt).toBe(consent + 365 * DAY)
  })

  it('past day 365 the refresh fails with invalid_grant → refresh_token_dead', async () => {
    const grant = await connect()
    clock.advance(365 * DAY + 1000)
    const err = await expectReason(adapter.refresh?.(ctx(), grant.refreshToken ?? '') ?? Promise.resolve(), 'refresh_token_dead')
    expect(err.failure.body).toMatchObject({ error: 'invalid_grant' })
    expect(err.message).not.toContain(grant.refreshToken ?? '')
  })

  it('introspection reports an active token with its expiry and scopes', async () => {
    const grant = await connect()
    const probe = await adapter.probe(ctx(), grant.accessToken)
    expect(probe.valid).toBe(true)
    expect(probe.accessExpiresAt).toBe(grant.accessExpiresAt)
    expect([...probe.scopes].sort()).toEqual([...LINKEDIN_SCOPES].sort())
    expect(probe.problem).toBeUndefined()
  })

  it('revoke kills the grant: introspection reports revoked and the refresh token is dead', async () => {
    const grant = await connect()
    await adapter.revoke(ctx(), { accessToken: grant.accessToken, refreshToken: grant.refreshToken, networkUserId: `urn:li:person:${users.ava.id}` })
    const probe = await adapter.probe(ctx(), grant.accessToken)
    expect(probe.valid).toBe(false)
    expect(probe.problem?.reason).toBe('revoked_by_user')
    await expectReason(adapter.identify(ctx(), grant.accessToken), 'revoked_by_user')
    await expectReason(adapter.refresh?.(ctx(), grant.refreshToken ?? '') ?? Promise.resolve(), 'refresh_token_dead')
  })

  it('a token LinkedIn does not know at all probes as unusable', async () => {
    const probe = await adapter.probe(ctx(), 'AQV_not_a_token')
    expect(probe.valid).toBe(false)
    expect(probe.problem?.reason).toBe('revoked_by_user')
  })

  it('without a client secret the probe falls back to /v2/me and classifies its error', async () => {
    const grant = await connect()
    const noSecret = ctx({ credentials: { clientId: LINKEDIN_SEED.clientId } })
    expect((await adapter.probe(noSecret, grant.accessToken)).valid).toBe(true)
    clock.advance(61 * DAY)
    const probe = await adapter.probe(noSecret, grant.accessToken)
    expect(probe.valid).toBe(false)
    expect(probe.problem?.reason).toBe('expired')
  })
})

describe('LinkedIn breakers produce LinkedIn’s signatures', () => {
  it('expired access tokens', async () => {
    const grant = await connect()
    sandbox.controls.expireAccessTokens('linkedin', users.ava.id)
    await expectReason(adapter.discoverChannels(ctx(), { accessToken: grant.accessToken, networkUserId: '' }), 'expired')
    expect((await adapter.probe(ctx(), grant.accessToken)).problem?.reason).toBe('expired')
    // The refresh token is untouched: a refresh heals it.
    const healed = await adapter.refresh?.(ctx(), grant.refreshToken ?? '')
    expect((await adapter.probe(ctx(), healed?.accessToken ?? '')).valid).toBe(true)
  })

  it('password changed shows as a revoked token (LinkedIn has no separate signal)', async () => {
    const grant = await connect()
    sandbox.controls.changePassword('linkedin', users.ava.id)
    const err = await expectReason(adapter.identify(ctx(), grant.accessToken), 'revoked_by_user')
    expect(err.failure.body).toMatchObject({ code: 'REVOKED_ACCESS_TOKEN', serviceErrorCode: 65601 })
    expect((await adapter.probe(ctx(), grant.accessToken)).problem?.reason).toBe('revoked_by_user')
    await expectReason(adapter.refresh?.(ctx(), grant.refreshToken ?? '') ?? Promise.resolve(), 'refresh_token_dead')
  })

  it('app removed', async () => {
    const grant = await connect()
    sandbox.controls.removeApp('linkedin', users.ava.id)
    await expectReason(adapter.publish(ctx(), org('northwind', grant.accessToken), { text: 'Hi' }), 'revoked_by_user')
    expect((await adapter.probe(ctx(), grant.accessToken)).problem?.reason).toBe('revoked_by_user')
  })

  it('role lost: a 403 on the organisation is confirmed through organisation ACLs; the backup link still works', async () => {
    const ava = await connect('ava')
    const ben = await connect('ben')
    sandbox.controls.removeRole('linkedin', users.ava.id, channels.northwind.id)
    const err = await expectReason(adapter.publish(ctx(), org('northwind', ava.accessToken), { text: 'Hello' }), 'role_lost')
    expect(err.failure.status).toBe(403)
    expect(err.failure.body).toMatchObject({ code: 'ACCESS_DENIED' })
    await expectReason(adapter.listComments(ctx(), org('northwind', ava.accessToken), null), 'role_lost')
    await expectReason(adapter.channelInsights(ctx(), org('northwind', ava.accessToken), { sinceDay: '2026-01-01', untilDay: '2026-01-04' }), 'role_lost')
    // The token itself is fine, and Ben's link to the same page still publishes.
    expect((await adapter.probe(ctx(), ava.accessToken)).valid).toBe(true)
    const post = await adapter.publish(ctx(), org('northwind', ben.accessToken), { text: 'Still here' })
    expect(post.networkPostId).toMatch(/^urn:li:share:/)
    const discovered = await adapter.discoverChannels(ctx(), { accessToken: ava.accessToken, networkUserId: '' })
    expect(discovered.map((c) => c.networkChannelId)).not.toContain(channels.northwind.id)
  })

  it('scope revoked: ACCESS_DENIED stays scope_missing while the role is there; introspection confirms', async () => {
    const grant = await connect()
    sandbox.controls.revokeScope('linkedin', users.ava.id, 'w_organization_social')
    await expectReason(adapter.publish(ctx(), org('northwind', grant.accessToken), { text: 'Hello' }), 'scope_missing')
    const probe = await adapter.probe(ctx(), grant.accessToken)
    expect(probe.valid).toBe(false)
    expect(probe.problem?.reason).toBe('scope_missing')
    expect(probe.scopes).not.toContain('w_organization_social')
  })

  it('account action required shows as an invalid token, confirmed by introspection', async () => {
    const grant = await connect()
    sandbox.controls.requireAccountAction('linkedin', users.ava.id)
    const err = await expectReason(adapter.identify(ctx(), grant.accessToken), 'unknown_auth')
    expect(err.failure.body).toMatchObject({ code: 'INVALID_ACCESS_TOKEN', serviceErrorCode: 65600 })
    expect((await adapter.probe(ctx(), grant.accessToken)).valid).toBe(false)
  })

  it('refresh tokens killed → refresh_token_dead; the current access token keeps working until it expires', async () => {
    const grant = await connect()
    sandbox.controls.killRefreshTokens('linkedin', users.ava.id)
    await expectReason(adapter.refresh?.(ctx(), grant.refreshToken ?? '') ?? Promise.resolve(), 'refresh_token_dead')
    expect((await adapter.identify(ctx(), grant.accessToken)).handle).toBe(users.ava.handle)
  })

  it('lapsed data access is not a LinkedIn concept and changes nothing', async () => {
    const grant = await connect()
    sandbox.controls.lapseDataAccess('linkedin', users.ava.id)
    expect((await adapter.probe(ctx(), grant.accessToken)).valid).toBe(true)
    expect((await adapter.identify(ctx(), grant.accessToken)).displayName).toBe(users.ava.name)
  })
})

describe('LinkedIn identity and discovery', () => {
  it('identifies the member through /v2/me', async () => {
    const grant = await connect()
    expect(await adapter.identify(ctx(), grant.accessToken)).toEqual({
      networkUserId: `urn:li:person:${users.ava.id}`,
      displayName: users.ava.name,
      handle: users.ava.handle,
    })
  })

  it('discovers the member and the organisations from approved ACLs with role capabilities', async () => {
    const ava = await connect('ava')
    const found = await adapter.discoverChannels(ctx(), { accessToken: ava.accessToken, networkUserId: `urn:li:person:${users.ava.id}` })
    expect(found.map((c) => [c.kind, c.networkChannelId])).toEqual([
      ['member', users.ava.id],
      ['organization', channels.northwind.id],
      ['organization', channels.contoso.id],
    ])
    const northwind = found.find((c) => c.networkChannelId === channels.northwind.id)
    expect(northwind).toMatchObject({
      name: channels.northwind.name,
      handle: channels.northwind.handle,
      tasks: ['ADMINISTRATOR'],
      capabilities: { publish: true, moderate: true, analyze: true },
    })
    expect(found[0]?.capabilities).toEqual({ publish: true, moderate: false, analyze: false })
  })

  it('finds the shared page through a second member (backup link) and fewer roles for the analyst', async () => {
    const ben = await connect('ben')
    const benChannels = await adapter.discoverChannels(ctx(), { accessToken: ben.accessToken, networkUserId: '' })
    expect(benChannels.find((c) => c.networkChannelId === channels.northwind.id)?.tasks).toEqual(['CONTENT_ADMINISTRATOR'])
    expect(benChannels.map((c) => c.networkChannelId)).toContain(channels.fabrikam.id)

    const chloe = await connect('chloe')
    const chloeChannels = await adapter.discoverChannels(ctx(), { accessToken: chloe.accessToken, networkUserId: '' })
    expect(chloeChannels.filter((c) => c.kind === 'organization')).toEqual([
      expect.objectContaining({ networkChannelId: channels.contoso.id, tasks: ['ANALYST'], capabilities: { publish: false, moderate: false, analyze: true } }),
    ])
  })
})

describe('LinkedIn publishing', () => {
  it('publishes a text post; the id comes from x-restli-id and its content finds it again', async () => {
    const grant = await connect()
    const before = clock.now()
    const draft = { text: 'Launch day (beta) #news' }
    const post = await adapter.publish(ctx(), org('northwind', grant.accessToken), draft)
    expect(post.networkPostId).toMatch(/^urn:li:share:\d+$/)
    expect(post.url).toBe(`https://www.linkedin.com/feed/update/${post.networkPostId}/`)
    expect(post.publishedAt).toBe(before)
    const stored = sandbox.world.posts.get(post.networkPostId.replace('urn:li:share:', ''))
    // Little text: reserved characters arrive escaped.
    expect(stored?.text).toBe('Launch day \\(beta\\) \\#news')
    expect(stored?.channelId).toBe(channels.northwind.id)

    expect(await adapter.findPublished(ctx(), org('northwind', grant.accessToken), { draft, sinceMs: before - DAY })).toEqual({
      kind: 'found',
      post: { networkPostId: post.networkPostId, url: post.url, publishedAt: before },
    })
    expect(await adapter.findPublished(ctx(), org('northwind', grant.accessToken), { draft: { text: 'Never published at all' }, sinceMs: before - DAY })).toEqual({ kind: 'absent' })
    expect(await adapter.findPublished(ctx(), org('northwind', grant.accessToken), { draft, sinceMs: before + 1 })).toEqual({ kind: 'absent' })
  })

  it('publishes a link as an article and an image through initializeUpload + PUT', async () => {
    const grant = await connect()
    const linkPost = await adapter.publish(ctx(), org('contoso', grant.accessToken), {
      text: 'Our report\nMore inside',
      link: 'https://contoso.example/report',
    })
    expect(sandbox.world.posts.get(linkPost.networkPostId.split(':').pop() ?? '')?.link).toBe('https://contoso.example/report')

    const image = { bytes: new Uint8Array(2048).fill(7), mimeType: 'image/png' as const, width: 1200, height: 627, altText: 'A chart' }
    const imagePost = await adapter.publish(ctx(), org('contoso', grant.accessToken), { text: 'See the chart', link: 'https://contoso.example/c', image })
    const stored = sandbox.world.posts.get(imagePost.networkPostId.split(':').pop() ?? '')
    expect(stored?.imageUrl).toMatch(/\/media\/urn:li:image:/)
    expect(stored?.text).toContain('https://contoso.example/c')
  })

  it('publishes as the member; reading member posts back is not possible on LinkedIn', async () => {
    const grant = await connect('ben')
    const post = await adapter.publish(ctx(), member('ben', grant.accessToken), { text: 'Personal note' })
    expect(sandbox.world.posts.get(post.networkPostId.split(':').pop() ?? '')?.channelId).toBe(users.ben.id)
    expect(await adapter.findPublished(ctx(), member('ben', grant.accessToken), { draft: { text: 'Personal note' }, sinceMs: 0 })).toMatchObject({ kind: 'unanswerable' })
  })

  it('an analyst cannot publish: the ACLs show no role that allows it', async () => {
    const grant = await connect('chloe')
    await expectReason(adapter.publish(ctx(), org('contoso', grant.accessToken), { text: 'Hi' }), 'role_lost')
  })

  it('refuses content LinkedIn would reject before calling it', async () => {
    const grant = await connect()
    const before = sandbox.stats.requests
    await expectReason(adapter.publish(ctx(), org('northwind', grant.accessToken), { text: 'a'.repeat(3001) }), 'other')
    expect(sandbox.stats.requests).toBe(before)
  })
})

describe('LinkedIn comments', () => {
  it('lists seeded comments and replies with names, then only newer ones by cursor', async () => {
    const grant = await connect()
    const target = org('northwind', grant.accessToken)
    const first = await adapter.listComments(ctx(), target, null)
    expect(first.comments.length).toBeGreaterThan(3)
    expect(first.cursor).toBeTruthy()
    for (const c of first.comments) {
      expect(c.networkCommentId).toMatch(/^urn:li:comment:\(urn:li:activity:\d+,\d+\)$/)
      expect(c.networkPostId).toMatch(/^urn:li:share:\d+$/)
      expect(c.createdAt).toBeLessThanOrEqual(clock.now())
      expect(c.authorName).not.toBe('LinkedIn member')
    }
    const replies = first.comments.filter((c) => c.parentCommentId !== null)
    expect(replies.length).toBeGreaterThan(0)
    expect(replies.some((c) => c.authorName === channels.northwind.name)).toBe(true)
    expect(first.comments.some((c) => ['Maya Chen', 'Tomás Ruiz', 'Priya Nair', 'Jonas Weber', 'Aiko Tanaka', 'Samuel Osei'].includes(c.authorName))).toBe(true)

    const again = await adapter.listComments(ctx(), target, first.cursor)
    expect(again.comments).toEqual([])
    expect(again.cursor).toBe(first.cursor)

    // Scheduled activity arrives as the clock moves.
    clock.advance(10 * DAY)
    const later = await adapter.listComments(ctx(), target, first.cursor)
    expect(later.comments.length).toBeGreaterThan(0)
    const seen = new Set(first.comments.map((c) => c.networkCommentId))
    for (const c of later.comments) {
      expect(seen.has(c.networkCommentId)).toBe(false)
      expect(c.createdAt).toBeGreaterThan(clock.now() - 10 * DAY)
    }
  })

  it('replies as the page; a reply to a reply goes to the top-level comment', async () => {
    const grant = await connect()
    const target = org('northwind', grant.accessToken)
    const page = await adapter.listComments(ctx(), target, null)
    const top = page.comments.find((c) => c.parentCommentId === null)
    expect(top).toBeDefined()
    const reply = await adapter.reply(ctx(), target, { networkCommentId: top?.networkCommentId ?? '', networkPostId: top?.networkPostId ?? '', text: 'Thanks for asking!' })
    expect(reply.networkCommentId).toMatch(/^urn:li:comment:\(urn:li:activity:\d+,\d+\)$/)

    const next = await adapter.listComments(ctx(), target, page.cursor)
    expect(next.comments).toEqual([
      expect.objectContaining({
        networkCommentId: reply.networkCommentId,
        parentCommentId: top?.networkCommentId,
        authorName: channels.northwind.name,
        authorHandle: channels.northwind.handle,
        text: 'Thanks for asking!',
      }),
    ])

    const nested = await adapter.reply(ctx(), target, { networkCommentId: reply.networkCommentId, networkPostId: top?.networkPostId ?? '', text: 'One more thing' })
    const after = await adapter.listComments(ctx(), target, next.cursor)
    expect(after.comments.find((c) => c.networkCommentId === nested.networkCommentId)?.parentCommentId).toBe(top?.networkCommentId)
  })

  it('after the first read, a poll asks the notifications which posts have new comments and reads only those', async () => {
    const grant = await connect()
    const target = org('northwind', grant.accessToken)
    const first = await adapter.listComments(ctx(), target, null)
    const paths: string[] = []
    const counting: Http = { request: (req) => (paths.push(new URL(req.url).pathname), http.request(req)) }

    // Nothing new: one call.
    clock.advance(10 * 60_000)
    const quiet = await adapter.listComments(ctx({ http: counting }), target, first.cursor)
    expect(quiet.comments).toEqual([])
    expect(paths).toEqual(['/linkedin/rest/organizationalEntityNotifications'])

    // A visitor comments on one post: its thread is read, no other post's.
    const world = sandbox.world
    const post = [...world.posts.values()].filter((p) => p.channelId === channels.northwind.id).sort((a, b) => b.createdAt - a.createdAt)[1]
    if (!post) throw new Error('no second Northwind post')
    clock.advance(5 * 60_000)
    world.addComment({ network: 'linkedin', postId: post.id, parentId: null, authorName: 'Zoë Martín', authorHandle: 'zoe-martin', text: 'Is the warehouse open to visitors?', viaApi: false })
    paths.length = 0
    const next = await adapter.listComments(ctx({ http: counting }), target, quiet.cursor)
    expect(next.comments.map((c) => c.text)).toEqual(['Is the warehouse open to visitors?'])
    const threads = new Set(paths.filter((p) => p.includes('/socialActions/')).map((p) => decodeURIComponent(p).replace(/^.*\/socialActions\/([^/]+)\/.*$/, '$1')))
    expect([...threads].every((urn) => urn === `urn:li:share:${post.id}` || urn.includes(`urn:li:activity:${post.id},`))).toBe(true)
    expect(paths.filter((p) => p.endsWith('/rest/posts'))).toEqual([])
  })

  it('an edited comment is read again with its new text, and the cursor does not move back', async () => {
    const grant = await connect()
    const target = org('northwind', grant.accessToken)
    const first = await adapter.listComments(ctx(), target, null)
    const oldest = first.comments.find((c) => c.parentCommentId === null)
    const id = /,(\d+)\)$/.exec(oldest?.networkCommentId ?? '')?.[1] ?? ''
    const comment = sandbox.world.comments.get(id)
    if (!comment) throw new Error('no seeded comment to edit')
    clock.advance(10 * 60_000)
    sandbox.world.comments.set(id, { ...comment, text: 'Edited: see you there', editedAt: clock.now() })
    const next = await adapter.listComments(ctx(), target, first.cursor)
    expect(next.comments.find((c) => c.networkCommentId === oldest?.networkCommentId)?.text).toBe('Edited: see you there')
    const newestOf = (cursor: string | null): number => (JSON.parse(Buffer.from(cursor ?? '', 'base64url').toString('utf8')) as { t: number }).t
    expect(newestOf(next.cursor)).toBeGreaterThanOrEqual(newestOf(first.cursor))
  })

  it('after a break longer than LinkedIn keeps notifications, the read looks through the recent posts again', async () => {
    const grant = await connect()
    const target = org('northwind', grant.accessToken)
    const first = await adapter.listComments(ctx(), target, null)
    clock.advance(61 * DAY)
    const fresh = await connect()
    const paths: string[] = []
    const counting: Http = { request: (req) => (paths.push(new URL(req.url).pathname), http.request(req)) }
    const later = await adapter.listComments(ctx({ http: counting }), org('northwind', fresh.accessToken), first.cursor)
    expect(paths).toContain('/linkedin/rest/posts')
    expect(paths).not.toContain('/linkedin/rest/organizationalEntityNotifications')
    expect(later.comments.length).toBeGreaterThan(0)
  })

  it('member channels have no readable comments', async () => {
    const grant = await connect()
    expect(await adapter.listComments(ctx(), member('ava', grant.accessToken), null)).toEqual({ comments: [], cursor: null })
  })

  it('comment calls with an expired token are classified', async () => {
    const grant = await connect()
    clock.advance(61 * DAY)
    await expectReason(adapter.listComments(ctx(), org('northwind', grant.accessToken), null), 'expired')
    await expectReason(
      adapter.reply(ctx(), org('northwind', grant.accessToken), { networkCommentId: 'urn:li:comment:(urn:li:activity:1,2)', networkPostId: 'urn:li:share:1', text: 'x' }),
      'expired',
    )
  })
})

describe('LinkedIn insights', () => {
  it('returns deterministic daily share and follower metrics per channel', async () => {
    const grant = await connect()
    const range = { sinceDay: '2025-12-29', untilDay: '2026-01-04' }
    const metrics = await adapter.channelInsights(ctx(), org('northwind', grant.accessToken), range)
    const days = [...new Set(metrics.map((m) => m.day))]
    expect(days).toEqual(['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'])
    const names = new Set(metrics.map((m) => m.metric))
    for (const n of ['impressions', 'unique_impressions', 'clicks', 'reactions', 'comments', 'shares', 'engagement_rate', 'followers_gained_organic', 'followers_gained_paid']) {
      expect(names.has(n)).toBe(true)
    }
    for (const m of metrics) expect(m.value).toBeGreaterThanOrEqual(0)
    expect(await adapter.channelInsights(ctx(), org('northwind', grant.accessToken), range)).toEqual(metrics)
    // Other channels differ.
    expect(await adapter.channelInsights(ctx(), org('contoso', grant.accessToken), range)).not.toEqual(metrics)
  })

  it('the same seed gives the same numbers in another sandbox', async () => {
    const grant = await connect()
    const range = { sinceDay: '2026-01-01', untilDay: '2026-01-03' }
    const here = await adapter.channelInsights(ctx(), org('contoso', grant.accessToken), range)
    const [mainSandbox, mainClock] = [sandbox, clock]
    clock = createFakeClock()
    sandbox = await startSandboxNetwork({ clock, seed: 7 })
    try {
      const otherGrant = await connect()
      expect(await adapter.channelInsights(ctx(), org('contoso', otherGrant.accessToken), range)).toEqual(here)
    } finally {
      await sandbox.close()
      sandbox = mainSandbox
      clock = mainClock
    }
  })

  it('an analyst can read insights; members have none; future days are not reported', async () => {
    const chloe = await connect('chloe')
    const metrics = await adapter.channelInsights(ctx(), org('contoso', chloe.accessToken), { sinceDay: '2026-01-04', untilDay: '2026-02-01' })
    expect([...new Set(metrics.map((m) => m.day))]).toEqual(['2026-01-04'])
    expect(await adapter.channelInsights(ctx(), member('chloe', chloe.accessToken), { sinceDay: '2026-01-01', untilDay: '2026-01-04' })).toEqual([])
  })

  it('per-post lifetime statistics grow as the post ages', async () => {
    const grant = await connect()
    const target = org('northwind', grant.accessToken)
    const post = await adapter.publish(ctx(), target, { text: 'Fresh news' })
    const fresh = await adapter.postInsights(ctx(), target, post.networkPostId)
    expect(fresh.find((m) => m.metric === 'impressions')?.value).toBe(0)
    clock.advance(5 * DAY)
    const aged = await adapter.postInsights(ctx(), target, post.networkPostId)
    expect(aged.every((m) => m.day === '2026-01-10')).toBe(true)
    expect(aged.find((m) => m.metric === 'impressions')?.value).toBeGreaterThan(0)
    expect(await adapter.postInsights(ctx(), member('ava', grant.accessToken), post.networkPostId)).toEqual([])
  })

  it('insights with a revoked token are classified', async () => {
    const grant = await connect()
    sandbox.controls.removeApp('linkedin', users.ava.id)
    await expectReason(adapter.postInsights(ctx(), org('northwind', grant.accessToken), 'urn:li:share:1'), 'revoked_by_user')
  })
})

describe('LinkedIn faults', () => {
  it('a rate-limited answer is rate_limited with the wait until midnight UTC', async () => {
    const grant = await connect()
    sandbox.controls.rateLimit('linkedin', 60_000)
    const err = await expectReason(adapter.identify(ctx(), grant.accessToken), 'rate_limited')
    expect(err.failure.status).toBe(429)
    // The fake clock starts at 09:00 UTC.
    expect(err.classified.retryAfterMs).toBe(15 * 60 * 60 * 1000)
    clock.advance(61_000)
    expect((await adapter.identify(ctx(), grant.accessToken)).handle).toBe(users.ava.handle)
  })

  it('a 5xx is transient', async () => {
    const grant = await connect()
    sandbox.controls.failNext('linkedin', 1, 503)
    const err = await expectReason(adapter.channelInsights(ctx(), org('northwind', grant.accessToken), { sinceDay: '2026-01-01', untilDay: '2026-01-02' }), 'transient')
    expect(err.failure.body).toMatchObject({ status: 503 })
    sandbox.controls.failNext('linkedin', 1, 500)
    await expectReason(adapter.refresh?.(ctx(), grant.refreshToken ?? '') ?? Promise.resolve(), 'transient')
  })

  it('a hang with a short timeout is transient', async () => {
    const grant = await connect()
    sandbox.controls.hangNext('linkedin', 1)
    const err = await expectReason(adapter.identify(ctx({ timeoutMs: 300 }), grant.accessToken), 'transient')
    expect(err.failure.source).toBe('transport')
  })

  it('a 2xx with garbage JSON is transient', async () => {
    const grant = await connect()
    let armed = true
    const garbling: Http = {
      async request(req) {
        const res = await http.request(req)
        if (armed && req.url.includes('/rest/organizationAcls')) {
          armed = false
          return { ...res, body: '{"elements":[{"role":' }
        }
        return res
      },
    }
    await expectReason(adapter.discoverChannels(ctx({ http: garbling }), { accessToken: grant.accessToken, networkUserId: '' }), 'transient')
    await expectReason(adapter.identify(ctx({ http: { request: async (req) => ({ ...(await http.request(req)), body: '<html>ok</html>' }) } }), grant.accessToken), 'transient')
  })
})
