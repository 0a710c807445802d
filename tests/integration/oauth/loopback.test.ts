import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { networkInterfaces } from 'node:os'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { OAuthFlowError } from '../../../src/main/oauth/errors'
import { startLoopbackListener, type LoopbackListener, type LoopbackListenerOptions } from '../../../src/main/oauth/loopback'
import type { RedirectRule } from '../../../src/main/providers/types'
import { createFakeClock } from '../../fakes/clock'
import { canConnect, rawRequest, rawSocketRequest, settledState } from './raw-http'

const PATH = '/callback/test'
const STATE = 'expected-state-0123456789abcdefghijklmnopqrstuv'
const ephemeral: RedirectRule = { host: '127.0.0.1', ports: 'ephemeral', path: PATH }

const open: LoopbackListener[] = []
const blockers: Server[] = []

afterEach(async () => {
  for (const listener of open.splice(0)) {
    listener.cancel()
    await listener.closed
  }
  for (const server of blockers.splice(0)) await new Promise((resolve) => server.close(resolve))
})

async function start(overrides: Partial<LoopbackListenerOptions> = {}): Promise<LoopbackListener> {
  const clock = createFakeClock()
  const listener = await startLoopbackListener({ redirect: ephemeral, expectedState: STATE, clock, timer: clock, timeoutMs: 60_000, ...overrides })
  open.push(listener)
  return listener
}

function portOf(listener: LoopbackListener): number {
  return Number(new URL(listener.redirectUri).port)
}

async function rejection(promise: Promise<unknown>): Promise<OAuthFlowError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(OAuthFlowError)
  return err as OAuthFlowError
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function occupy(port: number, address = '127.0.0.1'): Promise<void> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ port, host: address, exclusive: true, ipv6Only: address === '::1' }, resolve)
  })
  blockers.push(server)
}

