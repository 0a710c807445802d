/**
 * The loopback redirect listener of one authorization attempt (RFC 8252 §7.3, §8.3; RFC 9700).
 *
 * A fresh HTTP server per attempt, bound to the loopback interface only, serving exactly one
 * callback path, delivering at most one authorization response and closing right after it, on
 * cancel, or at the deadline.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { Clock, Logger, Timer, TimerHandle } from '../ports'
import type { RedirectRule } from '../providers/types'
import { OAuthFlowError } from './errors'

/** The authorization response delivered to the redirect URI (RFC 6749 §4.1.2, RFC 9207 §2). */
export interface LoopbackCallback {
  code: string
  state: string
  iss?: string
}

export interface LoopbackListenerOptions {
  redirect: RedirectRule
  /** The single-use `state` sent in this attempt's authorization request (RFC 6749 §10.12). */
  expectedState: string
  /** When set, an `iss` parameter in the response must equal it (RFC 9207 §2.4). */
  expectedIssuer?: string
  /**
   * The server advertises `authorization_response_iss_parameter_supported`: a response without
   * `iss` is then rejected (RFC 9207 §2.4). Only meaningful together with `expectedIssuer`.
   */
  issuerParameterRequired?: boolean
  clock: Clock
  timer: Timer
  /**
   * Keep the browser's success page until the caller has finished the sign-in ({@link
   * LoopbackListener.finishPage}), so the page can name the account that connected, or say why
   * it did not. After this long the plain success page goes out anyway.
   */
  holdSuccessPageMs?: number
  /** How long the port stays open waiting for the browser (RFC 8252 §8.3: only while needed). */
  timeoutMs: number
  logger?: Logger
}

export interface LoopbackListener {
  /** `http://{host}:{port}{path}` to send as `redirect_uri`. */
  readonly redirectUri: string
  /** The socket address actually bound: always a loopback address. */
  readonly address: { readonly host: string; readonly port: number }
  /** The first valid authorization response, or an `OAuthFlowError`. */
  readonly result: Promise<LoopbackCallback>
  /** Ends the attempt (`cancelled`) and closes the port. Safe to call more than once. */
  cancel(): void
  /** Resolves once the server and every connection to it are closed. */
  readonly closed: Promise<void>
  /**
   * With `holdSuccessPageMs`: answers the browser's held success request with how the sign-in
   * ended. Does nothing when no page is held (already answered, or not held at all).
   */
  finishPage(page: SignInPage): void
}

/** How a held sign-in ended, for the page the browser shows. */
export type SignInPage = { kind: 'connected'; network: string; account: string } | { kind: 'failed'; sentence: string }

/**
 * Every answer goes out with these: nothing cached (the URL carries a code), no referrer leaks
 * the code to another origin (RFC 9700 §4.2.4), and the page can load or run nothing.
 */
/** The page's only style, allowed by its hash: no other style, script or resource can load. */
const PAGE_STYLE = `:root{color-scheme:light dark;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',system-ui,Roboto,sans-serif}
body{margin:0;min-height:100vh;display:grid;place-items:center;background:light-dark(#f6f7f9,#101216);color:light-dark(#1b1f24,#e4e7eb)}
main{max-width:28rem;margin:1.5rem;padding:2rem 2.25rem;border:1px solid light-dark(#e1e4e8,#2a2e36);border-radius:12px;background:light-dark(#fff,#16181d);box-shadow:0 8px 24px rgb(16 18 22 / .08)}
.mark{display:inline-grid;place-items:center;width:2rem;height:2rem;border-radius:8px;background:#4c56d1;color:#fff;font-weight:700}
h1{margin:1rem 0 .5rem;font-size:1.25rem}p{margin:0;line-height:1.5;color:light-dark(#4b535d,#b7bec8)}p+p{margin-top:.5rem}`
const STYLE_HASH = createHash('sha256').update(PAGE_STYLE, 'utf8').digest('base64')

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  pragma: 'no-cache',
  'referrer-policy': 'no-referrer',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
}

/** RFC 6749 §3.1: authorization response parameters must not repeat. */
const SINGLE_VALUED = ['code', 'state', 'iss', 'error', 'error_description', 'error_uri'] as const

/** Each page's heading; the sentence under it says what to do. */
const HEADINGS: Record<keyof typeof PAGES, string> = {
  success: 'Signed in',
  wrongState: 'Sign-in ignored',
  malformed: 'Sign-in ignored',
  denied: 'Access not granted',
  networkError: 'Sign-in not completed',
  untrusted: 'Sign-in rejected',
  ended: 'Sign-in already ended',
}

