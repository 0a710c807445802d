/**
 * The X adapter against the sandbox's X dialect over real loopback HTTP, on a fake clock: the
 * authorize page driven like a browser, PKCE, two-hour access tokens, rotating single-use refresh
 * tokens with family revocation on replay, every operation, every breaker, and the faults.
 */
import { createHash, randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ProblemReason } from '../../../src/shared/domain/health'
import type { Http } from '../../../src/main/ports'
import { createNodeHttp } from '../../../src/main/platform/node-http'
import { ProviderError } from '../../../src/main/providers/provider-error'
import type { ChannelTarget, GrantTokens, PostImage, ProviderContext } from '../../../src/main/providers/types'
import { X_REDIRECT_PORTS, X_SCOPES, X_SNOWFLAKE_EPOCH_MS } from '../../../src/main/providers/x/config'
import { xAdapter } from '../../../src/main/providers/x/index'
import { X_SEED } from '../../../src/main/sandbox/dialects/x'
import { startSandboxNetwork, type SandboxNetwork } from '../../../src/main/sandbox/server'
import { createFakeClock, type FakeClock } from '../../fakes/clock'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const BRAND = X_SEED.users.brand
const LABS = X_SEED.users.labs
function refreshOf(c: ProviderContext, refreshToken: string): Promise<GrantTokens> {
  if (!xAdapter.refresh) throw new Error('the X adapter refreshes tokens')
  return xAdapter.refresh(c, refreshToken)
}

let clock: FakeClock
let sandbox: SandboxNetwork
let http: Http
let ctx: ProviderContext

beforeEach(async () => {
  clock = createFakeClock()
  sandbox = await startSandboxNetwork({ clock, seed: 7 })
  http = createNodeHttp({ defaultTimeoutMs: 5_000 })
  ctx = { http, clock, endpoints: sandbox.endpoints('x'), credentials: sandbox.credentials('x'), timeoutMs: 5_000 }
})

afterEach(async () => {
  await sandbox.close()
})

// ---------------------------------------------------------------------------------------------
// Helpers

const newVerifier = (): string => randomBytes(32).toString('base64url')
const challengeOf = (verifier: string): string => createHash('sha256').update(verifier, 'ascii').digest('base64url')
const redirectUri = (port: number = X_REDIRECT_PORTS[0]): string => `http://127.0.0.1:${port}/callback/x`

interface AuthorizeOptions {
  username?: string
  password?: string
  verifier?: string
  redirect?: string
  scopes?: readonly string[]
  state?: string | null
}

function authorizeUrl(c: ProviderContext, o: AuthorizeOptions & { verifier: string }): URL {
  const oauth = xAdapter.oauth(c)
  const url = new URL(oauth.authorizationEndpoint)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('client_id', c.credentials.clientId)
  url.searchParams.set('redirect_uri', o.redirect ?? redirectUri())
  url.searchParams.set('scope', (o.scopes ?? oauth.scopes).join(oauth.scopeSeparator))
  if (o.state !== null) url.searchParams.set('state', o.state ?? 'state-123')
  url.searchParams.set('code_challenge', challengeOf(o.verifier))
  url.searchParams.set('code_challenge_method', 'S256')
  return url
}

