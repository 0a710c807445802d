import { createHash, randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ProblemReason } from '../../../src/shared/domain/health'
import { createNodeHttp } from '../../../src/main/platform/node-http'
import type { Http } from '../../../src/main/ports'
import { MASTODON_SCOPES } from '../../../src/main/providers/mastodon/config'
import { mastodonAdapter } from '../../../src/main/providers/mastodon'
import { ProviderError } from '../../../src/main/providers/provider-error'
import type { AppCredentials, ChannelTarget, GrantTokens, PostImage, ProviderContext } from '../../../src/main/providers/types'
import { MASTODON_SEED, mastodonSandboxSettings } from '../../../src/main/sandbox/dialects/mastodon'
import { startSandboxNetwork, type SandboxNetwork } from '../../../src/main/sandbox/server'
import { createFakeClock, type FakeClock } from '../../fakes/clock'

const DAY = 24 * 60 * 60 * 1000
const adapter = mastodonAdapter
const http = createNodeHttp()

let clock: FakeClock
let sandbox: SandboxNetwork

beforeEach(async () => {
  clock = createFakeClock()
  sandbox = await startSandboxNetwork({ clock, seed: 7 })
})

afterEach(async () => {
  await sandbox.close()
})

function contextFor(credentials?: AppCredentials, overrides: Partial<ProviderContext> = {}): ProviderContext {
  return {
    http,
    clock,
    endpoints: sandbox.endpoints('mastodon'),
    credentials: credentials ?? sandbox.credentials('mastodon'),
    ...overrides,
  }
}

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier, 'ascii').digest('base64url') }
}

const unescapeHtml = (s: string): string =>
  s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

interface AuthorizeOptions {
  username: string
  password?: string
  redirectUri: string
  state?: string
  challenge?: string
  challengeMethod?: string
  decision?: 'allow' | 'deny'
  scope?: string
}

/** Opens the authorize page built from the adapter's OAuth config, signs in through the form, returns the 302. */
async function signIn(ctx: ProviderContext, options: AuthorizeOptions): Promise<{ status: number; location: URL | null; page: string }> {
  const config = adapter.oauth(ctx)
  const url = new URL(config.authorizationEndpoint)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('client_id', ctx.credentials.clientId)
  url.searchParams.set('redirect_uri', options.redirectUri)
  url.searchParams.set('scope', options.scope ?? config.scopes.join(config.scopeSeparator))
  url.searchParams.set('state', options.state ?? 'state-123')
  if (options.challenge) {
    url.searchParams.set('code_challenge', options.challenge)
    url.searchParams.set('code_challenge_method', options.challengeMethod ?? 'S256')
  }
  for (const [k, v] of Object.entries(config.extraAuthParams ?? {})) url.searchParams.set(k, v)

  const form = await http.request({ method: 'GET', url: url.toString() })
  if (form.status !== 200) return { status: form.status, location: form.headers.location ? new URL(form.headers.location) : null, page: form.body }
  expect(form.headers['content-type']).toContain('text/html')
  expect(form.body).toContain('<form method="post">')
  const fields = new URLSearchParams()
  for (const m of form.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields.set(unescapeHtml(m[1] ?? ''), unescapeHtml(m[2] ?? ''))
  fields.set('username', options.username)
  fields.set('password', options.password ?? MASTODON_SEED.password)
  fields.set('decision', options.decision ?? 'allow')
  const answer = await http.request({
    method: 'POST',
    url: url.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
  })
  return { status: answer.status, location: answer.headers.location ? new URL(answer.headers.location) : null, page: answer.body }
}

const LOOPBACK = 'http://127.0.0.1:53682/callback/mastodon'

/** Connects a seeded user with the sandbox developer app; returns the grant and a channel target. */
async function connect(handle: string = MASTODON_SEED.users.brand.handle): Promise<{ ctx: ProviderContext; tokens: GrantTokens; target: ChannelTarget }> {
  const ctx = contextFor()
  const { verifier, challenge } = pkce()
  const signedIn = await signIn(ctx, { username: handle, redirectUri: LOOPBACK, challenge })
  const code = signedIn.location?.searchParams.get('code')
  if (!code) throw new Error(`no code: ${signedIn.status} ${signedIn.location?.toString() ?? signedIn.page.slice(0, 200)}`)
  const tokens = await adapter.exchangeCode(ctx, { code, codeVerifier: verifier, redirectUri: LOOPBACK })
  const identity = await adapter.identify(ctx, tokens.accessToken)
  return { ctx, tokens, target: { networkChannelId: identity.networkUserId, accessToken: tokens.accessToken, networkUserId: identity.networkUserId, kind: 'account' } }
}

async function failureOf(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise
  } catch (err) {
    if (err instanceof ProviderError) return err
    throw err
  }
  throw new Error('expected a ProviderError')
}

async function expectReason(promise: Promise<unknown>, reason: ProblemReason): Promise<ProviderError> {
  const err = await failureOf(promise)
  expect(err.reason).toBe(reason)
  expect(err.network).toBe('mastodon')
  return err
}