const PAGES = {
  success: 'You can return to Relink. This tab can be closed.',
  wrongState: 'This sign-in answer is not the one Relink is waiting for, so it was ignored. Return to Relink to continue.',
  malformed: 'This sign-in answer is malformed, so it was ignored. Return to Relink to continue.',
  denied: 'Access was not granted. Return to Relink to try again.',
  networkError: 'The network could not complete the sign-in. Return to Relink to try again.',
  untrusted: 'This sign-in answer could not be trusted and was rejected. Return to Relink to start again.',
  ended: 'This sign-in attempt has already ended. Return to Relink to start again.',
} as const

/**
 * Starts the listener and resolves once it is accepting connections. Rejects with
 * `OAuthFlowError('ports_busy')` when every registered port is taken.
 */
export async function startLoopbackListener(options: LoopbackListenerOptions): Promise<LoopbackListener> {
  const { redirect, expectedState, clock, timer, logger } = options
  assertRedirectRule(redirect)
  if (expectedState.length === 0) throw new TypeError('expectedState must not be empty')
  if (!(options.timeoutMs > 0)) throw new TypeError('timeoutMs must be positive')

  const { servers, hosts, port } = await listenOnFirstFreePort(redirect)

  // The authority the browser will name in its Host header; anything else is refused so a page
  // on another origin cannot reach the listener through DNS rebinding.
  const expectedAuthority = `${redirect.host}:${port}`
  const redirectUri = `http://${expectedAuthority}${redirect.path}`

  const sockets = new Set<Socket>()
  for (const server of servers) {
    server.on('error', (err: Error) => logger?.log('warn', 'Sign-in listener error', { port, error: err.message }))
    server.on('connection', (socket: Socket) => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
  }
  const closed = Promise.all(servers.map((server) => new Promise<void>((resolve) => server.once('close', () => resolve())))).then(() => undefined)

  let settled = false
  let deadline: TimerHandle | undefined = undefined
  let resolveResult!: (value: LoopbackCallback) => void
  let rejectResult!: (reason: OAuthFlowError) => void
  const result = new Promise<LoopbackCallback>((resolve, reject) => {
    resolveResult = resolve
    rejectResult = reject
  })
  // A caller that only cancels must not trip an unhandled rejection; awaiting `result` still throws.
  result.catch(() => undefined)

  /**
   * Ends the attempt exactly once. RFC 8252 §8.3: the port is open only while the request is in
   * flight. `answering` is the connection still writing the final page; it ends by itself once
   * written (`Connection: close`), every other connection is cut now so nothing more can arrive.
   */
  const settle = (outcome: { ok: true; value: LoopbackCallback } | { ok: false; error: OAuthFlowError }, answering?: Socket): void => {
    if (settled) return
    settled = true
    deadline?.cancel()
    for (const server of servers) server.close()
    for (const socket of sockets) if (socket !== answering) socket.destroy()
    if (outcome.ok) resolveResult(outcome.value)
    else rejectResult(outcome.error)
  }

  // Time comes from the injected Clock and Timer, so tests move it and sleep/resume is handled.
  deadline = timer.at(clock.now() + options.timeoutMs, () => {
    logger?.log('info', 'Sign-in listener timed out', { port })
    settle({ ok: false, error: new OAuthFlowError('timeout') })
  })

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    if (settled) res.setHeader('connection', 'close')

    // RFC 9112 §3.2: exactly one Host field. Node keeps only the first of several, so a request
    // carrying the loopback authority first and another one second would otherwise pass, and a
    // proxy or the browser in between may have acted on the second.
    if (hostFieldCount(req) !== 1) {
      sendText(res, 400, 'Bad request.')
      return
    }
    // DNS-rebinding defence: only requests addressed to the loopback authority we handed out.
    const host = req.headers.host?.toLowerCase()
    if (host !== expectedAuthority) {
      sendText(res, 421, 'This address only answers sign-in redirects for Relink.')
      return
    }
    const target = req.url ?? ''
    // Origin-form only (RFC 9112 §3.2.1); absolute-form or `*` targets are not browser redirects.
    if (!target.startsWith('/')) {
      sendText(res, 400, 'Bad request.')
      return
    }
    const queryAt = target.indexOf('?')
    const path = queryAt === -1 ? target : target.slice(0, queryAt)
    // One exact callback path per network (RFC 9700 §4.4.2 mix-up defence, §2.1 exact matching).
    if (path !== redirect.path) {
      sendText(res, 404, 'Not found.')
      return
    }
    // The authorization response arrives as a redirect, which browsers follow with GET (RFC 6749 §4.1.2).
    if (req.method !== 'GET') {
      res.setHeader('allow', 'GET')
      sendText(res, 405, 'Method not allowed.')
      return
    }
    if (settled) {
      sendPage(res, 410, PAGES.ended)
      return
    }

    const params = new URLSearchParams(queryAt === -1 ? '' : target.slice(queryAt + 1))
    if (SINGLE_VALUED.some((name) => params.getAll(name).length > 1)) {
      logger?.log('warn', 'Sign-in callback with repeated parameters ignored', { port })
      sendPage(res, 400, PAGES.malformed)
      return
    }

    // RFC 6749 §10.12 / RFC 9700 §2.1: the response must carry this attempt's state. A wrong or
    // missing state is someone else's response (or an attacker's): answer it, but keep waiting
    // for the user's own, so a forged request cannot cancel the real sign-in.
    const state = params.get('state')
    if (state === null || !constantTimeEqual(state, expectedState)) {
      logger?.log('warn', 'Sign-in callback with an unexpected state ignored', { port })
      sendPage(res, 400, PAGES.wrongState)
      return
    }

    // From here the response is bound to this attempt; the state is single-use, so whatever
    // happens next ends the attempt.
    res.setHeader('connection', 'close')
    const answering = req.socket

    // RFC 9207 §2.4: check `iss` before looking at `code` or `error`.
    const iss = params.get('iss') ?? undefined
    if (options.expectedIssuer !== undefined) {
      const issuerMismatch = iss !== undefined && iss !== options.expectedIssuer
      const issuerMissing = iss === undefined && options.issuerParameterRequired === true
      if (issuerMismatch || issuerMissing) {
        logger?.log('warn', 'Sign-in callback from an unexpected issuer rejected', { port, issuerMissing })
        settle({ ok: false, error: new OAuthFlowError('invalid_callback', { message: 'The sign-in answer came from an unexpected server, so it was rejected. Start the sign-in again from Relink.' }) }, answering)
        sendPage(res, 400, PAGES.untrusted)
        return
      }
    }

    // RFC 6749 §4.1.2.1: the network refused or failed the request.
    const error = params.get('error')
    if (error !== null) {
      const description = params.get('error_description') ?? undefined
      const denied = error === 'access_denied'
      logger?.log('info', 'Sign-in ended with an error from the network', { port, error })
      settle({ ok: false, error: new OAuthFlowError(denied ? 'access_denied' : 'server_error', { oauthError: error, description }) }, answering)
      sendPage(res, 200, denied ? PAGES.denied : PAGES.networkError)
      return
    }

    const code = params.get('code')
    if (code === null || code.length === 0) {
      settle({ ok: false, error: new OAuthFlowError('invalid_callback', { message: 'The network sent no authorization code. Start the sign-in again from Relink.' }) }, answering)
      sendPage(res, 400, PAGES.untrusted)
      return
    }

    settle({ ok: true, value: iss === undefined ? { code, state } : { code, state, iss } }, answering)
    if (options.holdSuccessPageMs === undefined) {
      sendPage(res, 200, PAGES.success)
      return
    }
    held = res
    // The port is closed already; the held answer still goes out if the caller never finishes.
    holdDeadline = timer.at(clock.now() + options.holdSuccessPageMs, () => finishPage(undefined))
  }

  let held: ServerResponse | undefined = undefined
  let holdDeadline: TimerHandle | undefined = undefined
  const finishPage = (page: SignInPage | undefined): void => {
    const res = held
    if (!res) return
    held = undefined
    holdDeadline?.cancel()
    if (page === undefined) sendPage(res, 200, PAGES.success)
    else if (page.kind === 'connected') sendHtml(res, 200, HEADINGS.success, [`Relink is connected to ${page.network} as ${page.account}.`, PAGES.success])
    else sendHtml(res, 200, HEADINGS.networkError, [page.sentence, 'Return to Relink to try again.'])
  }
  for (const server of servers) server.on('request', onRequest)

  return {
    redirectUri,
    address: { host: hosts[0] ?? '127.0.0.1', port },
    result,
    closed,
    cancel: () => {
      settle({ ok: false, error: new OAuthFlowError('cancelled') })
      finishPage(undefined)
    },
    finishPage,
  }
}

