import { HttpTransportError, type Http, type HttpRequest, type HttpResponse } from '../ports'

const DEFAULT_TIMEOUT_MS = 30_000

/** `Http` over the runtime's fetch (undici in Node, the same in Electron's main process). */
export function createNodeHttp(options: { defaultTimeoutMs?: number } = {}): Http {
  const defaultTimeout = options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS
  return {
    async request(req: HttpRequest): Promise<HttpResponse> {
      const timeoutMs = req.timeoutMs ?? defaultTimeout
      const timeout = AbortSignal.timeout(timeoutMs)
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout
      try {
        const res = await fetch(req.url, {
          method: req.method,
          headers: req.headers,
          body: req.body,
          signal,
          redirect: 'manual',
        })
        const headers: Record<string, string> = {}
        res.headers.forEach((value, name) => {
          headers[name.toLowerCase()] = value
        })
        if (req.responseType === 'bytes') return { status: res.status, headers, body: '', bytes: await readBytes(res, req.maxBytes) }
        return { status: res.status, headers, body: await res.text() }
      } catch (err) {
        if (timeout.aborted) {
          throw new HttpTransportError('timeout', `No answer from ${new URL(req.url).host} within ${timeoutMs} ms`, { cause: err })
        }
        if (req.signal?.aborted) {
          throw new HttpTransportError('aborted', 'The request was cancelled', { cause: err })
        }
        throw new HttpTransportError('network', `Could not reach ${new URL(req.url).host}`, { cause: err })
      }
    },
  }
}

/** The body's bytes, stopping one byte past `maxBytes` (the rest is never downloaded). */
async function readBytes(res: Response, maxBytes: number | undefined): Promise<Uint8Array> {
  if (maxBytes === undefined || !res.body) return new Uint8Array(await res.arrayBuffer())
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  while (size <= maxBytes) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    size += value.byteLength
  }
  if (size > maxBytes) await reader.cancel()
  const out = new Uint8Array(Math.min(size, maxBytes + 1))
  let at = 0
  for (const chunk of chunks) {
    const part = chunk.subarray(0, out.length - at)
    out.set(part, at)
    at += part.length
    if (at >= out.length) break
  }
  return out
}