describe('loopback listener: binding (RFC 8252 §7.3, §8.3)', () => {
  it('binds an ephemeral port on 127.0.0.1 and hands out an exact redirect URI', async () => {
    const listener = await start()
    expect(listener.address.host).toBe('127.0.0.1')
    expect(listener.redirectUri).toBe(`http://127.0.0.1:${listener.address.port}${PATH}`)
    expect(listener.address.port).toBeGreaterThan(0)
  })

  it('is not reachable on a non-loopback address of this machine', async () => {
    const listener = await start()
    const external = Object.values(networkInterfaces())
      .flat()
      .find((entry) => entry !== undefined && entry.family === 'IPv4' && !entry.internal)
    expect(listener.address.host).toBe('127.0.0.1')
    if (external) {
      expect(await canConnect(external.address, portOf(listener))).toBe(false)
      // Control: the probe does reach a server bound to every interface on the same address.
      const wildcard = createServer()
      await new Promise<void>((resolve) => wildcard.listen(0, '0.0.0.0', resolve))
      blockers.push(wildcard)
      expect(await canConnect(external.address, (wildcard.address() as AddressInfo).port)).toBe(true)
    }
    expect(await canConnect('127.0.0.1', portOf(listener))).toBe(true)
  })

  it('binds the loopback address `localhost` resolves to when the rule insists on localhost', async () => {
    const listener = await start({ redirect: { host: 'localhost', ports: 'ephemeral', path: PATH } })
    expect(['127.0.0.1', '::1']).toContain(listener.address.host)
    expect(listener.redirectUri).toBe(`http://localhost:${listener.address.port}${PATH}`)
    const result = listener.result
    const res = await rawRequest({ address: listener.address.host, port: listener.address.port, path: `${PATH}?code=c&state=${STATE}`, host: `localhost:${listener.address.port}` })
    expect(res.status).toBe(200)
    await expect(result).resolves.toEqual({ code: 'c', state: STATE })
  })

  it('uses the first free registered port, in order', async () => {
    const [busy, free] = [await freePort(), await freePort()]
    await occupy(busy)
    const listener = await start({ redirect: { host: '127.0.0.1', ports: [busy, free], path: PATH } })
    expect(listener.redirectUri).toBe(`http://127.0.0.1:${free}${PATH}`)
  })

  it('fails clearly when every registered port is busy', async () => {
    const [a, b] = [await freePort(), await freePort()]
    await occupy(a)
    await occupy(b)
    const clock = createFakeClock()
    const err = await rejection(
      startLoopbackListener({ redirect: { host: '127.0.0.1', ports: [a, b], path: PATH }, expectedState: STATE, clock, timer: clock, timeoutMs: 1_000 }),
    )
    expect(err.kind).toBe('ports_busy')
    expect(err.message).toContain(`${a}, ${b}`)
    expect(err.message).toMatch(/in use/)
  })

  it('holds both 127.0.0.1 and ::1 on one port for a localhost redirect, so either address reaches Relink', async () => {
    const listener = await start({ redirect: { host: 'localhost', ports: 'ephemeral', path: PATH } })
    const port = listener.address.port
    expect(await canConnect('127.0.0.1', port)).toBe(true)
    expect(await canConnect('::1', port)).toBe(true)
    const res = await rawRequest({ address: '::1', port, path: `${PATH}?code=c&state=${STATE}`, host: `localhost:${port}` })
    expect(res.status).toBe(200)
    await expect(listener.result).resolves.toEqual({ code: 'c', state: STATE })
    await listener.closed
    expect(await canConnect('127.0.0.1', port)).toBe(false)
    expect(await canConnect('::1', port)).toBe(false)
  })

  it('moves to the next registered port when another program holds [::1] on the first one', async () => {
    const [first, second] = [await freePort(), await freePort()]
    await occupy(first, '::1')
    const listener = await start({ redirect: { host: 'localhost', ports: [first, second], path: PATH } })
    expect(listener.redirectUri).toBe(`http://localhost:${second}${PATH}`)
    // Relink no longer holds 127.0.0.1 on the first port, so a browser trying either address cannot mix them up.
    expect(await canConnect('127.0.0.1', first)).toBe(false)
  })

  it('moves to the next registered port when another program holds 127.0.0.1 on the first one', async () => {
    const [first, second] = [await freePort(), await freePort()]
    await occupy(first, '127.0.0.1')
    const listener = await start({ redirect: { host: 'localhost', ports: [first, second], path: PATH } })
    expect(listener.redirectUri).toBe(`http://localhost:${second}${PATH}`)
    expect(await canConnect('::1', second)).toBe(true)
  })

  it('refuses rules that are not loopback or whose path is not a plain absolute path', async () => {
    const clock = createFakeClock()
    const base = { expectedState: STATE, clock, timer: clock, timeoutMs: 1_000 }
    await expect(startLoopbackListener({ ...base, redirect: { host: '0.0.0.0' as '127.0.0.1', ports: 'ephemeral', path: PATH } })).rejects.toThrow(TypeError)
    await expect(startLoopbackListener({ ...base, redirect: { host: '127.0.0.1', ports: 'ephemeral', path: 'callback' } })).rejects.toThrow(TypeError)
    await expect(startLoopbackListener({ ...base, redirect: { host: '127.0.0.1', ports: 'ephemeral', path: '/cb?x=1' } })).rejects.toThrow(TypeError)
    await expect(startLoopbackListener({ ...base, redirect: { host: '127.0.0.1', ports: [], path: PATH } })).rejects.toThrow(TypeError)
  })
})

