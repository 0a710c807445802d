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
