/**
 * The sandbox network: one loopback HTTP server that speaks the wire dialects of Facebook (and
 * Instagram through it), LinkedIn, X and Mastodon, on an injected clock. The demo mode and every
 * test talk to it through the same adapters that talk to the real networks.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { Network } from '../../shared/domain/network'
import { HttpTransportError, type Clock, type Http, type HttpResponse, type IdSource } from '../ports'
import { cryptoIds } from '../platform/crypto-ids'
import type { AppCredentials, ProviderEndpoints } from '../providers/types'
import { DIALECTS } from './dialects'
import { pictureAnswer } from './pictures'
import { mulberry32 } from '../../shared/random'
import type { DialectContext, SandboxDialect, SandboxRequest, SandboxResponse } from './types'
import { createWorld, type SandboxNetworkId, type SandboxPost, type SandboxWorld } from './world'

const MAX_BODY_BYTES = 16 * 1024 * 1024

/** Faults a test or the demo panel switches on per network. */
export interface NetworkFaults {
  /** Every request gets the network's 429 until this time (sandbox clock, ms). */
  rateLimitedUntil?: number
  /** The next N requests get a 5xx. */
  failNext: number
  failStatus: number
  /** The next N requests never get an answer (the client's timeout must fire). */
  hangNext: number
  /** Wall-clock delay added to every answer, ms. */
  slowMs: number
}

export interface SandboxStats {
  requests: number
  byNetwork: Record<SandboxNetworkId, number>
  inFlight: number
  peakInFlight: number
}

export interface SandboxOptions {
  clock: Clock
  seed?: number
  host?: string
  port?: number
  /** Leave the world empty (tests that build their own). Default: seeded demo world. */
  empty?: boolean
  /** Where tokens and app secrets come from: the system's randomness unless a simulation seeds them. */
  ids?: IdSource
}

export interface SandboxNetwork {
  origin: string
  /**
   * The same network without sockets: requests to the sandbox's origin are answered in-process,
   * others go to `fallback`. Long simulations use it; a hang becomes an immediate timeout.
   */
  inProcessHttp(fallback: Http): Http
  world: SandboxWorld
  stats: SandboxStats
  endpoints(network: Network): ProviderEndpoints
  credentials(network: Network): AppCredentials
  controls: SandboxControls
  /** A new id for a comment under `post`, in its network's form. */
  commentId(post: SandboxPost, at: number): string
  /**
   * A post published on a channel outside Relink (in the network's own app, by a colleague or
   * another tool), in its network's form, by the channel's first person.
   */
  postOutside(channelId: string, input: { text: string; at: number }): SandboxPost
  close(): Promise<void>
}

export type SandboxControls = SandboxWorld['breakers'] & {
  rateLimit(network: SandboxNetworkId, forMs: number): void
  failNext(network: SandboxNetworkId, count: number, status?: number): void
  hangNext(network: SandboxNetworkId, count: number): void
  slow(network: SandboxNetworkId, ms: number): void
  clearFaults(network?: SandboxNetworkId): void
  faults(network: SandboxNetworkId): Readonly<NetworkFaults>
}

const mountOf = (network: Network): SandboxNetworkId => (network === 'instagram' ? 'facebook' : network)