describe('loopback listener: what it serves', () => {
  it('answers other paths with 404 and keeps waiting', async () => {
    const listener = await start()
    for (const path of ['/', '/callback', `${PATH}/`, `${PATH}x`, '/CALLBACK/test', '/callback/%74est', `/other?code=c&state=${STATE}`]) {
      const res = await rawRequest({ port: portOf(listener), path })
      expect(res.status, path).toBe(404)
    }
    expect(await settledState(listener.result)).toBe('pending')
  })

  it('answers other methods on the callback path with 405 and Allow: GET', async () => {
    const listener = await start()
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']) {
      const res = await rawRequest({ port: portOf(listener), method, path: `${PATH}?code=c&state=${STATE}` })
      expect(res.status, method).toBe(405)
      expect(res.headers.allow).toBe('GET')
    }
    expect(await settledState(listener.result)).toBe('pending')
  })

  it('refuses a foreign Host header (DNS rebinding) without ending the attempt', async () => {
    const listener = await start()
    for (const host of ['evil.example', `evil.example:${portOf(listener)}`, `localhost:${portOf(listener)}`, '127.0.0.1:1']) {
      const res = await rawRequest({ port: portOf(listener), path: `${PATH}?code=c&state=${STATE}`, host })
      expect(res.status, host).toBe(421)
    }
    expect(await settledState(listener.result)).toBe('pending')
  })

  it('refuses a request with two Host headers, even when the first is the loopback one', async () => {
    const listener = await start()
    const port = portOf(listener)
    for (const hosts of [[`127.0.0.1:${port}`, 'evil.example'], [`127.0.0.1:${port}`, `127.0.0.1:${port}`], ['evil.example', `127.0.0.1:${port}`]]) {
      const res = await rawSocketRequest({ port, head: [`GET ${PATH}?code=c&state=${STATE} HTTP/1.1`, ...hosts.map((h) => `Host: ${h}`)] })
      expect(res.status, hosts.join(' + ')).toBeGreaterThanOrEqual(400)
    }
    expect(await settledState(listener.result)).toBe('pending')
    const ok = await rawSocketRequest({ port, head: [`GET ${PATH}?code=c&state=${STATE} HTTP/1.1`, `Host: 127.0.0.1:${port}`] })
    expect(ok.status).toBe(200)
  })

  it('refuses an absolute-form target naming another authority, even with the right Host header', async () => {
    const listener = await start()
    const port = portOf(listener)
    const res = await rawSocketRequest({ port, head: [`GET http://evil.example${PATH}?code=c&state=${STATE} HTTP/1.1`, `Host: 127.0.0.1:${port}`] })
    expect(res.status).toBe(400)
    expect(await settledState(listener.result)).toBe('pending')
  })

  it('answers with a no-store, no-referrer, script-free page', async () => {
    const listener = await start()
    const res = await rawRequest({ port: portOf(listener), path: `${PATH}?code=c&state=${STATE}` })
    expect(res.status).toBe(200)
    expect(res.body).toContain('You can return to Relink')
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'/)
    expect(res.body).not.toContain('<script')
    expect(res.body).toContain('<h1>Signed in</h1>')
    // Styled, yet nothing else may load: the one inline style is allowed by its hash alone.
    const style = /<style>([\s\S]*)<\/style>/.exec(res.body)?.[1] ?? ''
    const hash = createHash('sha256').update(style, 'utf8').digest('base64')
    expect(res.headers['content-security-policy']).toContain(`style-src 'sha256-${hash}'`)
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline')
    await expect(listener.result).resolves.toEqual({ code: 'c', state: STATE })
  })

  it('holds the success page until the sign-in is finished, then names the account, as text', async () => {
    const listener = await start({ holdSuccessPageMs: 30_000 })
    const answer = rawRequest({ port: portOf(listener), path: `${PATH}?code=c&state=${STATE}` })
    await expect(listener.result).resolves.toEqual({ code: 'c', state: STATE })
    expect(await settledState(answer)).toBe('pending')
    listener.finishPage({ kind: 'connected', network: 'LinkedIn', account: 'Ava <b>Lindqvist</b> (@ava)' })
    const res = await answer
    expect(res.status).toBe(200)
    expect(res.body).toContain('<h1>Signed in</h1>')
    expect(res.body).toContain('<p>Relink is connected to LinkedIn as Ava &lt;b&gt;Lindqvist&lt;/b&gt; (@ava).</p><p>You can return to Relink. This tab can be closed.</p>')
    // Finishing twice changes nothing.
    listener.finishPage({ kind: 'failed', sentence: 'late' })
  })

  it('says on the held page why a sign-in did not finish', async () => {
    const listener = await start({ holdSuccessPageMs: 30_000 })
    const answer = rawRequest({ port: portOf(listener), path: `${PATH}?code=c&state=${STATE}` })
    await listener.result
    listener.finishPage({ kind: 'failed', sentence: 'You signed in to X as Bo, but this connection belongs to Ava.' })
    const res = await answer
    expect(res.body).toContain('<h1>Sign-in not completed</h1>')
    expect(res.body).toContain('<p>You signed in to X as Bo, but this connection belongs to Ava.</p><p>Return to Relink to try again.</p>')
  })

  it('sends the plain success page when the held sign-in is never finished', async () => {
    const clock = createFakeClock()
    const listener = await start({ clock, timer: clock, holdSuccessPageMs: 30_000 })
    const answer = rawRequest({ port: portOf(listener), path: `${PATH}?code=c&state=${STATE}` })
    await listener.result
    clock.advance(30_000)
    const res = await answer
    expect(res.body).toContain('<p>You can return to Relink. This tab can be closed.</p>')
    expect(res.body).not.toContain('connected to')
  })

  it('never echoes request content into its pages', async () => {
    const listener = await start()
    const res = await rawRequest({ port: portOf(listener), path: `${PATH}?state=%3Cscript%3Ealert(1)%3C%2Fscript%3E&code=%3Cb%3E` })
    expect(res.status).toBe(400)
    expect(res.body).not.toContain('<script>')
    expect(res.body).not.toContain('<b>')
  })
})