/** Drives the consent page like a browser: GET the form, POST the sign-in, read the 302. */
async function authorize(o: AuthorizeOptions = {}, c: ProviderContext = ctx): Promise<{ code: string; state: string | null; verifier: string; redirect: string }> {
  const verifier = o.verifier ?? newVerifier()
  const url = authorizeUrl(c, { ...o, verifier })
  const page = await http.request({ method: 'GET', url: url.toString() })
  expect(page.status).toBe(200)
  expect(page.headers['content-type']).toContain('text/html')
  expect(page.body).toContain('<form method="post">')
  const form = new URLSearchParams(url.searchParams)
  form.set('username', o.username ?? BRAND.handle)
  form.set('password', o.password ?? X_SEED.password)
  form.set('decision', 'allow')
  const res = await http.request({
    method: 'POST',
    url: `${url.origin}${url.pathname}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  })
  expect(res.status).toBe(302)
  const location = new URL(res.headers.location ?? '')
  expect(`${location.origin}${location.pathname}`).toBe(o.redirect ?? redirectUri())
  const code = location.searchParams.get('code')
  if (!code) throw new Error(`no code in redirect: ${location.search}`)
  return { code, state: location.searchParams.get('state'), verifier, redirect: o.redirect ?? redirectUri() }
}

async function connect(username: string = BRAND.handle, c: ProviderContext = ctx): Promise<GrantTokens> {
  const { code, verifier, redirect } = await authorize({ username }, c)
  return xAdapter.exchangeCode(c, { code, codeVerifier: verifier, redirectUri: redirect })
}

const targetOf = (grant: GrantTokens, user: { id: string } = BRAND): ChannelTarget => ({
  networkChannelId: user.id,
  accessToken: grant.accessToken,
  networkUserId: user.id,
  kind: 'account',
})

async function expectReason(promise: Promise<unknown>, reason: ProblemReason): Promise<ProviderError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(ProviderError)
  const pe = err as ProviderError
  expect(pe.reason).toBe(reason)
  expect(pe.network).toBe('x')
  return pe
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
const pngImage = (altText?: string): PostImage => ({ bytes: new Uint8Array(PNG), mimeType: 'image/png', width: 1, height: 1, altText })

const brandPosts = () =>
  [...sandbox.world.posts.values()].filter((p) => p.network === 'x' && p.authorUserId === BRAND.id).sort((a, b) => b.createdAt - a.createdAt)

const snowflakeAt = (ms: number): string => (BigInt(ms - X_SNOWFLAKE_EPOCH_MS) << 22n).toString()

let serial = 0
/** A text no other test sends (X refuses the same text twice). */
const unique = (): string => `${(++serial).toString(36)}${randomBytes(3).toString('hex')}`

// ---------------------------------------------------------------------------------------------

describe('X sign-in (authorization code + PKCE)', () => {
  it('runs the whole flow over HTTP and returns two-hour tokens with a refresh token', async () => {
    const { code, state, verifier, redirect } = await authorize({ state: 'xyz-state' })
    expect(state).toBe('xyz-state')
    const grant = await xAdapter.exchangeCode(ctx, { code, codeVerifier: verifier, redirectUri: redirect })
    expect(grant.accessToken).toBeTruthy()
    expect(grant.refreshToken).toBeTruthy()
    expect(grant.accessExpiresAt).toBe(clock.now() + 2 * HOUR)
    expect(grant.refreshExpiresAt).toBeNull()
    expect(grant.dataAccessExpiresAt).toBeNull()
    expect(grant.scopes).toEqual(expect.arrayContaining([...X_SCOPES]))
    expect(await xAdapter.identify(ctx, grant.accessToken)).toEqual({ networkUserId: BRAND.id, displayName: BRAND.name, handle: BRAND.handle })
  })

  it('accepts each of the three registered ports and refuses any other', async () => {
    for (const port of X_REDIRECT_PORTS) {
      const { code, verifier, redirect } = await authorize({ redirect: redirectUri(port) })
      await expect(xAdapter.exchangeCode(ctx, { code, codeVerifier: verifier, redirectUri: redirect })).resolves.toMatchObject({ scopes: expect.any(Array) })
    }
    const url = authorizeUrl(ctx, { verifier: newVerifier(), redirect: redirectUri(5555) })
    const page = await http.request({ method: 'GET', url: url.toString() })
    expect(page.status).toBe(400)
    expect(page.body).toContain('is not registered')
    const localhost = authorizeUrl(ctx, { verifier: newVerifier(), redirect: `http://localhost:${X_REDIRECT_PORTS[0]}/callback/x` })
    expect((await http.request({ method: 'GET', url: localhost.toString() })).status).toBe(400)
  })

  it('requires PKCE and state on the authorize page', async () => {
    const url = authorizeUrl(ctx, { verifier: newVerifier() })
    url.searchParams.delete('code_challenge')
    url.searchParams.delete('code_challenge_method')
    const res = await http.request({ method: 'GET', url: url.toString() })
    expect(res.status).toBe(302)
    expect(new URL(res.headers.location ?? '').searchParams.get('error')).toBe('invalid_request')
    const noState = authorizeUrl(ctx, { verifier: newVerifier(), state: null })
    expect((await http.request({ method: 'GET', url: noState.toString() })).status).toBe(400)
  })

  it('rejects a PKCE verifier that does not match the challenge', async () => {
    const { code, redirect } = await authorize()
    const err = await expectReason(xAdapter.exchangeCode(ctx, { code, codeVerifier: newVerifier(), redirectUri: redirect }), 'other')
    expect(err.failure).toMatchObject({
      source: 'token_endpoint',
      status: 400,
      body: { error: 'invalid_request', error_description: 'Value passed for the code verifier did not match the code challenge.' },
    })
  })

  it('rejects a reused code and ends the grant it produced', async () => {
    const { code, verifier, redirect } = await authorize()
    const grant = await xAdapter.exchangeCode(ctx, { code, codeVerifier: verifier, redirectUri: redirect })
    const err = await expectReason(xAdapter.exchangeCode(ctx, { code, codeVerifier: verifier, redirectUri: redirect }), 'other')
    expect(err.failure.body).toMatchObject({ error_description: 'Value passed for the authorization code was invalid.' })
    expect((await xAdapter.probe(ctx, grant.accessToken)).valid).toBe(false)
  })

  it('rejects a wrong password on the consent page without redirecting', async () => {
    const url = authorizeUrl(ctx, { verifier: newVerifier() })
    const form = new URLSearchParams(url.searchParams)
    form.set('username', BRAND.handle)
    form.set('password', 'wrong')
    form.set('decision', 'allow')
    const res = await http.request({ method: 'POST', url: `${url.origin}${url.pathname}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() })
    expect(res.status).toBe(401)
    expect(res.body).toContain('do not match')
  })

  it('issues no refresh token without offline.access', async () => {
    const { code, verifier, redirect } = await authorize({ scopes: X_SCOPES.filter((s) => s !== 'offline.access') })
    const grant = await xAdapter.exchangeCode(ctx, { code, codeVerifier: verifier, redirectUri: redirect })
    expect(grant.refreshToken).toBeUndefined()
  })

  it('authenticates a confidential client with HTTP Basic, and refuses a wrong secret', async () => {
    const confidential: ProviderContext = { ...ctx, credentials: { clientId: X_SEED.clientId, clientSecret: X_SEED.clientSecret } }
    expect(xAdapter.oauth(confidential).tokenAuth).toBe('client_secret_basic')
    const grant = await connect(BRAND.handle, confidential)
    expect(grant.refreshToken).toBeTruthy()
    const renewed = await refreshOf(confidential, grant.refreshToken ?? '')
    expect(renewed.accessToken).not.toBe(grant.accessToken)

    const wrong: ProviderContext = { ...ctx, credentials: { clientId: X_SEED.clientId, clientSecret: 'nope' } }
    const { code, verifier, redirect } = await authorize()
    const err = await expectReason(xAdapter.exchangeCode(wrong, { code, codeVerifier: verifier, redirectUri: redirect }), 'other')
    expect(err.failure).toMatchObject({ status: 401, body: { error: 'unauthorized_client', error_description: 'Missing valid authorization header' } })
  })
})

describe('X token lifetimes and rotation', () => {
  it('access tokens die after two hours on the clock', async () => {
    const grant = await connect()
    clock.advance(2 * HOUR - MINUTE)
    expect((await xAdapter.probe(ctx, grant.accessToken)).valid).toBe(true)
    clock.advance(MINUTE)
    const probe = await xAdapter.probe(ctx, grant.accessToken)
    expect(probe).toMatchObject({ valid: false, problem: { reason: 'unknown_auth' } })
    const err = await expectReason(xAdapter.identify(ctx, grant.accessToken), 'unknown_auth')
    expect(err.failure).toMatchObject({ status: 401, body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } })
    expect(err.failure.headers?.['x-rate-limit-reset']).toBeUndefined()
  })

  it('refresh rotates: a new pair each time, two more hours from the refresh, old refresh token spent', async () => {
    const first = await connect()
    clock.advance(2 * HOUR + 5 * MINUTE) // the access token has lapsed; the refresh token has not
    const second = await refreshOf(ctx, first.refreshToken ?? '')
    expect(second.accessToken).not.toBe(first.accessToken)
    expect(second.refreshToken).toBeTruthy()
    expect(second.refreshToken).not.toBe(first.refreshToken)
    expect(second.accessExpiresAt).toBe(clock.now() + 2 * HOUR)
    expect((await xAdapter.probe(ctx, second.accessToken)).valid).toBe(true)

    const third = await refreshOf(ctx, second.refreshToken ?? '')
    expect(third.refreshToken).not.toBe(second.refreshToken)
    clock.advance(2 * HOUR)
    expect((await xAdapter.probe(ctx, third.accessToken)).valid).toBe(false)
  })

  it('replaying a spent refresh token fails with invalid_request and kills the whole token family', async () => {
    const first = await connect()
    const second = await refreshOf(ctx, first.refreshToken ?? '')
    const replay = await expectReason(refreshOf(ctx, first.refreshToken ?? ''), 'refresh_token_dead')
    expect(replay.failure).toMatchObject({
      source: 'token_endpoint',
      status: 400,
      body: { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' },
    })
    // The legitimate newest pair dies with it (RFC 9700 §4.14.2).
    await expectReason(refreshOf(ctx, second.refreshToken ?? ''), 'refresh_token_dead')
    expect(await xAdapter.probe(ctx, second.accessToken)).toMatchObject({ valid: false, problem: { reason: 'unknown_auth' } })
  })

  it('a second connection of the same account is an independent grant (X’s backup link)', async () => {
    const teammateA = await connect()
    const teammateB = await connect()
    const a2 = await refreshOf(ctx, teammateA.refreshToken ?? '')
    await expectReason(refreshOf(ctx, teammateA.refreshToken ?? ''), 'refresh_token_dead') // kills A's family
    expect((await xAdapter.probe(ctx, a2.accessToken)).valid).toBe(false)
    expect((await xAdapter.probe(ctx, teammateB.accessToken)).valid).toBe(true)
    await expect(refreshOf(ctx, teammateB.refreshToken ?? '')).resolves.toMatchObject({ refreshToken: expect.any(String) })
  })

  it('killed refresh tokens answer the dead-token body', async () => {
    const grant = await connect()
    sandbox.controls.killRefreshTokens('x', BRAND.id)
    const err = await expectReason(refreshOf(ctx, grant.refreshToken ?? ''), 'refresh_token_dead')
    expect(err.failure.body).toEqual({ error: 'invalid_request', error_description: 'Value passed for the token was invalid.' })
  })

  it('a password change or app removal kills API calls (401) and the refresh token', async () => {
    for (const breakIt of [
      () => sandbox.controls.changePassword('x', BRAND.id),
      () => sandbox.controls.removeApp('x', BRAND.id),
    ]) {
      const grant = await connect()
      breakIt()
      expect(await xAdapter.probe(ctx, grant.accessToken)).toMatchObject({ valid: false, problem: { reason: 'unknown_auth' } })
      await expectReason(refreshOf(ctx, grant.refreshToken ?? ''), 'refresh_token_dead')
    }
  })

  it('a locked account can still renew its tokens, but the API refuses it until unlocked', async () => {
    const grant = await connect()
    sandbox.controls.requireAccountAction('x', BRAND.id)
    const renewed = await refreshOf(ctx, grant.refreshToken ?? '')
    expect(await xAdapter.probe(ctx, renewed.accessToken)).toMatchObject({ valid: false, problem: { reason: 'account_action_required' } })
    sandbox.controls.requireAccountAction('x', BRAND.id, false)
    expect((await xAdapter.probe(ctx, renewed.accessToken)).valid).toBe(true)
  })

  it('a transient failure at the token endpoint does not spend the refresh token', async () => {
    const grant = await connect()
    sandbox.controls.failNext('x', 1, 503)
    await expectReason(refreshOf(ctx, grant.refreshToken ?? ''), 'transient')
    await expect(refreshOf(ctx, grant.refreshToken ?? '')).resolves.toMatchObject({ accessToken: expect.any(String) })
  })

  it('revoke ends the grant; revoking again still succeeds (RFC 7009)', async () => {
    const grant = await connect()
    await xAdapter.revoke(ctx, { accessToken: grant.accessToken, refreshToken: grant.refreshToken, networkUserId: BRAND.id })
    expect((await xAdapter.probe(ctx, grant.accessToken)).valid).toBe(false)
    await expectReason(refreshOf(ctx, grant.refreshToken ?? ''), 'refresh_token_dead')
    await expect(xAdapter.revoke(ctx, { accessToken: grant.accessToken, refreshToken: grant.refreshToken, networkUserId: BRAND.id })).resolves.toBeUndefined()
  })

  it('roles and data-access lapses do not exist on X and change nothing', async () => {
    const grant = await connect()
    sandbox.controls.removeRole('x', BRAND.id, X_SEED.channels.brand)
    sandbox.controls.lapseDataAccess('x', BRAND.id)
    expect((await xAdapter.probe(ctx, grant.accessToken)).valid).toBe(true)
  })
})

describe('X operations', () => {
  it('probe and identify read /2/users/me', async () => {
    const grant = await connect(LABS.handle)
    expect(await xAdapter.probe(ctx, grant.accessToken)).toEqual({
      valid: true,
      accessExpiresAt: null,
      dataAccessExpiresAt: null,
      scopes: [],
      // The probe reads the account itself: a changed picture is noticed without a reconnect.
      pictures: [{ network: 'x', networkChannelId: LABS.id, pictureUrl: expect.stringMatching(/\/pictures\/[^/]+\/1\.png$/) as unknown }],
    })
    expect(await xAdapter.identify(ctx, grant.accessToken)).toEqual({ networkUserId: LABS.id, displayName: LABS.name, handle: LABS.handle })
  })

  it('discovers exactly the signed-in account as its channel', async () => {
    const grant = await connect()
    const channels = await xAdapter.discoverChannels(ctx, { accessToken: grant.accessToken, networkUserId: BRAND.id })
    expect(channels).toEqual([
      {
        network: 'x',
        networkChannelId: X_SEED.channels.brand,
        kind: 'account',
        name: BRAND.name,
        handle: BRAND.handle,
        tasks: [],
        capabilities: { publish: true, moderate: true, analyze: true },
        pictureUrl: expect.stringMatching(/\/pictures\/[^/]+\/1\.png$/) as unknown,
      },
    ])
  })

  it('publishes exactly the text with its link, and finds it again by its content (through t.co links)', async () => {
    const grant = await connect()
    const draft = { text: 'Our autumn menu is live', link: 'https://relink.example/menu' }
    expect(xAdapter.validateContent(draft)).toEqual([])
    const published = await xAdapter.publish(ctx, targetOf(grant), draft)
    expect(published.url).toBe(`https://x.com/i/web/status/${published.networkPostId}`)
    expect(Math.abs(published.publishedAt - clock.now())).toBeLessThan(1000)
    const stored = sandbox.world.posts.get(published.networkPostId)
    expect(stored?.text).toBe('Our autumn menu is live https://relink.example/menu')

    clock.advance(MINUTE)
    const found = await xAdapter.findPublished(ctx, targetOf(grant), { draft, sinceMs: clock.now() - HOUR })
    expect(found).toMatchObject({ kind: 'found', post: { networkPostId: published.networkPostId, url: published.url } })
    expect(await xAdapter.findPublished(ctx, targetOf(grant), { draft: { ...draft, link: 'https://relink.example/other' }, sinceMs: clock.now() - HOUR })).toEqual({ kind: 'absent' })
    expect(await xAdapter.findPublished(ctx, targetOf(grant), { draft, sinceMs: clock.now() - 10 })).toEqual({ kind: 'absent' })
  })

  it('publishes an image through the v2 media upload with alt text', async () => {
    const grant = await connect()
    const published = await xAdapter.publish(ctx, targetOf(grant), { text: 'Latte art of the day', image: pngImage('A heart in milk foam') })
    const stored = sandbox.world.posts.get(published.networkPostId)
    expect(stored?.imageUrl).toMatch(/\/x\/media\/\d+$/)
  })

  it('refuses duplicate content and over-long text as "other", not as token problems', async () => {
    const grant = await connect()
    await xAdapter.publish(ctx, targetOf(grant), { text: 'Same words' })
    const dup = await expectReason(xAdapter.publish(ctx, targetOf(grant), { text: 'Same words' }), 'other')
    expect(dup.classified.duplicate).toBe(true)
    expect(dup.failure).toMatchObject({ status: 403, body: { detail: 'You are not allowed to create a Tweet with duplicate content.' } })
    const long = await expectReason(xAdapter.publish(ctx, targetOf(grant), { text: '字'.repeat(150) }), 'other')
    expect(long.failure.status).toBe(400)
  })

  it('lists replies since a cursor, including replies to replies, and replies back', async () => {
    const grant = await connect()
    const target = targetOf(grant)
    const post = await xAdapter.publish(ctx, target, { text: 'What should our next blend be?' })
    // A fan replies a second later, with the time-ordered (snowflake) id X would give it.
    const fanId = snowflakeAt(clock.now() + 1000)
    sandbox.world.addComment({
      id: fanId,
      network: 'x',
      postId: post.networkPostId,
      parentId: null,
      authorName: 'Ana Lima',
      authorHandle: 'analima',
      text: 'Something with cardamom!',
      createdAt: clock.now() + 1000,
      viaApi: false,
    })
    clock.advance(2000)

    const first = await xAdapter.listComments(ctx, target, null)
    const mine = first.comments.filter((c) => c.networkPostId === post.networkPostId)
    expect(mine).toEqual([
      {
        networkCommentId: fanId,
        networkPostId: post.networkPostId,
        parentCommentId: null,
        authorName: 'Ana Lima',
        authorHandle: 'analima',
        text: 'Something with cardamom!',
        createdAt: clock.now() - 1000,
      },
    ])
    expect(first.cursor).toBeTruthy()
    expect(first.comments.every((c) => c.networkCommentId !== post.networkPostId)).toBe(true)

    const nothing = await xAdapter.listComments(ctx, target, first.cursor)
    expect(nothing).toEqual({ comments: [], cursor: null })

    clock.advance(MINUTE)
    const reply = await xAdapter.reply(ctx, target, { networkCommentId: fanId, networkPostId: post.networkPostId, text: 'Noted, Ana!' })
    sandbox.world.scheduleComment({
      id: snowflakeAt(clock.now() + HOUR),
      network: 'x',
      postId: post.networkPostId,
      parentId: reply.networkCommentId,
      authorName: 'Ana Lima',
      authorHandle: 'analima',
      text: 'Yay',
      createdAt: clock.now() + HOUR,
      viaApi: false,
    })
    clock.advance(2 * MINUTE)
    const second = await xAdapter.listComments(ctx, target, first.cursor)
    expect(second.comments).toEqual([
      expect.objectContaining({ networkCommentId: reply.networkCommentId, parentCommentId: fanId, authorHandle: BRAND.handle, text: 'Noted, Ana!' }),
    ])
    clock.advance(HOUR)
    const third = await xAdapter.listComments(ctx, { ...target, accessToken: (await refreshOf(ctx, grant.refreshToken ?? '')).accessToken }, second.cursor)
    expect(third.comments.map((c) => [c.text, c.parentCommentId])).toEqual([['Yay', reply.networkCommentId]])
  })

  it('reads seeded replies as live activity arrives over the coming days', async () => {
    let grant = await connect()
    const initial = await xAdapter.listComments(ctx, targetOf(grant), null)
    let cursor = initial.cursor
    let arrived = 0
    for (let day = 0; day < 3; day++) {
      clock.advance(DAY)
      grant = await refreshOf(ctx, grant.refreshToken ?? '')
      const next = await xAdapter.listComments(ctx, targetOf(grant), cursor)
      arrived += next.comments.length
      if (next.cursor) cursor = next.cursor
      for (const c of next.comments) expect(c.createdAt).toBeLessThanOrEqual(clock.now())
    }
    expect(initial.comments.length + arrived).toBeGreaterThan(0)
  })

  it('refuses replies outside the account’s conversations', async () => {
    const labs = await connect(LABS.handle)
    const brandPost = brandPosts()[0]
    if (!brandPost) throw new Error('seed has brand posts')
    const err = await expectReason(xAdapter.reply(ctx, targetOf(labs, LABS), { networkCommentId: brandPost.id, networkPostId: brandPost.id, text: 'Hi!' }), 'other')
    expect(err.failure.body).toMatchObject({ type: 'https://api.x.com/2/problems/not-authorized-for-resource' })
  })

  it('channel insights sum the day’s posts and add today’s followers, reproducibly', async () => {
    const grant = await connect()
    const today = new Date(clock.now()).toISOString().slice(0, 10)
    const since = new Date(clock.now() - 14 * DAY).toISOString().slice(0, 10)
    const metrics = await xAdapter.channelInsights(ctx, targetOf(grant), { sinceDay: since, untilDay: today })
    const posts = metrics.filter((m) => m.metric === 'posts').reduce((n, m) => n + m.value, 0)
    expect(posts).toBe(brandPosts().filter((p) => p.createdAt >= Date.parse(`${since}T00:00:00Z`)).length)
    const followers = metrics.find((m) => m.metric === 'followers')
    expect(followers?.day).toBe(today)
    expect(followers?.value).toBeGreaterThan(0)
    expect(metrics.some((m) => m.metric === 'impressions' && m.value > 0)).toBe(true)
    expect(metrics.some((m) => m.metric === 'link_clicks')).toBe(true)

    // Same seed, same clock: same numbers.
    const other = await startSandboxNetwork({ clock, seed: 7 })
    try {
      const otherCtx: ProviderContext = { ...ctx, endpoints: other.endpoints('x') }
      const otherGrant = await connect(BRAND.handle, otherCtx)
      expect(await xAdapter.channelInsights(otherCtx, targetOf(otherGrant), { sinceDay: since, untilDay: today })).toEqual(metrics)
    } finally {
      await other.close()
    }

    // The numbers move with the clock, like live ones.
    clock.advance(DAY)
    const renewed = await refreshOf(ctx, grant.refreshToken ?? '')
    const later = await xAdapter.channelInsights(ctx, targetOf(renewed), { sinceDay: since, untilDay: today })
    const sum = (list: typeof metrics): number => list.filter((m) => m.metric === 'impressions').reduce((n, m) => n + m.value, 0)
    expect(sum(later)).toBeGreaterThan(sum(metrics))
  })

  it('post insights report lifetime totals, owner metrics and the real reply count', async () => {
    const grant = await connect()
    const post = brandPosts()[0]
    if (!post) throw new Error('seed has brand posts')
    const metrics = await xAdapter.postInsights(ctx, targetOf(grant), post.id)
    const byName = new Map(metrics.map((m) => [m.metric, m.value]))
    const today = new Date(clock.now()).toISOString().slice(0, 10)
    expect(metrics.every((m) => m.day === today)).toBe(true)
    expect(byName.get('impressions')).toBeGreaterThan(0)
    expect(byName.has('link_clicks')).toBe(true)
    expect(byName.get('replies')).toBe([...sandbox.world.comments.values()].filter((c) => c.postId === post.id).length)
    await expectReason(xAdapter.postInsights(ctx, targetOf(grant), '1234567890123456789'), 'other')
  })
})

describe('X operations under every breaker', () => {
  type Op = { name: string; scope: string; run: (grant: GrantTokens) => Promise<unknown> }
  const firstBrandPost = (): string => brandPosts()[0]?.id ?? ''
  const today = (): string => new Date(clock.now()).toISOString().slice(0, 10)
  const OPS: Op[] = [
    { name: 'identify', scope: 'users.read', run: (g) => xAdapter.identify(ctx, g.accessToken) },
    { name: 'discoverChannels', scope: 'users.read', run: (g) => xAdapter.discoverChannels(ctx, { accessToken: g.accessToken, networkUserId: BRAND.id }) },
    { name: 'publish', scope: 'tweet.write', run: (g) => xAdapter.publish(ctx, targetOf(g), { text: `Hello ${unique()}` }) },
    { name: 'publish with image', scope: 'media.write', run: (g) => xAdapter.publish(ctx, targetOf(g), { text: 'Pic', image: pngImage() }) },
    { name: 'findPublished', scope: 'tweet.read', run: (g) => xAdapter.findPublished(ctx, targetOf(g), { draft: { text: 'x' }, sinceMs: clock.now() - DAY }) },
    { name: 'listComments', scope: 'tweet.read', run: (g) => xAdapter.listComments(ctx, targetOf(g), null) },
    {
      name: 'reply',
      scope: 'tweet.write',
      run: (g) => xAdapter.reply(ctx, targetOf(g), { networkCommentId: firstBrandPost(), networkPostId: firstBrandPost(), text: `Thanks ${unique()}` }),
    },
    { name: 'channelInsights', scope: 'tweet.read', run: (g) => xAdapter.channelInsights(ctx, targetOf(g), { sinceDay: today(), untilDay: today() }) },
    { name: 'postInsights', scope: 'tweet.read', run: (g) => xAdapter.postInsights(ctx, targetOf(g), firstBrandPost()) },
  ]
  const BREAKERS: { name: string; reason: ProblemReason; apply: (scope: string) => void }[] = [
    { name: 'access token expired', reason: 'unknown_auth', apply: () => void sandbox.controls.expireAccessTokens('x', BRAND.id) },
    { name: 'two hours passed', reason: 'unknown_auth', apply: () => clock.advance(2 * HOUR) },
    { name: 'password changed', reason: 'unknown_auth', apply: () => sandbox.controls.changePassword('x', BRAND.id) },
    { name: 'app removed', reason: 'unknown_auth', apply: () => sandbox.controls.removeApp('x', BRAND.id) },
    { name: 'account locked', reason: 'account_action_required', apply: () => sandbox.controls.requireAccountAction('x', BRAND.id) },
    { name: 'scope withdrawn', reason: 'scope_missing', apply: (scope) => sandbox.controls.revokeScope('x', BRAND.id, scope) },
  ]

  for (const op of OPS) {
    it(`${op.name} works on a healthy grant`, async () => {
      const grant = await connect()
      await expect(op.run(grant)).resolves.not.toBeInstanceOf(Error)
    })
    for (const b of BREAKERS) {
      it(`${op.name}: ${b.name} → ${b.reason}`, async () => {
        const grant = await connect()
        b.apply(op.scope)
        const err = await expectReason(op.run(grant), b.reason)
        expect(err.message).not.toContain(grant.accessToken)
        if (b.reason === 'unknown_auth') expect(err.failure.body).toEqual({ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' })
        if (b.reason === 'scope_missing') expect(err.failure.body).toEqual({ title: 'Forbidden', type: 'about:blank', status: 403, detail: 'Forbidden' })
      })
    }
  }

  it('probe reports each token problem instead of throwing', async () => {
    for (const b of BREAKERS) {
      const grant = await connect()
      b.apply('users.read')
      expect(await xAdapter.probe(ctx, grant.accessToken)).toMatchObject({ valid: false, problem: { reason: b.reason } })
      sandbox.controls.requireAccountAction('x', BRAND.id, false)
    }
  })
})

describe('X faults', () => {
  it('a rate-limited answer is rate_limited with the wait from x-rate-limit-reset', async () => {
    const grant = await connect()
    sandbox.controls.rateLimit('x', 5 * MINUTE)
    const err = await expectReason(xAdapter.identify(ctx, grant.accessToken), 'rate_limited')
    expect(err.classified.retryAfterMs).toBe(5 * MINUTE)
    expect(err.failure.headers?.['x-rate-limit-remaining']).toBe('0')
    expect(err.failure.headers?.['x-rate-limit-reset']).toBe(String(Math.ceil((clock.now() + 5 * MINUTE) / 1000)))
    await expectReason(xAdapter.probe(ctx, grant.accessToken), 'rate_limited')
    clock.advance(5 * MINUTE)
    await expect(xAdapter.identify(ctx, grant.accessToken)).resolves.toMatchObject({ handle: BRAND.handle })
  })

  it('a 5xx is transient and the next call works', async () => {
    const grant = await connect()
    sandbox.controls.failNext('x', 1, 503)
    const err = await expectReason(xAdapter.publish(ctx, targetOf(grant), { text: 'Hello' }), 'transient')
    expect(err.failure).toMatchObject({ status: 503, body: { title: 'Service Unavailable', type: 'about:blank' } })
    await expect(xAdapter.identify(ctx, grant.accessToken)).resolves.toMatchObject({ networkUserId: BRAND.id })
  })

  it('a request that never gets an answer is transient after ctx.timeoutMs', async () => {
    const grant = await connect()
    sandbox.controls.hangNext('x', 1)
    const started = Date.now()
    await expectReason(xAdapter.probe({ ...ctx, timeoutMs: 250 }, grant.accessToken), 'transient')
    expect(Date.now() - started).toBeLessThan(4_000)
  })

  it('a 2xx with garbage instead of JSON is transient', async () => {
    const grant = await connect()
    const garbled: Http = {
      async request(req) {
        const res = await http.request(req)
        return { ...res, body: '<html><body>Something went wrong</body>' }
      },
    }
    await expectReason(xAdapter.identify({ ...ctx, http: garbled }, grant.accessToken), 'transient')
    const wrongShape: Http = {
      async request(req) {
        const res = await http.request(req)
        return { ...res, body: '{"data":{"unexpected":true}}' }
      },
    }
    await expectReason(xAdapter.listComments({ ...ctx, http: wrongShape }, targetOf(grant), null), 'transient')
  })

  it('sends real-looking rate-limit headers on successful calls', async () => {
    const grant = await connect()
    const res = await http.request({ method: 'GET', url: `${ctx.endpoints.apiBase}/2/users/me`, headers: { authorization: `Bearer ${grant.accessToken}` } })
    expect(res.status).toBe(200)
    expect(res.headers['x-rate-limit-limit']).toBe('75')
    expect(Number(res.headers['x-rate-limit-remaining'])).toBeLessThan(75)
    expect(Number(res.headers['x-rate-limit-reset']) * 1000).toBeGreaterThan(clock.now())
  })
})
