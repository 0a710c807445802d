import { request, type IncomingHttpHeaders } from 'node:http'
import { connect } from 'node:net'

export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/** One request on a fresh connection, with full control over method, target and Host header. */
export function rawRequest(options: {
  port: number
  address?: string
  method?: string
  path: string
  host?: string
}): Promise<RawResponse> {
  const address = options.address ?? '127.0.0.1'
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: address,
        port: options.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: options.host ?? `${address}:${options.port}` },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end()
  })
}

/** Whether a TCP connection to address:port is accepted within `withinMs`. */
export function canConnect(address: string, port: number, withinMs = 2_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port })
    const timer = setTimeout(() => {
      socket.destroy()
      resolve(false)
    }, withinMs)
    socket.once('connect', () => {
      clearTimeout(timer)
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => {
      clearTimeout(timer)
      resolve(false)
    })
  })
}

/** Reports whether a promise has settled by now, without waiting for it. */
export async function settledState<T>(promise: Promise<T>): Promise<'pending' | 'resolved' | 'rejected'> {
  const marker = Symbol('pending')
  try {
    const value = await Promise.race([promise, Promise.resolve(marker)])
    return value === marker ? 'pending' : 'resolved'
  } catch {
    return 'rejected'
  }
}

/** Writes `head` (request line and headers, CRLF-separated, without the blank line) on a raw socket and reads the status. */
export function rawSocketRequest(options: { port: number; address?: string; head: string[] }): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: options.address ?? '127.0.0.1', port: options.port })
    const chunks: Buffer[] = []
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), text })
    })
    socket.on('connect', () => socket.end([...options.head, 'Connection: close', '', ''].join('\r\n')))
  })
}