describe('loopback listener: state, iss and errors', () => {
  it('answers a wrong or missing state with an error page and keeps waiting for the right one', async () => {
    const listener = await start()
    for (const query of ['code=c', 'code=c&state=', `code=c&state=${STATE}x`, `code=c&state=${STATE.slice(1)}`, 'code=c&state=attacker', 'error=access_denied&state=attacker']) {
      const res = await rawRequest({ port: portOf(listener), path: `${PATH}?${query}` })
      expect(res.status, query).toBe(400)
      expect(res.body).toContain('not the one Relink is waiting for')
    }
    expect(await settledState(listener.result)).toBe('pending')
    const ok = await rawRequest({ port: portOf(listener), path: `${PATH}?code=real&state=${STATE}` })
    expect(ok.status).toBe(200)
    await expect(listener.result).resolves.toEqual({ code: 'real', state: STATE })
  })

  it('ignores responses with repeated parameters (RFC 6749 §3.1)', async () => {
    const listener = await start()
    const res = await rawRequest({ port: portOf(listener), path: `${PATH}?code=a&code=b&state=${STATE}` })
    expect(res.status).toBe(400)
    expect(await settledState(listener.result)).toBe('pending')
  })

  it('closes after the first valid callback; a replay cannot be delivered', async () => {
    const listener = await start()
    const path = `${PATH}?code=c&state=${STATE}`
    expect((await rawRequest({ port: portOf(listener), path })).status).toBe(200)
    await expect(listener.result).resolves.toEqual({ code: 'c', state: STATE })
    await listener.closed
    await expect(rawRequest({ port: portOf(listener), path })).rejects.toThrow(/ECONNREFUSED/)
  })

  it('ends the attempt with access_denied when the user declines', async () => {
    const listener = await start()
    const res = await rawRequest({ port: portOf(listener), path: `${PATH}?error=access_denied&error_description=no&state=${STATE}` })
    expect(res.status).toBe(200)
    expect(res.body).toContain('Access was not granted')
    const err = await rejection(listener.result)
    expect(err.kind).toBe('access_denied')
    expect(err.oauthError).toBe('access_denied')
    expect(err.description).toBe('no')
    await listener.closed
  })

  it('ends the attempt with server_error for any other error code', async () => {
    const listener = await start()
    await rawRequest({ port: portOf(listener), path: `${PATH}?error=temporarily_unavailable&state=${STATE}` })
    const err = await rejection(listener.result)
    expect(err.kind).toBe('server_error')
    expect(err.oauthError).toBe('temporarily_unavailable')
  })

  it('rejects a response from another issuer (RFC 9207 mix-up defence)', async () => {
    const listener = await start({ expectedIssuer: 'https://as.example' })
    const res = await rawRequest({ port: portOf(listener), path: `${PATH}?code=c&state=${STATE}&iss=${encodeURIComponent('https://evil.example')}` })
    expect(res.status).toBe(400)
    expect((await rejection(listener.result)).kind).toBe('invalid_callback')
  })

  it('rejects a missing iss when the server promises one, accepts it otherwise', async () => {
    const strict = await start({ expectedIssuer: 'https://as.example', issuerParameterRequired: true })
    await rawRequest({ port: portOf(strict), path: `${PATH}?code=c&state=${STATE}` })
    expect((await rejection(strict.result)).kind).toBe('invalid_callback')

    const lenient = await start({ expectedIssuer: 'https://as.example' })
    await rawRequest({ port: portOf(lenient), path: `${PATH}?code=c&state=${STATE}` })
    await expect(lenient.result).resolves.toEqual({ code: 'c', state: STATE })

    const matching = await start({ expectedIssuer: 'https://as.example', issuerParameterRequired: true })
    await rawRequest({ port: portOf(matching), path: `${PATH}?code=c&state=${STATE}&iss=${encodeURIComponent('https://as.example')}` })
    await expect(matching.result).resolves.toEqual({ code: 'c', state: STATE, iss: 'https://as.example' })
  })

  it('ends with invalid_callback when the right state comes without a code', async () => {
    const listener = await start()
    await rawRequest({ port: portOf(listener), path: `${PATH}?state=${STATE}` })
    expect((await rejection(listener.result)).kind).toBe('invalid_callback')
  })
})

