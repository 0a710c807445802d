/**
 * OAuth conformance of the connect flow and the standards-only client against oidc-provider,
 * a certified authorization server, running on loopback in this process.
 */
import { calculatePKCECodeChallenge, randomPKCECodeVerifier } from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OAuthClientError, OAuthFlowError } from '../../../src/main/oauth/errors'
import { runAuthorization, type AuthorizationRequest, type AuthorizationOutcome } from '../../../src/main/oauth/flow'
import { createStandardOAuthClient, type StandardOAuthClient, type TokenSet } from '../../../src/main/oauth/standard-client'
import { createNodeHttp } from '../../../src/main/platform/node-http'
import type { BrowserOpener } from '../../../src/main/ports'
import { createFakeClock } from '../../fakes/clock'
import {
  capturingBrowser,
  signingBrowser,
  startOidcServer,
  TEST_REDIRECT_PATH,
  type OidcTestServer,
  type SignInOptions,
} from '../../fakes/oidc-server'
import { rawRequest, settledState } from './raw-http'

let server: OidcTestServer
let client: StandardOAuthClient

beforeAll(async () => {
  server = await startOidcServer()
  client = createStandardOAuthClient({
    http: createNodeHttp({ defaultTimeoutMs: 5_000 }),
    server: server.metadata,
    clientId: server.clientId,
    tokenAuth: 'none',
    allowInsecure: true,
  })
})

afterAll(async () => {
  await server.close()
})

function request(overrides: Partial<AuthorizationRequest> = {}): AuthorizationRequest {
  return {
    server: server.metadata,
    clientId: server.clientId,
    redirect: { host: '127.0.0.1', ports: 'ephemeral', path: TEST_REDIRECT_PATH },
    scopes: ['offline_access', 'posts'],
    scopeSeparator: ' ',
    // oidc-provider drops offline_access unless consent is prompted for.
    extraParams: { prompt: 'consent' },
    allowInsecure: true,
    ...overrides,
  }
}

function authorize(browser: BrowserOpener, overrides: Partial<AuthorizationRequest> = {}): Promise<AuthorizationOutcome> {
  const clock = createFakeClock()
  return runAuthorization({ browser, clock, timer: clock }, request(overrides))
}

async function connect(options: SignInOptions = {}): Promise<{ outcome: AuthorizationOutcome; tokens: TokenSet }> {
  const outcome = await authorize(signingBrowser(options))
  return { outcome, tokens: await client.exchangeCode(outcome) }
}

async function clientError(promise: Promise<unknown>): Promise<OAuthClientError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(OAuthClientError)
  return err as OAuthClientError
}

async function flowError(promise: Promise<unknown>): Promise<OAuthFlowError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(OAuthFlowError)
  return err as OAuthFlowError
}