/** RFC 8252 §7.3: `http` scheme, loopback host, an absolute path without query or fragment. */
function assertRedirectRule(rule: RedirectRule): void {
  if (rule.host !== '127.0.0.1' && rule.host !== 'localhost') {
    throw new TypeError(`Loopback redirects bind to 127.0.0.1 or localhost, not ${String(rule.host)}`)
  }
  if (!/^\/[A-Za-z0-9\-._~/]*$/.test(rule.path)) {
    throw new TypeError(`Redirect path must be an absolute path without query or fragment: ${rule.path}`)
  }
  if (rule.ports !== 'ephemeral') {
    if (rule.ports.length === 0) throw new TypeError('A registered-ports redirect rule needs at least one port')
    for (const port of rule.ports) {
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new TypeError(`Not a TCP port: ${port}`)
    }
  }
}

function hostFieldCount(req: IncomingMessage): number {
  let count = 0
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]?.toLowerCase() === 'host') count++
  return count
}

/**
 * RFC 8252 §8.3 prefers the IP literal, because `localhost` may resolve to either loopback
 * address. Where a network insists on `localhost`, Relink holds both 127.0.0.1 and ::1 on the same
 * port: a browser that tries ::1 first must not hand the authorization code to whatever program
 * listens there. A machine without IPv6 has no ::1 to hold, and no browser can use it either.
 */
