import { describe, expect, it } from 'vitest'
import { HttpTransportError, type Http, type HttpRequest, type HttpResponse } from '../ports'
import { OAuthClientError } from './errors'
import type { AuthorizationServerMetadata } from './metadata'
import { createStandardOAuthClient, type StandardOAuthClientOptions } from './standard-client'

const server: AuthorizationServerMetadata = {
  issuer: 'https://as.example',
  authorization_endpoint: 'https://as.example/authorize',
  token_endpoint: 'https://as.example/token',
  revocation_endpoint: 'https://as.example/revoke',
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
})

function scriptedHttp(...answers: (HttpResponse | Error)[]): Http & { requests: HttpRequest[] } {
  const requests: HttpRequest[] = []
  return {
    requests,
    async request(req) {
      requests.push(req)
      const next = answers.shift()
      if (next === undefined) throw new Error('unexpected request')
      if (next instanceof Error) throw next
      return next
    },
  }
}

function client(http: Http, overrides: Partial<StandardOAuthClientOptions> = {}) {
  return createStandardOAuthClient({ http, server, clientId: 'relink', tokenAuth: 'none', ...overrides })
}

async function failure(promise: Promise<unknown>): Promise<OAuthClientError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(OAuthClientError)
  return err as OAuthClientError
}

const bodyOf = (req: HttpRequest | undefined): URLSearchParams => new URLSearchParams(typeof req?.body === 'string' ? req.body : '')

describe('standard OAuth client', () => {
  it('exchanges a code with the verifier and redirect URI as a public client (RFC 6749 §4.1.3, RFC 7636 §4.5)', async () => {
    const http = scriptedHttp(json(200, { access_token: 'at', token_type: 'Bearer', expires_in: 3600, refresh_token: 'rt', scope: 'a  b' }))
    const tokens = await client(http).exchangeCode({ code: 'c0de', codeVerifier: 'v'.repeat(43), redirectUri: 'http://127.0.0.1:5000/cb/x', state: 's', iss: 'https://as.example' })
    expect(tokens).toEqual({ accessToken: 'at', tokenType: 'bearer', refreshToken: 'rt', expiresInSeconds: 3600, scopes: ['a', 'b'] })
    const req = http.requests[0]
    expect(req?.method).toBe('POST')
    expect(req?.url).toBe('https://as.example/token')
    const body = bodyOf(req)
    expect(Object.fromEntries(body)).toEqual({
      grant_type: 'authorization_code',
      code: 'c0de',
      code_verifier: 'v'.repeat(43),
      redirect_uri: 'http://127.0.0.1:5000/cb/x',
      client_id: 'relink',
    })
    expect(req?.headers?.authorization).toBeUndefined()
  })

  it('authenticates with client_secret_basic or client_secret_post where the network wants a secret', async () => {
    const basic = scriptedHttp(json(200, { access_token: 'at', token_type: 'bearer' }))
    await client(basic, { tokenAuth: 'client_secret_basic', clientSecret: 's3cret' }).refresh('rt')
    expect(basic.requests[0]?.headers?.authorization).toBe(`Basic ${Buffer.from('relink:s3cret').toString('base64')}`)
    expect(bodyOf(basic.requests[0]).has('client_secret')).toBe(false)

    const post = scriptedHttp(json(200, { access_token: 'at', token_type: 'bearer' }))
    await client(post, { tokenAuth: 'client_secret_post', clientSecret: 's3cret' }).refresh('rt')
    expect(bodyOf(post.requests[0]).get('client_secret')).toBe('s3cret')
    expect(bodyOf(post.requests[0]).get('grant_type')).toBe('refresh_token')
  })

  it('refuses a secret-based method without a secret', () => {
    expect(() => client(scriptedHttp(), { tokenAuth: 'client_secret_post' })).toThrow(TypeError)
  })

  it('carries the OAuth error code of a refused request (RFC 6749 §5.2)', async () => {
    const err = await failure(client(scriptedHttp(json(400, { error: 'invalid_grant', error_description: 'expired' }))).refresh('rt'))
    expect(err).toMatchObject({ kind: 'oauth', error: 'invalid_grant', status: 400, description: 'expired' })
  })

  it('reads the error from a WWW-Authenticate challenge too (RFC 6750 §3)', async () => {
    const challenge = json(401, { error: 'invalid_client' }, { 'www-authenticate': 'Bearer error="invalid_client", error_description="unknown client"' })
    const err = await failure(client(scriptedHttp(challenge)).refresh('rt'))
    expect(err).toMatchObject({ kind: 'oauth', error: 'invalid_client', status: 401 })
  })

  it('tells a 5xx page apart from an OAuth error', async () => {
    const err = await failure(client(scriptedHttp({ status: 503, headers: { 'content-type': 'text/html' }, body: '<h1>down</h1>' })).refresh('rt'))
    expect(err.kind).toBe('http')
    expect(err.status).toBe(503)
    expect(err.error).toBeUndefined()
  })

  it('reports transport failures as transport, never as a dead token', async () => {
    const err = await failure(client(scriptedHttp(new HttpTransportError('network', 'Could not reach as.example'))).refresh('rt'))
    expect(err.kind).toBe('transport')
    expect(err.error).toBeUndefined()
  })

  it('reports a malformed success body as invalid_response', async () => {
    const err = await failure(client(scriptedHttp({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"token_type":"bearer"}' })).refresh('rt'))
    expect(err.kind).toBe('invalid_response')
  })

  it('revokes with a token_type_hint (RFC 7009 §2.1)', async () => {
    const http = scriptedHttp({ status: 200, headers: {}, body: '' })
    await client(http).revoke('rt', 'refresh_token')
    expect(http.requests[0]?.url).toBe('https://as.example/revoke')
    expect(Object.fromEntries(bodyOf(http.requests[0]))).toEqual({ token: 'rt', token_type_hint: 'refresh_token', client_id: 'relink' })
  })

  it('says plainly when the network has no revocation endpoint', async () => {
    const { revocation_endpoint: _omitted, ...withoutRevocation } = server
    const err = await failure(createStandardOAuthClient({ http: scriptedHttp(), server: withoutRevocation, clientId: 'relink', tokenAuth: 'none' }).revoke('at', 'access_token'))
    expect(err.kind).toBe('unsupported')
  })

  it('ignores iss when the network declared no issuer', async () => {
    const { issuer: _none, ...noIssuer } = server
    const http = scriptedHttp(json(200, { access_token: 'at', token_type: 'bearer' }))
    const tokens = await createStandardOAuthClient({ http, server: noIssuer, clientId: 'relink', tokenAuth: 'none' }).exchangeCode({
      code: 'c',
      codeVerifier: 'v'.repeat(43),
      redirectUri: 'http://127.0.0.1:5000/cb/x',
      state: 's',
      iss: 'https://anything.example',
    })
    expect(tokens.accessToken).toBe('at')
  })
})
