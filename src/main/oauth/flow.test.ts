import { describe, expect, it } from 'vitest'
import { createFakeClock } from '../../../tests/fakes/clock'
import type { BrowserOpener } from '../ports'
import type { OAuthConfig } from '../providers/types'
import { OAuthFlowError } from './errors'
import { authorizationRequestFor, runAuthorization, type AuthorizationRequest } from './flow'

const server = {
  authorization_endpoint: 'https://network.example/oauth/authorize',
  token_endpoint: 'https://api.network.example/oauth/token',
}

function request(overrides: Partial<AuthorizationRequest> = {}): AuthorizationRequest {
  return {
    server,
    clientId: 'relink-app',
    redirect: { host: '127.0.0.1', ports: 'ephemeral', path: '/callback/example' },
    scopes: ['pages_show_list', 'pages_manage_posts'],
    scopeSeparator: ',',
    ...overrides,
  }
}

/** Plays a network that approves at once and redirects back with the given extra parameters. */
function approvingBrowser(extra: Record<string, string> = {}): BrowserOpener & { opened: URL[] } {
  const opened: URL[] = []
  return {
    opened,
    async open(url) {
      const auth = new URL(url)
      opened.push(auth)
      const back = new URL(auth.searchParams.get('redirect_uri') ?? '')
      back.searchParams.set('code', 'the-code')
      back.searchParams.set('state', auth.searchParams.get('state') ?? '')
      for (const [k, v] of Object.entries(extra)) back.searchParams.set(k, v)
      await (await fetch(back)).text()
    },
  }
}

async function flowError(promise: Promise<unknown>): Promise<OAuthFlowError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(OAuthFlowError)
  return err as OAuthFlowError
}

describe('runAuthorization', () => {
  it('builds the authorize URL with the network scope separator and extra parameters', async () => {
    const clock = createFakeClock()
    const browser = approvingBrowser()
    const outcome = await runAuthorization({ browser, clock, timer: clock }, request({ extraParams: { auth_type: 'rerequest' } }))
    const url = browser.opened[0]
    expect(url?.origin + (url?.pathname ?? '')).toBe(server.authorization_endpoint)
    expect(url?.searchParams.get('scope')).toBe('pages_show_list,pages_manage_posts')
    expect(url?.searchParams.get('auth_type')).toBe('rerequest')
    expect(url?.searchParams.get('code_challenge_method')).toBe('S256')
    expect(outcome).toMatchObject({ code: 'the-code', redirectUri: url?.searchParams.get('redirect_uri'), state: url?.searchParams.get('state') })
    expect(outcome.iss).toBeUndefined()
  })

  it('uses a fresh state and verifier for every attempt', async () => {
    const clock = createFakeClock()
    const a = await runAuthorization({ browser: approvingBrowser(), clock, timer: clock }, request())
    const b = await runAuthorization({ browser: approvingBrowser(), clock, timer: clock }, request())
    expect(a.state).not.toBe(b.state)
    expect(a.codeVerifier).not.toBe(b.codeVerifier)
    expect(a.redirectUri).not.toBe(b.redirectUri)
  })

  it('refuses extra parameters that would replace its own', async () => {
    const clock = createFakeClock()
    for (const name of ['state', 'code_challenge_method', 'redirect_uri', 'scope']) {
      await expect(runAuthorization({ browser: approvingBrowser(), clock, timer: clock }, request({ extraParams: { [name]: 'x' } }))).rejects.toThrow(TypeError)
    }
  })

  it('does not open the browser when already cancelled', async () => {
    const clock = createFakeClock()
    const browser = approvingBrowser()
    const controller = new AbortController()
    controller.abort()
    expect((await flowError(runAuthorization({ browser, clock, timer: clock }, request({ signal: controller.signal })))).kind).toBe('cancelled')
    expect(browser.opened).toHaveLength(0)
  })

  it('reports a browser that cannot open and closes the listener', async () => {
    const clock = createFakeClock()
    const browser: BrowserOpener = {
      open: async () => {
        throw new Error('xdg-open not found')
      },
    }
    const err = await flowError(runAuthorization({ browser, clock, timer: clock }, request()))
    expect(err.kind).toBe('browser_unavailable')
    expect(clock.pending()).toBe(0)
  })

  it('times out on the injected clock', async () => {
    const clock = createFakeClock()
    const opened: string[] = []
    const attempt = runAuthorization({ browser: { open: async (url) => void opened.push(url) }, clock, timer: clock }, request({ timeoutMs: 5 * 60_000 }))
    await expect.poll(() => opened.length).toBe(1)
    clock.advance(5 * 60_000)
    expect((await flowError(attempt)).kind).toBe('timeout')
  })

  it('checks iss against a declared issuer that promises it (RFC 9207)', async () => {
    const clock = createFakeClock()
    const strict = { ...server, issuer: 'https://network.example', authorization_response_iss_parameter_supported: true }
    expect((await flowError(runAuthorization({ browser: approvingBrowser(), clock, timer: clock }, request({ server: strict })))).kind).toBe('invalid_callback')
    const ok = await runAuthorization({ browser: approvingBrowser({ iss: 'https://network.example' }), clock, timer: clock }, request({ server: strict }))
    expect(ok.iss).toBe('https://network.example')
  })

  it('refuses http endpoints unless allowed for the sandbox', async () => {
    const clock = createFakeClock()
    const insecure = { ...server, authorization_endpoint: 'http://127.0.0.1:9/oauth/authorize' }
    const browser = approvingBrowser()
    await expect(runAuthorization({ browser, clock, timer: clock }, request({ server: insecure }))).rejects.toThrow(/HTTPS/)
    expect(browser.opened).toHaveLength(0)
    expect(clock.pending()).toBe(0)
  })
})

describe('authorizationRequestFor', () => {
  it('takes endpoints, scopes, separator, redirect and extra parameters from the adapter', () => {
    const oauth: OAuthConfig = {
      authorizationEndpoint: 'https://x.example/i/oauth2/authorize',
      tokenEndpoint: 'https://api.x.example/2/oauth2/token',
      revocationEndpoint: 'https://api.x.example/2/oauth2/revoke',
      scopes: ['tweet.read', 'offline.access'],
      scopeSeparator: ' ',
      pkce: 'required',
      clientSecret: 'optional',
      tokenAuth: 'none',
      redirect: { host: '127.0.0.1', ports: 'ephemeral', path: '/callback/x' },
      extraAuthParams: { prompt: 'consent' },
      dynamicRegistration: false,
    }
    expect(authorizationRequestFor(oauth, { clientId: 'cid' })).toEqual({
      server: {
        authorization_endpoint: 'https://x.example/i/oauth2/authorize',
        token_endpoint: 'https://api.x.example/2/oauth2/token',
        revocation_endpoint: 'https://api.x.example/2/oauth2/revoke',
      },
      clientId: 'cid',
      redirect: oauth.redirect,
      scopes: oauth.scopes,
      scopeSeparator: ' ',
      extraParams: { prompt: 'consent' },
    })
  })
})
