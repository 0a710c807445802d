/**
 * Transient faults on the way to the networks, seeded: 5xx answers, 429s, timeouts, and the worst
 * kind, where the network acted but Relink never heard (the answer is lost after the request
 * was served). Token endpoints are spared that last kind: a rotated refresh token whose answer is
 * lost is gone for good on a network that enforces single use, a real break rather than a fault.
 */
import { HttpTransportError, type Http, type HttpRequest } from '../../../src/main/ports'
import type { EventLog } from './event-log'

export interface FaultTally {
  requests: number
  faults: number
  afterActing: number
}

export interface FaultyHttp {
  wrap(inner: Http): Http
  tally: FaultTally
  /** Faults apply only while on (the team's own sign-ins in the browser run without them). */
  enabled: boolean
  /**
   * Texts whose write loses its answer after the network acted, once each, whatever the roll: a
   * rare fault made sure of where every run must meet it (the team's replies from the inbox).
   */
  loseAnswerOf: Set<string>
}

/** What a request carries in words, its query and body decoded (a form, JSON or a query string). */
function carried(req: { url: string; body?: string | Uint8Array }): string {
  const raw = `${req.url} ${typeof req.body === 'string' ? req.body : ''}`
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '))
  } catch {
    return raw
  }
}

const TOKEN_PATH = /oauth|\/token|accessToken|introspect|debug_token/i

/** `log` is told every request made while faults are on, with what became of it. */
export function faultyHttp(rng: () => number, rate: number, log?: EventLog): FaultyHttp {
  const tally: FaultTally = { requests: 0, faults: 0, afterActing: 0 }
  // Headers too: the tokens Relink sends are the sandbox's, drawn from the seed like everything else.
  const headers = (req: HttpRequest): string =>
    Object.entries(req.headers ?? {})
      .map(([k, v]) => `${k.toLowerCase()}: ${v}`)
      .sort()
      .join('; ')
  const note = (req: HttpRequest, outcome: string): void => log?.add(`${req.method} ${req.url} ${outcome} [${headers(req)}]`, req.body)
  const state: FaultyHttp = {
    tally,
    enabled: false,
    loseAnswerOf: new Set(),
    wrap: (inner) => ({
      async request(req) {
        if (!state.enabled || req.url.includes('/callback/')) return inner.request(req)
        tally.requests += 1
        const marked = req.method === 'GET' || state.loseAnswerOf.size === 0 ? undefined : [...state.loseAnswerOf].find((t) => carried(req).includes(t))
        if (marked !== undefined) {
          state.loseAnswerOf.delete(marked)
          tally.faults += 1
          tally.afterActing += 1
          note(req, 'acted, answer lost (marked)')
          await inner.request(req)
          throw new HttpTransportError('timeout', 'No answer in time')
        }
        const roll = rng()
        if (roll >= rate) {
          note(req, 'passed')
          return inner.request(req)
        }
        tally.faults += 1
        const kind = rng()
        if (kind < 0.25 && req.method !== 'GET' && !TOKEN_PATH.test(req.url)) {
          // The network did it; the answer never arrives (or arrives as a gateway error).
          tally.afterActing += 1
          note(req, 'acted, answer lost')
          await inner.request(req)
          if (rng() < 0.5) throw new HttpTransportError('timeout', 'No answer in time')
          return { status: 504, headers: { 'content-type': 'text/html' }, body: '<html><body>Gateway Timeout</body></html>' }
        }
        if (kind < 0.55) {
          const status = [500, 502, 503][Math.floor(rng() * 3)] ?? 503
          note(req, String(status))
          return { status, headers: { 'content-type': 'text/html' }, body: '<html><body>Service Unavailable</body></html>' }
        }
        note(req, kind < 0.8 ? 'timeout' : '429')
        if (kind < 0.8) throw new HttpTransportError('timeout', 'No answer in time')
        return { status: 429, headers: { 'retry-after': '60', 'content-type': 'application/json' }, body: '{"error":"Too Many Requests"}' }
      },
    }),
  }
  return state
}