describe('loopback listener: lifetime', () => {
  it('times out through the Timer port, closes and rejects with timeout', async () => {
    const clock = createFakeClock()
    const listener = await start({ clock, timer: clock, timeoutMs: 120_000 })
    expect(clock.pending()).toBe(1)
    clock.advance(119_999)
    expect(await settledState(listener.result)).toBe('pending')
    clock.advance(1)
    expect((await rejection(listener.result)).kind).toBe('timeout')
    await listener.closed
    expect(await canConnect('127.0.0.1', portOf(listener))).toBe(false)
  })

  it('cancel closes the port and rejects with cancelled; the timer is released', async () => {
    const clock = createFakeClock()
    const listener = await start({ clock, timer: clock })
    listener.cancel()
    listener.cancel()
    expect((await rejection(listener.result)).kind).toBe('cancelled')
    expect(clock.pending()).toBe(0)
    await listener.closed
    expect(await canConnect('127.0.0.1', portOf(listener))).toBe(false)
  })

  it('cuts other open connections when the attempt ends, so nothing more can arrive', async () => {
    const listener = await start()
    // A connection that stays open without a request (a browser's pre-connect, or an attacker's).
    const idle = connect({ host: '127.0.0.1', port: portOf(listener) })
    await new Promise<void>((resolve) => idle.once('connect', () => resolve()))
    const idleClosed = new Promise<void>((resolve) => idle.once('close', () => resolve()))
    idle.on('error', () => undefined)
    await rawRequest({ port: portOf(listener), path: `${PATH}?code=c&state=${STATE}` })
    await listener.closed
    await idleClosed
  })
})

describe('loopback listener: property', () => {
  const methods = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD')
  const paths = fc.oneof(
    fc.constant(PATH),
    fc.constantFrom('/', '/callback', `${PATH}/`, `${PATH}/x`, '/CALLBACK/TEST', '/callback/%74est', `/x${PATH}`, `${PATH}.`),
    fc.stringMatching(/^\/[A-Za-z0-9._~%/-]{0,24}$/),
  )
  const stateValues = fc.oneof(
    fc.constant(STATE),
    fc.constantFrom('', STATE.slice(1), `${STATE}x`, STATE.toUpperCase()),
    fc.string({ maxLength: 60 }),
  )
  const params = fc.array(
    fc.tuple(fc.constantFrom('state', 'code', 'error', 'iss', 'error_description', 'foo'), fc.oneof(stateValues, fc.string({ maxLength: 12 }))),
    { maxLength: 5 },
  )

  it('resolves only for GET on the exact path with the right state and a code', async () => {
    await fc.assert(
      fc.asyncProperty(methods, paths, params, async (method, path, pairs) => {
        const listener = await start()
        const query = new URLSearchParams(pairs)
        const res = await rawRequest({ port: portOf(listener), method, path: `${path}?${query.toString()}` })
        const outcome = await settledState(listener.result)
        const states = query.getAll('state')
        const codes = query.getAll('code')
        const repeated = ['iss', 'error', 'error_description'].some((name) => query.getAll(name).length > 1)
        const deliverable =
          method === 'GET' &&
          path === PATH &&
          states.length === 1 &&
          states[0] === STATE &&
          codes.length === 1 &&
          codes[0] !== '' &&
          !query.has('error') &&
          !repeated
        expect(outcome === 'resolved').toBe(deliverable)
        if (method !== 'GET' || path !== PATH || states.length !== 1 || states[0] !== STATE) {
          // Nothing but the user's own response may end the attempt.
          expect(outcome).toBe('pending')
          expect(res.status).toBeGreaterThanOrEqual(400)
        }
        listener.cancel()
        await listener.closed
      }),
      { numRuns: 150 },
    )
  })
})
