/**
 * A certified OAuth 2.0 / OpenID Connect server (oidc-provider) on loopback, configured like a
 * strict standards-following network, plus a headless "browser" that signs in on its
 * development login and consent pages with plain fetch and a cookie jar.
 */
import { generateKeyPairSync } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'
import type { AuthorizationServerMetadata } from '../../src/main/oauth/metadata'
import type { BrowserOpener } from '../../src/main/ports'

export const TEST_CLIENT_ID = 'relink-native'
/** Registered without a port: native clients match loopback redirects on any port (RFC 8252 §7.3). */
export const TEST_REDIRECT_PATH = '/callback/test'

export interface OidcTestServer {
  issuer: string
  clientId: string
  metadata: Required<AuthorizationServerMetadata>
  provider: Provider
  close(): Promise<void>
}

export async function startOidcServer(): Promise<OidcTestServer> {
  const http: Server = createServer()
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const { port } = http.address() as AddressInfo
  const issuer = `http://127.0.0.1:${port}`
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' })

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [`http://127.0.0.1${TEST_REDIRECT_PATH}`],
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'test-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['relink-test-cookie-key'] },
    scopes: ['openid', 'offline_access', 'posts'],
    // Public clients must use PKCE (RFC 9700 §2.1.1); oidc-provider's default, stated explicitly.
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: true },
      revocation: { enabled: true, allowedPolicy: async () => true },
    },
    // Refresh tokens only for offline access, rotated on every use (RFC 9700 §4.14.2).
    issueRefreshToken: async (_ctx, client, code) => client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    rotateRefreshToken: true,
    ttl: { Interaction: 600, Session: 3600, Grant: 86400, AccessToken: 300, RefreshToken: 86400, IdToken: 300, AuthorizationCode: 60 },
    findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id }) }),
  })
  http.on('request', provider.callback())

  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>
  const metadata: Required<AuthorizationServerMetadata> = {
    issuer: String(discovery.issuer),
    authorization_endpoint: String(discovery.authorization_endpoint),
    token_endpoint: String(discovery.token_endpoint),
    revocation_endpoint: String(discovery.revocation_endpoint),
    authorization_response_iss_parameter_supported: discovery.authorization_response_iss_parameter_supported === true,
  }

  return {
    issuer,
    clientId: TEST_CLIENT_ID,
    metadata,
    provider,
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve())
        http.closeAllConnections()
      }),
  }
}

export interface SignInOptions {
  account?: string
  /** `deny` presses the consent page's cancel link, which ends in `error=access_denied`. */
  decision?: 'allow' | 'deny'
}

/** A cookie jar keyed by name: enough for oidc-provider's interaction and session cookies. */
class CookieJar {
  private readonly cookies = new Map<string, string>()

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      if (!pair) continue
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const expires = attributes.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith('expires='))
      const expired = expires !== undefined && Date.parse(expires.slice('expires='.length)) <= Date.now()
      if (value === '' || expired) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }
}

/**
 * Plays the user in front of oidc-provider's development pages: follows redirects, signs in,
 * consents (or declines) and returns the final redirect to the client without following it.
 */
export async function signIn(authorizationUrl: string, options: SignInOptions = {}): Promise<URL> {
  const jar = new CookieJar()
  const authOrigin = new URL(authorizationUrl).origin
  let url = new URL(authorizationUrl)
  let init: { method: 'GET' | 'POST'; body?: URLSearchParams } = { method: 'GET' }
  for (let step = 0; step < 20; step += 1) {
    const response = await fetch(url, {
      method: init.method,
      redirect: 'manual',
      headers: {
        cookie: jar.header(),
        ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(init.body ? { body: init.body.toString() } : {}),
    })
    jar.store(response)
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel()
      const next = new URL(response.headers.get('location') ?? '', url)
      if (next.origin !== authOrigin) return next
      url = next
      init = { method: 'GET' }
      continue
    }
    const html = await response.text()
    if (response.status !== 200) throw new Error(`Authorization server answered ${response.status}: ${html.slice(0, 500)}`)
    const prompt = /name="prompt" value="([a-z]+)"/.exec(html)?.[1]
    if (prompt === 'login') {
      init = { method: 'POST', body: new URLSearchParams({ prompt: 'login', login: options.account ?? 'alice', password: 'any' }) }
    } else if (prompt === 'consent') {
      if (options.decision === 'deny') {
        url = new URL(`${url.pathname}/abort`, url)
        init = { method: 'GET' }
      } else {
        init = { method: 'POST', body: new URLSearchParams({ prompt: 'consent' }) }
      }
    } else {
      throw new Error(`Unexpected page from the authorization server: ${html.slice(0, 500)}`)
    }
  }
  throw new Error('Too many steps in the sign-in dance')
}

export interface DeliveredCallback {
  url: URL
  status: number
  body: string
}

/** A `BrowserOpener` that signs in and then follows the redirect to the app's loopback listener. */
export interface SigningBrowser extends BrowserOpener {
  readonly opened: string[]
  readonly delivered: DeliveredCallback[]
}

export function signingBrowser(options: SignInOptions = {}): SigningBrowser {
  const opened: string[] = []
  const delivered: DeliveredCallback[] = []
  return {
    opened,
    delivered,
    async open(url) {
      opened.push(url)
      const callback = await signIn(url, options)
      const response = await fetch(callback, { redirect: 'manual' })
      delivered.push({ url: callback, status: response.status, body: await response.text() })
    },
  }
}

/** A `BrowserOpener` that signs in but hands the redirect to the test instead of following it. */
export interface CapturingBrowser extends BrowserOpener {
  readonly opened: string[]
  /** Resolves with the redirect the browser would have followed. */
  readonly callback: Promise<URL>
}

export function capturingBrowser(options: SignInOptions = {}): CapturingBrowser {
  const opened: string[] = []
  let captured!: (url: URL) => void
  let failed!: (err: unknown) => void
  const callback = new Promise<URL>((resolve, reject) => {
    captured = resolve
    failed = reject
  })
  return {
    opened,
    callback,
    async open(url) {
      opened.push(url)
      try {
        captured(await signIn(url, options))
      } catch (err) {
        failed(err)
        throw err
      }
    },
  }
}