const LOOPBACK_ADDRESSES: Record<RedirectRule['host'], readonly string[]> = {
  '127.0.0.1': ['127.0.0.1'],
  localhost: ['127.0.0.1', '::1'],
}

/** How often an ephemeral port is drawn again when its ::1 twin turns out to be taken. */
const EPHEMERAL_ATTEMPTS = 8

function listenOnce(host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    const onError = (err: Error): void => {
      server.close()
      reject(err)
    }
    server.once('error', onError)
    server.listen({ host, port, exclusive: true, ipv6Only: host.includes(':') }, () => {
      server.off('error', onError)
      resolve(server)
    })
  })
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined
}

/** The address family does not exist on this machine (IPv6 switched off). */
const isMissingFamily = (err: unknown): boolean => ['EADDRNOTAVAIL', 'EAFNOSUPPORT'].includes(errorCode(err) ?? '')
const isTaken = (err: unknown): boolean => ['EADDRINUSE', 'EACCES'].includes(errorCode(err) ?? '')

/**
 * Binds every loopback address of the rule on one port: the first to a candidate port, the
 * others to the port it got. Undefined when one of them is taken (everything bound is released).
 */
async function listenOnAll(addresses: readonly string[], candidate: number): Promise<{ servers: Server[]; hosts: string[]; port: number } | undefined> {
  const servers: Server[] = []
  const hosts: string[] = []
  let port = candidate
  try {
    for (const host of addresses) {
      try {
        const server = await listenOnce(host, port)
        servers.push(server)
        hosts.push(host)
        const address = server.address()
        if (address === null || typeof address === 'string') throw new Error('The sign-in listener has no TCP address')
        port = address.port
      } catch (err) {
        if (servers.length > 0 && isMissingFamily(err)) continue
        throw err
      }
    }
    return { servers, hosts, port }
  } catch (err) {
    for (const server of servers) server.close()
    if (isTaken(err)) return undefined
    throw err
  }
}

/** RFC 8252 §7.3: an ephemeral port, unless the network only accepts registered ones. */
async function listenOnFirstFreePort(rule: RedirectRule): Promise<{ servers: Server[]; hosts: string[]; port: number }> {
  const addresses = LOOPBACK_ADDRESSES[rule.host]
  const candidates = rule.ports === 'ephemeral' ? Array.from({ length: EPHEMERAL_ATTEMPTS }, () => 0) : rule.ports
  for (const candidate of candidates) {
    const bound = await listenOnAll(addresses, candidate)
    if (bound) return bound
  }
  const list = rule.ports === 'ephemeral' ? 'every port tried' : candidates.join(', ')
  throw new OAuthFlowError('ports_busy', {
    message: `Relink could not open its sign-in port: ${list} on ${addresses.join(' and ')} ${candidates.length === 1 ? 'is' : 'are all'} in use by other programs. Close them and try again.`,
  })
}

/** Compares without leaking, through timing, how much of the expected state a guess matched. */
function constantTimeEqual(actual: string, expected: string): boolean {
  const a = createHash('sha256').update(actual, 'utf8').digest()
  const b = createHash('sha256').update(expected, 'utf8').digest()
  return timingSafeEqual(a, b) && actual.length === expected.length
}

function sendText(res: ServerResponse, status: number, sentence: string): void {
  send(res, status, 'text/plain; charset=utf-8', `${sentence}\n`)
}

function sendPage(res: ServerResponse, status: number, sentence: string): void {
  // Fixed sentences only: nothing from the request is echoed, so there is nothing to inject.
  const page = (Object.keys(PAGES) as (keyof typeof PAGES)[]).find((key) => PAGES[key] === sentence)
  sendHtml(res, status, page ? HEADINGS[page] : 'Relink', [sentence])
}

/** Names from the network (an account's display name) are text, never markup. */
const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

function sendHtml(res: ServerResponse, status: number, heading: string, paragraphs: readonly string[]): void {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(heading)} · Relink</title><style>${PAGE_STYLE}</style></head>
<body><main><span class="mark" aria-hidden="true">R</span><h1>${escapeHtml(heading)}</h1>${body}</main></body>
</html>
`
  send(res, status, 'text/html; charset=utf-8', html)
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.statusCode = status
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
  res.setHeader('content-type', contentType)
  res.setHeader('content-length', Buffer.byteLength(body))
  res.end(body)
}
