import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { HttpTransportError } from '../ports'
import { createNodeHttp } from './node-http'

let server: Server
let base = ''
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/hang') return
    if (req.url === '/bytes') {
      res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 256)))
      return
    }
    if (req.url === '/redirect') {
      res.writeHead(302, { location: 'https://elsewhere.example/' }).end()
      return
    }
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => res.writeHead(201, { 'X-Echo': 'yes', 'content-type': 'text/plain' }).end(`${req.method} ${body}`))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => {
  server.closeAllConnections()
  server.close()
})

it('returns status, lower-cased headers and the body text', async () => {
  const res = await createNodeHttp().request({ method: 'POST', url: `${base}/echo`, body: 'hello' })
  expect(res.status).toBe(201)
  expect(res.headers['x-echo']).toBe('yes')
  expect(res.body).toBe('POST hello')
})

it('does not follow redirects (token endpoints must not be bounced elsewhere)', async () => {
  const res = await createNodeHttp().request({ method: 'GET', url: `${base}/redirect` })
  expect(res.status).toBe(302)
})

it('turns a timeout, a cancel and a refused connection into transport errors', async () => {
  const http = createNodeHttp()
  await expect(http.request({ method: 'GET', url: `${base}/hang`, timeoutMs: 150 })).rejects.toMatchObject({ kind: 'timeout' })
  const controller = new AbortController()
  const pending = http.request({ method: 'GET', url: `${base}/hang`, signal: controller.signal })
  controller.abort()
  await expect(pending).rejects.toMatchObject({ kind: 'aborted' })
  const refused = http.request({ method: 'GET', url: 'http://127.0.0.1:1/' })
  await expect(refused).rejects.toBeInstanceOf(HttpTransportError)
  await expect(refused).rejects.toMatchObject({ kind: 'network' })
})

it('reads a binary answer as bytes, and stops one byte past the cap', async () => {
  const http = createNodeHttp()
  const whole = await http.request({ method: 'GET', url: `${base}/bytes`, responseType: 'bytes' })
  expect(whole.bytes?.length).toBe(300_000)
  expect([...(whole.bytes ?? new Uint8Array()).subarray(254, 258)]).toEqual([254, 255, 0, 1])
  const capped = await http.request({ method: 'GET', url: `${base}/bytes`, responseType: 'bytes', maxBytes: 1000 })
  expect(capped.status).toBe(200)
  expect(capped.bytes?.length).toBe(1001)
  expect(capped.body).toBe('')
})