/** A loopback listener like the app's: records the first callback it gets. */
async function startLoopback(): Promise<{ redirectUri: string; received: Promise<URL>; close: () => Promise<void> }> {
  let resolveReceived: (url: URL) => void = () => undefined
  const received = new Promise<URL>((resolve) => {
    resolveReceived = resolve
  })
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    res.writeHead(200, { 'content-type': 'text/plain' })
    res.end('You can close this window.')
    resolveReceived(url)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.address() as AddressInfo).port
  return {
    redirectUri: `http://127.0.0.1:${port}/callback/mastodon`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

// 1×1 PNG and a 1×1 GIF.
const PNG = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
)
const GIF = Uint8Array.from(Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'))
const image = (bytes: Uint8Array, mimeType: PostImage['mimeType']): PostImage => ({ bytes, mimeType, width: 1, height: 1, altText: 'A single pixel' })

describe('connecting: app registration, authorize, code exchange', () => {
  it('registers an app for the exact loopback URI and completes the flow over HTTP', async () => {
    const loopback = await startLoopback()
    try {
      const ctx = contextFor({ clientId: '', instance: sandbox.endpoints('mastodon').apiBase })
      const config = adapter.oauth(ctx)
      expect(config).toMatchObject({ dynamicRegistration: true, pkce: 'supported', clientSecret: 'required', tokenAuth: 'client_secret_post', scopeSeparator: ' ' })
      expect(config.redirect).toEqual({ host: '127.0.0.1', ports: 'ephemeral', path: '/callback/mastodon' })
      expect(adapter.refresh).toBeUndefined()

      const credentials = await adapter.registerApp?.(ctx, loopback.redirectUri)
      if (!credentials) throw new Error('registerApp missing')
      expect(credentials.clientId).not.toBe('')
      expect(credentials.clientSecret).toBeTruthy()
      expect(credentials.instance).toBe(sandbox.endpoints('mastodon').apiBase)
      expect(sandbox.world.apps.get(credentials.clientId)?.redirectUris).toEqual([loopback.redirectUri])

      const appCtx = contextFor(credentials)
      const { verifier, challenge } = pkce()
      const signedIn = await signIn(appCtx, { username: MASTODON_SEED.users.brand.handle, redirectUri: loopback.redirectUri, challenge, state: 'xyz' })
      expect(signedIn.status).toBe(302)
      const location = signedIn.location
      if (!location) throw new Error('no redirect')
      expect(`${location.origin}${location.pathname}`).toBe(loopback.redirectUri)
      // Follow the redirect to the listener, as the browser would.
      await http.request({ method: 'GET', url: location.toString() })
      const callback = await loopback.received
      expect(callback.searchParams.get('state')).toBe('xyz')
      const code = callback.searchParams.get('code')
      if (!code) throw new Error('no code')

      const tokens = await adapter.exchangeCode(appCtx, { code, codeVerifier: verifier, redirectUri: loopback.redirectUri })
      expect(tokens).toMatchObject({ accessExpiresAt: null, refreshExpiresAt: null, dataAccessExpiresAt: null })
      expect(tokens.refreshToken).toBeUndefined()
      expect(tokens.scopes).toEqual([...MASTODON_SCOPES])

      const identity = await adapter.identify(appCtx, tokens.accessToken)
      expect(identity).toMatchObject({ networkUserId: MASTODON_SEED.channels.brand, displayName: MASTODON_SEED.users.brand.name })
      expect(identity.handle).toBe(`${MASTODON_SEED.users.brand.handle}@${new URL(sandbox.origin).host}`)
    } finally {
      await loopback.close()
    }
  })

  it('refuses a registration without a usable redirect URI (422 → other)', async () => {
    const ctx = contextFor({ clientId: '', instance: sandbox.endpoints('mastodon').apiBase })
    const err = await expectReason(adapter.registerApp?.(ctx, 'not a uri') ?? Promise.resolve(), 'other')
    expect(err.failure.status).toBe(422)
  })

  it('the authorize page refuses a redirect URI the app did not register', async () => {
    const ctx = contextFor()
    const res = await signIn(ctx, { username: 'relinkdemo', redirectUri: 'http://127.0.0.1:9999/elsewhere' })
    expect(res.status).toBe(400)
    expect(res.location).toBeNull()
  })

  it('rejects a PKCE verifier that does not match the challenge (invalid_grant)', async () => {
    const ctx = contextFor()
    const { challenge } = pkce()
    const res = await signIn(ctx, { username: 'relinkdemo', redirectUri: LOOPBACK, challenge })
    const code = res.location?.searchParams.get('code') ?? ''
    const err = await expectReason(adapter.exchangeCode(ctx, { code, codeVerifier: pkce().verifier, redirectUri: LOOPBACK }), 'refresh_token_dead')
    expect(err.failure).toMatchObject({ source: 'token_endpoint', status: 400, body: { error: 'invalid_grant' } })
  })

  it('accepts only S256: a plain challenge is refused at the authorize step', async () => {
    const ctx = contextFor()
    const res = await signIn(ctx, { username: 'relinkdemo', redirectUri: LOOPBACK, challenge: 'a'.repeat(43), challengeMethod: 'plain' })
    expect(res.status).toBe(302)
    expect(res.location?.searchParams.get('error')).toBe('invalid_request')
    expect(res.location?.searchParams.get('state')).toBe('state-123')
  })

  it('PKCE stays optional on Mastodon: a code without a challenge still works', async () => {
    const ctx = contextFor()
    const res = await signIn(ctx, { username: 'ana', redirectUri: LOOPBACK })
    const code = res.location?.searchParams.get('code') ?? ''
    const tokens = await adapter.exchangeCode(ctx, { code, redirectUri: LOOPBACK })
    expect((await adapter.identify(ctx, tokens.accessToken)).networkUserId).toBe(MASTODON_SEED.channels.ana)
  })

  it('a code works once', async () => {
    const ctx = contextFor()
    const { verifier, challenge } = pkce()
    const res = await signIn(ctx, { username: 'relinkdemo', redirectUri: LOOPBACK, challenge })
    const code = res.location?.searchParams.get('code') ?? ''
    await adapter.exchangeCode(ctx, { code, codeVerifier: verifier, redirectUri: LOOPBACK })
    await expectReason(adapter.exchangeCode(ctx, { code, codeVerifier: verifier, redirectUri: LOOPBACK }), 'refresh_token_dead')
  })

  it('a wrong client secret is invalid_client', async () => {
    const ctx = contextFor()
    const { verifier, challenge } = pkce()
    const res = await signIn(ctx, { username: 'relinkdemo', redirectUri: LOOPBACK, challenge })
    const code = res.location?.searchParams.get('code') ?? ''
    const wrong = contextFor({ ...sandbox.credentials('mastodon'), clientSecret: 'nope' })
    const err = await expectReason(adapter.exchangeCode(wrong, { code, codeVerifier: verifier, redirectUri: LOOPBACK }), 'revoked_by_user')
    expect(err.failure).toMatchObject({ status: 401, body: { error: 'invalid_client' } })
  })

  it('cancel redirects with access_denied; a wrong password shows the form again; unknown scopes are refused', async () => {
    const ctx = contextFor()
    const denied = await signIn(ctx, { username: 'relinkdemo', redirectUri: LOOPBACK, decision: 'deny' })
    expect(denied.location?.searchParams.get('error')).toBe('access_denied')
    const wrong = await signIn(ctx, { username: 'relinkdemo', password: 'nope', redirectUri: LOOPBACK })
    expect(wrong.status).toBe(401)
    expect(wrong.page).toContain('do not match')
    const scope = await signIn(ctx, { username: 'relinkdemo', redirectUri: LOOPBACK, scope: 'admin:write' })
    expect(scope.location?.searchParams.get('error')).toBe('invalid_scope')
  })
})

describe('token lifetime, probe and revocation', () => {
  it('never expires: a year later the token still works', async () => {
    const { ctx, tokens } = await connect()
    clock.advance(365 * DAY)
    const probe = await adapter.probe(ctx, tokens.accessToken)
    expect(probe).toMatchObject({ valid: true, accessExpiresAt: null, dataAccessExpiresAt: null })
    expect(probe.problem).toBeUndefined()
    expect((await adapter.identify(ctx, tokens.accessToken)).networkUserId).toBe(MASTODON_SEED.channels.brand)
  })

  it('POST /oauth/revoke kills the token, and is idempotent', async () => {
    const { ctx, tokens } = await connect()
    await adapter.revoke(ctx, { accessToken: tokens.accessToken, networkUserId: MASTODON_SEED.channels.brand })
    const probe = await adapter.probe(ctx, tokens.accessToken)
    expect(probe.valid).toBe(false)
    expect(probe.problem?.reason).toBe('revoked_by_user')
    const err = await expectReason(adapter.identify(ctx, tokens.accessToken), 'revoked_by_user')
    expect(err.failure.body).toEqual({ error: 'The access token was revoked' })
    expect(err.failure.headers?.['www-authenticate']).toContain('error="invalid_token"')
    await adapter.revoke(ctx, { accessToken: tokens.accessToken, networkUserId: MASTODON_SEED.channels.brand })
  })

  it('another app cannot revoke the token (403 unauthorized_client)', async () => {
    const { tokens } = await connect()
    const otherCtx = contextFor({ clientId: '', instance: sandbox.endpoints('mastodon').apiBase })
    const other = await adapter.registerApp?.(otherCtx, LOOPBACK)
    if (!other) throw new Error('registerApp missing')
    const err = await expectReason(adapter.revoke(contextFor(other), { accessToken: tokens.accessToken, networkUserId: 'x' }), 'other')
    expect(err.failure).toMatchObject({ status: 403, body: { error: 'unauthorized_client' } })
    expect((await adapter.probe(contextFor(), tokens.accessToken)).valid).toBe(true)
  })

  it('an unknown token is "invalid" → revoked_by_user', async () => {
    const ctx = contextFor()
    const err = await expectReason(adapter.identify(ctx, 'not-a-token'), 'revoked_by_user')
    expect(err.failure.body).toEqual({ error: 'The access token is invalid' })
  })

  it('the token never appears in a thrown error', async () => {
    const { ctx, tokens } = await connect()
    sandbox.controls.changePassword('mastodon', MASTODON_SEED.users.brand.id)
    const err = await failureOf(adapter.identify(ctx, tokens.accessToken))
    expect(err.message).not.toContain(tokens.accessToken)
    expect(JSON.stringify(err.failure)).not.toContain(tokens.accessToken)
  })
})

describe('breakers produce Mastodon’s real signatures', () => {
  it('password change → 401 "was revoked" → revoked_by_user', async () => {
    const { ctx, tokens, target } = await connect()
    sandbox.controls.changePassword('mastodon', MASTODON_SEED.users.brand.id)
    expect((await adapter.probe(ctx, tokens.accessToken)).problem?.reason).toBe('revoked_by_user')
    await expectReason(adapter.publish(ctx, target, { text: 'hi' }), 'revoked_by_user')
  })

  it('app removed in the account settings → revoked_by_user', async () => {
    const { ctx, tokens, target } = await connect()
    sandbox.controls.removeApp('mastodon', MASTODON_SEED.users.brand.id, MASTODON_SEED.clientId)
    expect((await adapter.probe(ctx, tokens.accessToken)).problem?.reason).toBe('revoked_by_user')
    await expectReason(adapter.listComments(ctx, target, null), 'revoked_by_user')
  })

  it('login disabled → 403 → account_action_required on methods that need a working login', async () => {
    const { ctx, tokens, target } = await connect()
    sandbox.controls.requireAccountAction('mastodon', MASTODON_SEED.users.brand.id)
    const probe = await adapter.probe(ctx, tokens.accessToken)
    expect(probe.valid).toBe(false)
    expect(probe.problem?.reason).toBe('account_action_required')
    const err = await expectReason(adapter.publish(ctx, target, { text: 'hi' }), 'account_action_required')
    expect(err.failure).toMatchObject({ status: 403, body: { error: 'Your login is currently disabled' } })
    await expectReason(adapter.discoverChannels(ctx, { accessToken: tokens.accessToken, networkUserId: target.networkChannelId }), 'account_action_required')
    sandbox.controls.requireAccountAction('mastodon', MASTODON_SEED.users.brand.id, false)
    expect((await adapter.probe(ctx, tokens.accessToken)).valid).toBe(true)
  })

  it('a token made to expire → 401 "expired" → expired', async () => {
    const { ctx, tokens } = await connect()
    expect(sandbox.controls.expireAccessTokens('mastodon', MASTODON_SEED.users.brand.id)).toBeGreaterThan(0)
    const err = await expectReason(adapter.identify(ctx, tokens.accessToken), 'expired')
    expect(err.failure.body).toEqual({ error: 'The access token expired' })
  })

  it('a withdrawn scope → 403 "outside the authorized scopes" → scope_missing, other calls still work', async () => {
    const { ctx, tokens, target } = await connect()
    sandbox.controls.revokeScope('mastodon', MASTODON_SEED.users.brand.id, 'write:statuses')
    const err = await expectReason(adapter.publish(ctx, target, { text: 'hi' }), 'scope_missing')
    expect(err.failure.body).toEqual({ error: 'This action is outside the authorized scopes' })
    expect((await adapter.probe(ctx, tokens.accessToken)).valid).toBe(true)
  })

  it('role lost, data access lapsed, refresh tokens killed: no such thing on Mastodon, the token keeps working', async () => {
    const { ctx, tokens, target } = await connect()
    sandbox.controls.removeRole('mastodon', MASTODON_SEED.users.brand.id, MASTODON_SEED.channels.brand)
    sandbox.controls.lapseDataAccess('mastodon', MASTODON_SEED.users.brand.id)
    expect(sandbox.controls.killRefreshTokens('mastodon', MASTODON_SEED.users.brand.id)).toBe(0)
    expect((await adapter.probe(ctx, tokens.accessToken)).valid).toBe(true)
    await adapter.publish(ctx, target, { text: 'still here' })
  })
})

type Operation = (c: { ctx: ProviderContext; tokens: GrantTokens; target: ChannelTarget; commentId: string; postId: string }) => Promise<unknown>

/** Every adapter operation that uses the token. `login` marks the ones Mastodon runs `require_user!` on. */
const OPERATIONS: { name: string; login: boolean; run: Operation }[] = [
  { name: 'identify', login: true, run: ({ ctx, tokens }) => adapter.identify(ctx, tokens.accessToken) },
  { name: 'discoverChannels', login: true, run: ({ ctx, tokens, target }) => adapter.discoverChannels(ctx, { accessToken: tokens.accessToken, networkUserId: target.networkChannelId }) },
  { name: 'publish', login: true, run: ({ ctx, target }) => adapter.publish(ctx, target, { text: 'matrix' }) },
  { name: 'listComments', login: true, run: ({ ctx, target }) => adapter.listComments(ctx, target, null) },
  { name: 'reply', login: true, run: ({ ctx, target, commentId, postId }) => adapter.reply(ctx, target, { networkCommentId: commentId, networkPostId: postId, text: 'ok' }) },
  { name: 'findPublished', login: false, run: ({ ctx, target }) => adapter.findPublished(ctx, target, { draft: { text: 'none' }, sinceMs: 0 }) },
  { name: 'channelInsights', login: false, run: ({ ctx, target }) => adapter.channelInsights(ctx, target, { sinceDay: '2025-01-01', untilDay: '2027-01-01' }) },
  { name: 'postInsights', login: false, run: ({ ctx, target, postId }) => adapter.postInsights(ctx, target, postId) },
]

describe('every token-using operation classifies the breakers the same way', () => {
  async function setUp() {
    const connected = await connect()
    const comment = [...sandbox.world.comments.values()].find((c) => c.network === 'mastodon' && c.authorHandle !== 'relinkdemo' && sandbox.world.posts.get(c.postId)?.channelId === MASTODON_SEED.channels.brand)
    if (!comment) throw new Error('no seeded comment')
    return { ...connected, commentId: comment.id, postId: comment.postId }
  }
  const brand = MASTODON_SEED.users.brand.id

  it.each(OPERATIONS)('$name: password changed / app removed / expired → revoked_by_user, revoked_by_user, expired', async ({ run }) => {
    let c = await setUp()
    sandbox.controls.changePassword('mastodon', brand)
    await expectReason(run(c), 'revoked_by_user')
    c = await setUp()
    sandbox.controls.removeApp('mastodon', brand)
    await expectReason(run(c), 'revoked_by_user')
    c = await setUp()
    sandbox.controls.expireAccessTokens('mastodon', brand)
    await expectReason(run(c), 'expired')
  })

  it.each(OPERATIONS)('$name: login disabled → account_action_required where Mastodon needs a working login', async ({ run, login }) => {
    const c = await setUp()
    sandbox.controls.requireAccountAction('mastodon', brand)
    if (login) await expectReason(run(c), 'account_action_required')
    else await run(c)
  })

  it.each(OPERATIONS)('$name: the scope it needs withdrawn → scope_missing', async ({ name, run }) => {
    const c = await setUp()
    const needs: Record<string, string> = {
      identify: 'read:accounts',
      discoverChannels: 'read:accounts',
      publish: 'write:statuses',
      listComments: 'read:notifications',
      reply: 'read:statuses',
      findPublished: 'read:statuses',
      channelInsights: 'read:accounts',
      postInsights: 'read:statuses',
    }
    sandbox.controls.revokeScope('mastodon', brand, needs[name] ?? 'read')
    await expectReason(run(c), 'scope_missing')
  })
})

describe('the Mastodon forms of backup links and narrower permissions', () => {
  it('two grants for the same account are independent: revoking one leaves the other working', async () => {
    const first = await connect()
    const second = await connect()
    expect(second.target.networkChannelId).toBe(first.target.networkChannelId)
    expect(second.tokens.accessToken).not.toBe(first.tokens.accessToken)
    await adapter.revoke(first.ctx, { accessToken: first.tokens.accessToken, networkUserId: first.target.networkChannelId })
    expect((await adapter.probe(first.ctx, first.tokens.accessToken)).problem?.reason).toBe('revoked_by_user')
    expect((await adapter.probe(second.ctx, second.tokens.accessToken)).valid).toBe(true)
    await adapter.publish(second.ctx, second.target, { text: 'through the other grant' })
  })

  it('a grant with read-only scopes can read but not publish', async () => {
    const ctx = contextFor()
    const { verifier, challenge } = pkce()
    const res = await signIn(ctx, { username: 'sam', redirectUri: LOOPBACK, challenge, scope: 'read:accounts read:statuses' })
    const tokens = await adapter.exchangeCode(ctx, { code: res.location?.searchParams.get('code') ?? '', codeVerifier: verifier, redirectUri: LOOPBACK })
    expect(tokens.scopes).toEqual(['read:accounts', 'read:statuses'])
    const target: ChannelTarget = { networkChannelId: MASTODON_SEED.channels.sam, accessToken: tokens.accessToken, kind: 'account' }
    expect(await adapter.findPublished(ctx, target, { draft: { text: 'none' }, sinceMs: 0 })).toEqual({ kind: 'absent' })
    await expectReason(adapter.publish(ctx, target, { text: 'nope' }), 'scope_missing')
    await expectReason(adapter.listComments(ctx, target, null), 'scope_missing')
  })
})

describe('channels, content limits, publishing', () => {
  it('discovers the signed-in account as the one channel', async () => {
    const { ctx, tokens } = await connect('ana')
    const channels = await adapter.discoverChannels(ctx, { accessToken: tokens.accessToken, networkUserId: MASTODON_SEED.channels.ana })
    expect(channels).toEqual([
      expect.objectContaining({
        network: 'mastodon',
        networkChannelId: MASTODON_SEED.channels.ana,
        kind: 'account',
        name: MASTODON_SEED.users.ana.name,
        capabilities: { publish: true, moderate: true, analyze: true },
      }),
    ])
    expect(channels[0]?.token).toBeUndefined()
  })

  it('reads the character limit from the instance at run time', async () => {
    const ctx = contextFor()
    expect(await adapter.contentLimits?.(ctx)).toEqual({ maxChars: 500 })
    mastodonSandboxSettings(sandbox.world).maxCharacters = 1000
    const limits = await adapter.contentLimits?.(ctx)
    expect(limits).toEqual({ maxChars: 1000 })
    expect(adapter.validateContent({ text: 'a'.repeat(900) }, limits)).toEqual([])
    expect(adapter.validateContent({ text: 'a'.repeat(900) })).not.toEqual([])
  })

  it('publishes exactly the text with an Idempotency-Key header', async () => {
    const { ctx, target } = await connect()
    const published = await adapter.publish(ctx, target, { text: 'Hello from Relink' }, { key: 'rl-text-1' })
    expect(published.publishedAt).toBe(clock.now())
    expect(published.url).toBe(`${sandbox.endpoints('mastodon').apiBase}/@relinkdemo/${published.networkPostId}`)
    const post = sandbox.world.posts.get(published.networkPostId)
    expect(post).toMatchObject({ network: 'mastodon', channelId: MASTODON_SEED.channels.brand, text: 'Hello from Relink' })

    // Retrying after a lost answer returns the same status instead of posting twice.
    const before = sandbox.world.posts.size
    const again = await adapter.publish(ctx, target, { text: 'Hello from Relink' }, { key: 'rl-text-1' })
    expect(again.networkPostId).toBe(published.networkPostId)
    expect(sandbox.world.posts.size).toBe(before)
    // …for an hour.
    clock.advance(61 * 60 * 1000)
    const later = await adapter.publish(ctx, target, { text: 'Hello from Relink' }, { key: 'rl-text-1' })
    expect(later.networkPostId).not.toBe(published.networkPostId)
  })

  it('publishes a link in the text', async () => {
    const { ctx, target } = await connect()
    const published = await adapter.publish(ctx, target, { text: 'Our new page', link: 'https://relink.example/new' })
    expect(sandbox.world.posts.get(published.networkPostId)).toMatchObject({ text: 'Our new page\n\nhttps://relink.example/new', link: 'https://relink.example/new' })
  })

  it('publishes an image processed synchronously (200)', async () => {
    const { ctx, target } = await connect()
    const published = await adapter.publish(ctx, target, { text: 'A pixel', image: image(PNG, 'image/png') })
    const status = await http.request({ method: 'GET', url: `${sandbox.endpoints('mastodon').apiBase}/api/v1/statuses/${published.networkPostId}` })
    const body = JSON.parse(status.body) as { media_attachments: { type: string; url: string | null; description: string }[] }
    expect(body.media_attachments).toEqual([expect.objectContaining({ type: 'image', description: 'A single pixel' })])
    expect(body.media_attachments[0]?.url).toMatch(/\.png$/)
  })

  it('publishes a GIF after waiting for background processing (202, then 206, then 200)', async () => {
    const { ctx, target } = await connect()
    const before = sandbox.stats.byNetwork.mastodon
    const published = await adapter.publish(ctx, target, { text: '', image: image(GIF, 'image/gif') })
    // upload + two checks + the status
    expect(sandbox.stats.byNetwork.mastodon - before).toBe(4)
    const status = await http.request({ method: 'GET', url: `${sandbox.endpoints('mastodon').apiBase}/api/v1/statuses/${published.networkPostId}` })
    expect((JSON.parse(status.body) as { media_attachments: { type: string }[] }).media_attachments).toEqual([expect.objectContaining({ type: 'gifv' })])
  })

  it('a post over the instance limit comes back as a validation error (422 → other)', async () => {
    const { ctx, target } = await connect()
    const err = await expectReason(adapter.publish(ctx, target, { text: 'a'.repeat(600) }), 'other')
    expect(err.failure).toMatchObject({ status: 422, body: { error: 'Validation failed: Text character limit of 500 exceeded' } })
    expect(err.message).toContain('character limit')
  })

  it('finds a published post by its content, only after sinceMs', async () => {
    const { ctx, target } = await connect()
    const start = clock.now()
    clock.advance(60_000)
    const draft = { text: 'Reconcile me', link: 'https://relink.example/r' }
    const published = await adapter.publish(ctx, target, draft)
    clock.advance(60_000)
    await adapter.publish(ctx, target, { text: 'Another one' })
    expect(await adapter.findPublished(ctx, target, { draft, sinceMs: start })).toEqual({ kind: 'found', post: published })
    expect(await adapter.findPublished(ctx, target, { draft: { text: 'Reconcile me' }, sinceMs: start })).toEqual({ kind: 'absent' })
    expect(await adapter.findPublished(ctx, target, { draft, sinceMs: published.publishedAt + 1 })).toEqual({ kind: 'absent' })
  })
})

describe('comments, replies, insights', () => {
  it('pages the account’s statuses as Mastodon does: 40 at most, a next link (max_id) only after a full page', async () => {
    const { target } = await connect()
    for (let i = 0; i < 45; i++) {
      clock.advance(60_000)
      sandbox.postOutside(MASTODON_SEED.channels.brand, { text: `Status ${i}`, at: clock.now() })
    }
    const url = `${sandbox.endpoints('mastodon').apiBase}/api/v1/accounts/${MASTODON_SEED.channels.brand}/statuses`
    const get = (query: string) => http.request({ method: 'GET', url: `${url}?${query}`, headers: { authorization: `Bearer ${target.accessToken}` } })
    const seen: string[] = []
    let query = 'limit=100&exclude_replies=true'
    for (;;) {
      const answer = await get(query)
      const page = JSON.parse(answer.body) as { id: string }[]
      expect(page.length).toBeLessThanOrEqual(40)
      seen.push(...page.map((s) => s.id))
      const link = answer.headers.link ?? ''
      // An empty page (after a full last one) links nowhere.
      expect(link.includes('rel="prev"')).toBe(page.length > 0)
      const next = /<([^>]+)>; rel="next"/.exec(link)?.[1]
      if (page.length < 40) {
        expect(next).toBeUndefined()
        break
      }
      expect(new URL(next ?? '').searchParams.get('max_id')).toBe(page.at(-1)?.id)
      query = new URL(next ?? '').searchParams.toString()
    }
    expect(seen.length).toBeGreaterThan(40)
    expect(new Set(seen).size).toBe(seen.length)
  })

  it('lists replies to the channel’s posts since a cursor, with nested replies pointing at their parent', async () => {
    const { ctx, target } = await connect()
    const first = await adapter.listComments(ctx, target, null)
    expect(first.comments.length).toBeGreaterThan(0)
    expect(first.cursor).not.toBeNull()
    const brandPosts = new Set([...sandbox.world.posts.values()].filter((p) => p.channelId === MASTODON_SEED.channels.brand).map((p) => p.id))
    for (const c of first.comments) {
      expect(brandPosts.has(c.networkPostId)).toBe(true)
      expect(c.authorHandle).not.toBe('relinkdemo')
      expect(c.text.length).toBeGreaterThan(0)
    }
    // The seeded thread: a commenter answers the brand's answer to them.
    const nested = first.comments.find((c) => c.parentCommentId !== null)
    expect(nested).toBeDefined()
    const parent = nested?.parentCommentId ? sandbox.world.comments.get(nested.parentCommentId) : undefined
    expect(parent?.authorHandle).toBe('relinkdemo')

    const again = await adapter.listComments(ctx, target, first.cursor)
    expect(again).toEqual({ comments: [], cursor: first.cursor })

    clock.advance(30 * DAY)
    const later = await adapter.listComments(ctx, target, first.cursor)
    expect(later.comments.length).toBeGreaterThan(0)
    expect(later.cursor).not.toBe(first.cursor)
    const newest = Math.max(...first.comments.map((c) => c.createdAt))
    for (const c of later.comments) expect(c.createdAt).toBeGreaterThan(newest)
  })

  it('keeps each account’s comments to itself', async () => {
    const { ctx, target } = await connect('ana')
    const page = await adapter.listComments(ctx, target, null)
    const anaPosts = new Set([...sandbox.world.posts.values()].filter((p) => p.channelId === MASTODON_SEED.channels.ana).map((p) => p.id))
    expect(page.comments.length).toBeGreaterThan(0)
    for (const c of page.comments) expect(anaPosts.has(c.networkPostId)).toBe(true)
    const sam = await connect('sam')
    expect((await adapter.listComments(sam.ctx, sam.target, null)).comments).toEqual([])
  })

  it('replies to a comment with a mention of its author; answers to the reply come back nested', async () => {
    const { ctx, target } = await connect()
    const page = await adapter.listComments(ctx, target, null)
    const comment = page.comments.find((c) => c.parentCommentId === null)
    if (!comment) throw new Error('no comment to answer')
    const sent = await adapter.reply(ctx, target, { networkCommentId: comment.networkCommentId, networkPostId: comment.networkPostId, text: 'Thanks!' })
    const stored = sandbox.world.comments.get(sent.networkCommentId)
    expect(stored).toMatchObject({ postId: comment.networkPostId, parentId: comment.networkCommentId, authorHandle: 'relinkdemo', text: `@${comment.authorHandle} Thanks!` })

    // The brand's own reply is not an inbox item; the commenter's answer to it is.
    clock.advance(60_000)
    sandbox.world.addComment({
      id: String((BigInt(clock.now()) << 16n) | 7n),
      network: 'mastodon',
      postId: comment.networkPostId,
      parentId: sent.networkCommentId,
      authorName: comment.authorName,
      authorHandle: comment.authorHandle,
      text: '@relinkdemo you are welcome',
      viaApi: false,
    })
    const next = await adapter.listComments(ctx, target, page.cursor)
    expect(next.comments).toEqual([
      expect.objectContaining({ networkPostId: comment.networkPostId, parentCommentId: sent.networkCommentId, text: '@relinkdemo you are welcome' }),
    ])
  })

  it('channel insights: today’s followers and posts, reproducible from the seed', async () => {
    const { ctx, target } = await connect()
    const today = new Date(clock.now()).toISOString().slice(0, 10)
    const metrics = await adapter.channelInsights(ctx, target, { sinceDay: '2025-12-01', untilDay: today })
    expect(metrics.map((m) => m.metric).sort()).toEqual(['followers', 'posts'])
    for (const m of metrics) expect(m.day).toBe(today)
    const followers = metrics.find((m) => m.metric === 'followers')?.value ?? 0
    expect(followers).toBeGreaterThan(0)

    const twin = await startSandboxNetwork({ clock, seed: 7 })
    try {
      const res = await http.request({ method: 'GET', url: `${twin.endpoints('mastodon').apiBase}/api/v1/accounts/${MASTODON_SEED.channels.brand}` })
      expect((JSON.parse(res.body) as { followers_count: number }).followers_count).toBe(followers)
    } finally {
      await twin.close()
    }

    clock.advance(20 * DAY)
    const later = await adapter.channelInsights(ctx, target, { sinceDay: today, untilDay: '2027-01-01' })
    expect(later.find((m) => m.metric === 'followers')?.value).toBeGreaterThan(followers)
    // No history on Mastodon: a range that ended before today has nothing to read.
    expect(await adapter.channelInsights(ctx, target, { sinceDay: '2025-01-01', untilDay: '2025-01-31' })).toEqual([])
  })

  it('post insights: favourites, boosts and replies as of today', async () => {
    const { ctx, target } = await connect()
    const post = [...sandbox.world.posts.values()].find((p) => p.channelId === MASTODON_SEED.channels.brand)
    if (!post) throw new Error('no seeded post')
    const metrics = await adapter.postInsights(ctx, target, post.id)
    expect(metrics.map((m) => m.metric).sort()).toEqual(['likes', 'replies', 'reposts'])
    const directReplies = [...sandbox.world.comments.values()].filter((c) => c.postId === post.id && c.parentId === null).length
    expect(metrics.find((m) => m.metric === 'replies')?.value).toBe(directReplies)
    const likes = metrics.find((m) => m.metric === 'likes')?.value ?? 0
    clock.advance(10 * DAY)
    const later = await adapter.postInsights(ctx, target, post.id)
    expect(later.find((m) => m.metric === 'likes')?.value).toBeGreaterThanOrEqual(likes)
    await expectReason(adapter.postInsights(ctx, target, '1'), 'other')
  })
})

describe('rate limits and transient failures never look like token problems', () => {
  it('a throttled answer is rate_limited with the wait from X-RateLimit-Reset', async () => {
    const { ctx, tokens } = await connect()
    sandbox.controls.rateLimit('mastodon', 90_000)
    const err = await expectReason(adapter.identify(ctx, tokens.accessToken), 'rate_limited')
    expect(err.classified.retryAfterMs).toBe(90_000)
    expect(err.failure.headers?.['x-ratelimit-reset']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/)
    expect(err.failure.body).toEqual({ error: 'Too many requests' })
    // The probe does not turn a throttle into a verdict on the token.
    await expectReason(adapter.probe(ctx, tokens.accessToken), 'rate_limited')
    clock.advance(90_000)
    expect((await adapter.probe(ctx, tokens.accessToken)).valid).toBe(true)
  })

  it('5xx answers (JSON 503, nginx 502 page, Rails 500 page) are transient', async () => {
    const { ctx, tokens, target } = await connect()
    sandbox.controls.failNext('mastodon', 1, 503)
    const err503 = await expectReason(adapter.identify(ctx, tokens.accessToken), 'transient')
    expect(err503.failure.body).toEqual({ error: 'There was a temporary problem serving your request, please try again' })
    sandbox.controls.failNext('mastodon', 1, 502)
    const err502 = await expectReason(adapter.publish(ctx, target, { text: 'x' }), 'transient')
    expect(String(err502.failure.body)).toContain('502 Bad Gateway')
    sandbox.controls.failNext('mastodon', 1, 500)
    await expectReason(adapter.probe(ctx, tokens.accessToken), 'transient')
  })

  it('no answer within ctx.timeoutMs is transient', async () => {
    const { tokens } = await connect()
    sandbox.controls.hangNext('mastodon', 1)
    const ctx = contextFor(undefined, { timeoutMs: 200 })
    const err = await expectReason(adapter.identify(ctx, tokens.accessToken), 'transient')
    expect(err.failure.source).toBe('transport')
  })

  it('a 2xx with garbage instead of JSON is transient', async () => {
    const { tokens } = await connect()
    const garbling: Http = {
      async request(req) {
        const res = await http.request(req)
        return { ...res, body: res.body.slice(0, Math.floor(res.body.length / 2)) }
      },
    }
    const ctx = contextFor(undefined, { http: garbling })
    const err = await expectReason(adapter.identify(ctx, tokens.accessToken), 'transient')
    expect(err.failure.status).toBe(200)
  })
})