describe('authorization code + PKCE through the loopback listener', () => {
  it('signs in, exchanges the code and gets an access and a refresh token', async () => {
    const browser = signingBrowser({ account: 'alice' })
    const outcome = await authorize(browser)

    expect(browser.opened).toHaveLength(1)
    expect(outcome.redirectUri).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${TEST_REDIRECT_PATH}$`))
    expect(outcome.iss).toBe(server.issuer)
    // The flow goes on once the callback is in; the browser gets its page a moment later.
    await expect.poll(() => browser.delivered[0]?.status).toBe(200)
    expect(browser.delivered[0]?.body).toContain('You can return to Relink')

    const tokens = await client.exchangeCode(outcome)
    expect(tokens.accessToken).toEqual(expect.any(String))
    expect(tokens.refreshToken).toEqual(expect.any(String))
    expect(tokens.tokenType.toLowerCase()).toBe('bearer')
    expect(tokens.expiresInSeconds).toBe(300)
    expect(tokens.scopes).toEqual(expect.arrayContaining(['offline_access', 'posts']))
  })

  it('sends an S256 challenge of the verifier it returns, never plain', async () => {
    const browser = signingBrowser()
    const outcome = await authorize(browser)
    const url = new URL(browser.opened[0] ?? '')
    expect(url.origin + url.pathname).toBe(server.metadata.authorization_endpoint)
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.get('code_challenge')).toBe(await calculatePKCECodeChallenge(outcome.codeVerifier))
    expect(url.searchParams.get('redirect_uri')).toBe(outcome.redirectUri)
    expect(url.searchParams.get('state')).toBe(outcome.state)
    expect(url.searchParams.get('response_type')).toBe('code')
    expect(url.searchParams.get('client_id')).toBe(server.clientId)
    expect(url.searchParams.get('scope')).toBe('offline_access posts')
    expect(url.searchParams.get('prompt')).toBe('consent')
    // RFC 6749 §10.10: at least 128 bits of entropy in the state.
    expect(Buffer.from(outcome.state, 'base64url').length).toBeGreaterThanOrEqual(16)
    // RFC 7636 §4.1: 43–128 characters of the unreserved set.
    expect(outcome.codeVerifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/)
  })

  it('enforces PKCE: a wrong verifier gets invalid_grant', async () => {
    const outcome = await authorize(signingBrowser())
    const err = await clientError(client.exchangeCode({ ...outcome, codeVerifier: randomPKCECodeVerifier() }))
    expect(err.kind).toBe('oauth')
    expect(err.error).toBe('invalid_grant')
  })

  it('rejects a wrong state and keeps waiting for the right one', async () => {
    const browser = capturingBrowser()
    const attempt = authorize(browser)
    const callback = await browser.callback
    const port = Number(callback.port)

    const forged = new URL(callback)
    forged.searchParams.set('state', 'attacker-state')
    const refused = await rawRequest({ port, path: forged.pathname + forged.search })
    expect(refused.status).toBe(400)
    expect(await settledState(attempt)).toBe('pending')

    const accepted = await rawRequest({ port, path: callback.pathname + callback.search })
    expect(accepted.status).toBe(200)
    const outcome = await attempt
    expect(outcome.code).toBe(callback.searchParams.get('code'))
    expect((await client.exchangeCode(outcome)).accessToken).toEqual(expect.any(String))
  })

  it('cannot deliver a replayed callback, and the code cannot be exchanged twice', async () => {
    const browser = capturingBrowser()
    const attempt = authorize(browser)
    const callback = await browser.callback
    const port = Number(callback.port)
    expect((await rawRequest({ port, path: callback.pathname + callback.search })).status).toBe(200)
    const outcome = await attempt

    // The listener is gone: nothing answers on its port any more.
    await expect(rawRequest({ port, path: callback.pathname + callback.search })).rejects.toThrow(/ECONNREFUSED/)

    await client.exchangeCode(outcome)
    const err = await clientError(client.exchangeCode(outcome))
    expect(err.error).toBe('invalid_grant')
  })

  it('ends with access_denied when the user declines on the consent page', async () => {
    const err = await flowError(authorize(signingBrowser({ decision: 'deny' })))
    expect(err.kind).toBe('access_denied')
    expect(err.oauthError).toBe('access_denied')
  })

  it('rejects a response whose iss is not the expected issuer (RFC 9207)', async () => {
    const err = await flowError(authorize(signingBrowser(), { server: { ...server.metadata, issuer: 'https://someone-else.example' } }))
    expect(err.kind).toBe('invalid_callback')
  })

  it('the standard client also refuses a foreign iss at exchange time', async () => {
    const outcome = await authorize(signingBrowser())
    const err = await clientError(client.exchangeCode({ ...outcome, iss: 'https://someone-else.example' }))
    expect(err.kind).toBe('invalid_response')
  })

  it('can be cancelled through an AbortSignal while the browser is out', async () => {
    const controller = new AbortController()
    const browser: BrowserOpener = { open: async () => controller.abort() }
    const err = await flowError(authorize(browser, { signal: controller.signal }))
    expect(err.kind).toBe('cancelled')
  })
})

describe('refresh tokens: rotation, reuse detection, revocation', () => {
  it('rotates on refresh; reusing the old refresh token fails and kills the new one too (RFC 9700 §4.14.2)', async () => {
    const { tokens } = await connect()
    const first = tokens.refreshToken ?? ''
    const refreshed = await client.refresh(first)
    expect(refreshed.accessToken).not.toBe(tokens.accessToken)
    expect(refreshed.refreshToken).toEqual(expect.any(String))
    expect(refreshed.refreshToken).not.toBe(first)

    const reuse = await clientError(client.refresh(first))
    expect(reuse.kind).toBe('oauth')
    expect(reuse.error).toBe('invalid_grant')
    expect(reuse.status).toBe(400)

    const afterReuse = await clientError(client.refresh(refreshed.refreshToken ?? ''))
    expect(afterReuse.error).toBe('invalid_grant')
  })

  it('a revoked refresh token can no longer refresh (RFC 7009)', async () => {
    const { tokens } = await connect()
    const refreshToken = tokens.refreshToken ?? ''
    await client.revoke(refreshToken, 'refresh_token')
    const err = await clientError(client.refresh(refreshToken))
    expect(err.error).toBe('invalid_grant')
    // RFC 7009 §2.2: revoking again still answers 200.
    await expect(client.revoke(refreshToken, 'refresh_token')).resolves.toBeUndefined()
  })

  it('refuses an http issuer unless insecure requests were allowed for tests', async () => {
    const strict = createStandardOAuthClient({
      http: createNodeHttp({ defaultTimeoutMs: 5_000 }),
      server: server.metadata,
      clientId: server.clientId,
      tokenAuth: 'none',
    })
    const err = await clientError(strict.refresh('anything'))
    expect(err.kind).toBe('invalid_response')
    expect(err.message).toMatch(/HTTPS/)
  })
})