export async function startSandboxNetwork(options: SandboxOptions): Promise<SandboxNetwork> {
  const { clock } = options
  const seed = options.seed ?? 1
  const world = createWorld(clock, options.ids ?? cryptoIds)
  const dialects = new Map<SandboxNetworkId, SandboxDialect>(DIALECTS.map((d) => [d.network, d]))
  const faults = new Map<SandboxNetworkId, NetworkFaults>()
  const sockets = new Set<Socket>()
  const hanging = new Set<ServerResponse>()
  const stats: SandboxStats = {
    requests: 0,
    byNetwork: { facebook: 0, linkedin: 0, x: 0, mastodon: 0 },
    inFlight: 0,
    peakInFlight: 0,
  }
  const faultsOf = (network: SandboxNetworkId): NetworkFaults => {
    let f = faults.get(network)
    if (!f) {
      f = { failNext: 0, failStatus: 503, hangNext: 0, slowMs: 0 }
      faults.set(network, f)
    }
    return f
  }

  let origin = ''
  const contextFor = (network: SandboxNetworkId): DialectContext => ({
    world,
    now: clock.now(),
    origin,
    base: `${origin}/${network}`,
    seed,
  })

  const server = createServer((req, res) => {
    void serve(req, res)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.inFlight += 1
    stats.peakInFlight = Math.max(stats.peakInFlight, stats.inFlight)
    let settled = false
    const done = (): void => {
      if (settled) return
      settled = true
      stats.inFlight -= 1
    }
    res.on('close', done)
    try {
      const url = new URL(req.url ?? '/', 'http://sandbox.invalid')
      const headers: Record<string, string> = {}
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v
      const answer = await answerFor(req.method ?? 'GET', url, headers, () => readBody(req))
      if (answer === 'hang') {
        hanging.add(res)
        res.on('close', () => hanging.delete(res))
        return
      }
      send(res, answer)
    } catch (err) {
      send(res, { status: 500, headers: { 'content-type': 'text/plain' }, body: `Sandbox failure: ${err instanceof Error ? err.message : String(err)}` })
    }
  }

  /** One request's answer, faults included: shared by the HTTP server and the in-process port. */
  async function answerFor(method: string, url: URL, headers: Record<string, string>, body: () => Promise<Buffer>): Promise<SandboxResponse | 'hang'> {
    const [, mount = '', ...rest] = url.pathname.split('/')
    // Profile pictures sit on the networks' CDNs, outside their APIs' rate limits and faults.
    if (mount === 'pictures' && method.toUpperCase() === 'GET') return pictureAnswer(world, rest.join('/'))
    const dialect = dialects.get(mount as SandboxNetworkId)
    if (!dialect) return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'No such sandbox network' }
    stats.requests += 1
    stats.byNetwork[dialect.network] += 1
    const bytes = await body()
    const ctx = contextFor(dialect.network)
    world.materialize()
    const f = faultsOf(dialect.network)
    if (f.slowMs > 0) await new Promise((r) => setTimeout(r, f.slowMs))
    if (f.hangNext > 0) {
      f.hangNext -= 1
      return 'hang'
    }
    if (f.failNext > 0) {
      f.failNext -= 1
      return dialect.serverError(ctx, f.failStatus)
    }
    if (f.rateLimitedUntil !== undefined && f.rateLimitedUntil > ctx.now) return dialect.rateLimited(ctx, f.rateLimitedUntil)
    return dialect.handle(toSandboxRequest(method, headers, `/${rest.join('/')}`, url.searchParams, bytes), ctx)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  origin = `http://${options.host ?? '127.0.0.1'}:${address.port}`

  if (!options.empty) {
    const rng = mulberry32(seed)
    for (const dialect of DIALECTS) dialect.seed(contextFor(dialect.network), rng)
  }

  const controls: SandboxControls = {
    ...world.breakers,
    rateLimit: (network, forMs) => void (faultsOf(network).rateLimitedUntil = clock.now() + forMs),
    failNext(network, count, status = 503) {
      const f = faultsOf(network)
      f.failNext = count
      f.failStatus = status
    },
    hangNext: (network, count) => void (faultsOf(network).hangNext = count),
    slow: (network, ms) => void (faultsOf(network).slowMs = ms),
    clearFaults(network) {
      for (const n of network ? [network] : [...dialects.keys()]) faults.set(n, { failNext: 0, failStatus: 503, hangNext: 0, slowMs: 0 })
    },
    faults: (network) => faultsOf(network),
  }

  return {
    origin,
    world,
    stats,
    controls,
    commentId(post, at) {
      const dialect = dialects.get(post.network)
      if (!dialect) throw new Error(`sandbox: no dialect for ${post.network}`)
      return dialect.commentId(contextFor(post.network), post, at)
    },
    postOutside(channelId, input) {
      const channel = world.channels.get(channelId)
      const dialect = channel ? dialects.get(channel.network) : undefined
      if (!channel || !dialect) throw new Error(`sandbox: no channel ${channelId}`)
      const id = dialect.postId(contextFor(channel.network), channel, input.at)
      const author = [...channel.roles.keys()][0] ?? ''
      return world.addPost({ id, network: channel.network, channelId: channel.id, authorUserId: author, text: input.text, createdAt: input.at })
    },
    inProcessHttp: (fallback) => ({
      async request(req): Promise<HttpResponse> {
        const url = new URL(req.url)
        if (url.origin !== origin) return fallback.request(req)
        const headers: Record<string, string> = {}
        for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v
        const body = req.body === undefined ? Buffer.alloc(0) : Buffer.from(req.body)
        let answer: SandboxResponse | 'hang'
        try {
          answer = await answerFor(req.method, url, headers, async () => body)
        } catch (err) {
          answer = { status: 500, headers: { 'content-type': 'text/plain' }, body: `Sandbox failure: ${err instanceof Error ? err.message : String(err)}` }
        }
        if (answer === 'hang') throw new HttpTransportError('timeout', 'No answer in time')
        const out: Record<string, string> = {}
        for (const [k, v] of Object.entries(answer.headers ?? {})) out[k.toLowerCase()] = v
        if (req.responseType === 'bytes') {
          const raw = typeof answer.body === 'string' || Buffer.isBuffer(answer.body) ? Buffer.from(answer.body) : Buffer.from(JSON.stringify(answer.body ?? ''))
          return { status: answer.status, headers: out, body: '', bytes: new Uint8Array(raw.subarray(0, req.maxBytes === undefined ? raw.length : req.maxBytes + 1)) }
        }
        let text = ''
        if (typeof answer.body === 'string') text = answer.body
        else if (Buffer.isBuffer(answer.body)) text = answer.body.toString('utf8')
        else if (answer.body !== undefined) {
          text = JSON.stringify(answer.body)
          out['content-type'] ??= 'application/json; charset=utf-8'
        }
        return { status: answer.status, headers: out, body: text }
      },
    }),
    endpoints(network) {
      const mount = mountOf(network)
      const dialect = dialects.get(mount)
      const endpoints = dialect?.endpoints(`${origin}/${mount}`)[network]
      if (!endpoints) throw new Error(`The sandbox does not serve ${network}`)
      return endpoints
    },
    credentials(network) {
      const mount = mountOf(network)
      const creds = dialects.get(mount)?.credentials(contextFor(mount))[network]
      if (!creds) throw new Error(`The sandbox has no developer app for ${network}`)
      return creds
    },
    async close() {
      for (const res of hanging) res.destroy()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      })
    },
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new Error('Request body too large'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function toSandboxRequest(method: string, headers: Record<string, string>, path: string, query: URLSearchParams, body: Buffer): SandboxRequest {
  const type = headers['content-type'] ?? ''
  const text = type.includes('application/x-www-form-urlencoded') || type.includes('json') ? body.toString('utf8') : ''
  let json: unknown
  if (type.includes('json')) {
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
  }
  const auth = headers.authorization
  return {
    method: method.toUpperCase(),
    path,
    query,
    headers,
    body,
    form: type.includes('application/x-www-form-urlencoded') ? new URLSearchParams(text) : new URLSearchParams(),
    json,
    bearer: auth?.toLowerCase().startsWith('bearer ') ? auth.slice(7).trim() : undefined,
  }
}

function send(res: ServerResponse, response: SandboxResponse): void {
  if (res.headersSent || res.destroyed) return
  const headers = { ...response.headers }
  let payload: string | Buffer | undefined
  if (response.body === undefined) payload = undefined
  else if (typeof response.body === 'string' || Buffer.isBuffer(response.body)) payload = response.body
  else {
    payload = JSON.stringify(response.body)
    headers['content-type'] ??= 'application/json; charset=utf-8'
  }
  res.writeHead(response.status, headers)
  res.end(payload)
}
